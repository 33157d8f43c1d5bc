// Renders the TeX in an HTML file to KaTeX markup at build time, so the page needs no math
// JavaScript (only dist/katex/katex.min.css and its fonts). Inline math is \( … \), display math
// \[ … \]. Any TeX error fails the build with the offending formula.
// Usage: node scripts/render-math.mjs FILE.html [...]   (rewrites the files in place)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const katex = createRequire(path.join(ROOT, 'web', 'package.json'))('katex');

const files = process.argv.slice(2);
if (!files.length) { console.error('usage: node scripts/render-math.mjs FILE.html [...]'); process.exit(2); }
let failed = false;
for (const f of files) {
  const src = fs.readFileSync(f, 'utf8');
  let count = 0;
  // Inline math directly followed by punctuation is kept on one line with it (no line break
  // between a formula and its comma).
  const out = src.replace(/\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)([,.;:!?)]*)/g, (m, display, inline, punct) => {
    const tex = (display ?? inline).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    try {
      ++count;
      const html = katex.renderToString(tex, { displayMode: display !== undefined, throwOnError: true, output: 'htmlAndMathml', strict: 'warn' });
      return punct ? '<span class="nobr">' + html + punct + '</span>' : html;
    } catch (e) {
      console.error(`render-math: ${path.basename(f)}: ${e.message}\n  in: ${tex.trim()}`);
      failed = true;
      return m;
    }
  });
  fs.writeFileSync(f, out);
  console.log(`render-math: ${path.basename(f)}: ${count} formulas`);
}
process.exit(failed ? 1 : 0);
