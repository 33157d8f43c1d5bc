// Hostile or broken URL state (script tags, event-handler markup, NaN, huge numbers, wrong
// types, unknown figures, over-long input) on the article and the embed page: a visible message,
// safe defaults, nothing inserted as HTML and no script executed. Runs against the real module
// and against the JavaScript mock (whose xp_set_state rejects a malformed state and reports
// out-of-range fields). The grammar's rules are checked against the real module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, waitRuntime } from './util.mjs';

const PWN = 'window.__pwned=1';
const enc = encodeURIComponent;
const NOTICE = '#page-notice', MSG = '.fig[data-fig="toy2d"] .fig-msg';
// The page's own parameters and the figure state follow one grammar (docs/url-state.md); the page
// reads its parameters and passes the state as it is to the module, which reads and validates it.
// expect: the message with either module; real / mock: only with that one.
const ARTICLE = [
  { hash: '#fig=' + enc(`<script>${PWN}</script>`), where: NOTICE, expect: /unknown figure/ },
  { hash: '#fig=' + enc(`"><img src=x onerror=${PWN}>`), where: NOTICE, expect: /unknown figure/ },
  { hash: '#fig=__proto__', where: NOTICE, expect: /unknown figure/ },
  // grammar errors in the page's parameters reject the whole link
  { hash: '#fig=toy2d&fig=phase&fig[]=1', where: NOTICE, expect: /malformed.*“fig” given twice/ },
  { hash: '#fig=toy2d&state=%E0%A4%A', where: NOTICE, expect: /malformed.*bad percent-encoding/ },
  { hash: '#fig=toy2d&state', where: NOTICE, expect: /malformed.*expected key=value/ },
  // the state, read by the module
  { hash: '#fig=toy2d&state=' + enc(`n=<img src=x onerror=${PWN}>&<svg/onload=${PWN}>=1`), where: MSG, expect: /not applied/, real: /unknown key 'n'.*unknown key '<svg\/onload'/ },
  { hash: '#fig=toy2d&state=' + enc('n=NaN&t=Infinity&seed=1e999'), where: MSG, expect: /not applied/, real: /t='Infinity' is not a finite number/ },
  { hash: '#fig=toy2d&state=' + enc('s0=2.5&t=1&t=2'), where: MSG, expect: /not applied/, real: /malformed state, nothing applied: key 't' given twice/, notApplied: 's0=2.5' },
  { hash: '#fig=toy2d&state=' + enc('s0=2.5&t=%ZZ'), where: MSG, expect: /not applied/, real: /malformed state, nothing applied: bad percent-encoding in 't=%ZZ'/, notApplied: 's0=2.5' },
  { hash: '#fig=toy2d&state=' + enc('s0=2.5&t'), where: MSG, expect: /not applied/, real: /expected key=value, got 't'/, notApplied: 's0=2.5' },
  { hash: '#fig=toy2d&state=' + enc('a=1&'.repeat(1100)), where: MSG, expect: /not applied/, real: /too long \(4400 bytes; at most 4096\)/ },
  // over the page's transport cap: not passed to the module at all
  { hash: '#fig=toy2d&state=' + enc('a=1&'.repeat(17000)), where: MSG, expect: /too long \(68000 characters\)/ },
];
// '+' is a plus sign in both layers: escaped (as the page writes links) and typed by hand.
const PLUS = ['#fig=toy2d&state=' + enc('preset=default&s0=1e+0&t=1e+1'), '#fig=toy2d&state=preset%3Ddefault%26s0%3D1e+0%26t%3D1e+1'];
const EMBED = [
  { q: '?fig=' + enc(`<svg onload=${PWN}>`) + '&controls=maybe&height=1e9&theme=' + enc('<b>x</b>'), expect: /unknown figure.*controls must be 0 or 1.*height.*theme/ },
  { q: '?fig=toy2d&controls=0&fig=phase', expect: /malformed.*“fig” given twice.*no figure named/ },
  { q: '?fig=toy2d&state=' + enc(`t=-1e400&preset=<script>${PWN}</script>`), expectMsg: /not applied/, real: /preset='<script>.*: expected default\|.*; t='-1e400' is not a finite number/ },
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
        const el = page.locator(c.where);
        assert.equal(await el.isVisible(), true, `${c.hash}: message not visible`);
        const text = await el.textContent();
        assert.match(text, c.expect, `${c.hash}: message “${text}”`);
        const only = mock ? c.mock : c.real;
        if (only) assert.match(text, only, `${c.hash}: message “${text}”`);
        if (c.notApplied) {
          const st = await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d']));
          assert.equal(st.includes(c.notApplied), false, `${c.hash}: part of a malformed state applied: ${st}`);
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
        assert.match(await page.textContent(MSG), /not applied: ignored: n/);
        assert.equal(await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d'])), 'preset=default&seed=7&n=16&t=0.00');
      }
      if (!mock) {
        for (const hash of PLUS) {
          await page.goto('about:blank');
          await page.goto(url + 'index.html' + hash);
          await waitRuntime(page);
          const st = await page.evaluate(() => Module.ccall('xp_get_state', 'string', ['string'], ['toy2d']));
          assert.match(st, /&s0=1&t=10&/, `${hash}: state ${st}`);
          assert.equal(await page.locator(MSG).isVisible(), false, `${hash}: ${await page.locator(MSG).textContent()}`);
        }
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
        if (c.expectMsg) {
          const text = await page.textContent('.fig-msg');
          assert.match(text, c.expectMsg);
          if (!mock && c.real) assert.match(text, c.real);
        }
      }
      assert.deepEqual(errors, []);
    });
  });
}
