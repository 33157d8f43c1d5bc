// Thin wrappers over the module's C ABI (docs/figure-contract.md). Called only once the module
// runs (article.js page.live); a call that throws is logged and returns null.
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
