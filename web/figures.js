// The article's figures: ids (the contract's stable ids) in figure order, titles and the alt text of
// the static fallback image (the figure's default state, rendered at build time). They come from
// the C++ registry (src/ui/registry_table.cpp): scripts/build-web.sh runs the native tool
// rqfigures, which writes figure-table.js, and fills the same texts into the article's
// placeholders (scripts/fill-figures.mjs). So the page has them before WebAssembly has loaded.
import { FIGURE_TABLE } from './figure-table.js';

export const FIGURES = Object.fromEntries(FIGURE_TABLE.map((f) => [f.id, { title: f.title, alt: f.alt }]));
export const FIGURE_IDS = FIGURE_TABLE.map((f) => f.id);

// The page's own link parameters (index.html#fig=…&state=…, embed.html?fig=…&state=…&controls=…)
// follow the module's query grammar (src/core/util/query.hpp, docs/url-state.md): '&'-separated
// key=value items, empty items skipped, %XX decoded (a bad escape is an error), '+' is a plus sign,
// a key given twice is an error (decodeURIComponent also wants the escapes to spell UTF-8: a
// JavaScript string holds text). An error rejects the whole link (params is empty). The figure
// state is one of these values: the page passes it to the module as it is (xp_set_state), which
// parses it with the same grammar and validates every field.
export function readLink(text) {
  const params = new Map();
  const fail = (error) => ({ params: new Map(), error });
  for (const item of String(text).replace(/^[?#]/, '').split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) return fail('expected key=value, got “' + clip(item) + '”');
    let key, value;
    try {
      key = decodeURIComponent(item.slice(0, eq));
      value = decodeURIComponent(item.slice(eq + 1));
    } catch {
      return fail('bad percent-encoding in “' + clip(item) + '”');
    }
    if (params.has(key)) return fail('“' + clip(key) + '” given twice');
    params.set(key, value);
  }
  return { params, error: '' };
}
// The longest figure state the page hands to the module (which allows 4096 bytes and says so):
// a guard against copying a huge string into WebAssembly memory, not a rule of the grammar.
export const MAX_STATE_CHARS = 65536;

export function clip(s, n = 40) {
  s = String(s);
  return s.length > n ? s.slice(0, n) + '…' : s;
}
