// The page picks its build at run time: threaded when cross-origin isolated, single-threaded
// otherwise; both draw the ImGui canvas (Greek and math glyphs need the embedded font) with no
// console errors, and the badge says which build runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, watchErrors, waitForStatus, SHOTS } from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';

for (const isolate of [true, false]) {
  const name = isolate ? 'isolated' : 'plain';
  test(`page served ${isolate ? 'with' : 'without'} COOP/COEP runs the ${isolate ? 'threaded' : 'single-threaded'} build`, async () => {
    const server = await startServer({ isolate });
    const browser = await launch();
    try {
      const page = browser.ctx.pages()[0] || await browser.ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url);
      const status = await waitForStatus(page);
      assert.equal(status.crossOriginIsolated, isolate);
      assert.equal(status.variant, isolate ? 'web-mt' : 'web-st');
      assert.equal(status.simd, true);
      assert.equal(status.threads, isolate ? 2 : 1);
      if (isolate) {
        await page.waitForFunction(() => window.rqStatus.workerDone === true, null, { timeout: 10000 });
      }
      const badge = await page.textContent('#runtime-badge');
      assert.equal(badge.trim(), isolate ? 'SIMD · 2 threads' : 'SIMD · 1 thread');
      // The module draws into the first figure (live figures, or the pre-contract single view).
      const slot = page.locator('.figure-slot').first();
      await slot.scrollIntoViewIfNeeded();
      await page.waitForTimeout(500);
      const png = await slot.screenshot();
      await page.screenshot({ path: path.join(SHOTS, `foundation-${name}.png`) });
      const stats = pixelStats(decodePng(png));
      assert.ok(stats.colors > 40, `first figure looks blank: ${stats.colors} colours`);
      assert.ok(stats.differing > 0.005, `too few drawn pixels: ${stats.differing}`);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
}
