// The page side of docs/figure-contract.md, shared by the article (index.html) and the embed
// page (embed.html): one module, one WebGL canvas fixed to the viewport, figures drawn into the
// rectangles of their placeholders. This file wires the placeholders (visibility, events,
// toolbars, theme); share.js handles URLs, embedding and exports.
import { FIGURES, FIGURE_IDS, clip } from './figures.js';
import * as xp from './xp.js';
import { initShare, applyPendingState } from './share.js';

const root = document.documentElement;
const mode = document.body.dataset.mode === 'embed' ? 'embed' : 'article';
const canvas = document.getElementById('canvas');
// The figure placeholders, in document order. Asked for several times in every frame (rqHooks), so the
// list is kept and looked up again only after the DOM changed in a way that can add, remove or move
// one: an element inserted or removed, or a change of class or data-fig on an element whose match
// differs from the list's. Records are checked when the observer delivers them and, still pending,
// on every call, so a change made in the same task as the call is seen too. The layout
// (getBoundingClientRect) is never cached: it is read where it is used, in every frame, so
// scrolling and resizing stay exact.
const SLOT = '.figure-slot[data-fig]';
let slotList = null, slotSet = null;
const slotWatch = new MutationObserver((records) => { if (slotList && slotsChanged(records)) slotList = null; });
slotWatch.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'data-fig'] });
function slotsChanged(records) {
  for (const r of records) {
    if (r.type === 'attributes') {
      const t = r.target;
      if (t.nodeType === 1 && t.matches(SLOT) !== slotSet.has(t)) return true;
      continue;
    }
    for (const n of r.addedNodes) if (n.nodeType === 1 && (n.matches(SLOT) || n.querySelector(SLOT))) return true;
    for (const n of r.removedNodes) if (n.nodeType === 1 && (slotSet.has(n) || n.querySelector(SLOT))) return true;
  }
  return false;
}
const slots = () => {
  const records = slotWatch.takeRecords();
  if (slotList && (!records.length || !slotsChanged(records))) return slotList;
  slotList = Array.from(document.querySelectorAll(SLOT));
  slotSet = new Set(slotList);
  return slotList;
};
const page = {
  mode, live: false, visible: new Set(), lastView: '', controls: true,
  moduleIds: null, pendingPng: [],
};
window.rqPage = page;  // for tests and the browser console
window.rqInput = { down: 0, move: 0, up: 0, wheel: 0, last: null };

// ---------------------------------------------------------------------------------------------
// Messages (always textContent: nothing from a URL or the module is ever parsed as HTML)
export function figureMessage(id, text, kind = 'info') {
  const fig = document.querySelector('.fig[data-fig="' + id + '"]');
  const el = fig && fig.querySelector('.fig-msg');
  if (!el) { pageNotice(text, kind); return; }
  el.textContent = text;
  el.dataset.kind = kind;
  el.hidden = !text;
}
export function pageNotice(text, kind = 'warn') {
  const el = document.getElementById('page-notice');
  if (!el) return;
  el.textContent = text;
  el.dataset.kind = kind;
  el.hidden = !text;
}

