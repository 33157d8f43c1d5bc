// Phone-sized viewport (390×844 CSS px, device pixel ratio 3, touch): every figure renders inside
// its placeholder, multi-panel figures stack vertically, control rows wrap instead of running off
// the right edge, and the placeholder grows to the height the figure asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS } from './harness.mjs';
import { decodePng, pixelStats, diffFraction } from './png.mjs';

// Fraction of pixels that differ by more than tol in any channel between two same-sized images.
import { withPage, waitRuntime, showFigure, waitsOn, requireFeatures, FIGURE_IDS } from './util.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

// Fraction of rows (from the top) of a vertical strip that differ from the background colour.
function stripInk(img, x0, x1, bg, tol = 24) {
  let ink = 0, n = 0;
  for (let y = 0; y < img.height; ++y)
    for (let x = x0; x < x1; ++x) {
      const i = (y * img.width + x) * 4; ++n;
      if (Math.abs(img.px[i] - bg[0]) > tol || Math.abs(img.px[i + 1] - bg[1]) > tol || Math.abs(img.px[i + 2] - bg[2]) > tol) ++ink;
    }
  return ink / Math.max(1, n);
}

test('phone viewport: each figure renders, fits its placeholder width, and the placeholder grows to the figure', { todo: waitsOn('xp_set_view', 'xp_layout') }, async () => {
  requireFeatures('xp_set_view', 'xp_layout');
  await withPage({ launchOptions: PHONE }, async ({ page, errors }) => {
    await waitRuntime(page);
    for (const id of FIGURE_IDS) {
      await showFigure(page, id, 8);
      await page.waitForTimeout(200);
      await showFigure(page, id, 4);  // after a possible height change
      const slot = page.locator(`.figure-slot[data-fig="${id}"]`);
      const box = await slot.boundingBox();
      assert.ok(box.width <= 390 && box.x >= 0, `${id}: placeholder ${box.x}+${box.width} exceeds the viewport`);
      const want = await page.evaluate((id) => Module.ccall('xp_layout', 'number', ['string'], [id]), id);
      assert.ok(want > 100, `${id}: xp_layout → ${want}`);
      assert.ok(box.height >= want - 2, `${id}: placeholder ${box.height.toFixed(0)} px high, the figure needs ${want.toFixed(0)}`);
      // The canvas is fixed to the viewport: a placeholder taller than the phone's screen is
      // photographed in two parts (top at the top of the screen, then bottom at the bottom).
      const parts = [];
      for (const part of ['top', 'bottom']) {
        const r = await page.evaluate(({ id, part }) => {
          const el = document.querySelector(`.figure-slot[data-fig="${id}"]`), r0 = el.getBoundingClientRect();
          window.scrollBy(0, part === 'top' ? r0.top - 2 : r0.bottom - innerHeight + 2);
          return el.getBoundingClientRect().toJSON();
        }, { id, part });
        const f0 = await page.evaluate((id) => window.rqFigureFrames[id], id);
        await page.waitForFunction(({ id, f0 }) => window.rqFigureFrames[id] >= f0 + 4, { id, f0 });
        const y0 = Math.max(0, r.top), y1 = Math.min(844, r.bottom);
        const png = await page.screenshot({ clip: { x: Math.max(0, r.left), y: y0, width: Math.min(r.width, 390), height: y1 - y0 } });
        fs.writeFileSync(path.join(SHOTS, `phone-${id}-${part}.png`), png);
        parts.push(decodePng(png));
        if (r.height <= 844 - 4) break;
      }
      const img = parts[0];
      const stats = pixelStats(img);
      assert.ok(stats.colors > 40, `${id}: only ${stats.colors} colours`);
      assert.ok(stats.differing > 0.01, `${id}: ${(stats.differing * 100).toFixed(2)}% drawn pixels`);
      // Something is drawn in the left and the right third (nothing cut off, nothing squeezed into a column)
      // and in the lower half of the figure (stacked panels fill the grown placeholder).
      const w = img.width;
      const left = stripInk(img, Math.round(w * 0.05), Math.round(w * 0.33), stats.background);
      const right = stripInk(img, Math.round(w * 0.67), Math.round(w * 0.95), stats.background);
      assert.ok(left > 0.005 && right > 0.005, `${id}: ink left ${left.toFixed(3)}, right ${right.toFixed(3)}`);
      const last = parts[parts.length - 1];
      const lower = pixelStats({ width: last.width, height: last.height >> 1, px: last.px.subarray((last.height >> 1) * last.width * 4) });
      assert.ok(lower.differing > 0.01, `${id}: lower half nearly empty (${(lower.differing * 100).toFixed(2)}%)`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'phone-top.png') });
    assert.deepEqual(errors, []);
  });
});

test('phone: a two-finger pinch on a focused figure zooms its plot (forwarded as ctrl+wheel at the pinch centre)', { todo: waitsOn('xp_set_view', 'xp_command') }, async () => {
  requireFeatures('xp_set_view', 'xp_command');
  await withPage({ launchOptions: PHONE }, async ({ page, errors }) => {
    await waitRuntime(page);
    const id = 'trajectory';
    await showFigure(page, id, 8);
    await page.evaluate((id) => Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'pause']), id);
    await page.focus(`.figure-slot[data-fig="${id}"]`);  // a tapped figure takes the gestures
    await showFigure(page, id, 6);
    const slot = page.locator(`.figure-slot[data-fig="${id}"]`);
    const before = decodePng(await slot.screenshot());
    await showFigure(page, id, 6);
    const still = decodePng(await slot.screenshot());
    const idle = diffFraction(before, still);
    assert.ok(idle < 0.002, `a paused figure keeps changing (${(idle * 100).toFixed(2)}%)`);
    const r = await slot.evaluate((s) => s.getBoundingClientRect().toJSON());
    // centre of the plot area: the lower part of the figure, below the controls
    const cx = r.left + r.width * 0.5, cy = r.top + r.height * 0.68;
    const cdp = await page.context().newCDPSession(page);
    const pts = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
    const wheel0 = await page.evaluate(() => window.rqInput.wheel);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pts(20) });
    for (let d = 25; d <= 90; d += 5) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pts(d) });
      await page.waitForTimeout(16);
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const wheels = (await page.evaluate(() => window.rqInput.wheel)) - wheel0;
    assert.ok(wheels >= 5, `pinch forwarded as ${wheels} wheel events`);
    await showFigure(page, id, 6);
    const after = decodePng(await slot.screenshot());
    fs.writeFileSync(path.join(SHOTS, `phone-pinch-${id}.png`), await slot.screenshot());
    const changed = diffFraction(before, after);
    assert.ok(changed > 0.05, `the pinch did not change the plot (${(changed * 100).toFixed(2)}% of pixels)`);
    assert.equal(await page.evaluate(() => window.scrollY > 0 && window.visualViewport.scale), 1, 'the page itself did not zoom');
    assert.deepEqual(errors, []);
  });
});
