// The page side of docs/figure-contract.md, checked against tests/web/mock-module.js (a
// JavaScript stand-in for the module): runs whatever the state of the C++ figures, so the page's
// visibility tracking, view JSON, event forwarding, keyboard guard, URL state, exports and embed
// API are covered now; test_figures.test.mjs repeats the key checks against the real module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS } from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { withPage, waitRuntime, showFigure, FIGURE_IDS } from './util.mjs';

const mockView = (page) => page.evaluate(() => window.__mock.views[window.__mock.views.length - 1]);

test('mock module: visible figures only are sent, drawn in their rectangles, and off-screen ones pause', async () => {
  await withPage({ mock: true, isolate: false }, async ({ page, errors }) => {
    await waitRuntime(page);
    assert.equal(await page.evaluate(() => window.rqPage.live), true);
    for (const id of ['trajectory', 'toy2d', 'logistic']) {
      await showFigure(page, id);
      const v = await mockView(page);
      assert.ok(v.figures.some((f) => f.id === id), `${id} sent`);
      assert.ok(v.figures.length <= 2, `only visible figures are sent: ${v.figures.map((f) => f.id)}`);
      const f = v.figures.find((f) => f.id === id);
      const r = await page.evaluate((id) => document.querySelector(`.figure-slot[data-fig="${id}"]`).getBoundingClientRect().toJSON(), id);
      assert.ok(Math.abs(f.x - r.x) < 1 && Math.abs(f.y - r.y) < 1 && Math.abs(f.w - r.width) < 1 && Math.abs(f.h - r.height) < 1, 'rectangle matches the placeholder');
      assert.equal(f.controls, true);
      assert.equal(v.dpr, 1);
      const stats = pixelStats(decodePng(await page.locator(`.figure-slot[data-fig="${id}"]`).screenshot()));
      assert.ok(stats.colors > 20 && stats.differing > 0.01, `${id} drawn over its placeholder`);
      assert.equal(await page.evaluate((id) => getComputedStyle(document.querySelector(`.figure-slot[data-fig="${id}"] .fallback`)).visibility, id), 'hidden');
    }
    const a = await page.evaluate(() => ({ ...window.rqFigureFrames }));
    await page.waitForTimeout(600);
    const b = await page.evaluate(() => ({ ...window.rqFigureFrames }));
    assert.equal(b.trajectory, a.trajectory, 'off-screen figure paused');
    assert.ok(b.logistic > a.logistic, 'visible figure runs');
    // scrolling to the very top leaves no figure visible
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    assert.deepEqual((await mockView(page)).figures.map((f) => f.id), []);
    // resizing resends the rectangles
    await page.setViewportSize({ width: 900, height: 700 });
    await showFigure(page, 'bounds');
    const v = await mockView(page);
    const r = await page.evaluate(() => document.querySelector('.figure-slot[data-fig="bounds"]').getBoundingClientRect().toJSON());
    assert.ok(Math.abs(v.figures.find((f) => f.id === 'bounds').w - r.width) < 1, 'rectangle follows a resize');
    assert.deepEqual(errors.filter((e) => !/rqFigureFrames/.test(e)), []);
  });
});

test('mock module: try-this, toolbar commands, copy link → reopen restores the state, CSV/JSON/PNG export', async () => {
  await withPage({ mock: true, isolate: false }, async ({ page, url, errors }) => {
    await waitRuntime(page);
    await page.click('.try-link[data-fig="toy2d"]');
    await page.waitForTimeout(200);
    assert.deepEqual(await page.evaluate(() => window.__mock.commands.at(-1)), ['toy2d', 'preset:saddle']);
    // Play/Step/Reset twins for keyboard and screen-reader users: hidden until focused
    const stepSel = '.fig[data-fig="toy2d"] button:has-text("Step")';
    const w0 = await page.evaluate((s) => document.querySelectorAll('.fig[data-fig="toy2d"] .fig-tools button.cmd')[2].getBoundingClientRect().width, stepSel);
    await page.focus(stepSel); await page.keyboard.press('Enter');
    const w1 = await page.evaluate(() => document.activeElement.getBoundingClientRect().width);
    assert.ok(w0 <= 1 && w1 > 20, `command buttons show on focus (${w0} → ${w1})`);
    await page.keyboard.press('Enter');
    await page.click('.fig[data-fig="toy2d"] button:has-text("Copy link")');
    const link = await page.inputValue('.fig[data-fig="toy2d"] .share-field');
    assert.equal(link, url + 'index.html#fig=toy2d&state=' + encodeURIComponent('preset=saddle&seed=1&n=16&t=0.50'));
    await page.click('.fig[data-fig="toy2d"] button:has-text("Embed")');
    const code = await page.inputValue('.fig[data-fig="toy2d"] .share-field');
    assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?fig=toy2d&amp;state=preset%3Dsaddle%26seed%3D1%26n%3D16%26t%3D0\.50&amp;controls=1&amp;text=1&amp;height=auto"/);
    for (const kind of ['CSV', 'JSON', 'PNG']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`.fig[data-fig="toy2d"] button:has-text("${kind}")`)]);
      const buf = fs.readFileSync(await dl.path());
      assert.equal(dl.suggestedFilename(), 'rayleigh-toy2d.' + kind.toLowerCase());
      if (kind === 'PNG') {
        const img = decodePng(buf);
        const r = await page.evaluate(() => document.querySelector('.figure-slot[data-fig="toy2d"]').getBoundingClientRect().toJSON());
        assert.ok(Math.abs(img.width - Math.round(r.width)) <= 2 && Math.abs(img.height - Math.round(r.height)) <= 2, `PNG is the figure rectangle (${img.width}x${img.height})`);
        assert.ok(pixelStats(img).differing > 0.01, 'PNG not blank');
      } else if (kind === 'JSON') assert.equal(JSON.parse(buf.toString()).figure, 'toy2d');
      else assert.match(buf.toString(), /^t,loss,R\n/);
    }
    // reopen the link in a fresh page
    await page.goto('about:blank');
    await page.goto(link);
    await waitRuntime(page);
    assert.equal(await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d'])), 'preset=saddle&seed=1&n=16&t=0.50');
    const top = await page.evaluate(() => document.querySelector('#fig-toy2d').getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 40, `scrolled to the figure (top ${top})`);
    assert.equal((await page.textContent('.fig[data-fig="toy2d"] .fig-msg')).trim(), '');
    assert.deepEqual(errors, []);
  });
});

