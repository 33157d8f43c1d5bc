// Static fallbacks: an image of every figure's default state exists in dist/fallback and is
// shown without WebAssembly, without JavaScript and in print. Also the opt-in service worker
// (coi-serviceworker) that upgrades a header-less static host to the threaded build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, SHOTS } from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { withPage, FIGURE_IDS } from './util.mjs';

test('fallback images: one non-blank 960x540 PNG per figure and theme in dist/fallback', () => {
  for (const id of FIGURE_IDS.flatMap((i) => [i, i + '-dark'])) {
    const f = path.join(DIST, 'fallback', id + '.png');
    assert.ok(fs.existsSync(f), `${f} missing (scripts/render-fallbacks.sh)`);
    const img = decodePng(fs.readFileSync(f));
    assert.equal(img.width, 960);
    assert.equal(img.height, 540);
    const s = pixelStats(img);
    assert.ok(s.colors > 20 && s.differing > 0.002, `${id}: fallback looks blank (${s.colors} colours)`);
  }
});

async function fallbacksVisible(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('.figure-slot .fallback')).map((img) => ({
    id: img.closest('.figure-slot').dataset.fig, loaded: img.complete && img.naturalWidth === 960,
    visible: getComputedStyle(img).visibility === 'visible' && getComputedStyle(img).display !== 'none', alt: img.alt.length,
  })));
}

test('without WebAssembly: badge, notice, every figure shows its static image with alt text, no errors', async () => {
  await withPage({ init: () => { delete window.WebAssembly; } }, async ({ page, errors }) => {
    await page.waitForLoadState('load');
    assert.equal((await page.textContent('#runtime-badge')).trim(), 'static figures');
    assert.match(await page.textContent('#page-notice'), /no WebAssembly/);
    const imgs = await fallbacksVisible(page);
    assert.equal(imgs.length, FIGURE_IDS.length);
    for (const i of imgs) assert.ok(i.loaded && i.visible && i.alt > 40, JSON.stringify(i));
    assert.equal(await page.evaluate(() => window.rqPage.live), false);
    await page.evaluate(() => document.querySelector('#fig-toy2d').scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, 'no-wasm.png') });
    assert.deepEqual(errors, []);
  });
});

test('without JavaScript: the article and its static figures are readable', async () => {
  await withPage({ launchOptions: { javaScriptEnabled: false } }, async ({ page }) => {
    await page.waitForLoadState('load');
    const imgs = await fallbacksVisible(page);
    for (const i of imgs) assert.ok(i.loaded && i.visible, JSON.stringify(i));
    assert.ok((await page.locator('.katex').count()) > 80, 'math is pre-rendered');
  });
});

test('dark theme without WebAssembly: the dark fallback images are used', async () => {
  await withPage({ init: () => { delete window.WebAssembly; }, launchOptions: { colorScheme: 'dark' } }, async ({ page, errors }) => {
    await page.waitForLoadState('load');
    const srcs = await page.evaluate(() => Array.from(document.querySelectorAll('img.fallback')).map((i) => i.getAttribute('src')));
    for (const s of srcs) assert.match(s, /^fallback\/[a-z0-9]+-dark\.png$/);
    for (const i of await fallbacksVisible(page)) assert.ok(i.loaded && i.visible, JSON.stringify(i));
    await page.evaluate(() => document.querySelector('#fig-witness').scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, 'no-wasm-dark.png') });
    assert.deepEqual(errors, []);
  });
});

