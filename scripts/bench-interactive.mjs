#!/usr/bin/env node
// Interactive benchmark (issue 6): the headline figure and the phase diagram at their default
// presets, in the threaded (cross-origin isolated) and the single-threaded build, in headless
// Chromium. For a fixed run of each (default 10 s, starting at the preset's t = 0) it records
// every requestAnimationFrame interval and every main-thread long task (PerformanceObserver
// "longtask", i.e. a task > 50 ms), and reports frame-time percentiles, long-task count and
// maximum, the module's own part of each frame (computation + UI + GL submission, between the
// page's pre- and post-frame hooks), how many frames redrew the canvas (unchanged frames are
// skipped), and when the figure's computation finished.
//
//   node scripts/bench-interactive.mjs [--seconds 10] [--figures headline,phase] [--variants mt,st] [--out FILE.json]
//
// Needs build/dist (scripts/build-web.sh). Prints a Markdown table; writes JSON to
// build/interactive-bench/results.json unless --out is given. Targets (single-threaded build):
// no long task while a figure runs, median frame ≤ 20 ms for the headline figure. Timings are
// only reported, never asserted; the machine load (loadavg) is printed with them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, ROOT, DIST } from '../tests/web/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf('--' + name); return i >= 0 && i + 1 < args.length ? args[i + 1] : def; };
const seconds = Number(opt('seconds', '10'));
const figures = opt('figures', 'headline,phase').split(',').filter(Boolean);
const variants = opt('variants', 'mt,st').split(',').filter(Boolean);
const out = opt('out', path.join(ROOT, 'build', 'interactive-bench', 'results.json'));
if (!(seconds > 0 && seconds <= 600)) { console.error('bench-interactive: --seconds must be in (0, 600]'); process.exit(2); }
for (const v of variants) if (v !== 'mt' && v !== 'st') { console.error(`bench-interactive: unknown variant ${v} (mt, st)`); process.exit(2); }
if (!fs.existsSync(path.join(DIST, 'index.html'))) { console.error(`bench-interactive: ${DIST}/index.html missing (run scripts/build-web.sh)`); process.exit(1); }

