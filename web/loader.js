// Picks the WebAssembly build at run time and starts it once per page (article or embed).
// Threaded + SIMD when the page is cross-origin isolated (SharedArrayBuffer usable),
// single-threaded SIMD otherwise. ?variant=mt|st forces one (for tests and comparisons).
//
// Static hosts that cannot send COOP/COEP headers can opt in to coi-serviceworker with ?coi=1
// or <html data-coi="1">: the service worker adds the headers and reloads the page once, after
// which the threaded build runs. ?coi=0 removes a previously registered worker.
//
// This file is a classic script on purpose: it runs before the module scripts and before the
// app, so its keyboard guard (below) is registered ahead of Emscripten's GLFW listeners.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const root = document.documentElement;

  // --- keyboard guard -------------------------------------------------------------------------
  // Emscripten's GLFW listens for keys on window (capture phase) and calls preventDefault on
  // Tab and Backspace, which would break the article's own keyboard navigation. Keys reach the
  // app only while a figure placeholder has focus; Tab always moves focus; Escape leaves a figure.
  const guard = (e) => {
    const a = document.activeElement;
    const inFigure = !!(a && a.classList && a.classList.contains('figure-slot') && root.classList.contains('rq-live'));
    if (!inFigure || e.key === 'Tab') { e.stopImmediatePropagation(); return; }
    if (e.key === 'Escape' && e.type === 'keydown') { e.stopImmediatePropagation(); a.blur(); }
  };
  for (const t of ['keydown', 'keypress', 'keyup']) window.addEventListener(t, guard, true);

  // --- optional cross-origin isolation through a service worker --------------------------------
  const coi = params.get('coi') || root.dataset.coi || '';
  if (coi === '0' && navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations().then((rs) => rs.forEach((r) => r.unregister())).catch(() => {});
  } else if (coi === '1' && self.crossOriginIsolated !== true && navigator.serviceWorker && window.isSecureContext) {
    window.coi = { quiet: true };
    const sw = document.createElement('script');
    sw.src = 'coi-serviceworker.js';
    document.head.appendChild(sw);  // registers, then reloads the page once; the next load is isolated
  }

  // --- build selection --------------------------------------------------------------------------
  const forced = params.get('variant');
  const isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  let threaded = isolated;
  let note = '';
  if (forced === 'mt' || forced === 'st') {
    threaded = forced === 'mt';
    if (threaded && !isolated) { threaded = false; note = 'threads need cross-origin isolation: using the single-threaded build'; }
  } else if (forced !== null) {
    note = 'unknown variant ignored (use mt or st)';
  }
  const badge = document.getElementById('runtime-badge');
  const setBadge = (text, title) => { if (badge) { badge.textContent = text; badge.title = title || ''; } };
  setBadge('loading…');
  if (note) console.warn('[rq] ' + note);

  // The article (article.js) registers window.rqHooks; calls arriving earlier are ignored.
  const hook = (name) => { const h = window.rqHooks; return h && typeof h[name] === 'function' ? h[name] : null; };
  const canvas = document.getElementById('canvas');
  // An article never locks the pointer. Emscripten's GLFW calls exitPointerLock() whenever
  // ImGui sets the normal cursor (every frame), which Chromium answers with an uncaught
  // "Permissions check failed" error; requestPointerLock would capture the reader's mouse.
  // Emscripten assigns its own bound versions at start-up, so the no-ops are accessor properties
  // whose setter ignores that assignment.
  if (canvas) {
    for (const name of ['requestPointerLock', 'exitPointerLock']) {
      Object.defineProperty(canvas, name, { configurable: true, get: () => () => {}, set: () => {} });
    }
    // The module's WebGL context keeps its pixels between frames (preserveDrawingBuffer), so that a
    // frame draws again only what changed (src/app/redraw.hpp).
    const getContext = canvas.getContext;
    canvas.getContext = function (type, attrs) {
      if (type === 'webgl2' || type === 'webgl') attrs = Object.assign({}, attrs || {}, { preserveDrawingBuffer: true });
      const gl = getContext.call(this, type, attrs);
      if (gl && (type === 'webgl2' || type === 'webgl')) {
        shadowGlState(gl, this);
        if (!presenter) presenter = makePresenter(gl, this);
      }
      return gl;
    };
  }
  let presenter = null;

  // --- presenting the canvas without a GPU ------------------------------------------------------
  // A browser without a usable GPU draws WebGL with SwiftShader (on the CPU, in the GPU process)
  // and composites the page in software: after every frame that drew the canvas, its main thread
  // waits until SwiftShader has finished the frame and reads the canvas back (GLES2::ReadPixels in
  // a trace). That wait, 25–60 ms per redraw, was most of every long task left in the interactive
  // benchmark (docs/performance.md, "Drawing in the browser"). So on SwiftShader the WebGL canvas stays
  // transparent (opacity 0: the compositor never reads it back) and the page shows a 2D canvas
  // instead. After a frame, the part the module drew again (window.rqDamage, src/web/channel.hpp) is
  // read into a pixel buffer asynchronously (readPixels into a PIXEL_PACK_BUFFER, then a fence).
  // Until the fence has signalled the module draws nothing new (window.rqGpuBusy): its commands
  // would only queue up behind the rasterizer, and a full queue blocks every GL call. A later
  // frame, before it queues anything, copies the pixels out, makes them straight (xp_unpremultiply,
  // src/web/present.cpp) and puts them on the 2D canvas. The main thread never waits for the
  // rasterizer; the picture is one to a few frames late. (Drawing the WebGL canvas into the 2D
  // canvas with drawImage instead was tried: 30–70 ms per copy on the main thread.)
  // ?present=direct|async forces either (tests, comparisons).
  function makePresenter(gl, el) {
    const forcedMode = params.get('present');
    let software = false;
    try {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      software = /SwiftShader|llvmpipe|softpipe|Software/i.test(String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)));
    } catch (e) { software = false; }
    const async = forcedMode === 'async' || (forcedMode !== 'direct' && software);
    if (!async || typeof WebGL2RenderingContext !== 'function' || !(gl instanceof WebGL2RenderingContext)) return null;
    const shown = document.createElement('canvas');
    shown.id = 'canvas-shown';
    shown.setAttribute('aria-hidden', 'true');
    shown.tabIndex = -1;
    el.after(shown);
    const g2 = shown.getContext('2d');
    if (!g2) { shown.remove(); return null; }
    root.classList.add('rq-present-async');
    const PACK = gl.PIXEL_PACK_BUFFER;
    let pbo = null, pboBytes = 0, fence = null, box = null, dirty = null, bytes = null;
    const drop = () => { if (fence && !gl.isContextLost()) gl.deleteSync(fence); fence = null; box = null; };
    el.addEventListener('webglcontextlost', () => { fence = null; box = null; pbo = null; pboBytes = 0; dirty = null; window.rqGpuBusy = false; });
    el.addEventListener('webglcontextrestored', () => { dirty = [0, 0, el.width, el.height]; });
    // Before a frame, with no new GL command queued yet (so copying out waits for nothing): the last
    // read-back, if finished, goes on the 2D canvas; if not, this frame draws nothing new.
    function pre() {
      window.rqGpuBusy = false;
      if (!fence) return;
      if (gl.isContextLost()) { fence = null; return; }
      const st = gl.clientWaitSync(fence, 0, 0);
      if (st === gl.TIMEOUT_EXPIRED) { window.rqGpuBusy = true; return; }
      const b = box;
      drop();
      if (st === gl.WAIT_FAILED || !b || b[4] !== shown.width || b[5] !== shown.height) { dirty = [0, 0, shown.width, shown.height]; return; }
      const t0 = performance.now();
      const w = b[2] - b[0], h = b[3] - b[1];
      const saved = gl.getParameter(gl.PIXEL_PACK_BUFFER_BINDING);
      gl.bindBuffer(PACK, pbo);
      const px = readStraight(w * h);
      gl.bindBuffer(PACK, saved);
      // Rows arrive bottom-up; the 2D canvas is flipped by CSS (web/style.css), so they go in as they come.
      g2.putImageData(new ImageData(px, w, h), b[0], shown.height - b[3]);
      window.rqPresented = (window.rqPresented || 0) + 1;
      // A large copy (a full redraw's: up to 35 ms measured) and a frame's drawing together could make
      // one long task: after one, the module draws in the next frame.
      if (performance.now() - t0 > 8) window.rqGpuBusy = true;
    }
    // The read-back's pixels, made straight: the drawing buffer holds premultiplied colours, ImageData
    // wants them straight. They are read into the module's memory and converted there by compiled
    // code (xp_unpremultiply); in JavaScript until the module runs.
    let heapPtr = 0, heapBytes = 0;
    function readStraight(pixels) {
      const M = window.Module, n = 4 * pixels;
      if (M && typeof M._xp_unpremultiply === 'function' && typeof M._malloc === 'function' && M.HEAPU8) {
        if (heapBytes < n) {
          if (heapPtr) M._free(heapPtr);
          heapPtr = M._malloc(n);
          heapBytes = heapPtr ? n : 0;
        }
        if (heapPtr) {
          gl.getBufferSubData(PACK, 0, M.HEAPU8, heapPtr, n);  // M.HEAPU8 read after _malloc: memory may have grown
          M._xp_unpremultiply(heapPtr, pixels);
          // ImageData cannot view shared memory (the threaded build's): copied out there, viewed in place otherwise.
          if (typeof SharedArrayBuffer === 'function' && M.HEAPU8.buffer instanceof SharedArrayBuffer) {
            const px = scratch(n);
            px.set(M.HEAPU8.subarray(heapPtr, heapPtr + n));
            return px;
          }
          return new Uint8ClampedArray(M.HEAPU8.buffer, heapPtr, n);
        }
      }
      const px = scratch(n);
      gl.getBufferSubData(PACK, 0, px, 0, n);
      const u = new Uint32Array(px.buffer, px.byteOffset, pixels);
      for (let i = 0; i < pixels; ++i) {
        const a = u[i] >>> 24;
        if (a === 0 || a === 255) continue;
        const k = 4 * i, f = 255 / a;
        px[k] = px[k] * f; px[k + 1] = px[k + 1] * f; px[k + 2] = px[k + 2] * f;
      }
      return px;
    }
    function scratch(n) {
      if (!bytes || bytes.length < n) bytes = new Uint8ClampedArray(n);
      return new Uint8ClampedArray(bytes.buffer, 0, n);
    }
    // After a frame: what it drew joins the damage; with no read-back in flight, one is started.
    function post() {
      const d = window.rqDamage;
      window.rqDamage = null;
      if (gl.isContextLost() || !root.classList.contains('rq-live')) return;
      const W = el.width, H = el.height;
      if (shown.width !== W || shown.height !== H) {
        shown.width = W; shown.height = H;  // clears it
        drop();
        dirty = [0, 0, W, H];
      }
      if (d) dirty = dirty ? [Math.min(dirty[0], d[0]), Math.min(dirty[1], d[1]), Math.max(dirty[2], d[2]), Math.max(dirty[3], d[3])] : d.slice();
      if (!dirty || fence) return;
      const x0 = Math.max(0, dirty[0]), y0 = Math.max(0, dirty[1]), x1 = Math.min(W, dirty[2]), y1 = Math.min(H, dirty[3]);
      dirty = null;
      if (x1 <= x0 || y1 <= y0) return;
      const need = W * H * 4;
      if (!pbo || pboBytes < need) {
        if (pbo) gl.deleteBuffer(pbo);
        pbo = gl.createBuffer();
        pboBytes = need;
        gl.bindBuffer(PACK, pbo);
        gl.bufferData(PACK, need, gl.STREAM_READ);
      } else gl.bindBuffer(PACK, pbo);
      const fb = gl.getParameter(gl.FRAMEBUFFER_BINDING);
      if (fb) gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      gl.readPixels(x0, H - y1, x1 - x0, y1 - y0, gl.RGBA, gl.UNSIGNED_BYTE, 0);
      if (fb) gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
      gl.bindBuffer(PACK, null);
      fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
      gl.flush();
      box = [x0, y0, x1, y1, W, H];
    }
    return { pre, post };
  }

  // --- WebGL state answered without a GPU round trip ----------------------------------------------
  // Dear ImGui's OpenGL3 backend saves and restores the GL state around every frame it draws
  // (glGetIntegerv → getParameter). Chromium answers most of those queries from state it keeps in
  // the page, but the scissor box, the viewport and the blend functions/equations need a
  // synchronous round trip to the GPU process, which first finishes every command queued before it:
  // the previous frame's rasterization. Measured in headless Chromium 156 with GPU compositing
  // (SwiftShader): getParameter(SCISSOR_BOX) blocked the main thread for up to 146 ms per frame
  // (docs/performance.md, "Drawing in the browser"). These values only change through the setters below, so the
  // page keeps them itself: the first query asks the context, the setters keep the copy current,
  // and anything unusual (a value WebGL could reject or clamp, a lost context) falls back to asking.
  function shadowGlState(gl, el) {
    if (gl.__rqShadow) return;
    gl.__rqShadow = true;
    const SCISSOR_BOX = 0x0C10, VIEWPORT = 0x0BA2;
    const SRC_RGB = 0x80C9, DST_RGB = 0x80C8, SRC_A = 0x80CB, DST_A = 0x80CA, EQ_RGB = 0x8009, EQ_A = 0x883D;
    const tracked = new Set([SCISSOR_BOX, VIEWPORT, SRC_RGB, DST_RGB, SRC_A, DST_A, EQ_RGB, EQ_A]);
    // Blend factors every context accepts in any position (no CONSTANT_*, no SRC_ALPHA_SATURATE).
    const factors = new Set([0, 1, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0305, 0x0306, 0x0307]);
    const equations = new Set([0x8006, 0x800A, 0x800B].concat(type2(gl) ? [0x8007, 0x8008] : []));
    function type2(g) { return typeof WebGL2RenderingContext === 'function' && g instanceof WebGL2RenderingContext; }
    const known = new Map();
    const real = gl.getParameter;
    let maxDims = null;
    gl.getParameter = function (p) {
      if (!tracked.has(p) || gl.isContextLost()) return real.call(gl, p);
      if (!known.has(p)) {
        const v = real.call(gl, p);
        if (v === null || v === undefined) return v;
        known.set(p, v instanceof Int32Array ? new Int32Array(v) : v);
      }
      const v = known.get(p);
      return v instanceof Int32Array ? new Int32Array(v) : v;
    };
    const wrap = (name, update) => {
      const f = gl[name];
      if (typeof f !== 'function') return;
      gl[name] = function () { f.apply(gl, arguments); update.apply(null, arguments); };
    };
    const int = (x) => Number(x) | 0;
    wrap('scissor', (x, y, w, h) => {
      w = int(w); h = int(h);
      if (w >= 0 && h >= 0) known.set(SCISSOR_BOX, new Int32Array([int(x), int(y), w, h])); else known.delete(SCISSOR_BOX);
    });
    wrap('viewport', (x, y, w, h) => {
      w = int(w); h = int(h);
      if (!maxDims) maxDims = real.call(gl, gl.MAX_VIEWPORT_DIMS);
      if (maxDims && w >= 0 && h >= 0 && w <= maxDims[0] && h <= maxDims[1]) known.set(VIEWPORT, new Int32Array([int(x), int(y), w, h]));
      else known.delete(VIEWPORT);
    });
    const setFuncs = (sr, dr, sa, da) => {
      const ok = [sr, dr, sa, da].every((f) => factors.has(f));
      const vals = [[SRC_RGB, sr], [DST_RGB, dr], [SRC_A, sa], [DST_A, da]];
      for (const [p, v] of vals) { if (ok) known.set(p, v); else known.delete(p); }
    };
    wrap('blendFunc', (s, d) => setFuncs(s, d, s, d));
    wrap('blendFuncSeparate', setFuncs);
    const setEqs = (rgb, a) => {
      const ok = equations.has(rgb) && equations.has(a);
      for (const [p, v] of [[EQ_RGB, rgb], [EQ_A, a]]) { if (ok) known.set(p, v); else known.delete(p); }
    };
    wrap('blendEquation', (m) => setEqs(m, m));
    wrap('blendEquationSeparate', setEqs);
    // A lost and restored context starts again from the default state: ask it again.
    el.addEventListener('webglcontextlost', () => known.clear());
    el.addEventListener('webglcontextrestored', () => known.clear());
  }
  // The presenter's own time per frame (ms), for the interactive benchmark.
  const timed = (name, f) => { const t = performance.now(); f(); window[name] = performance.now() - t; };
  window.Module = {
    canvas: canvas,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    locateFile: (p) => p,
    onRuntimeInitialized: () => {
      window.rqRuntimeReady = true;
      document.dispatchEvent(new Event('rq-runtime'));
    },
    // Called by Emscripten's main loop around every app frame: the page sends the figure
    // rectangles right before a frame and reads pixels back (PNG export) right after it.
    // A module that fails to start or aborts leaves the static images in place, with a notice.
    onAbort: (what) => fail('figures stopped', 'the WebAssembly module stopped (' + String(what).slice(0, 120) + '): the figures are static images'),
    preMainLoop: () => { if (presenter) timed('rqPresentPre', presenter.pre); const h = hook('preFrame'); if (h) h(); },
    postMainLoop: () => { const h = hook('postFrame'); if (h) h(); if (presenter) timed('rqPresentPost', presenter.post); },
  };
  window.rqOnStatus = (s) => {
    setBadge('SIMD · ' + s.threads + (s.threads === 1 ? ' thread' : ' threads'),
      (s.variant === 'web-mt' ? 'threaded build (cross-origin isolated)'
        : 'single-threaded build (page not cross-origin isolated' + (coi === '1' ? '' : '; a static host can add ?coi=1') + ')'));
    root.dataset.rqVariant = s.variant;
  };
  function fail(text, title) {
    setBadge(text, title);
    root.classList.add('rq-static');
    document.dispatchEvent(new CustomEvent('rq-unavailable', { detail: title }));
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail('static figures', 'this browser cannot run WebAssembly: the figures are static images');
    return;
  }
  const s = document.createElement('script');
  s.src = threaded ? 'app_mt.js' : 'app_st.js';
  s.onerror = () => fail('load error', 'the WebAssembly build could not be loaded: the figures are static images');
  document.body.appendChild(s);
})();
