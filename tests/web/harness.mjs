// Shared pieces of the browser tests: the project's own static server (with or without the
// isolation headers) and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// playwright-core is installed by scripts/setup.sh into web/node_modules (from web/package-lock.json).
const { chromium } = createRequire(path.join(ROOT, 'web', 'package.json'))('playwright-core');
export const DIST = process.env.RQ_DIST || path.join(ROOT, 'build', 'dist');
export const SHOTS = process.env.RQ_SHOTS || path.join(ROOT, 'build', 'screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

// Starts scripts/serve.mjs on a free loopback port; resolves to { url, stop }.
export function startServer({ isolate = true, root = DIST } = {}) {
  const args = [path.join(ROOT, 'scripts', 'serve.mjs'), '--root', root, '--port', '0', '--quiet'];
  if (!isolate) args.push('--no-isolation');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start')), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolve({ url: m[0], stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code})`)); });
  });
}

// The screen is larger than the viewport, as for a reader with a normal browser window (a
// viewport as large as the screen is the F11 case, tested on its own).
//
// compositing: 'software' (default, every test) is what Chromium does on this GPU-less machine
// with --disable-gpu: WebGL runs on SwiftShader and the page is composited on the CPU, which reads
// the WebGL canvas back on the renderer's main thread after every frame that drew it. 'gpu' asks
// for SwiftShader explicitly instead (--use-angle=swiftshader), which Chromium treats as a GPU: the
// compositor runs in the GPU process and takes the canvas as a texture, as in a reader's browser
// with a graphics card. Only the interactive benchmark uses 'gpu', and reports both
// (docs/performance.md, "The interactive benchmark").
export async function launch({ viewport = { width: 1280, height: 900 }, screen = { width: 1920, height: 1080 }, compositing = 'software', ...ctxOptions } = {}) {
  if (compositing !== 'software' && compositing !== 'gpu') throw new Error(`launch: compositing must be software or gpu, not ${compositing}`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rq-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport, screen,
    args: ['--no-sandbox', compositing === 'gpu' ? '--use-angle=swiftshader' : '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
           // Diagnostics only (e.g. RQ_CHROMIUM_ARGS=--js-flags=--no-liftoff): never set by the tests or CI.
           ...(process.env.RQ_CHROMIUM_ARGS || '').split(' ').filter(Boolean)],
    ...ctxOptions,
  });
  // Chromium can still be writing into its profile right after close (seen under load: ENOTEMPTY,
  // which then left the test's server running and the test file hanging): retry the removal.
  return { ctx, close: async () => { await ctx.close(); fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); } };
}

// Collects console errors and uncaught page errors (what a reader would see in the console).
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url || ''})`); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function waitForStatus(page, timeout = 30000) {
  await page.waitForFunction(() => window.rqStatus && window.rqStatus.frames >= 30, null, { timeout });
  return page.evaluate(() => window.rqStatus);
}
