// A stand-in for the WebAssembly module that implements the page side of
// docs/figure-contract.md in plain JavaScript (2-D canvas drawing, fake state), so the page's
// own logic (visibility, view JSON, event forwarding, URL state, embed API, exports) is tested
// independently of the C++ figures. Served by test_page_contract.test.mjs in place of app_*.js.
(function () {
  'use strict';
  const M = window.Module;
  const canvas = M.canvas;
  const ids = ['trajectory', 'factorisation', 'bounds', 'phase', 'toy2d', 'witness', 'headline', 'population', 'logistic'];
  const presetNames = ['default', 'underparameterized', 'lemniscate', 'deep_linear', 'narrow', 'saddle', 'euler', 'many', 'narrow', 'E2'];
  const st = {};
  for (const id of ids) st[id] = { preset: 'default', seed: 1, n: 16, t: 0, playing: false };
  const log = (window.__mock = { views: [], commands: [], events: [], keys: [] });
  let view = { figures: [] };
  window.rqFigureFrames = {};
  for (const id of ids) window.rqFigureFrames[id] = 0;

  const impl = {
    xp_figure_count: () => ids.length,
    xp_figure_id: (i) => ids[i] || '',
    xp_figure_title: (i) => ids[i] || '',
    xp_threads: () => 1,
    xp_set_view: (json) => {
      try { view = JSON.parse(json); log.views.push(view); } catch { console.warn('xp_set_view: malformed JSON ignored'); }
    },
    xp_get_state: (id) => {
      const s = st[id];
      return s ? 'preset=' + s.preset + '&seed=' + s.seed + '&n=' + s.n + '&t=' + s.t.toFixed(2) : '';
    },
    xp_set_state: (id, q) => {
      const s = st[id];
      if (!s) return 'unknown figure';
      // The module's grammar in short (docs/url-state.md): a malformed state is not applied.
      const pairs = [];
      for (const part of q.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        let k, v;
        try { k = decodeURIComponent(part.slice(0, eq)); v = decodeURIComponent(part.slice(eq + 1)); } catch { k = null; }
        if (eq < 0 || k === null || pairs.some((p) => p[0] === k)) return 'malformed state, nothing applied';
        pairs.push([k, v]);
      }
      const bad = [];
      const d = { preset: 'default', seed: 1, n: 16, t: 0, playing: false };
      for (const [k, v] of pairs) {
        if (k === 'preset' && presetNames.includes(v)) d.preset = v;
        else if (k === 'seed' && /^[0-9]{1,9}$/.test(v)) d.seed = Number(v);
        else if (k === 'n' && /^[0-9]+$/.test(v) && Number(v) >= 2 && Number(v) <= 4096) d.n = Number(v);
        else if (k === 't' && Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1e6) d.t = Number(v);
        else bad.push(k);
      }
      st[id] = d;
      return bad.length ? 'ignored: ' + bad.join(', ') : '';
    },
    xp_command: (id, cmd) => {
      const s = st[id];
      if (!s) return 'unknown figure';
      log.commands.push([id, cmd]);
      if (cmd === 'play') s.playing = true;
      else if (cmd === 'pause') s.playing = false;
      else if (cmd === 'step') s.t += 0.25;
      else if (cmd === 'reset') s.t = 0;
      else if (cmd.startsWith('preset:') && presetNames.includes(cmd.slice(7))) { s.preset = cmd.slice(7); s.t = 0; }
      else return 'unknown command ' + cmd;
      return '';
    },
    xp_presets: (id) => JSON.stringify([{ name: 'default', label: 'Default', try: '' }, { name: 'E2', label: 'E2', try: 'switch to E2' },
      ...presetNames.slice(1, -1).map((n) => ({ name: n, label: n, try: 'load ' + n }))]),
    xp_export: (id, kind) => {
      const s = st[id];
      if (kind === 'csv') return 't,loss,R\n0,1,0.5\n0.25,0.6,0.5\n0.5,0.36,0.5\n# ' + impl.xp_get_state(id);
      return JSON.stringify({ figure: id, params: s, hash: 'mock', data: [[0, 1], [0.25, 0.6]] });
    },
  };
  M.ccall = (name, ret, types, args) => {
    if (!impl[name]) throw new Error('no export ' + name);
    return impl[name](...args);
  };
  for (const k of Object.keys(impl)) M['_' + k] = () => { throw new Error('call through ccall'); };

  for (const t of ['mousedown', 'mouseup', 'mousemove', 'wheel']) {
    canvas.addEventListener(t, (e) => log.events.push([t, e.clientX, e.clientY]), true);
  }
  for (const t of ['keydown']) window.addEventListener(t, (e) => { log.keys.push(e.key); if (e.key === 'Tab' || e.key === 'Backspace') e.preventDefault(); }, true);

  const colors = { trajectory: '#c03', factorisation: '#06c', bounds: '#093', phase: '#960', toy2d: '#609', witness: '#099', headline: '#c60', population: '#36c', logistic: '#633' };
  let frame = 0;
  const g = canvas.getContext('2d');
  function loop() {
    if (M.preMainLoop) M.preMainLoop();
    const dpr = view.dpr || 1;
    const w = Math.round(canvas.clientWidth * dpr), h = Math.round(canvas.clientHeight * dpr);
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    g.clearRect(0, 0, canvas.width, canvas.height);
    for (const f of view.figures || []) {
      const s = st[f.id];
      if (!s) continue;
      if (s.playing && !view.reducedMotion) s.t += 1 / 60;
      g.fillStyle = view.theme === 'dark' ? '#222' : '#fafafa';
      g.fillRect(f.x * dpr, f.y * dpr, f.w * dpr, f.h * dpr);
      g.fillStyle = colors[f.id];
      const cx = (f.x + f.w / 2) * dpr, cy = (f.y + f.h / 2) * dpr;
      for (let i = 0; i < 12; ++i) {
        g.globalAlpha = 0.15 + i * 0.07;
        g.beginPath();
        g.arc(cx + Math.cos(i + s.t) * f.w * 0.25 * dpr, cy + Math.sin(i * 1.3) * f.h * 0.25 * dpr, 8 * dpr + i * dpr, 0, 7);
        g.fill();
      }
      g.globalAlpha = 1;
      g.font = 14 * dpr + 'px sans-serif';
      g.fillText(f.id + ' · ' + impl.xp_get_state(f.id) + (f.controls ? ' · controls' : ''), (f.x + 10) * dpr, (f.y + 24) * dpr);
      window.rqFigureFrames[f.id]++;
    }
    ++frame;
    if (M.postMainLoop) M.postMainLoop();
    if (frame === 30) {
      window.rqStatus = { variant: 'web-st', simd: true, threads: 1, frames: frame, workerDone: false, crossOriginIsolated: self.crossOriginIsolated === true };
      if (window.rqOnStatus) window.rqOnStatus(window.rqStatus);
    }
    requestAnimationFrame(loop);
  }
  setTimeout(() => { M.onRuntimeInitialized(); requestAnimationFrame(loop); }, 50);
})();
