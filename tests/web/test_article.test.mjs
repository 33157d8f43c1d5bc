// The article: structure, typeset math, citation, both runtime tiers without console errors,
// only same-origin requests, keyboard navigation next to Emscripten's key listeners, themes,
// reduced motion, and the phone layout (screenshots in build/screenshots).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS } from './harness.mjs';
import { withPage, waitRuntime, FIGURE_IDS } from './util.mjs';

test('article: sections, nine figure slots with captions, try-this and fallbacks; math typeset at build time; paper cited', async () => {
  await withPage({}, async ({ page, errors }) => {
    const info = await page.evaluate(() => ({
      sections: Array.from(document.querySelectorAll('main > section')).map((s) => s.id),
      slots: Array.from(document.querySelectorAll('.figure-slot')).map((s) => ({
        id: s.dataset.fig, alt: (s.querySelector('img.fallback') || {}).alt || '',
        src: (s.querySelector('img.fallback') || {}).getAttribute?.('src'),
        caption: !!s.closest('figure').querySelector('figcaption .fignum'),
        tryLink: !!s.closest('figure').querySelector('.try-link[data-preset]'),
      })),
      katex: document.querySelectorAll('.katex').length,
      rawTex: /\\\(|\\\[/.test(document.querySelector('main').textContent),
      mathScripts: Array.from(document.scripts).filter((s) => /katex/.test(s.src)).length,
      text: document.body.textContent,
      ours: document.querySelectorAll('.ours').length,
    }));
    assert.deepEqual(info.sections, ['setting', 'factorisation', 'kl', 'overparam', 'witness', 'infinite', 'logistic', 'open', 'references']);
    assert.deepEqual(info.slots.map((s) => s.id).sort(), [...FIGURE_IDS].sort());
    for (const s of info.slots) {
      assert.ok(s.alt.length > 40, `${s.id}: alt text`);
      assert.equal(s.src, `fallback/${s.id}.png`);
      assert.ok(s.caption && s.tryLink, `${s.id}: caption and try-this`);
    }
    assert.ok(info.katex > 80, `only ${info.katex} typeset formulas`);
    assert.equal(info.rawTex, false, 'untypeset TeX left in the article');
    assert.equal(info.mathScripts, 0, 'math must not need JavaScript');
    assert.match(info.text, /arXiv:2301\.08117/);
    assert.match(info.text, /Robin, Kevin Scaman, Marc Lelarge/);
    assert.match(info.text, /NeurIPS 2022/);
    assert.ok(info.ours >= 10, 'reconstructions are marked');
    await waitRuntime(page);
    assert.deepEqual(errors, []);
  });
});

for (const isolate of [true, false]) {
  test(`article ${isolate ? 'isolated (threaded)' : 'plain (single-threaded)'}: scrolls through every figure with no console errors and only same-origin requests`, async () => {
    await withPage({ isolate, goto: false }, async ({ page, url, errors }) => {
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      await waitRuntime(page);
      const st = await page.evaluate(() => window.rqStatus);
      assert.equal(st.variant, isolate ? 'web-mt' : 'web-st');
      assert.equal((await page.textContent('#runtime-badge')).trim(), isolate ? 'SIMD · 2 threads' : 'SIMD · 1 thread');
      for (const id of FIGURE_IDS) {
        await page.evaluate((id) => document.querySelector('.figure-slot[data-fig="' + id + '"]').scrollIntoView({ block: 'center' }), id);
        await page.waitForTimeout(150);
      }
      const origin = new URL(url).origin;
      const foreign = requests.filter((r) => !r.startsWith(origin) && !r.startsWith('blob:') && !r.startsWith('data:'));
      assert.deepEqual(foreign, [], 'requests to another origin');
      // works offline once loaded: no further request is needed to read and scroll
      await page.context().setOffline(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await page.context().setOffline(false);
      assert.deepEqual(errors, []);
    });
  });
}

test('keyboard: Tab moves through the article after the module has started (GLFW does not swallow it)', async () => {
  await withPage({}, async ({ page, errors }) => {
    await waitRuntime(page);
    await page.focus('#theme-toggle');
    const seen = new Set();
    for (let i = 0; i < 12; ++i) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => { const a = document.activeElement; return a.tagName + '.' + (a.className || '') + (a.dataset.fig || '') + (a.textContent || '').slice(0, 20); }));
    }
    assert.ok(seen.size >= 8, `Tab reached only ${seen.size} elements: ${[...seen].join(' | ')}`);
    assert.ok([...seen].some((s) => s.includes('figure-slot')), 'figures are focusable');
    // Shift+Tab goes back, Escape leaves a figure
    await page.focus('.figure-slot[data-fig="trajectory"]');
    await page.keyboard.press('Escape');
    const live = await page.evaluate(() => window.rqPage.live);
    if (live) assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'Escape leaves the figure');
    await page.keyboard.press('Shift+Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'CANVAS');
    assert.deepEqual(errors, []);
  });
});

test('themes: dark preference and reduced motion reach the page and the module view; the toggle overrides and persists', async () => {
  await withPage({ launchOptions: { colorScheme: 'dark', reducedMotion: 'reduce' } }, async ({ page, errors }) => {
    await waitRuntime(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(23, 24, 27)');
    let view = JSON.parse(await page.evaluate(() => window.rqPage.view()));
    assert.equal(view.theme, 'dark');
    assert.equal(view.reducedMotion, true);
    assert.ok(view.dpr > 0);
    await page.screenshot({ path: path.join(SHOTS, 'article-dark.png') });
    await page.click('#theme-toggle');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    view = JSON.parse(await page.evaluate(() => window.rqPage.view()));
    assert.equal(view.theme, 'light');
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light', 'choice remembered');
    assert.deepEqual(errors, []);
  });
});

test('phone: 390 px wide, no horizontal scrolling, readable figures (screenshots)', async () => {
  await withPage({ launchOptions: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } }, async ({ page, errors }) => {
    await waitRuntime(page);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
    assert.ok(m.sw <= m.w + 1, `page is ${m.sw}px wide in a ${m.w}px viewport`);
    await page.screenshot({ path: path.join(SHOTS, 'phone-top.png') });
    await page.evaluate(() => document.querySelector('#fig-toy2d').scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'phone-figure.png') });
    const r = await page.evaluate(() => document.querySelector('.figure-slot[data-fig="toy2d"]').getBoundingClientRect().toJSON());
    assert.ok(r.width >= 360 && r.height >= 360, `figure too small on a phone: ${r.width}x${r.height}`);
    assert.deepEqual(errors, []);
  });
});

test('desktop screenshots of the whole article (light)', async () => {
  await withPage({}, async ({ page, errors }) => {
    await waitRuntime(page);
    await page.screenshot({ path: path.join(SHOTS, 'article-top.png') });
    await page.screenshot({ path: path.join(SHOTS, 'article-full.png'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
