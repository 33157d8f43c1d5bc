// Sharing and embedding: figure state in the URL (#fig=ID&state=…, or embed.html?fig=…&state=…),
// "copy link" and "copy embed code", PNG/CSV/JSON export, and the postMessage API an embedding
// host page (e.g. reveal.js slides) can use. Every URL-derived string is validated and only
// ever shown through textContent.
import { FIGURES, FIGURE_IDS, MAX_STATE_CHARS, readLink, clip } from './figures.js';
import * as xp from './xp.js';
import { figureMessage, pageNotice, runCommand, figurePng } from './article.js';

let page = null;
let pending = null;  // { id, query } from the URL, applied once the module runs

// ---------------------------------------------------------------------------------------------
// Reading state from the URL (figures.js readLink: the module's query grammar). The state itself
// is not decoded or checked here: the module reads it (xp_set_state) and says what it ignored.
function readUrl() {
  if (page.mode === 'embed') {
    const { params, error } = readLink(location.search);
    return { fig: page.embedFig, state: error ? null : params.get('state'), embed: true };
  }
  const h = location.hash.replace(/^#/, '');
  if (!/(^|&)(fig|state)=/.test(h)) return null;  // an ordinary section anchor
  const { params, error } = readLink(h);
  return { fig: params.get('fig'), state: params.get('state'), error };
}

function takeUrlState() {
  const u = readUrl();
  if (!u) return;
  if (u.error) {
    pageNotice('The link is malformed (' + u.error + '); the article shows its default figures.', 'warn');
    pending = null;
    return;
  }
  if (!u.embed && (typeof u.fig !== 'string' || !FIGURE_IDS.includes(u.fig))) {
    pageNotice('The link names an unknown figure (“' + clip(u.fig == null ? '' : u.fig) + '”); the article shows its default figures.', 'warn');
    pending = null;
    return;
  }
  const id = u.fig;
  if (page.mode === 'article') {
    const fig = document.querySelector('.fig[data-fig="' + id + '"]');
    if (fig) requestAnimationFrame(() => fig.scrollIntoView({ block: 'start' }));
  }
  if (u.state == null || u.state === '') { pending = null; return; }
  if (u.state.length > MAX_STATE_CHARS) {
    figureMessage(id, 'The link’s figure state is too long (' + u.state.length + ' characters); the figure shows its default.', 'warn');
    pending = null;
    return;
  }
  pending = { id, query: u.state };
  if (page.started) applyPendingState();
}

export function applyPendingState() {
  if (!pending) return;
  const { id, query } = pending;
  pending = null;
  const r = xp.setState(id, query);
  if (r) figureMessage(id, 'Some of the link’s settings were not applied: ' + clip(r, 300) + '. Safe defaults are used instead.', 'warn');
  else figureMessage(id, '');
}

// ---------------------------------------------------------------------------------------------
// Links and embed code
function baseUrl(file) {
  const u = new URL(file, location.href);
  u.search = ''; u.hash = '';
  return u.href;
}
export function viewLink(id) {
  const st = page.live ? xp.getState(id) : null;
  let h = 'fig=' + encodeURIComponent(id);
  if (st) h += '&state=' + encodeURIComponent(st);
  return baseUrl('index.html') + '#' + h;
}
export function embedCode(id) {
  const st = page.live ? xp.getState(id) : null;
  let src = baseUrl('embed.html') + '?fig=' + encodeURIComponent(id);
  if (st) src += '&state=' + encodeURIComponent(st);
  src += '&controls=1&text=1&height=auto';
  const title = (FIGURES[id] ? FIGURES[id].title : id).replace(/[<>"&]/g, '');
  const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return '<iframe src="' + attr + '" title="' + title + '" width="100%" height="480" style="border:0;max-width:100%" loading="lazy"></iframe>\n'
    + '<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="rq-embed-height"||typeof d.height!=="number")return;'
    + 'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=Math.min(4000,Math.max(100,d.height))+"px"})});<\/script>';
}

function showShare(fig, label, text) {
  const box = fig.querySelector('.fig-share');
  if (!box) return;
  const lab = document.createElement('label');
  lab.textContent = label;
  const field = document.createElement(text.includes('\n') ? 'textarea' : 'input');
  field.readOnly = true;
  field.value = text;
  field.className = 'share-field';
  if (field.tagName === 'TEXTAREA') field.rows = 4;
  lab.appendChild(field);
  box.replaceChildren(lab);
  box.hidden = false;
  field.focus();
  field.select();
}

async function copy(fig, id, label, text) {
  showShare(fig, label, text);
  try {
    await navigator.clipboard.writeText(text);
    figureMessage(id, 'Copied to the clipboard.', 'ok');
  } catch {
    figureMessage(id, 'Select the text below and copy it (the clipboard is not available here).', 'info');
  }
}

// ---------------------------------------------------------------------------------------------
// Exports
function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
async function exportPng(id) {
  try {
    const blob = await figurePng(id);
    download(blob, 'rayleigh-' + id + '.png');
    figureMessage(id, 'PNG saved.', 'ok');
  } catch (e) {
    figureMessage(id, 'Could not save a PNG: ' + clip(e.message || e, 120) + '.', 'warn');
  }
}
function exportData(id, kind) {
  if (!page.live) { figureMessage(id, 'The interactive figure is still loading.', 'info'); return; }
  const s = xp.exportData(id, kind);
  if (!s) { figureMessage(id, 'The figure returned no data.', 'warn'); return; }
  download(new Blob([s], { type: kind === 'csv' ? 'text/csv' : 'application/json' }), 'rayleigh-' + id + '.' + kind);
  figureMessage(id, kind.toUpperCase() + ' saved.', 'ok');
}

function addShareButtons(fig, id) {
  const bar = fig.querySelector('.fig-tools');
  if (!bar) return;
  const mk = (label, title, fn) => {
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = label; b.title = title; b.className = 'share';
    b.addEventListener('click', fn);
    bar.appendChild(b);
  };
  if (page.mode === 'article') {
    mk('Copy link', 'A link that reopens this figure exactly as it is now', () => copy(fig, id, 'Link to this view', viewLink(id)));
    mk('Embed', 'HTML to put this figure, as it is now, into a lecture page or slides', () => copy(fig, id, 'Embed code (iframe)', embedCode(id)));
  } else {
    mk('Open in article', 'Open this view in the full article', () => window.open(viewLink(id), '_blank', 'noopener'));
  }
  mk('PNG', 'Save the figure as an image', () => exportPng(id));
  mk('CSV', 'Save the figure’s data (with parameters and run hash)', () => exportData(id, 'csv'));
  mk('JSON', 'Save the figure’s data and parameters as JSON', () => exportData(id, 'json'));
}

// ---------------------------------------------------------------------------------------------
// Embed: postMessage API for the host page, and auto height.
const COMMANDS = new Set(['play', 'pause', 'step', 'reset', 'preset', 'state']);
function validCommand(d) {
  if (!d || typeof d !== 'object' || Array.isArray(d)) return 'not an object';
  if (d.type !== 'rq-command') return 'type must be "rq-command"';
  if (typeof d.command !== 'string' || !COMMANDS.has(d.command)) return 'unknown command';
  if (d.command === 'preset' && (typeof d.preset !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(d.preset))) return 'bad preset name';
  if (d.fig !== undefined && d.fig !== page.embedFig) return 'this frame shows another figure';
  if (d.id !== undefined && !(typeof d.id === 'number' && Number.isFinite(d.id)) && !(typeof d.id === 'string' && d.id.length <= 64)) return 'bad id';
  return '';
}
function initMessages() {
  window.rqEmbed = { received: 0, accepted: 0, rejected: 0 };
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || d.type !== 'rq-command') return;  // not for us
    window.rqEmbed.received++;
    const id = page.embedFig;
    const bad = validCommand(d);
    let ok = false, message = bad, state;
    if (!bad) {
      if (d.command === 'state') {
        state = page.live ? (xp.getState(id) || '') : '';
        ok = page.live;
        if (!ok) message = 'the figure is still loading';
      } else {
        ok = runCommand(id, d.command === 'preset' ? 'preset:' + d.preset : d.command);
        if (!ok) message = page.live ? 'the figure refused the command' : 'the figure is still loading';
      }
    }
    if (ok) window.rqEmbed.accepted++; else window.rqEmbed.rejected++;
    const reply = { type: 'rq-result', ok, message: message || '', fig: id };
    if (d.id !== undefined && !bad) reply.id = d.id;
    if (state !== undefined) reply.state = state;
    try { if (e.source && typeof e.source.postMessage === 'function') e.source.postMessage(reply, e.origin && e.origin !== 'null' ? e.origin : '*'); } catch { /* host went away */ }
  });
}
function initAutoHeight() {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: 'rq-embed-height', fig: page.embedFig, height: h }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}

// ---------------------------------------------------------------------------------------------
export function initShare(p) {
  page = p;
  for (const fig of document.querySelectorAll('.fig[data-fig]')) {
    if (page.mode === 'article' || page.controls) addShareButtons(fig, fig.dataset.fig);
  }
  takeUrlState();
  if (page.mode === 'article') window.addEventListener('hashchange', takeUrlState);
  if (page.mode === 'embed') { initMessages(); if (page.autoHeight) initAutoHeight(); }
}