test('mock module: keys reach the module only while a figure has focus; Tab and Escape stay the page\'s; wheel scrolls the page unless focused', async () => {
  await withPage({ mock: true, isolate: false }, async ({ page, errors }) => {
    await waitRuntime(page);
    await page.focus('#theme-toggle');
    await page.keyboard.press('a');
    assert.deepEqual(await page.evaluate(() => window.__mock.keys), [], 'keys outside figures stay with the page');
    await showFigure(page, 'bounds');
    await page.focus('.figure-slot[data-fig="bounds"]');
    await page.keyboard.press('a');
    await page.keyboard.press('Tab');
    assert.deepEqual(await page.evaluate(() => window.__mock.keys), ['a'], 'the figure gets "a" but not Tab');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('figure-slot')), false, 'Tab left the figure');
    await page.focus('.figure-slot[data-fig="bounds"]');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'Escape leaves the figure');
    // wheel: unfocused figure → page scrolls, nothing forwarded
    const r = await page.evaluate(() => document.querySelector('.figure-slot[data-fig="bounds"]').getBoundingClientRect().toJSON());
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    const y0 = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(300);
    assert.ok((await page.evaluate(() => window.scrollY)) > y0, 'page scrolled');
    assert.equal(await page.evaluate(() => window.rqInput.wheel), 0);
    // focused figure → wheel goes to the figure, page stays
    await page.mouse.down(); await page.mouse.up();  // click focuses
    const y1 = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.scrollY), y1, 'page did not scroll');
    assert.ok(await page.evaluate(() => window.__mock.events.some((e) => e[0] === 'wheel')), 'wheel forwarded');
    assert.ok(await page.evaluate(() => window.__mock.events.some((e) => e[0] === 'mousedown')), 'click forwarded');
    // prose next to figures stays selectable
    const sel = await page.evaluate(() => { const p = document.querySelector('#kl p'); const r = document.createRange(); r.selectNodeContents(p); getSelection().removeAllRanges(); getSelection().addRange(r); return getSelection().toString().length; });
    assert.ok(sel > 50);
    assert.deepEqual(errors, []);
  });
});

test('mock module: a touch drag on a figure becomes mouse down/move/up inside it; vertical page scrolling still works (phone)', async () => {
  await withPage({ mock: true, isolate: false, launchOptions: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } }, async ({ page, errors }) => {
    await waitRuntime(page);
    await showFigure(page, 'toy2d');
    const r = await page.evaluate(() => document.querySelector('.figure-slot[data-fig="toy2d"]').getBoundingClientRect().toJSON());
    const cdp = await page.context().newCDPSession(page);
    const x0 = r.left + r.width * 0.3, y0 = r.top + r.height * 0.5;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
    for (let i = 1; i <= 8; ++i) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + i * 15, y: y0 + i }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(200);
    const ev = await page.evaluate(() => window.__mock.events);
    const types = ev.map((e) => e[0]);
    assert.ok(types.includes('mousedown') && types.includes('mouseup'), `forwarded: ${[...new Set(types)]}`);
    assert.ok(types.filter((t) => t === 'mousemove').length >= 4, 'moves forwarded');
    const down = ev.find((e) => e[0] === 'mousedown');
    assert.ok(down[1] >= r.left && down[1] <= r.right && down[2] >= r.top && down[2] <= r.bottom, 'press inside the figure');
    assert.equal(await page.evaluate(() => window.rqInput.last.pointer), 'touch');
    const v = await mockView(page);
    assert.equal(v.dpr, 2);
    await page.screenshot({ path: path.join(SHOTS, 'phone-mock-figure.png') });
    assert.deepEqual(errors, []);
  });
});

test('mock module: dark theme and reduced motion are sent to the module', async () => {
  await withPage({ mock: true, isolate: false, launchOptions: { colorScheme: 'dark', reducedMotion: 'reduce' } }, async ({ page, errors }) => {
    await waitRuntime(page);
    await showFigure(page, 'headline');
    let v = await mockView(page);
    assert.equal(v.theme, 'dark');
    assert.equal(v.reducedMotion, true);
    await page.screenshot({ path: path.join(SHOTS, 'dark-mock-figure.png') });
    await page.click('#theme-toggle');
    await page.waitForTimeout(200);
    v = await mockView(page);
    assert.equal(v.theme, 'light');
    assert.deepEqual(errors, []);
  });
});
