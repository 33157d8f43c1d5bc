// The embed page inside an iframe of a plain (not cross-origin isolated, other-origin) lecture
// page: single-threaded build, the chosen figure and state, hide options, auto height through
// postMessage, and the host-page command API with strict validation.
import { test, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SHOTS, startServer } from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';
import { withPage, waitsOn, requireFeatures } from './util.mjs';

// The host page is served by a second plain server (another port = another origin); a page
// fulfilled by the test itself would trip Chromium's local-network checks for the iframe.
const hosts = [];
async function hostServer(body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rq-host-'));
  fs.writeFileSync(path.join(dir, 'index.html'), body);
  const s = await startServer({ isolate: false, root: dir });
  hosts.push(s);
  return s.url;
}
after(async () => { for (const s of hosts) await s.stop(); });
function hostPage(src) {
  return `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0;font:16px sans-serif">
<h1>Lecture 7</h1>
<iframe id="f" src="${src}" title="figure" style="border:0;width:800px;height:300px"></iframe>
<p id="after">Below the figure.</p>
<script>
window.heights = []; window.results = [];
addEventListener('message', function (e) {
  var d = e.data;
  if (d && d.type === 'rq-embed-height') { window.heights.push(d.height); document.getElementById('f').style.height = d.height + 'px'; }
  if (d && d.type === 'rq-result') window.results.push(d);
});
window.send = function (m) { document.getElementById('f').contentWindow.postMessage(m, '*'); };
</script></body></html>`;
}

async function openHost(page, url, query) {
  await page.goto(await hostServer(hostPage(url + 'embed.html' + query)));
  const frame = page.frameLocator('#f');
  const f = await (await page.locator('#f').elementHandle()).contentFrame();
  assert.ok(f, 'iframe has a frame');
  await f.waitForFunction(() => window.rqPage && window.rqPage.live && window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 30000 });
  return { frame, f };
}

async function commands(page, f, live) {
  const bad = [
    { type: 'rq-command', command: 'format-disk' },
    { type: 'rq-command', command: 'preset', preset: '<script>window.__pwned=1</script>' },
    { type: 'rq-command', command: 'play', fig: 'phase' },
    { type: 'rq-command', command: 'play', id: { toString: 1 } },
    { type: 'rq-command', command: ['play'] },
  ];
  for (const m of bad) await page.evaluate((m) => window.send(m), m);
  await page.evaluate(() => window.send('play'));               // strings are ignored silently
  await page.evaluate(() => window.send({ type: 'other' }));     // other protocols too
  await page.waitForFunction((n) => window.results.length >= n, bad.length);
  let res = await page.evaluate(() => window.results.splice(0));
  assert.equal(res.length, bad.length);
  for (const r of res) assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(await f.evaluate(() => window.__pwned), undefined);
  const good = [
    { type: 'rq-command', command: 'step', id: 1 },
    { type: 'rq-command', command: 'preset', preset: 'saddle', id: 'p' },
    { type: 'rq-command', command: 'play' },
    { type: 'rq-command', command: 'pause' },
    { type: 'rq-command', command: 'reset' },
    { type: 'rq-command', command: 'state', id: 's' },
  ];
  for (const m of good) await page.evaluate((m) => window.send(m), m);
  await page.waitForFunction((n) => window.results.length >= n, good.length);
  res = await page.evaluate(() => window.results.splice(0));
  assert.equal(res[0].id, 1);
  assert.equal(res[1].id, 'p');
  for (const r of res) assert.equal(r.ok, live, JSON.stringify(r));
  return res;
}

test('embed in a plain host page (real module): single-threaded, hide options, auto height, commands validated', async () => {
  await withPage({ isolate: false, goto: false }, async ({ page, url, errors }) => {
    const { frame, f } = await openHost(page, url, '?fig=toy2d&controls=0&text=0&height=auto');
    assert.equal(await f.evaluate(() => window.rqStatus.variant), 'web-st');
    assert.equal(await f.evaluate(() => self.crossOriginIsolated), false);
    assert.equal(await frame.locator('.embed-caption').isVisible(), false, 'text=0 hides the caption');
    assert.equal(await frame.locator('.fig-tools').isVisible(), false, 'controls=0 hides the toolbar');
    assert.equal(await frame.locator('.figure-slot').getAttribute('data-fig'), 'toy2d');
    await page.waitForFunction(() => window.heights.length > 0);
    const h = await page.evaluate(() => window.heights.at(-1));
    const box = await page.locator('#f').boundingBox();
    assert.ok(Math.abs(box.height - h) <= 1 && h > 300, `iframe follows the embed's height (${h})`);
    const png = await page.locator('#f').screenshot();
    assert.ok(pixelStats(decodePng(png)).colors > 40, 'embedded figure drawn');
    await page.screenshot({ path: path.join(SHOTS, 'embed-host.png') });
    const live = await f.evaluate(() => window.rqPage.live);
    await commands(page, f, live);
    assert.deepEqual(errors, []);
  });
});

test('embed with the chosen state and controls (real module): renders that state, commands act', { todo: waitsOn('xp_set_view', 'xp_get_state', 'xp_set_state', 'xp_command', 'rqFigureFrames') }, async () => {
  requireFeatures('xp_set_view', 'xp_get_state', 'xp_set_state', 'xp_command', 'rqFigureFrames');
  await withPage({ isolate: false, goto: false }, async ({ page, url, errors }) => {
    const { f } = await openHost(page, url, '?fig=toy2d');
    const st0 = await f.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d']));
    await page.goto('about:blank');
    const { f: g } = await openHost(page, url, '?fig=toy2d&state=' + encodeURIComponent(st0));
    assert.equal(await g.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d'])), st0);
    const res = await commands(page, g, true);
    assert.ok(res.at(-1).state.includes('='));
    assert.deepEqual(errors, []);
  });
});

test('embed (mock module): the link state is applied, controls flag reaches the module, commands act', async () => {
  await withPage({ isolate: false, goto: false, mock: true }, async ({ page, url, errors }) => {
    const { frame, f } = await openHost(page, url, '?fig=population&state=' + encodeURIComponent('preset=narrow&seed=3&t=1.5') + '&controls=0&height=360');
    assert.equal(await f.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['population'])), 'preset=narrow&seed=3&n=16&t=1.50');
    const v = await f.evaluate(() => window.__mock.views.at(-1));
    assert.deepEqual(v.figures.map((x) => [x.id, x.controls]), [['population', false]]);
    assert.equal(await frame.locator('.embed-caption').isVisible(), true, 'text shown by default');
    assert.equal(await page.evaluate(() => window.heights.length), 0, 'fixed height: no height messages');
    const res = await commands(page, f, true);
    assert.equal(res.at(-1).state, 'preset=saddle&seed=3&n=16&t=0.00');
    const cmds = await f.evaluate(() => window.__mock.commands.map((c) => c[1]));
    assert.deepEqual(cmds, ['step', 'preset:saddle', 'play', 'pause', 'reset']);
    assert.deepEqual(errors, []);
  });
});
