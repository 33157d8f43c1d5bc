// Picks the WebAssembly build at run time and starts it once per page.
// Threaded + SIMD when the page is cross-origin isolated (SharedArrayBuffer usable),
// single-threaded SIMD otherwise. ?variant=mt|st forces one (for tests and comparisons).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const forced = params.get('variant');
  const isolated = self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  let threaded = isolated;
  let note = '';
  if (forced === 'mt' || forced === 'st') {
    threaded = forced === 'mt';
    if (threaded && !isolated) { threaded = false; note = 'threads need cross-origin isolation: using the single-threaded build'; }
  } else if (forced !== null) {
    note = 'unknown variant "' + forced + '" ignored (use mt or st)';
  }
  const badge = document.getElementById('runtime-badge');
  const setBadge = (text, title) => { if (badge) { badge.textContent = text; badge.title = title || ''; } };
  setBadge('loading…');
  if (note) console.warn('[rq] ' + note);

  const canvas = document.getElementById('canvas');
  window.Module = {
    canvas: canvas,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    locateFile: (p) => p,
  };
  window.rqOnStatus = (s) => {
    setBadge('SIMD · ' + s.threads + (s.threads === 1 ? ' thread' : ' threads'),
      (s.variant === 'web-mt' ? 'threaded build (cross-origin isolated)' : 'single-threaded build (page not cross-origin isolated)'));
    document.documentElement.dataset.rqVariant = s.variant;
  };
  if (typeof WebAssembly !== 'object') { setBadge('no WebAssembly', 'this browser cannot run the figures'); return; }
  const s = document.createElement('script');
  s.src = threaded ? 'app_mt.js' : 'app_st.js';
  s.onerror = () => setBadge('load error');
  document.body.appendChild(s);
})();
