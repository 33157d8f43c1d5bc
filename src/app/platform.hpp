// What this build is: threads and SIMD, as compiled (the web page shows it in a badge).
#pragma once

namespace app {

struct BuildInfo {
  const char* variant;  // "native", "web-mt" or "web-st"
  bool simd;            // WebAssembly SIMD128 (native: the compiler's own vector ISA)
  int threads;          // worker threads the core may use
};

BuildInfo build_info();

}  // namespace app
