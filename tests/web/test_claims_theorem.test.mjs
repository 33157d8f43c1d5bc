// Issue 16 in the built page: the boxed main result, the living claims (data-claim markers survive
// the build-time math rendering, each holds a plain number), and Figure 7's view "hypotheses along
// the run" reached from the article's links. Screenshots of the box and of the figure at 1280 px and
// on a 390 px phone, light and dark (build/screenshots/claims-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS } from './harness.mjs';
import { withPage, waitRuntime, showFigure } from './util.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

for (const [name, opts] of [['desktop', {}], ['phone', PHONE]]) {
  for (const scheme of ['light', 'dark']) {
    test(`main result and hypotheses view (${name}, ${scheme}): box typeset, claims present, preset link opens the view`, async () => {
      await withPage({ launchOptions: { ...opts, colorScheme: scheme } }, async ({ page, errors }) => {
        const info = await page.evaluate(() => {
          const box = document.querySelector('.theorem');
          return {
            box: !!box,
            katex: box ? box.querySelectorAll('.katex').length : 0,
            ours: box ? box.querySelectorAll('.ours').length : 0,
            claims: Array.from(document.querySelectorAll('[data-claim]')).map((e) => [e.dataset.claim, e.textContent.trim()]),
            width: box ? box.getBoundingClientRect().width : 0,
            layout: window.innerWidth,  // a formula too wide for a phone widens the layout viewport past 390 px
          };
        });
        assert.ok(info.box, 'the main result is boxed');
        assert.ok(info.katex >= 8, 'its formulas are typeset');
        assert.ok(info.ours >= 1, 'tagged as our reconstruction');
        assert.ok(info.claims.length >= 15, `${info.claims.length} claims`);
        for (const [id, text] of info.claims) assert.match(text, /^[−\-0-9.,·⁰¹²³⁴⁵⁶⁷⁸⁹⁻½ %\u2009\u202f\u00a0]+$/, `${id}: "${text}" is a plain number`);
        assert.ok(info.width <= (opts.viewport ? 390 : 1280), 'the box fits the column');
        if (opts.viewport) assert.equal(info.layout, 390, 'no unbreakable formula widens the phone layout');
        await waitRuntime(page);  // figures above the box have taken their size: the layout is stable
        await page.evaluate(() => document.querySelector('.theorem').scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        const r = await page.evaluate(() => { const b = document.querySelector('.theorem').getBoundingClientRect(); return { x: b.x, y: b.y + window.scrollY, width: b.width, height: b.height }; });
        await page.screenshot({ path: path.join(SHOTS, `claims-theorem-${name}-${scheme}.png`), fullPage: true, clip: r });
        await page.click('.try-link[data-preset="guarantees_over"]');
        await showFigure(page, 'headline', 60);
        const state = await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['headline']));
        assert.match(state, /preset=guarantees_over/);
        assert.match(state, /view=guarantees/);
        await page.evaluate(() => document.querySelector('.figure-slot[data-fig="headline"]').scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(2500);  // the shared canvas redraws the figure where it now is
        await page.screenshot({ path: path.join(SHOTS, `claims-guarantees-${name}-${scheme}.png`) });
        assert.deepEqual(errors, []);
      });
    });
  }
}
