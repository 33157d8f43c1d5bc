#include "app/platform.hpp"

#include <thread>

namespace app {

BuildInfo build_info() {
  BuildInfo b{};
#if defined(__EMSCRIPTEN__)
#if defined(__EMSCRIPTEN_PTHREADS__)
  b.variant = "web-mt";
  b.threads = 2;  // of the pool of 4 workers (-sPTHREAD_POOL_SIZE, CMakeLists.txt), created before main()
#else
  b.variant = "web-st";
  b.threads = 1;
#endif
#if defined(__wasm_simd128__)
  b.simd = true;
#endif
#else
  b.variant = "native";
  b.simd = true;
  unsigned n = std::thread::hardware_concurrency();
  b.threads = n ? static_cast<int>(n) : 1;
#endif
  return b;
}

}  // namespace app
