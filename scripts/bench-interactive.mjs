#!/usr/bin/env node
// Interactive benchmark (issue 6): every figure (or those of --figures) at its default preset,
// each alone on screen, in the threaded (cross-origin isolated) and the single-threaded build, in headless
// Chromium. For a fixed run of each (default 10 s, starting at the preset's t = 0) it records
// every requestAnimationFrame interval and every main-thread long task (PerformanceObserver
// "longtask", i.e. a task > 50 ms), and reports frame-time percentiles, long-task count and
// maximum, the module's own part of each frame (computation + UI + GL submission, between the
// page's pre- and post-frame hooks), how many frames redrew the canvas (unchanged frames are
// skipped), and when the figure's computation finished.
//
//   node scripts/bench-interactive.mjs [--seconds 10] [--figures headline,phase,…] [--variants mt,st] [--out FILE.json]
//                                      [--compositing software|gpu] [--trace PREFIX] [--idle-limit 60]
//   node scripts/bench-interactive.mjs --analyze TRACE.json     (summarize a trace written by --trace)
//
// Needs build/dist (scripts/build-web.sh). Prints a Markdown table; writes JSON to
// build/interactive-bench/results.json unless --out is given. Targets (single-threaded build):
// no long task while a figure runs, median frame ≤ 20 ms for the headline figure. Timings are
// only reported, never asserted; the machine load (loadavg) is printed with them.
//
// --compositing: 'software' (default, as the browser tests) or 'gpu' (tests/web/harness.mjs:
// SwiftShader taken as a GPU, so the page is composited in the GPU process as on a machine with a
// graphics card, and the page shows its WebGL canvas itself, ?present=direct, as it does there). --trace PREFIX records a Chromium trace of each measured run (written to
// PREFIX-VARIANT-FIGURE.json; tracing itself slows the page, so its timings are not the table's)
// and prints what fills the main thread's long tasks: the module's frame (requestAnimationFrame
// callback: figure computation, ImGui, GL calls), synchronous GL round trips inside it, the read-back
// of the WebGL canvas for the software compositor, garbage collection, and the rest (style, layout,
// paint, commit); plus the GPU process's time executing the WebGL commands (SwiftShader).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, ROOT, DIST } from '../tests/web/harness.mjs';
import { FIGURE_IDS } from '../tests/web/util.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf('--' + name); return i >= 0 && i + 1 < args.length ? args[i + 1] : def; };
const seconds = Number(opt('seconds', '10'));
const figures = opt('figures', FIGURE_IDS.join(',')).split(',').filter(Boolean);  // default: all nine
const variants = opt('variants', 'mt,st').split(',').filter(Boolean);
const out = opt('out', path.join(ROOT, 'build', 'interactive-bench', 'results.json'));
const compositing = opt('compositing', 'software');
const tracePrefix = opt('trace', '');
const analyzeFile = opt('analyze', '');
if (compositing !== 'software' && compositing !== 'gpu') { console.error('bench-interactive: --compositing is software or gpu'); process.exit(2); }
if (!(seconds > 0 && seconds <= 600)) { console.error('bench-interactive: --seconds must be in (0, 600]'); process.exit(2); }
for (const v of variants) if (v !== 'mt' && v !== 'st') { console.error(`bench-interactive: unknown variant ${v} (mt, st)`); process.exit(2); }

// ---- trace analysis -------------------------------------------------------------------------------
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink',
  'cc', 'gpu', 'gpu.angle', 'viz'];
const GL_WAIT = /^(CommandBufferProxyImpl::WaitForGetOffset|GpuChannel::WaitForGetOffsetInRange|ImplementationBase::WaitForCmd|CommandBufferHelper::Finish)$/;
const GC = /^(MinorGC|MajorGC|V8\.GC_SCAVENGER|V8\.GCScavenger|V8\.GCFinalizeMC|V8\.GC_MARK_COMPACTOR|V8\.GCIncrementalMarking|BlinkGC\.)/;