// ---------------------------------------------------------------------------------------------
// Theme: prefers-color-scheme, overridden by the toggle (remembered) or the embed's ?theme=.
const darkQuery = matchMedia('(prefers-color-scheme: dark)');
const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
function storedTheme() {
  try { const t = localStorage.getItem('rq-theme'); return t === 'light' || t === 'dark' ? t : ''; } catch { return ''; }
}
export function effectiveTheme() {
  const forced = root.dataset.themeForced;
  if (forced === 'light' || forced === 'dark') return forced;
  return storedTheme() || (darkQuery.matches ? 'dark' : 'light');
}
// Fallback images exist in both themes (fallback/ID.png, fallback/ID-dark.png); print is light.
function themeImages(dark) {
  for (const img of document.querySelectorAll('img.fallback')) {
    const id = img.closest('[data-fig]') && img.closest('[data-fig]').dataset.fig;
    if (!id) continue;
    const want = 'fallback/' + id + (dark ? '-dark' : '') + '.png';
    if (img.getAttribute('src') !== want) img.setAttribute('src', want);
  }
}
function applyTheme() {
  const t = effectiveTheme();
  root.dataset.theme = t;
  themeImages(t === 'dark');
  const b = document.getElementById('theme-toggle');
  if (b) {
    b.textContent = t === 'dark' ? 'Light theme' : 'Dark theme';
    b.setAttribute('aria-pressed', t === 'dark' ? 'true' : 'false');
  }
  page.lastView = '';  // resend the view with the new theme
}
function initTheme() {
  applyTheme();
  darkQuery.addEventListener('change', applyTheme);
  const b = document.getElementById('theme-toggle');
  if (b) b.addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem('rq-theme', next); } catch { /* private mode: session only */ root.dataset.themeForced = next; }
    applyTheme();
  });
  motionQuery.addEventListener('change', () => { page.lastView = ''; });
  window.addEventListener('beforeprint', () => themeImages(false));
  window.addEventListener('afterprint', () => themeImages(effectiveTheme() === 'dark'));
}

// WebGL context loss: the static images come back until the context returns; the module then
// re-creates its GPU resources (shaders, buffers, textures, font atlas) and carries on. If the
// browser does not give the context back, "Reload figures" restarts the page in place.
function initContextLoss() {
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();  // allows the browser to restore the context
    root.classList.add('rq-context-lost');
    for (const s of slots()) s.classList.remove('drawn');
    pageNotice('The browser reset the figures’ graphics; static images are shown until they come back.', 'info');
    const n = document.getElementById('page-notice');
    if (n) {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = 'Reload figures'; b.className = 'notice-action';
      b.addEventListener('click', () => { try { sessionStorage.setItem('rq-scroll', String(window.scrollY)); } catch { /* ignore */ } location.reload(); });
      n.appendChild(document.createTextNode(' '));
      n.appendChild(b);
    }
  });
  canvas.addEventListener('webglcontextrestored', () => {
    root.classList.remove('rq-context-lost');
    pageNotice('');
    page.lastView = '';
  });
  try {
    const y = sessionStorage.getItem('rq-scroll');
    if (y !== null) { sessionStorage.removeItem('rq-scroll'); requestAnimationFrame(() => window.scrollTo(0, Number(y) || 0)); }
  } catch { /* ignore */ }
}

// ---------------------------------------------------------------------------------------------
// Visibility: only figures that intersect the viewport are sent to the module; the others pause.
function initVisibility() {
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const id = e.target.dataset.fig;
      if (e.isIntersecting) page.visible.add(id); else page.visible.delete(id);
    }
  }, { threshold: 0 });
  for (const s of slots()) io.observe(s);
}

function currentView() {
  const vw = window.innerWidth, vh = window.innerHeight;
  const figures = [];
  for (const s of slots()) {
    const id = s.dataset.fig;
    if (!page.visible.has(id) || s.classList.contains('unsupported')) continue;
    const r = s.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) continue;
    const q = (v) => Math.round(v * 100) / 100;
    const f = { id, x: q(r.left), y: q(r.top), w: q(r.width), h: q(r.height), controls: page.controls };
    if (document.activeElement === s) f.focus = true;  // keyboard input goes to this figure (extra field)
    figures.push(f);
  }
  return JSON.stringify({
    dpr: Math.round((window.devicePixelRatio || 1) * 1000) / 1000,
    theme: effectiveTheme(),
    reducedMotion: motionQuery.matches,
    figures,
  });
}

