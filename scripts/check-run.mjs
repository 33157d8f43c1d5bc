// Checks the README's first command as a newcomer meets it: `scripts/run.sh` sets up, builds and
// serves; the page it serves is the article, the threaded module runs in it, and no request of the
// page fails or answers 4xx/5xx (a missing favicon, font or worker shows up here).
//   node scripts/check-run.mjs [--port N] [--timeout SECONDS]   (default: a free port, 1800 s)
// Used with ../shared/tools/fresh-machine.sh to check run.sh on a brand-new Debian 12 system.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const port = arg('--port', 0);
const timeoutS = arg('--timeout', 1800);
let url = '';

const run = spawn('sh', [path.join(ROOT, 'scripts', 'run.sh')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const stopRun = () => { try { process.kill(-run.pid, 'SIGTERM'); } catch {} };
process.on('exit', stopRun);
let out = '';
const serving = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`run.sh did not serve within ${timeoutS} s`)), timeoutS * 1000);
  run.stdout.on('data', (d) => { process.stdout.write(d); out += d; const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//); if (m && (port === 0 || Number(m[1]) === port)) { url = m[0]; clearTimeout(timer); resolve(); } });
  run.once('exit', (code) => { clearTimeout(timer); reject(new Error(`run.sh exited (${code}) before serving`)); });
});

let failed = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`); if (!ok) failed++; };
try {
  await serving;
  // playwright-core is in web/node_modules once run.sh's set-up has run.
  const { chromium } = createRequire(path.join(ROOT, 'web', 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  const bad = [];
  page.on('response', (r) => { if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => bad.push(`failed ${r.url()} (${r.failure()?.errorText})`));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const res = await page.goto(url);
  check(res.status() === 200, `GET / answers ${res.status()}`);
  check(/Rayleigh quotient/i.test(await page.title()), `the page is the article ("${await page.title()}")`);
  await page.waitForFunction(() => window.rqStatus && window.rqStatus.frames >= 30, null, { timeout: 60000 }).catch(() => {});
  const status = await page.evaluate(() => window.rqStatus || null);
  check(status && status.frames >= 30 && status.variant === 'web-mt', `the threaded module runs (${JSON.stringify(status && { frames: status.frames, variant: status.variant })})`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(1500);
  check(bad.length === 0, `no failed request or 4xx/5xx answer${bad.length ? ': ' + bad.join(', ') : ''}`);
  check(errors.length === 0, `no console error${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await browser.close();
} catch (e) {
  check(false, e.message);
}
stopRun();
console.log(failed ? `check-run: ${failed} check(s) failed` : 'check-run: ok');
process.exit(failed ? 1 : 0);