// Complete ('X') events per thread, from X and B/E pairs, sorted by start (parents before children).
function threadEvents(events) {
  const names = new Map(), by = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(e.pid + ':' + e.tid, e.args.name);
    if (e.ph !== 'X' && e.ph !== 'B' && e.ph !== 'E') continue;
    const k = e.pid + ':' + e.tid;
    if (!by.has(k)) by.set(k, []);
    by.get(k).push(e);
  }
  const out = new Map();
  for (const [k, list] of by) {
    list.sort((a, b) => a.ts - b.ts);
    const open = [], xs = [];
    for (const e of list) {
      if (e.ph === 'X') xs.push({ name: e.name, ts: e.ts, dur: e.dur || 0 });
      else if (e.ph === 'B') open.push(e);
      else { const b = open.pop(); if (b) xs.push({ name: b.name, ts: b.ts, dur: e.ts - b.ts }); }
    }
    xs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    out.set(k, { name: names.get(k) || '', events: xs });
  }
  return out;
}

// Long tasks (> 50 ms) of the page's main thread, split into what filled them (ms), and the GPU
// process's time executing WebGL commands (ANGLE's Vulkan finish = SwiftShader rasterizing).
export function analyzeTrace(events, minMs = 50) {
  const threads = threadEvents(events);
  let main = null;
  for (const t of threads.values()) if (t.name === 'CrRendererMain' && (!main || t.events.length > main.events.length)) main = t;
  if (!main) return null;
  const ev = main.events;
  // Top-level tasks: a RunTask not inside another one.
  const tasks = [];
  let end = -1;
  for (const e of ev) {
    if (!/^(ThreadControllerImpl::RunTask|RunTask)$/.test(e.name)) continue;
    if (e.ts < end) continue;
    tasks.push(e);
    end = e.ts + e.dur;
  }
  const long = tasks.filter((t) => t.dur > minMs * 1000);
  const parts = { frame: 0, frameGlWait: 0, readback: 0, gc: 0, other: 0 };
  let i0 = 0;
  for (const t of long) {
    while (i0 < ev.length && ev[i0].ts < t.ts) ++i0;
    const inside = [];
    for (let i = i0; i < ev.length && ev[i].ts < t.ts + t.dur; ++i) inside.push(ev[i]);
    // Outermost events of each kind (a kind nested in itself is counted once).
    const outer = (pred, within = null) => {
      let sum = 0, until = -1;
      for (const e of inside) {
        if (e.ts < until || !pred(e)) continue;
        if (within && !within.some((w) => e.ts >= w.ts && e.ts + e.dur <= w.ts + w.dur)) continue;
        sum += e.dur; until = e.ts + e.dur;
      }
      return sum;
    };
    const frames = inside.filter((e) => e.name === 'FireAnimationFrame');
    const frame = outer((e) => e.name === 'FireAnimationFrame');
    const frameGlWait = outer((e) => GL_WAIT.test(e.name), frames);
    const readback = outer((e) => e.name === 'GLES2::ReadPixels') - outer((e) => e.name === 'GLES2::ReadPixels', frames);
    const gc = outer((e) => GC.test(e.name)) - outer((e) => GC.test(e.name), frames);
    parts.frame += frame - frameGlWait;
    parts.frameGlWait += frameGlWait;
    parts.readback += readback;
    parts.gc += gc;
    parts.other += t.dur - frame - readback - gc;
  }
  let gpuFinish = 0, finishes = 0, swComposite = 0;
  for (const t of threads.values()) {
    if (t.name === 'CrGpuMain') for (const e of t.events) if (e.name === 'ContextVk::finishImpl') { gpuFinish += e.dur; ++finishes; }
    if (t.name === 'VizCompositorThread') for (const e of t.events) if (e.name === 'SoftwareRenderer::DoDrawQuad') swComposite += e.dur;
  }
  const ms = (x) => x / 1000;
  return {
    tasks: tasks.length, longTasks: long.length, longest: ms(Math.max(0, ...long.map((t) => t.dur))), longTotal: ms(long.reduce((a, t) => a + t.dur, 0)),
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, ms(v)])),
    gpuExecute: ms(gpuFinish), gpuExecutions: finishes, softwareCompositor: ms(swComposite),
  };
}