// Installed before the page's scripts: long tasks and rAF intervals, recorded only while window.__bench.on.
const INIT = () => {
  const b = window.__bench = { on: false, frames: [], long: [], last: 0 };
  try {
    new PerformanceObserver((list) => { if (b.on) for (const e of list.getEntries()) b.long.push(e.duration); }).observe({ type: 'longtask' });
  } catch { b.noLongtask = true; }
  // The module's own share of a frame: from the page's pre-frame hook to its post-frame hook
  // (figure computation, ImGui, GL command submission), installed once the page has its hooks.
  b.body = [];
  const wrap = () => {
    const h = window.rqHooks;
    if (!h || h.__bench) { if (!h) setTimeout(wrap, 50); return; }
    const pre = h.preFrame, post = h.postFrame;
    let t0 = 0;
    h.preFrame = () => { pre(); t0 = performance.now(); };
    h.postFrame = () => { if (b.on && t0) b.body.push(performance.now() - t0); post(); };
    h.__bench = true;
  };
  setTimeout(wrap, 0);
  const tick = (t) => { if (b.on && b.last) b.frames.push(t - b.last); b.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
};

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');

async function measure(variant, fig) {
  const server = await startServer({ isolate: variant === 'mt' });
  const browser = await launch();
  try {
    const page = browser.ctx.pages()[0] || await browser.ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(INIT);
    await page.goto(server.url + 'index.html' + (variant === 'st' ? '?variant=st' : ''));
    await page.waitForFunction(() => window.rqPage && window.rqPage.live && window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 60000 });
    const status = await page.evaluate(() => window.rqStatus);
    // Only this figure on screen; its default preset from t = 0.
    await page.evaluate((id) => document.querySelector('.figure-slot[data-fig="' + id + '"]').scrollIntoView({ block: 'center' }), fig);
    await page.waitForTimeout(500);
    await page.evaluate((id) => {
      Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'preset:default']);
      window.__bench.f0 = (window.rqFigureFrames || {})[id] || 0;
      window.__bench.d0 = window.rqCanvasDraws || 0;
      window.__bench.t0 = performance.now();
      window.__bench.on = true;
    }, fig);
    // Poll (outside the page's frames) for the end of the computation.
    let doneAt = null;
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      await page.waitForTimeout(250);
      if (doneAt === null) {
        const d = await page.evaluate((id) => Module.ccall('xp_describe', 'string', ['string'], [id]), fig);
        if (/\bdone\b|(\d+) of \1 cells/.test(d)) doneAt = (Date.now() - t0) / 1000;
      }
    }
    const r = await page.evaluate((id) => {
      const b = window.__bench;
      b.on = false;
      return { frames: b.frames, long: b.long, body: b.body, draws: (window.rqCanvasDraws || 0) - b.d0, noLongtask: !!b.noLongtask, drawn: ((window.rqFigureFrames || {})[id] || 0) - b.f0,
               state: Module.ccall('xp_describe', 'string', ['string'], [id]) };
    }, fig);
    return {
      variant, figure: fig, seconds, threads: status.threads, build: status.variant,
      frames: r.frames.length, figureFrames: r.drawn,
      p50: pct(r.frames, 50), p95: pct(r.frames, 95), p99: pct(r.frames, 99), maxFrame: Math.max(0, ...r.frames),
      moduleP50: pct(r.body, 50), moduleMax: Math.max(0, ...r.body), canvasDraws: r.draws,
      longTasks: r.long.length, longMax: Math.max(0, ...r.long), longtaskObserver: !r.noLongtask,
      computeDoneAfter: doneAt, finalState: r.state, errors,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const started = new Date().toISOString();
const load0 = os.loadavg();
const results = [];
for (const v of variants) for (const f of figures) {
  process.stderr.write(`bench-interactive: ${f} (${v}) for ${seconds} s … `);
  const r = await measure(v, f);
  r.loadavg = os.loadavg().map((x) => Number(x.toFixed(2)));
  results.push(r);
  process.stderr.write(`p50 ${f1(r.p50)} ms, ${r.longTasks} long tasks\n`);
}
const lines = [
  `Interactive benchmark, ${started}, ${os.cpus().length} CPUs, loadavg at start ${load0.map((x) => x.toFixed(2)).join(' ')}; ${seconds} s per run`,
  '',
  '| build | figure | frames | frame p50 ms | p95 ms | p99 ms | max ms | long tasks | longest ms | module part of a frame p50 / max ms | canvas redraws | computation done after | loadavg (1 min) after |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of results)
  lines.push(`| ${r.build} (${r.threads} thread${r.threads === 1 ? '' : 's'}) | ${r.figure} | ${r.frames} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.maxFrame)} | ${r.longtaskObserver ? r.longTasks : 'n/a'} | ${r.longTasks ? f1(r.longMax) : '—'} | ${f1(r.moduleP50)} / ${f1(r.moduleMax)} | ${r.canvasDraws} | ${r.computeDoneAfter === null ? `not within ${seconds} s` : r.computeDoneAfter.toFixed(1) + ' s'} | ${r.loadavg[0]} |`);
const st = results.filter((r) => r.variant === 'st');
if (st.length) {
  lines.push('');
  const noLong = st.every((r) => r.longTasks === 0);
  const head = st.find((r) => r.figure === 'headline');
  lines.push(`Targets (single-threaded build): no main-thread task > 50 ms: ${noLong ? 'met' : 'NOT met (' + st.map((r) => `${r.figure}: ${r.longTasks}, longest ${f1(r.longMax)} ms`).join('; ') + ')'}` +
    (head ? `; headline median frame ≤ 20 ms: ${head.p50 <= 20 ? 'met' : 'NOT met'} (${f1(head.p50)} ms)` : ''));
}
const errs = results.filter((r) => r.errors.length);
if (errs.length) lines.push('', 'Page errors: ' + errs.map((r) => `${r.figure}/${r.variant}: ${r.errors.join('; ')}`).join(' | '));
console.log(lines.join('\n'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ started, loadavgStart: load0, cpus: os.cpus().length, results }, null, 1));
console.error(`bench-interactive: ${out}`);
