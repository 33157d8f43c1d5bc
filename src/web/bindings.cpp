#include "web/bindings.hpp"

#include <emscripten/emscripten.h>

#include <atomic>
#include <cmath>

#include "app/platform.hpp"
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <thread>
#endif

namespace web {
namespace {

std::atomic<int> g_worker_done{0};  // 1 once a pool worker has run a task (threaded build)
#if defined(__EMSCRIPTEN_PTHREADS__)
std::thread g_probe;
#endif

}  // namespace

void init() {
#if defined(__EMSCRIPTEN_PTHREADS__)
  // Taken from the pre-spawned pool (-sPTHREAD_POOL_SIZE), so it starts without yielding to JS.
  // Never join() on the browser thread: the frame loop polls g_worker_done instead.
  g_probe = std::thread([] {
    volatile double s = 0;
    for (int i = 1; i < 200000; ++i) s = s + std::sqrt(static_cast<double>(i));
    g_worker_done.store(1);
  });
  g_probe.detach();
#endif
}

void after_frame(long frame) {
  // Readiness signal for the page and its tests, set after 30 frames (and again when the worker finished).
  static bool reported_worker = false;
  bool worker = g_worker_done.load() != 0;
  if (frame == 30 || (frame > 30 && worker && !reported_worker)) {
    reported_worker = worker;
    app::BuildInfo b = app::build_info();
    EM_ASM(
        {
          window.rqStatus = ({
            variant : UTF8ToString($0),
            simd : !!$1,
            threads : $2,
            frames : $3,
            workerDone : !!$4,
            crossOriginIsolated : self.crossOriginIsolated === true
          });
          if (window.rqOnStatus) window.rqOnStatus(window.rqStatus);
        },
        b.variant, b.simd ? 1 : 0, b.threads, static_cast<int>(frame), worker ? 1 : 0);
  }
}

}  // namespace web

extern "C" {
// Pause/resume is driven by the page (e.g. when the figure scrolls off screen).
EMSCRIPTEN_KEEPALIVE int xp_threads() { return app::build_info().threads; }
}