function traceSummary(a) {
  if (!a) return 'no renderer main thread in the trace';
  const p = a.parts, f = (x) => x.toFixed(0);
  return `${a.longTasks} long tasks (longest ${a.longest.toFixed(0)} ms, ${f(a.longTotal)} ms in all): module frame ${f(p.frame)} ms, ` +
    `GL round trips inside it ${f(p.frameGlWait)} ms, canvas read-back for the compositor ${f(p.readback)} ms, GC ${f(p.gc)} ms, ` +
    `style/layout/paint/commit and other ${f(p.other)} ms; GPU process executing WebGL (SwiftShader) ${f(a.gpuExecute)} ms in ` +
    `${a.gpuExecutions} flushes${a.softwareCompositor ? `, software compositor drawing ${f(a.softwareCompositor)} ms` : ''}`;
}

if (analyzeFile) {
  const j = JSON.parse(fs.readFileSync(analyzeFile, 'utf8'));
  const a = analyzeTrace(Array.isArray(j) ? j : j.traceEvents);
  console.log(traceSummary(a));
  console.log(JSON.stringify(a, null, 1));
  process.exit(0);
}

if (!fs.existsSync(path.join(DIST, 'index.html'))) { console.error(`bench-interactive: ${DIST}/index.html missing (run scripts/build-web.sh)`); process.exit(1); }

