// The portable path of the hot kernels (isa.hpp): the build's baseline target (x86-64 SSE2 natively,
// SIMD128 in WebAssembly). CMakeLists.txt keeps this file at -march=x86-64 even in -march=native builds.
#include "core/linalg/isa.hpp"
#define RQ_ISA_PATH ::core::IsaPath::portable
#include "core/linalg/isa_kernels.inc"