// Called by Emscripten's main loop (loader.js) right before and right after every app frame.
window.rqHooks = {
  preFrame() {
    if (!page.live) return;
    if (!page.started) { page.started = true; firstFrame(); }
    const v = currentView();
    if (v !== page.lastView) { page.lastView = v; xp.setView(v); }
  },
  postFrame() {
    if (root.classList.contains('rq-context-lost')) return;  // nothing is drawn: the static images stay
    const frames = xp.figureFrames();
    for (const s of slots()) if ((frames[s.dataset.fig] || 0) > 0 && !s.classList.contains('drawn')) s.classList.add('drawn');
    fitHeights();
    narrate();
    if (page.pendingPng.length) {
      const jobs = page.pendingPng.splice(0);
      for (const job of jobs) {
        try { job.resolve(capture(job.id)); } catch (e) { job.reject(e); }
      }
    }
  },
};

// The module says how tall each drawn figure wants to be at its current width (control rows that
// wrapped, panels stacked on a phone): the placeholder grows to that height (min-height; on a
// phone the aspect ratio is dropped so it fits exactly). A fixed-height embed keeps its height.
function fitHeights() {
  if (!page.live || root.classList.contains('embed-fixed')) return;
  for (const s of slots()) {
    const id = s.dataset.fig;
    if (!page.visible.has(id) || !s.classList.contains('drawn')) continue;
    const h = Number(xp.layout(id));
    if (!(h > 40 && h < 20000)) continue;
    const cur = parseFloat(s.style.minHeight) || 0;
    if (Math.abs(cur - h) < 2) continue;
    s.style.minHeight = Math.ceil(h) + 'px';
    s.classList.add('sized');
  }
}

// Screen-reader narration: a visually hidden aria-live="polite" region per figure, filled with
// the module's short summary of the figure (xp_describe), at most every 1.5 s for the figure
// with focus and every 5 s for the other visible ones, and only when the text changed.
function initNarration() {
  for (const s of slots()) {
    if (s.parentElement.querySelector('.fig-live[data-fig="' + s.dataset.fig + '"]')) continue;
    const el = document.createElement('p');
    el.className = 'fig-live sr-only';
    el.dataset.fig = s.dataset.fig;
    el.setAttribute('aria-live', 'polite');
    el.setAttribute('aria-atomic', 'true');
    s.after(el);
  }
}
const lastSpoken = {};
function narrate() {
  if (!page.live) return;
  const now = performance.now();
  for (const s of slots()) {
    const id = s.dataset.fig;
    if (!page.visible.has(id)) continue;
    const every = document.activeElement === s ? 1500 : 5000;
    const last = lastSpoken[id] || { at: -1e9, text: '' };
    if (now - last.at < every) continue;
    const text = clip(String(xp.describe(id) || ''), 300);
    last.at = now;
    lastSpoken[id] = last;
    if (text === last.text) continue;
    last.text = text;
    const el = s.parentElement.querySelector('.fig-live[data-fig="' + id + '"]');
    if (el) el.textContent = (FIGURES[id] ? FIGURES[id].title + ': ' : '') + text;
  }
}

// Reads the figure's rectangle back from the WebGL canvas. Called right after the frame was
// drawn (postFrame), so the drawing buffer still holds it without preserveDrawingBuffer.
function capture(id) {
  const slot = document.querySelector('.figure-slot[data-fig="' + id + '"]');
  const cr = canvas.getBoundingClientRect();
  const sx = canvas.width / Math.max(1, cr.width), sy = canvas.height / Math.max(1, cr.height);
  const r = slot.getBoundingClientRect();
  let x = Math.round((r.left - cr.left) * sx), y = Math.round((r.top - cr.top) * sy);
  let w = Math.round(r.width * sx), h = Math.round(r.height * sy);
  x = Math.max(0, x); y = Math.max(0, y);
  w = Math.min(w, canvas.width - x); h = Math.min(h, canvas.height - y);
  if (w < 1 || h < 1) throw new Error('the figure is not on screen');
  const out = document.createElement('canvas');
  out.width = w; out.height = h;
  const g = out.getContext('2d');
  const bg = getComputedStyle(slot).backgroundColor;
  g.fillStyle = bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : (effectiveTheme() === 'dark' ? '#1c1f21' : '#ffffff');
  g.fillRect(0, 0, w, h);
  g.drawImage(canvas, x, y, w, h, 0, 0, w, h);
  return out;
}

