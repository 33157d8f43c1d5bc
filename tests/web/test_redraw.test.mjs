// Partial redraws (src/render/redraw.hpp): a frame clears and draws again only the tiles whose
// content changed, and the drawing buffer keeps the rest. The canvas they leave must be exactly
// the canvas a full redraw of the same frame gives, while figures compute, after a scroll and in
// both themes; and while a figure computes most frames must redraw only part of the canvas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, waitRuntime, showFigure, waitsOn, requireFeatures } from './util.mjs';

// The canvas's pixels (RGBA bytes) read through a 2D canvas.
const grab = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas');
  const o = document.createElement('canvas');
  o.width = c.width; o.height = c.height;
  const g = o.getContext('2d');
  g.drawImage(c, 0, 0);
  window.__grab = g.getImageData(0, 0, o.width, o.height).data;
});
async function partialEqualsFull(page, what) {
  await grab(page);
  // The next frame is a full redraw.
  const d = await page.evaluate(() => { window.__partial = window.__grab; window.rqForceDraw = 1; return window.rqCanvasDraws; });
  await page.waitForFunction((d) => window.rqCanvasDraws > d, d);
  await page.waitForTimeout(100);
  await grab(page);
  const diff = await page.evaluate(() => {
    const a = window.__partial, b = window.__grab;
    let n = 0;
    for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) ++n;
    return { n, len: a.length };
  });
  assert.equal(diff.n, 0, `${what}: ${diff.n} of ${diff.len} canvas bytes differ between the partial redraws and a full redraw`);
}

test('partial redraws give the same canvas as full redraws (computing figures, heatmap, scroll, dark theme)', { todo: waitsOn('xp_set_view', 'xp_command') }, async () => {
  requireFeatures('xp_set_view', 'xp_command');
  for (const colorScheme of ['light', 'dark']) {
    await withPage({ isolate: false, path: 'index.html?variant=st', launchOptions: { colorScheme } }, async ({ page, errors }) => {
      await waitRuntime(page);
      assert.equal(await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getContextAttributes().preserveDrawingBuffer), true,
        'the page asks for preserveDrawingBuffer (web/loader.js)');
      await page.mouse.move(1, 1);
      for (const id of colorScheme === 'light' ? ['phase', 'toy2d', 'headline'] : ['phase', 'toy2d']) {
        await showFigure(page, id);
        const p0 = await page.evaluate((id) => {
          Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'preset:default']);
          Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'play']);
          return { px: window.rqRedrawPixels || 0, draws: window.rqCanvasDraws };
        }, id);
        // About a second of computing; the phase diagram until it has drawn a few times (without a GPU
        // a frame draws only once the rasterizer has finished the last one: on a loaded machine that
        // takes longer; web/loader.js).
        await page.waitForTimeout(900);
        if (id === 'phase') await page.waitForFunction((d) => window.rqCanvasDraws >= d + 4, p0.draws, { timeout: 20000 });
        await page.evaluate((id) => Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'pause']), id);
        await page.waitForTimeout(300);
        const p1 = await page.evaluate(() => ({ px: window.rqRedrawPixels || 0, draws: window.rqCanvasDraws, size: document.getElementById('canvas').width * document.getElementById('canvas').height }));
        await partialEqualsFull(page, `${id} (${colorScheme}) after computing`);
        if (id === 'phase') {
          const draws = p1.draws - p0.draws;
          assert.ok(draws > 3, `phase: only ${draws} canvas draws while computing`);
          assert.ok(p1.px - p0.px < 0.5 * draws * p1.size, `phase: ${p1.px - p0.px} pixels redrawn in ${draws} draws of a ${p1.size}-pixel canvas: the redraws are not partial`);
        }
      }
      // A scroll moves every figure on screen: the frames after it must still match a full redraw.
      await page.mouse.wheel(0, 137);
      await page.waitForTimeout(400);
      await partialEqualsFull(page, `after a scroll (${colorScheme})`);
      assert.deepEqual(errors, []);
    });
  }
});
