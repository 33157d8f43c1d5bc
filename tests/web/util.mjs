// Helpers for the article/embed tests: which parts of docs/figure-contract.md the current
// WebAssembly build exports (tests of missing parts run as TODO and fail with a message naming
// the missing C++ piece), and a one-call "open a page, run, clean up" wrapper.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, watchErrors, DIST } from './harness.mjs';

function moduleText(f) {
  try { return fs.readFileSync(path.join(DIST, f), 'utf8'); } catch { return ''; }
}
// Both builds must have a feature (isolated pages load app_mt.js, plain ones app_st.js).
const JS = [moduleText('app_st.js'), moduleText('app_mt.js')];
const inAll = (s) => JS.every((t) => t.includes(s));
export const has = (name) => inAll('_' + name);
export const FIGURE_IDS = ['trajectory', 'factorisation', 'bounds', 'phase', 'toy2d', 'witness', 'headline', 'population', 'logistic'];

// todo option for node:test: false when every named export is in the build, else the reason.
export function waitsOn(...names) {
  const missing = names.filter((n) => !(n === 'rqFigureFrames' ? inAll('rqFigureFrames') : has(n)));
  return missing.length ? 'waits on C++: ' + missing.join(', ') + ' not in the WebAssembly build (docs/figure-contract.md)' : false;
}
export function requireFeatures(...names) {
  const why = waitsOn(...names);
  if (why) throw new Error(why);
}

// Runs fn({ page, ctx, url, errors }) against a fresh server and browser.
export const MOCK = path.join(path.dirname(new URL(import.meta.url).pathname), 'mock-module.js');
// mock: serve tests/web/mock-module.js instead of the WebAssembly app (page-side contract tests).
export async function withPage({ isolate = true, launchOptions = {}, path: p = '', init = null, goto = true, mock = false } = {}, fn) {
  const server = await startServer({ isolate });
  const browser = await launch(launchOptions);
  try {
    const page = browser.ctx.pages()[0] || await browser.ctx.newPage();
    if (init) await page.addInitScript(init);
    if (mock) await browser.ctx.route(/\/app_(st|mt)\.js$/, (r) => r.fulfill({ path: MOCK, contentType: 'text/javascript', headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } }));
    const errors = watchErrors(page);
    if (goto) await page.goto(server.url + p);
    return await fn({ page, ctx: browser.ctx, url: server.url, errors });
  } finally {
    await browser.close();
    await server.stop();
  }
}

// Waits until the page's module is running and has drawn 30 frames.
export async function waitRuntime(page, timeout = 30000) {
  await page.waitForFunction(() => window.rqPage && window.rqPage.live && window.rqStatus && window.rqStatus.frames >= 30, null, { timeout });
}

// Scrolls a figure into view and waits until the module has drawn it a few times.
export async function showFigure(page, id, frames = 5) {
  await page.evaluate((id) => document.querySelector('.figure-slot[data-fig="' + id + '"]').scrollIntoView({ block: 'center' }), id);
  await page.waitForFunction(({ id, frames }) => {
    const f = window.rqFigureFrames;
    if (!f) return false;
    window.__base = window.__base || {};
    if (window.__base[id] === undefined) window.__base[id] = f[id] || 0;
    return (f[id] || 0) >= window.__base[id] + frames;
  }, { id, frames }, { timeout: 15000 });
  await page.evaluate(() => { window.__base = {}; });
}