// Resolves to a PNG Blob of the figure as drawn in the next frame.
export function figurePng(id) {
  return new Promise((resolve, reject) => {
    if (!page.live) { reject(new Error('the interactive figure is not running')); return; }
    const slot = document.querySelector('.figure-slot[data-fig="' + id + '"]');
    if (slot) slot.scrollIntoView({ block: 'nearest' });
    const timer = setTimeout(() => reject(new Error('no frame was drawn')), 3000);
    xp.requestFullFrame();  // the module skips unchanged frames: draw this one so it can be read back
    page.pendingPng.push({
      id,
      resolve: (c) => { clearTimeout(timer); c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Input: pointer events on a placeholder become synthetic mouse events on the canvas (GLFW
// listens there). Touch counts as a mouse; the page still scrolls vertically over a figure until
// the figure has focus (tap it); the wheel goes to a figure only when it has focus or with Ctrl.
function forward(type, e, x, y) {
  const init = {
    bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, screenX: e.screenX || 0, screenY: e.screenY || 0,
    button: e.button > 0 ? e.button : 0, buttons: e.buttons || 0,
    ctrlKey: !!e.ctrlKey, shiftKey: !!e.shiftKey, altKey: !!e.altKey, metaKey: !!e.metaKey,
  };
  let ev;
  if (type === 'wheel') ev = new WheelEvent('wheel', { ...init, deltaX: e.deltaX, deltaY: e.deltaY, deltaMode: e.deltaMode });
  else ev = new MouseEvent(type, init);
  canvas.dispatchEvent(ev);
  const k = type === 'mousedown' ? 'down' : type === 'mouseup' ? 'up' : type === 'wheel' ? 'wheel' : 'move';
  window.rqInput[k]++;
  window.rqInput.last = { type, x, y, pointer: e.pointerType || 'mouse' };
}

// Pinch (two touch pointers on a focused figure) becomes ctrl+wheel at the pinch centre, as
// browsers report a trackpad pinch: the module zooms the plot under it by the pinch ratio
// (one wheel notch = 100 px of deltaY = a factor 0.85 in the plot, src/ui/plot.cpp).
const NOTCH = Math.log(1 / 0.85);
function forwardPinch(e, cx, cy, ratio) {
  if (!(ratio > 0) || !isFinite(ratio) || Math.abs(Math.log(ratio)) < 1e-4) return;
  const deltaY = -100 * Math.log(ratio) / NOTCH;
  forward('mousemove', e, cx, cy);
  forward('wheel', { ...pick(e), ctrlKey: true, deltaX: 0, deltaY, deltaMode: 0 }, cx, cy);
}
const pick = (e) => ({ screenX: e.screenX, screenY: e.screenY, button: 0, buttons: 0, pointerType: e.pointerType, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey });

function initInput() {
  for (const s of slots()) {
    let pressed = false;
    const touches = new Map();  // pointerId → {x, y} of the touch pointers on this figure
    let pinch = null;           // {d}: last distance between the two touches
    let pinched = false;        // a pinch happened: ignore the touch until every finger is up
    let pending = null;         // a touch press not forwarded yet (a second finger may follow)
    const press = (e) => {
      pending = null;
      pressed = true;
      forward('mousemove', e, e.clientX, e.clientY);  // position first, then the press
      forward('mousedown', e, e.clientX, e.clientY);
    };
    const twoTouches = () => { const [a, b] = [...touches.values()]; return { d: Math.hypot(a.x - b.x, a.y - b.y), cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2 }; };
    s.addEventListener('pointerdown', (e) => {
      if (!page.live || e.button > 2) return;
      s.focus({ preventScroll: true });
      try { s.setPointerCapture(e.pointerId); } catch { /* synthetic pointer */ }
      if (e.pointerType === 'touch') {
        touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
        if (touches.size === 2) {  // second finger: a pinch, not a press
          if (pending) { clearTimeout(pending.timer); pending = null; }
          if (pressed) { pressed = false; forward('mouseup', e, e.clientX, e.clientY); }
          pinch = twoTouches();
          pinched = true;
          return;
        }
        if (touches.size > 2 || pinched) return;
        // Wait briefly for a second finger before pressing (a pinch must not start as a click).
        const ev = { ...pick(e), clientX: e.clientX, clientY: e.clientY, button: 0, buttons: 1 };
        pending = { ev, x: e.clientX, y: e.clientY, timer: setTimeout(() => { if (pending) press(pending.ev); }, 90) };
        return;
      }
      press(e);
      if (e.pointerType === 'mouse') e.preventDefault();  // no text selection drag
    });
    s.addEventListener('pointermove', (e) => {
      if (!page.live) return;
      if (e.pointerType === 'touch') {
        if (touches.has(e.pointerId)) touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
        if (pinch && touches.size === 2) {
          const p = twoTouches();
          forwardPinch(e, p.cx, p.cy, p.d / Math.max(1, pinch.d));
          pinch = p;
          return;
        }
        if (pinched) return;
        if (pending) {
          if (Math.hypot(e.clientX - pending.x, e.clientY - pending.y) < 6) return;
          clearTimeout(pending.timer);
          press(pending.ev);
        }
        if (!e.isPrimary) return;
      }
      forward('mousemove', e, e.clientX, e.clientY);
    });
    const release = (e) => {
      if (!page.live) return;
      if (e.pointerType === 'touch') {
        touches.delete(e.pointerId);
        if (touches.size < 2) pinch = null;
        if (pinched) {
          if (touches.size === 0) { pinched = false; forward('mousemove', e, -10000, -10000); }
          return;
        }
        if (pending) {  // a quick tap: press now, release a frame later (ImGui polls once per frame)
          clearTimeout(pending.timer);
          const ev = pending.ev;
          press(ev);
          const up = { ...pick(e), button: 0, buttons: 0 };
          setTimeout(() => {
            if (!pressed) return;
            pressed = false;
            forward('mouseup', up, ev.clientX, ev.clientY);
            forward('mousemove', up, -10000, -10000);
          }, 50);
          return;
        }
      }
      if (!pressed) return;
      pressed = false;
      forward('mouseup', e, e.clientX, e.clientY);
      if (e.pointerType === 'touch') forward('mousemove', e, -10000, -10000);  // no hover after a tap
    };
    s.addEventListener('pointerup', release);
    s.addEventListener('pointercancel', release);  // the browser took the gesture (scroll)
    s.addEventListener('pointerleave', (e) => { if (page.live && !pressed && !touches.size) forward('mousemove', e, -10000, -10000); });
    s.addEventListener('wheel', (e) => {
      if (!page.live) return;
      if (document.activeElement !== s && !e.ctrlKey) return;  // let the page scroll
      e.preventDefault();
      forward('wheel', e, e.clientX, e.clientY);
    }, { passive: false });
    s.addEventListener('contextmenu', (e) => { if (page.live) e.preventDefault(); });
  }
}

// ---------------------------------------------------------------------------------------------
// Toolbars: play/pause/step/reset and the "try this" presets are DOM buttons (keyboard and
// screen-reader operable); share.js adds link/embed/export buttons.
export function runCommand(id, cmd) {
  if (!page.live) {
    figureMessage(id, 'The interactive figure is still loading.', 'info');
    return false;
  }
  const r = xp.command(id, cmd);
  if (r) { figureMessage(id, clip(r, 200), 'warn'); return false; }
  figureMessage(id, '');
  return true;
}

function initTry() {
  for (const a of document.querySelectorAll('.try-link[data-fig][data-preset]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const id = a.dataset.fig;
      const slot = document.querySelector('.figure-slot[data-fig="' + id + '"]');
      if (slot) slot.scrollIntoView({ block: 'nearest', behavior: motionQuery.matches ? 'auto' : 'smooth' });
      if (runCommand(id, 'preset:' + a.dataset.preset)) figureMessage(id, 'Preset “' + a.textContent.trim() + '” loaded.', 'ok');
    });
  }
}

function button(label, title, onClick, cls = '') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  if (cls) b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}
export function makeToolbar(fig, id) {
  const bar = fig.querySelector('.fig-tools');
  if (!bar) return null;
  bar.append(
    button('Play', 'Run the simulation', () => runCommand(id, 'play'), 'cmd'),
    button('Pause', 'Pause the simulation', () => runCommand(id, 'pause'), 'cmd'),
    button('Step', 'Advance one step', () => runCommand(id, 'step'), 'cmd'),
    button('Reset', 'Back to the start of this preset', () => runCommand(id, 'reset'), 'cmd'),
  );
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Figure controls: ' + (FIGURES[id] ? FIGURES[id].title : id));
  return bar;
}

// Presets announced by the module replace "try this" links the module does not know; a figure
// with no other preset than its default hides its "try this" line.
function syncPresets() {
  for (const a of document.querySelectorAll('.try-link[data-fig][data-preset]')) {
    const list = xp.presets(a.dataset.fig);
    if (!list.length || list.some((p) => p.name === a.dataset.preset)) continue;
    const p = a.closest('.try');
    const alt = list.find((x) => x.name !== 'default' && typeof x.try === 'string' && x.try);
    if (!alt) { if (p) p.hidden = true; continue; }
    a.dataset.preset = alt.name;
    a.textContent = clip(typeof alt.label === 'string' && alt.label ? alt.label : alt.name, 80);
    a.setAttribute('href', '#fig=' + encodeURIComponent(a.dataset.fig) + '&state=' + encodeURIComponent('preset=' + alt.name));
    while (a.nextSibling) a.nextSibling.remove();
    a.after(document.createTextNode(' — ' + clip(alt.try, 200)));
  }
}

// ---------------------------------------------------------------------------------------------
// Runtime start-up
function firstFrame() {
  page.moduleIds = xp.figureIds();
  if (page.moduleIds && page.moduleIds.length) {
    for (const s of slots()) {
      if (!page.moduleIds.includes(s.dataset.fig)) {
        s.classList.add('unsupported');
        figureMessage(s.dataset.fig, 'This figure is not in this build yet; showing a static image.', 'info');
      }
    }
  }
  syncPresets();
  applyPendingState();
}

function onRuntime() {
  if (page.live) return;
  page.live = true;
  root.classList.add('rq-live');
  // The figures exist once main() has run: finish the set-up right before the first frame.
}

function start() {
  if (mode === 'embed') {
    // embed.js has built the single figure (from validated query parameters) before importing us
    const cfg = window.rqEmbedConfig || {};
    page.embedFig = cfg.fig;
    page.controls = cfg.controls !== false;
    page.autoHeight = !!cfg.autoHeight;
  }
  initTheme();
  initContextLoss();
  initVisibility();
  initInput();
  initNarration();
  initTry();
  initShare(page);  // link/embed/export buttons first, then the (focus-only) command buttons
  for (const fig of document.querySelectorAll('.fig[data-fig]')) makeToolbar(fig, fig.dataset.fig);
  document.addEventListener('rq-unavailable', (e) => {
    page.live = false;
    root.classList.remove('rq-live');
    for (const s of slots()) s.classList.remove('drawn');
    const why = e.detail && /WebAssembly\b.*cannot run|cannot run WebAssembly/.test(e.detail) ? 'cannot run in this browser (no WebAssembly)' : 'could not start';
    pageNotice('The interactive figures ' + why + '; the images show their default state.', 'info');
  });
  if (root.classList.contains('rq-static')) {
    pageNotice('The interactive figures cannot run in this browser (no WebAssembly); the images show their default state.', 'info');
  }
  if (window.rqRuntimeReady) onRuntime(); else document.addEventListener('rq-runtime', onRuntime, { once: true });
  // Known ids, for checks: the contract's list (the module's list is authoritative once loaded).
  page.ids = FIGURE_IDS;
  page.view = currentView;
}

start();
