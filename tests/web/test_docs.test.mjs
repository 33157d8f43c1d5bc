// The documentation stays usable: the README is at most 15 KB, every relative link in the README,
// docs/ and web/README.md names a file (and, with #anchor, a heading) that exists, and every code
// comment that cites a docs/ file and section (docs/<name>.md, "Section") names real ones. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const rel = (p) => path.relative(ROOT, p);

// GitHub's heading anchors: lower case, punctuation dropped, spaces become hyphens.
const slug = (h) => h.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
function headings(file) {
  const out = new Set();
  let fence = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.add(slug(m[1].replace(/`/g, '')));
  }
  return out;
}
const docFiles = () => ['README.md', 'web/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => 'docs/' + f)]
  .map((f) => path.join(ROOT, f));

export function brokenLinks(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const bad = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue;  // https:, mailto:
    const [p, anchor] = target.split('#');
    const dest = p ? path.resolve(path.dirname(file), p) : file;
    if (!dest.startsWith(ROOT + path.sep) && dest !== ROOT) { bad.push(target + ' (leaves the repository)'); continue; }
    if (!fs.existsSync(dest)) { bad.push(target + ' (no such file)'); continue; }
    if (anchor !== undefined && (!dest.endsWith('.md') || !headings(dest).has(anchor))) bad.push(target + ' (no such section)');
  }
  return bad;
}

test('README: at most 15 KB', () => {
  const n = fs.statSync(path.join(ROOT, 'README.md')).size;
  assert.ok(n <= 15000, `README.md is ${n} bytes`);
});

test('README, docs/ and web/README.md: every relative link resolves to a file and section', () => {
  const files = docFiles();
  assert.ok(files.length >= 4);
  for (const f of files) assert.deepEqual(brokenLinks(f), [], rel(f));
});

test('code comments cite docs/ files and sections that exist, and no README section', () => {
  const bad = [];
  let cites = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p); continue; }
      if (!/\.(cpp|hpp|h|js|mjs|py|sh|cmake|html|css)$/.test(e.name)) continue;
      const text = fs.readFileSync(p, 'utf8');
      for (const m of text.matchAll(/\bdocs\/([\w-]+\.md)(?:,\s*(?:(?:\/\/|#)\s*)?"([^"\n]+)")?/g)) {
        ++cites;
        const doc = path.join(ROOT, 'docs', m[1]);
        if (!fs.existsSync(doc)) bad.push(`${rel(p)}: docs/${m[1]} does not exist`);
        else if (m[2] && !headings(doc).has(slug(m[2]))) bad.push(`${rel(p)}: docs/${m[1]} has no section "${m[2]}"`);
      }
      // The README is for newcomers; engineering notes that code cites live in docs/.
      for (const m of text.matchAll(/\(README,\s*(?:(?:\/\/|#)\s*)?"?[A-Z][^)\n]*\)/g)) bad.push(`${rel(p)}: cites a README section: ${m[0]}`);
    }
  };
  for (const d of ['src', 'tests', 'scripts', 'web']) walk(path.join(ROOT, d));
  assert.ok(cites >= 5, `only ${cites} citations of docs/ found: is the pattern still right?`);
  assert.deepEqual(bad, []);
});
