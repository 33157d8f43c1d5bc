// Hostile or broken URL state (script tags, event-handler markup, NaN, huge numbers, wrong
// types, unknown figures, over-long input) on the article and the embed page: a visible message,
// safe defaults, nothing inserted as HTML and no script executed. Runs against the real module
// and against the JavaScript mock (whose xp_set_state reports out-of-range fields).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, waitRuntime } from './util.mjs';

const PWN = 'window.__pwned=1';
const ARTICLE = [
  { hash: '#fig=' + encodeURIComponent(`<script>${PWN}</script>`), where: '#page-notice', expect: /unknown figure/ },
  { hash: '#fig=' + encodeURIComponent(`"><img src=x onerror=${PWN}>`), where: '#page-notice', expect: /unknown figure/ },
  { hash: '#fig=__proto__', where: '#page-notice', expect: /unknown figure/ },
  { hash: '#fig=toy2d&fig=phase&fig[]=1', where: '#page-notice', expect: null },  // first value wins: toy2d, no state
  { hash: '#fig=toy2d&state=' + encodeURIComponent(`n=<img src=x onerror=${PWN}>&<svg/onload=${PWN}>=1`), where: '.fig[data-fig="toy2d"] .fig-msg', expect: /ignored/ },
  { hash: '#fig=toy2d&state=' + encodeURIComponent('n=NaN&t=Infinity&seed=1e999'), where: '.fig[data-fig="toy2d"] .fig-msg', expect: /non-finite|out of range/ },
  { hash: '#fig=toy2d&state=' + encodeURIComponent('a=1&'.repeat(700)), where: '.fig[data-fig="toy2d"] .fig-msg', expect: /too long/ },
  { hash: '#fig=toy2d&state=%E0%A4%A', where: '.fig[data-fig="toy2d"] .fig-msg', expect: /./ },
];
const EMBED = [
  { q: '?fig=' + encodeURIComponent(`<svg onload=${PWN}>`) + '&controls=maybe&height=1e9&theme=' + encodeURIComponent('<b>x</b>'), expect: /unknown figure.*controls must be 0 or 1.*height.*theme/ },
  { q: '?fig=toy2d&state=' + encodeURIComponent(`t=-1e400&preset=<script>${PWN}</script>`), expectMsg: /ignored/ },
];

async function safe(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned === 1,
    handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name) && e.id !== 'canvas')).length,
    scripts: Array.from(document.scripts).filter((s) => !s.src).length,
    svg: document.querySelectorAll('main svg[onload], body > svg').length,
  }));
}

for (const mock of [false, true]) {
  const who = mock ? 'mock module' : 'real module';
  test(`hostile article links (${who}): visible message, defaults, no markup inserted, no script run`, async () => {
    await withPage({ mock, isolate: false, goto: false }, async ({ page, url, errors }) => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      for (const c of ARTICLE) {
        await page.goto('about:blank');
        await page.goto(url + 'index.html' + c.hash);
        await waitRuntime(page);
        await page.waitForTimeout(100);
        const s = await safe(page);
        assert.equal(s.pwned, false, `${c.hash}: script executed`);
        assert.equal(s.handlers, 0, `${c.hash}: event-handler attribute inserted`);
        assert.equal(s.scripts, 0, `${c.hash}: inline script inserted`);
        assert.equal(s.svg, 0);
        if (c.expect) {
          const el = page.locator(c.where);
          assert.equal(await el.isVisible(), true, `${c.hash}: message not visible`);
          const text = await el.textContent();
          assert.match(text, c.expect, `${c.hash}: message “${text}”`);
        }
        if (mock) {
          // safe defaults: the figure's state is the default or only the valid fields were applied
          const st = await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d']));
          assert.match(st, /^preset=default&seed=1&n=16&t=0\.00$/, `${c.hash}: state ${st}`);
        }
      }
      if (mock) {
        // out-of-range values the page cannot know about are reported by the module
        await page.goto('about:blank');
        await page.goto(url + 'index.html#fig=toy2d&state=' + encodeURIComponent('n=99999&seed=7'));
        await waitRuntime(page);
        assert.match(await page.textContent('.fig[data-fig="toy2d"] .fig-msg'), /not applied: ignored: n/);
        assert.equal(await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d'])), 'preset=default&seed=7&n=16&t=0.00');
      }
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
    });
  });

  test(`hostile embed parameters (${who}): message, default figure, nothing executed`, async () => {
    await withPage({ mock, isolate: false, goto: false }, async ({ page, url, errors }) => {
      for (const c of EMBED) {
        await page.goto(url + 'embed.html' + c.q);
        await waitRuntime(page);
        const s = await safe(page);
        assert.equal(s.pwned, false);
        assert.equal(s.handlers, 0);
        assert.equal(s.scripts, 0);
        if (c.expect) {
          assert.equal(await page.isVisible('#page-notice'), true);
          assert.match(await page.textContent('#page-notice'), c.expect);
          assert.equal(await page.getAttribute('.figure-slot', 'data-fig'), 'headline', 'default figure');
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed-nocontrols')), false, 'default controls');
        }
        if (c.expectMsg) assert.match(await page.textContent('.fig-msg'), c.expectMsg);
      }
      assert.deepEqual(errors, []);
    });
  });
}
