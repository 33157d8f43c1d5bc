// Static server on loopback for the explorable paper (no dependencies).
// Sends Cross-Origin-Opener-Policy / Cross-Origin-Embedder-Policy so the page is
// cross-origin isolated and can use the threaded build; --no-isolation serves the same files
// without them (the page then falls back to the single-threaded build).
// Usage: node scripts/serve.mjs [--root DIR] [--port N] [--no-isolation] [--quiet]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let root = path.resolve(here, '..', 'build', 'dist');
let port = 8000;
let isolate = true;
let quiet = false;
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--root' && i + 1 < args.length) root = path.resolve(args[++i]);
  else if (a === '--port' && i + 1 < args.length) port = Number(args[++i]);
  else if (a === '--no-isolation') isolate = false;
  else if (a === '--quiet') quiet = true;
  else { console.error(`serve: unknown argument '${a}'\nusage: node scripts/serve.mjs [--root DIR] [--port N] [--no-isolation]`); process.exit(2); }
}
if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`serve: bad port '${port}' (0-65535)`); process.exit(2); }
if (!fs.existsSync(path.join(root, 'index.html'))) { console.error(`serve: ${root}/index.html not found (build first: scripts/run.sh)`); process.exit(1); }

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.csv': 'text/csv',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

const server = http.createServer((req, res) => {
  let p;
  try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end('bad request'); return; }
  if (p.endsWith('/')) p += 'index.html';
  const f = path.join(root, path.normalize(p));
  if (f !== root && !f.startsWith(root + path.sep)) { res.writeHead(403); res.end('forbidden'); return; }
  fs.readFile(f, (err, data) => {
    const h = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (isolate) {
      h['Cross-Origin-Opener-Policy'] = 'same-origin';
      h['Cross-Origin-Embedder-Policy'] = 'require-corp';
      h['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    if (err) { res.writeHead(404, { ...h, 'Content-Type': 'text/plain' }); res.end('not found'); return; }
    h['Content-Type'] = types[path.extname(f)] || 'application/octet-stream';
    res.writeHead(200, h);
    res.end(data);
  });
});
server.on('error', (e) => {
  if (e.code === 'EADDRINUSE') console.error(`serve: port ${port} on 127.0.0.1 is busy; stop the other server or pick another port: --port N (or PORT=N scripts/run.sh)`);
  else console.error(`serve: ${e.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  if (!quiet) console.log(`Serving ${root}\n  http://127.0.0.1:${actual}/   (${isolate ? 'cross-origin isolated: threaded build' : 'no isolation headers: single-threaded build'})\n  Ctrl-C to stop.`);
  else console.log(`http://127.0.0.1:${actual}/`);
});
const stop = () => { server.close(() => process.exit(0)); setTimeout(() => process.exit(0), 500).unref(); if (!quiet) console.log('\nserve: stopped'); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
