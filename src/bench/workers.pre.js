// rqbench under node (web-mt): preload exactly the workers that `--threads T` starts, T − 1 (at least
// one: the runtime waits for a non-empty pool before main), instead of the browser build's fixed pool
// of 4. Every worker loads before main(), about 50 ms each on 2 cores. A thread started beyond the
// preloaded pool would wait for the main thread to yield to the event loop, which rqbench never does,
// so every mode must start at most T − 1 threads (W1/W2: the checkpoint thread; W3 and --scaling: one
// ThreadPool(T)).
Module['rqWorkers'] = (function () {
  var a = typeof process == 'object' ? process.argv : [], i = a.indexOf('--threads');
  var t = i > 0 ? parseInt(a[i + 1], 10) : 1;
  return t >= 2 && t <= 64 ? t - 1 : 1;
})();
