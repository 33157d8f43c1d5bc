// Builds the embed page's single figure from its query string before article.js starts.
// Parameters are read with figures.js readLink (the module's query grammar) and each is
// validated; unknown or malformed values fall back to safe defaults with a visible message
// (textContent only). The figure state is left to share.js and the module.
import { FIGURES, FIGURE_IDS, readLink, clip } from './figures.js';

const link = readLink(location.search);  // a malformed link counts as no parameters at all
const p = { get: (name) => (link.params.has(name) ? link.params.get(name) : null) };
const problems = link.error ? ['the link is malformed: ' + link.error] : [];
let fig = p.get('fig');
if (fig === null || !FIGURE_IDS.includes(fig)) {
  problems.push(fig === null ? 'no figure named (fig=…)' : 'unknown figure “' + clip(fig) + '”');
  fig = 'headline';
}
const flag = (name, dflt) => {
  const v = p.get(name);
  if (v === null) return dflt;
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  problems.push(name + ' must be 0 or 1');
  return dflt;
};
const controls = flag('controls', true);
const text = flag('text', true);
let height = p.get('height') || 'auto';
let autoHeight = true;
if (height !== 'auto') {
  const h = Number(height);
  if (/^[0-9]{2,4}$/.test(height) && h >= 120 && h <= 3000) { autoHeight = false; height = h; }
  else { problems.push('height must be auto or 120–3000 pixels'); height = 'auto'; }
}
const theme = p.get('theme');
if (theme === 'light' || theme === 'dark') document.documentElement.dataset.themeForced = theme;
else if (theme !== null) problems.push('theme must be light or dark');

const root = document.documentElement;
root.classList.toggle('embed-notext', !text);
root.classList.toggle('embed-nocontrols', !controls);
root.classList.toggle('embed-fixed', !autoHeight);
if (!autoHeight) root.style.setProperty('--embed-height', height + 'px');

const figure = document.getElementById('embed-figure');
figure.dataset.fig = fig;
const slot = figure.querySelector('.figure-slot');
slot.dataset.fig = fig;
slot.setAttribute('aria-label', 'Interactive figure: ' + FIGURES[fig].title + '. Tab in to use the keyboard; Escape leaves the figure.');
const img = slot.querySelector('.fallback');
img.src = 'fallback/' + fig + '.png';
img.alt = FIGURES[fig].alt;
figure.querySelector('.embed-title').textContent = FIGURES[fig].title;
figure.querySelector('.embed-article').href = 'index.html#fig=' + encodeURIComponent(fig);
document.title = FIGURES[fig].title + ' — Rayleigh quotients';
if (problems.length) {
  const n = document.getElementById('page-notice');
  n.textContent = 'Some embed settings were ignored (' + problems.join('; ') + '); safe defaults are used.';
  n.dataset.kind = 'warn';
  n.hidden = false;
}
window.rqEmbedConfig = { fig, controls, text, autoHeight };
