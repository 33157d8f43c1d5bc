// Presenting the canvas without a GPU (web/loader.js): on SwiftShader, as on this machine, the
// WebGL canvas stays transparent and the page shows a 2D copy of it, read back asynchronously, so
// that the main thread never waits for the rasterizer. What a reader sees must be the picture the
// module drew: the same as the WebGL canvas itself once the frames have settled, the same on
// screen as the direct presentation (?present=direct), kept current while a figure computes, and
// gone with a lost context (the static images come back).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, waitRuntime, showFigure, waitsOn, requireFeatures } from './util.mjs';
import { decodePng, pixelStats, diffFraction } from './png.mjs';

const cmd = (page, id, c) => page.evaluate(({ id, c }) => Module.ccall('xp_command', 'string', ['string', 'string'], [id, c]), { id, c });
const describe = (page, id) => page.evaluate((id) => Module.ccall('xp_describe', 'string', ['string'], [id]), id);

// The WebGL canvas and the 2D copy, pixel by pixel (the copy is stored bottom-up: CSS flips it).
const compareCopies = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas'), s = document.getElementById('canvas-shown');
  const o = document.createElement('canvas');
  o.width = c.width; o.height = c.height;
  const g = o.getContext('2d');
  g.drawImage(c, 0, 0);
  const a = g.getImageData(0, 0, o.width, o.height).data;
  if (s.width !== c.width || s.height !== c.height) return { size: [s.width, s.height, c.width, c.height] };
  const b = s.getContext('2d').getImageData(0, 0, s.width, s.height).data;
  const W = c.width, H = c.height;
  let differ = 0, maxd = 0, drawn = 0;
  for (let y = 0; y < H; ++y) {
    for (let x = 0; x < W; ++x) {
      const i = 4 * (y * W + x), j = 4 * ((H - 1 - y) * W + x);
      if (a[i + 3] > 0) ++drawn;
      // Straight colours of nearly transparent pixels carry little precision either way: compare
      // them premultiplied.
      let d = 0;
      for (let k = 0; k < 4; ++k) {
        const u = k < 3 ? (a[i + k] * a[i + 3]) / 255 : a[i + k], v = k < 3 ? (b[j + k] * b[j + 3]) / 255 : b[j + k];
        d = Math.max(d, Math.abs(u - v));
      }
      if (d > 2) ++differ;
      maxd = Math.max(maxd, d);
    }
  }
  return { differ, maxd, drawn, pixels: W * H };
});

async function settle(page) {
  // Two read-backs after the last draw: the copy has caught up with the canvas.
  const p = await page.evaluate(() => window.rqPresented || 0);
  await page.waitForTimeout(400);
  await page.waitForFunction((p) => (window.rqPresented || 0) >= p, p);
  await page.waitForTimeout(200);
}

test('without a GPU the page shows an up-to-date 2D copy of the canvas, the same picture as the direct presentation', { todo: waitsOn('xp_set_view', 'xp_command', 'xp_describe') }, async () => {
  requireFeatures('xp_set_view', 'xp_command', 'xp_describe');
  const shots = {};
  for (const mode of ['auto', 'direct']) {
    await withPage({ isolate: false, path: 'index.html?variant=st' + (mode === 'direct' ? '&present=direct' : '') }, async ({ page, errors }) => {
      await waitRuntime(page);
      await page.mouse.move(1, 1);
      const look = await page.evaluate(() => {
        const s = document.getElementById('canvas-shown');
        return { async: document.documentElement.classList.contains('rq-present-async'), shown: !!s,
                 opacity: getComputedStyle(document.getElementById('canvas')).opacity, visible: s ? getComputedStyle(s).visibility : 'none' };
      });
      if (mode === 'auto') {
        // This machine has no GPU: WebGL is SwiftShader, so the page presents the canvas itself.
        assert.deepEqual(look, { async: true, shown: true, opacity: '0', visible: 'visible' }, 'SwiftShader: the 2D copy is shown, the WebGL canvas transparent');
      } else {
        assert.deepEqual(look, { async: false, shown: false, opacity: '1', visible: 'none' }, '?present=direct: the WebGL canvas itself is shown');
      }
      if (mode === 'auto') {
        // While a figure computes (the phase diagram, cell by cell for a few seconds), the copy
        // follows: each canvas draw is presented (a frame draws only once the last one is presented,
        // so the two counts stay within one of each other).
        await showFigure(page, 'phase');
        const p0 = await page.evaluate(() => ({ p: window.rqPresented || 0, d: window.rqCanvasDraws }));
        await cmd(page, 'phase', 'preset:default');
        await page.waitForFunction((d) => window.rqCanvasDraws >= d + 5, p0.d, { timeout: 20000 });
        await page.waitForTimeout(300);
        const p1 = await page.evaluate(() => ({ p: window.rqPresented || 0, d: window.rqCanvasDraws }));
        assert.ok(p1.p - p0.p >= p1.d - p0.d - 1, `${p1.p - p0.p} presentations for ${p1.d - p0.d} canvas draws while the phase diagram computes`);
      }
      await showFigure(page, 'headline');
      await cmd(page, 'headline', 'preset:default');
      await page.waitForFunction(() => /\bdone\b/.test(Module.ccall('xp_describe', 'string', ['string'], ['headline'])), null, { timeout: 30000 });
      await settle(page);
      if (mode === 'auto') {
        const d = await compareCopies(page);
        assert.equal(d.size, undefined, `the copy has another size than the canvas: ${d.size}`);
        // (The figure's windows have no background on the web: only lines, text and widgets are drawn.)
        assert.ok(d.drawn > 0.02 * d.pixels, `the canvas is nearly empty (${d.drawn} pixels drawn): nothing to compare`);
        assert.equal(d.differ, 0, `${d.differ} of ${d.pixels} pixels of the shown copy differ from the WebGL canvas (max ${d.maxd})`);
      }
      const box = await page.evaluate(() => { const r = document.querySelector('.figure-slot[data-fig="headline"]').getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });
      shots[mode] = decodePng(await page.screenshot({ clip: box }));
      assert.deepEqual(errors, []);
      if (mode === 'auto') {
        // A lost context hides the copy with the WebGL canvas (the static images come back).
        await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
        await page.waitForFunction(() => document.documentElement.classList.contains('rq-context-lost'), null, { timeout: 5000 });
        assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('canvas-shown')).visibility), 'hidden', 'the copy stays on screen with a lost context');
      }
    });
  }
  assert.ok(pixelStats(shots.auto).differing > 0.05, 'the headline is blank on screen');
  const f = diffFraction(shots.auto, shots.direct, 8);
  assert.ok(f < 0.001, `the headline on screen differs between the 2D copy and the direct presentation: ${(100 * f).toFixed(2)} % of its pixels`);
});