// Installed before the page's scripts: long tasks and rAF intervals, recorded only while window.__bench.on.
const INIT = () => {
  const b = window.__bench = { on: false, frames: [], long: [], longAt: [], last: 0 };
  try {
    new PerformanceObserver((list) => { if (b.on) for (const e of list.getEntries()) { b.long.push(e.duration); b.longAt.push(e.startTime - b.t0); } }).observe({ type: 'longtask' });
  } catch { b.noLongtask = true; }
  // The module's own share of a frame: from the page's pre-frame hook to its post-frame hook
  // (figure computation, ImGui, GL command submission), installed once the page has its hooks.
  b.body = [];
  b.parts = [];
  const wrap = () => {
    const h = window.rqHooks;
    if (!h || h.__bench) { if (!h) setTimeout(wrap, 50); return; }
    const pre = h.preFrame, post = h.postFrame;
    let t0 = 0;
    let tPre = 0;
    h.preFrame = () => { const s = performance.now(); pre(); t0 = performance.now(); tPre = t0 - s; window.rqFrameCompute = 0; window.rqFrameRender = 0; };
    h.postFrame = () => {
      const t = performance.now();
      post();
      if (b.on && t0) {
        b.body.push(t - t0);
        // [start after preset:default, module, its computation (Figure::tick), its GL drawing, the presenter before
        // and after the frame, the page's own pre- and post-frame hooks (web/article.js)] (ms)
        b.parts.push([t0 - b.t0, t - t0, window.rqFrameCompute || 0, window.rqFrameRender || 0, window.rqPresentPre || 0, window.rqPresentPost || 0,
          tPre, performance.now() - t]);
      }
    };
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
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');

async function measure(variant, fig) {
  const server = await startServer({ isolate: variant === 'mt' });
  const browser = await launch({ compositing });
  try {
    const page = browser.ctx.pages()[0] || await browser.ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(INIT);
    // GPU compositing stands for a reader with a graphics card, whose WebGL is not SwiftShader: the
    // page then shows the WebGL canvas itself (web/loader.js), so the run forces that here too.
    const query = [variant === 'st' ? 'variant=st' : '', compositing === 'gpu' ? 'present=direct' : ''].filter(Boolean).join('&');
    await page.goto(server.url + 'index.html' + (query ? '?' + query : ''));
    await page.waitForFunction(() => window.rqPage && window.rqPage.live && window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 60000 });
    const status = await page.evaluate(() => window.rqStatus);
    // Only this figure on screen; its default preset from t = 0.
    await page.evaluate((id) => document.querySelector('.figure-slot[data-fig="' + id + '"]').scrollIntoView({ block: 'center' }), fig);
    await page.waitForTimeout(500);
    const cdp = tracePrefix ? await browser.ctx.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReturnAsStream' });
      await page.waitForTimeout(200);
    }
    await page.evaluate((id) => {
      Module.ccall('xp_command', 'string', ['string', 'string'], [id, 'preset:default']);
      window.__bench.f0 = (window.rqFigureFrames || {})[id] || 0;
      window.__bench.d0 = window.rqCanvasDraws || 0;
      window.__bench.px0 = window.rqRedrawPixels || 0;
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
      const cv = document.getElementById('canvas');
      return { frames: b.frames, long: b.long, longAt: b.longAt, body: b.body, parts: b.parts, draws: (window.rqCanvasDraws || 0) - b.d0,
               redrawn: window.rqRedrawPixels === undefined ? null : window.rqRedrawPixels - b.px0, canvasPixels: cv ? cv.width * cv.height : 0, noLongtask: !!b.noLongtask, drawn: ((window.rqFigureFrames || {})[id] || 0) - b.f0,
               state: Module.ccall('xp_describe', 'string', ['string'], [id]) };
    }, fig);
    let trace = null;
    if (cdp) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await done;
      const chunks = [];
      for (;;) {
        const c = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
        chunks.push(c.base64Encoded ? Buffer.from(c.data, 'base64').toString() : c.data);
        if (c.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      const file = `${tracePrefix}-${variant}-${fig}.json`;
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, chunks.join(''));
      const j = JSON.parse(chunks.join(''));
      trace = { file, ...analyzeTrace(Array.isArray(j) ? j : j.traceEvents) };
    }
    // Long tasks are reported when they end: one that began before preset:default (the first draw
    // of the figure after scrolling it into view) is counted apart, not as part of the run.
    const during = r.long.filter((d, i) => r.longAt[i] >= 0), before = r.long.filter((d, i) => r.longAt[i] < 0);
    return {
      variant, figure: fig, seconds, threads: status.threads, build: status.variant,
      frames: r.frames.length, figureFrames: r.drawn,
      p50: pct(r.frames, 50), p95: pct(r.frames, 95), p99: pct(r.frames, 99), maxFrame: Math.max(0, ...r.frames),
      moduleP50: pct(r.body, 50), moduleMax: Math.max(0, ...r.body), canvasDraws: r.draws,
      // Share of the canvas cleared and drawn again per canvas draw (partial redraws, src/render/redraw.hpp).
      redrawnShare: r.redrawn === null || !r.draws || !r.canvasPixels ? null : r.redrawn / (r.draws * r.canvasPixels),
      longTasks: during.length, longMax: Math.max(0, ...during), longtaskObserver: !r.noLongtask,
      longBefore: before.length, longBeforeMax: Math.max(0, ...before),
      // [start ms after preset:default, duration ms, and the frames inside it: [module, its computation, its GL drawing,
      // the presenter before the frame, the presenter after the previous frame (web/loader.js), the page's hooks before
      // and after the frame (web/article.js)] ms]
      longList: r.long.map((d, i) => [Math.round(r.longAt[i]), Math.round(d),
        r.parts.filter((f) => f[0] >= r.longAt[i] - 1 && f[0] < r.longAt[i] + d).map((f) => f.slice(1).map((x) => Math.round(x * 10) / 10))]),
      computeP50: pct(r.parts.map((f) => f[2]), 50), computeMax: Math.max(0, ...r.parts.map((f) => f[2])),
      uiMax: Math.max(0, ...r.parts.map((f) => f[1] - f[2] - f[3])), renderMax: Math.max(0, ...r.parts.map((f) => f[3])),
      // The page's own hooks around each frame (figure rectangles before it; placeholders, heights, narration after).
      hooksP50: pct(r.parts.map((f) => f[6] + f[7]), 50), hooksMax: Math.max(0, ...r.parts.map((f) => f[6] + f[7])),
      hooksMean: r.parts.length ? r.parts.reduce((a, f) => a + f[6] + f[7], 0) / r.parts.length : NaN,
      computeDoneAfter: doneAt, finalState: r.state, errors, compositing, trace,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const started = new Date().toISOString();
const load0 = os.loadavg();
const results = [];
// Like scripts/bench/bench.py: start each run when other processes use < 5 % of a CPU over 1 s (at most
// --idle-limit s of waiting; scripts/bench.sh runs this right after its builds).
const idleLimit = Number(opt('idle-limit', '60'));
const cpuBusy = () => {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6]) / 100;  // user nice system irq softirq, in s (USER_HZ = 100)
};
async function waitIdle() {
  const t0 = Date.now();
  for (;;) {
    const b0 = cpuBusy();
    await new Promise((r) => setTimeout(r, 1000));
    const busy = cpuBusy() - b0;
    if (busy < 0.05 || Date.now() - t0 > idleLimit * 1000) return { busy, waited: (Date.now() - t0) / 1000 };
  }
}
for (const v of variants) for (const f of figures) {
  const idle = await waitIdle();
  process.stderr.write(`bench-interactive: ${f} (${v}) for ${seconds} s${idle.busy < 0.05 ? '' : ' (machine busy)'} … `);
  const r = await measure(v, f);
  r.busyBefore = Number(idle.busy.toFixed(3));
  r.idleWaitS = Number(idle.waited.toFixed(1));
  r.loadavg = os.loadavg().map((x) => Number(x.toFixed(2)));
  results.push(r);
  process.stderr.write(`p50 ${f1(r.p50)} ms, ${r.longTasks} long tasks\n`);
}
const lines = [
  `Interactive benchmark, ${started}, ${os.cpus().length} CPUs, loadavg at start ${load0.map((x) => x.toFixed(2)).join(' ')}; ${seconds} s per run; ` +
    `${compositing} compositing${tracePrefix ? '; traced (tracing slows the page)' : ''}`,
  '',
  '| build | figure | frames | frame p50 ms | p95 ms | p99 ms | max ms | long tasks | longest ms | module part of a frame p50 / max ms | its computation p50 / max, UI max, GL drawing max ms | page hooks p50 / max ms | canvas redraws (share of the canvas each) | computation done after | long task begun before the run (ms) | loadavg (1 min) after |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of results)
  lines.push(`| ${r.build} (${r.threads} thread${r.threads === 1 ? '' : 's'}) | ${r.figure} | ${r.frames} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.maxFrame)} | ${r.longtaskObserver ? r.longTasks : 'n/a'} | ${r.longTasks ? f1(r.longMax) : '—'} | ${f1(r.moduleP50)} / ${f1(r.moduleMax)} | ${f1(r.computeP50)} / ${f1(r.computeMax)}, ${f1(r.uiMax)}, ${f1(r.renderMax)} | ${f2(r.hooksP50)} / ${f1(r.hooksMax)} | ${r.canvasDraws}${r.redrawnShare === null ? '' : ` (${(100 * r.redrawnShare).toFixed(0)} %)`} | ${r.computeDoneAfter === null ? `not within ${seconds} s` : r.computeDoneAfter.toFixed(1) + ' s'} | ${r.longBefore ? f1(r.longBeforeMax) : '—'} | ${r.loadavg[0]}${r.busyBefore >= 0.05 ? ' (started busy)' : ''} |`);
const st = results.filter((r) => r.variant === 'st');
if (st.length) {
  lines.push('');
  const noLong = st.every((r) => r.longTasks === 0);
  const head = st.find((r) => r.figure === 'headline');
  lines.push(`Targets (single-threaded build): no main-thread task > 50 ms: ${noLong ? 'met' : 'NOT met (' + st.map((r) => `${r.figure}: ${r.longTasks}, longest ${f1(r.longMax)} ms`).join('; ') + ')'}` +
    (head ? `; headline median frame ≤ 20 ms: ${head.p50 <= 20 ? 'met' : 'NOT met'} (${f1(head.p50)} ms)` : ''));
}
for (const r of results.filter((x) => x.trace)) lines.push('', `Trace ${r.build} ${r.figure} (${r.trace.file}): ${traceSummary(r.trace)}`);
const errs = results.filter((r) => r.errors.length);
if (errs.length) lines.push('', 'Page errors: ' + errs.map((r) => `${r.figure}/${r.variant}: ${r.errors.join('; ')}`).join(' | '));
console.log(lines.join('\n'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ started, loadavgStart: load0, cpus: os.cpus().length, results }, null, 1));
console.error(`bench-interactive: ${out}`);