test('WebGL context loss: static images and a notice come back; the notice clears when the context is restored', async () => {
  await withPage({}, async ({ page, errors }) => {
    await page.waitForFunction(() => window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 30000 });
    const ok = await page.evaluate(() => {
      const gl = document.getElementById('canvas').getContext('webgl2');
      window.__lose = gl && gl.getExtension('WEBGL_lose_context');
      if (!window.__lose) return false;
      window.__lose.loseContext();
      return true;
    });
    assert.ok(ok, 'WEBGL_lose_context available');
    await page.waitForFunction(() => document.documentElement.classList.contains('rq-context-lost'));
    assert.match(await page.textContent('#page-notice'), /reset the figures/);
    assert.equal(await page.isVisible('#page-notice button:has-text("Reload figures")'), true);
    for (const i of await fallbacksVisible(page)) assert.ok(i.visible, JSON.stringify(i));
    await page.evaluate(() => window.__lose.restoreContext());
    await page.waitForFunction(() => !document.documentElement.classList.contains('rq-context-lost'));
    assert.equal(await page.isVisible('#page-notice'), false);
    assert.deepEqual(errors.filter((e) => e.startsWith('pageerror')), []);
  });
});

test('print: the canvas and controls are hidden and the static images printed', async () => {
  await withPage({}, async ({ page, errors }) => {
    await page.waitForFunction(() => window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 30000 });
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => ({
      canvas: getComputedStyle(document.getElementById('canvas')).display,
      tools: getComputedStyle(document.querySelector('.fig-tools')).display,
    }));
    assert.equal(r.canvas, 'none');
    assert.equal(r.tools, 'none');
    for (const i of await fallbacksVisible(page)) assert.ok(i.loaded && i.visible, JSON.stringify(i));
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 50000);
    fs.writeFileSync(path.join(SHOTS, 'article-print.pdf'), pdf);
    assert.deepEqual(errors, []);
  });
});

test('?coi=1 on a host without isolation headers: the service worker reloads the page into the threaded build', async () => {
  await withPage({ isolate: false, path: '?coi=1' }, async ({ page, errors }) => {
    await page.waitForFunction(() => window.rqStatus && window.rqStatus.frames >= 30 && self.crossOriginIsolated === true, null, { timeout: 40000 });
    assert.equal(await page.evaluate(() => window.rqStatus.variant), 'web-mt');
    assert.equal((await page.textContent('#runtime-badge')).trim(), 'SIMD · 2 threads');
    assert.deepEqual(errors, []);
  });
});

// The titles and alt texts come from the C++ registry (src/ui/registry_table.cpp) through
// dist/figure-table.js, written by rqfigures at build time: the article and the embed page carry
// them before (and without) WebAssembly, the article in the registry's figure order.
test('without WebAssembly: the article and the embed page show the registry\'s numbers, titles and alt texts', async () => {
  const { FIGURE_TABLE } = await import(path.join(DIST, 'figure-table.js'));
  assert.deepEqual([...FIGURE_TABLE.map((f) => f.id)].sort(), [...FIGURE_IDS].sort());
  await withPage({ init: () => { delete window.WebAssembly; } }, async ({ page, url, errors }) => {
    await page.waitForLoadState('load');
    const figs = await page.evaluate(() => Array.from(document.querySelectorAll('figure.fig[data-fig]')).map((f) => ({
      id: f.dataset.fig, num: f.querySelector('.fignum').textContent, title: f.querySelector('figcaption b').textContent,
      label: f.querySelector('.figure-slot').getAttribute('aria-label'), alt: f.querySelector('img.fallback').alt,
    })));
    assert.deepEqual(figs.map((f) => f.id), FIGURE_TABLE.map((f) => f.id));
    figs.forEach((f, k) => {
      const want = FIGURE_TABLE[k];
      assert.equal(f.num, `Figure ${k + 1}.`);
      assert.equal(f.title, want.title + '.');
      assert.ok(f.label.startsWith(`Interactive figure ${k + 1}: ${want.title}.`), f.label);
      assert.equal(f.alt, want.alt);
    });
    const phase = FIGURE_TABLE.find((f) => f.id === 'phase');
    await page.goto(url + 'embed.html?fig=phase');
    await page.waitForLoadState('load');
    assert.equal(await page.textContent('.embed-title'), phase.title);
    assert.equal(await page.getAttribute('img.fallback', 'alt'), phase.alt);
    assert.deepEqual(errors, []);
  });
});
