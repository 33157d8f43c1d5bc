// The shipped WebAssembly has no giant function. V8 first runs a function in its baseline tier and,
// once it is hot, compiles it again with its optimizing compiler on a background thread, in a time
// that grows faster than the function's size (measured in node 20 and Chromium 156 on the development
// machine: 7.5 KB ≈ 40–100 ms, 41 KB ≈ 230–490 ms, 65 KB ≈ 245–780 ms). On two cores that compile
// takes a core from the page's main thread right when a figure has started, and its frames became
// 50–80 ms tasks. wasm-opt inlines every function that has a single caller, whatever its size: the
// checkpoint's Lanczos and eigensolver code ended up inside core::Experiment::record_checkpoint
// (65 KB), which a figure without spectra (logistic) calls ≈ 1000 times in its first frames; the
// app's frame function (54 KB) and Experiment::create (41 KB) likewise. Every wasm link now caps
// wasm-opt's single-caller inlining (CMakeLists.txt): the largest function is ≈ 25 KB,
// record_checkpoint 3.6 KB. The test fails with the build before (64 690 bytes) and with only the
// checkpoint's spectral part split off (54 531 bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST } from './harness.mjs';

const LIMIT = 32 * 1024;

// Body sizes of the code section's functions (bytes), largest first.
function functionSizes(bytes) {
  const u = new Uint8Array(bytes);
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = u[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const sizes = [];
  while (p < u.length) {
    const id = u[p++], size = leb(), end = p + size;
    if (id === 10) {
      const n = leb();
      for (let i = 0; i < n; ++i) { const s = leb(); sizes.push(s); p += s; }
    }
    p = end;
  }
  return sizes.sort((a, b) => b - a);
}

test('wasm: no function of app_st.wasm or app_mt.wasm is larger than 32 KB (V8 optimizes a hot one on a background thread)', () => {
  for (const f of ['app_st.wasm', 'app_mt.wasm']) {
    const file = path.join(DIST, f);
    assert.ok(fs.existsSync(file), `${file} missing (scripts/build-web.sh)`);
    const sizes = functionSizes(fs.readFileSync(file));
    assert.ok(sizes.length > 1000, `${f}: ${sizes.length} functions read`);
    assert.ok(sizes[0] <= LIMIT, `${f}: largest function ${sizes[0]} bytes > ${LIMIT} (top: ${sizes.slice(0, 5).join(', ')})`);
  }
});
