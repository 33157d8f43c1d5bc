// A silent console while a reader works a figure (issue 18, point 7): in the threaded build, drag
// the headline's N slider and choose presets, and collect every console message; any warning or
// error not listed in `known` below fails. The one this was written for: ImGui 1.86's OpenGL3
// backend uploads every draw list with glBufferSubData(…, size, data), also when size is 0, and
// Emscripten 3.1.6 passes that on as WebGL 2's bufferSubData(target, 0, HEAPU8, data, 0), where a
// length of 0 means "the rest of the view": the rest of the wasm heap, larger than the buffer, so
// "INVALID_VALUE: bufferSubData: buffer overflow". Partial redraws (src/render/redraw.cpp) make lists
// with no triangle in the redrawn rectangle on every small change: dozens of errors per drag (fixed
// there, render_lists). The threaded build shows it most because it draws many more frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, waitRuntime, showFigure, waitsOn, requireFeatures } from './util.mjs';

// Every warning and error fails the test except these, which are known and not fixed yet
// (issue 18, point 7), each with its cause:
const known = [
  // web/loader.js's asynchronous read-back (makePresenter: readPixels into a STREAM_READ
  // PIXEL_PACK_BUFFER, fenceSync, getBufferSubData once the fence has signalled). Chromium prints it
  // at a fenceSync when the READ buffer's shadow copy made at the previous fence was never consumed
  // (GLES2Implementation::AllocateShadowCopiesForReadback), i.e. the previous getBufferSubData took the
  // slow, synchronous path. Instrumenting the context showed the page reads every write exactly once
  // (write, fence, read; never two writes in a row), and neither deleting the sync after the read
  // instead of before nor reading into non-shared memory changed the count (≈50–70 per scroll-through):
  // why Chromium does not use the shadow copy is not known yet.
  /^warning: performance warning: READ-usage buffer was written, then fenced, but written again before being read back/,
  // Emscripten's pthread library (emscripten_check_blocking_allowed, called only by pthread_join and
  // pthread_cond_timedwait on the browser thread; printed once per page): core::ThreadPool::run waits
  // on cv_done for the workers still finishing their last task of the phase diagram's batch
  // (src/ui/fig_phase.cpp steps its pool from the frame loop). A real, short block of the main thread.
  /^warning: Blocking on the main thread is very dangerous/,
];
const flagged = (m) => /^(warning|error): /.test(m) && !known.some((k) => k.test(m));

test('dragging the headline N slider and choosing presets (threaded build) logs no console warning or error of ours', { todo: waitsOn('xp_get_state', 'xp_command', 'xp_presets') }, async () => {
  requireFeatures('xp_get_state', 'xp_command', 'xp_presets');
  await withPage({ isolate: true, path: 'index.html' }, async ({ page, errors }) => {
    const messages = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    await waitRuntime(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.rqVariant), 'web-mt', 'the isolated page runs the threaded build');
    await showFigure(page, 'headline');
    const state = () => page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['headline']));
    const N = async () => Number((/(?:^|&)N=(\d+)/.exec(await state()) || [0, 36])[1]);
    // The N slider is the first item of a control row near the top of the figure; which row depends
    // on the width (the controls flow). Found by pressing at its left end, row by row: a press on an
    // ImGui slider moves it there (N changes); a press elsewhere above the plots changes nothing.
    const box = await page.evaluate(() => {
      const r = document.querySelector('.figure-slot[data-fig="headline"]').getBoundingClientRect();
      return { x: r.left, y: r.top };
    });
    const n0 = await N();
    const x0 = box.x + 50;
    let row = null;
    for (let dy = 36; dy <= 132 && row === null; dy += 6) {
      const y = box.y + dy;
      await page.mouse.move(x0, y); await page.waitForTimeout(100);
      await page.mouse.down(); await page.waitForTimeout(100);
      await page.mouse.up(); await page.waitForTimeout(150);
      if ((await N()) !== n0) row = y;
    }
    assert.ok(row !== null, `no press moved the N slider (state ${await state()}): the test no longer finds it`);
    const messagesBefore = messages.length;
    // A reader's drag: press on the slider, move right and back left in small steps, release.
    await page.mouse.move(x0 + 10, row); await page.waitForTimeout(100);
    await page.mouse.down(); await page.waitForTimeout(100);
    const seen = new Set();
    for (let x = x0 + 10; x <= x0 + 220; x += 5) { await page.mouse.move(x, row); await page.waitForTimeout(25); }
    seen.add(await N());
    for (let x = x0 + 220; x >= x0 - 20; x -= 5) { await page.mouse.move(x, row); await page.waitForTimeout(25); }
    seen.add(await N());
    await page.mouse.up(); await page.waitForTimeout(300);
    const dragged = seen.size > 1;
    assert.ok(dragged, `the drag did not move the N slider (N ${[...seen]})`);
    // Presets, as from the article's "try" links.
    const presets = JSON.parse(await page.evaluate(() => Module.ccall('xp_presets', 'string', ['string'], ['headline'])));
    for (const p of presets) {
      await page.evaluate((n) => Module.ccall('xp_command', 'string', ['string', 'string'], ['headline', 'preset:' + n]), p.name);
      await page.waitForTimeout(600);
    }
    await page.waitForTimeout(500);
    const bad = messages.filter(flagged);
    const counts = {};
    for (const m of bad) counts[m] = (counts[m] || 0) + 1;
    assert.deepEqual(counts, {}, `${bad.length} console warnings/errors (${messages.length - messagesBefore} console messages during the drag and presets)`);
    assert.deepEqual(errors, []);
  });
});
