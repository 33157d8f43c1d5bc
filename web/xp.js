// The page's half of the channel between the page and the module (the module's half is
// src/web/channel.hpp; contract: docs/figure-contract.md): thin wrappers over the module's C ABI
// (xp_*), called only once the module runs (article.js page.live; a call that throws is logged and
// returns null), and the window.rq* values the module reads and writes once per frame.
// web/loader.js, a classic script, reads rqGpuBusy/rqDamage directly (its presenter runs before any
// module is loaded); every other page script goes through here.
const M = () => window.Module;

function call(name, ret, types, args) {
  try {
    return M().ccall(name, ret, types, args);
  } catch (e) {
    console.warn('[rq] ' + name + ' failed: ' + (e && e.message));
    return null;
  }
}

export const setView = (json) => call('xp_set_view', null, ['string'], [json]);
export const getState = (id) => call('xp_get_state', 'string', ['string'], [id]);
export const setState = (id, q) => call('xp_set_state', 'string', ['string', 'string'], [id, q]);
export const command = (id, c) => call('xp_command', 'string', ['string', 'string'], [id, c]);
export const layout = (id) => call('xp_layout', 'number', ['string'], [id]);
export const describe = (id) => call('xp_describe', 'string', ['string'], [id]);
export const exportData = (id, kind) => call('xp_export', 'string', ['string', 'string'], [id, kind]);

export function presets(id) {
  const s = call('xp_presets', 'string', ['string'], [id]);
  if (!s) return [];
  try {
    const list = JSON.parse(s);
    return Array.isArray(list) ? list.filter((p) => p && typeof p.name === 'string') : [];
  } catch { return []; }
}

export function figureIds() {
  const n = call('xp_figure_count', 'number', [], []);
  const ids = [];
  for (let i = 0; i < n; ++i) ids.push(call('xp_figure_id', 'string', ['number'], [i]));
  return ids;
}

// ---- window.rq*: what the module writes after each frame (src/web/channel.cpp publish_frame) ----
// {variant, simd, threads, frames, workerDone, crossOriginIsolated}, after 30 frames; null before.
export const status = () => window.rqStatus || null;
// Frames drawn per figure id (an off-screen figure's count stays constant).
export const figureFrames = () => window.rqFigureFrames || {};

// ---- window.rq*: what the module reads at the start of each frame (channel.cpp read_requests) ----
// Draw the next frame even if unchanged (the page reads the canvas back); the module clears it.
export function requestFullFrame() { window.rqForceDraw = 1; }
