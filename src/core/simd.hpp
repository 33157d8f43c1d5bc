#pragma once
// Explicit SIMD vectors (GCC/Clang vector extensions): AVX-512 with -march=native, else 128-bit
// (SSE2, WebAssembly SIMD128). Lane-wise IEEE operations only, so every lane gets exactly the
// scalar result and results do not depend on the vector width.
namespace core::simd {
#if defined(__AVX512F__)
constexpr int kLanes = 8;
#elif defined(__AVX__)
constexpr int kLanes = 4;
#else
constexpr int kLanes = 2;
#endif
typedef double vd __attribute__((vector_size(kLanes * 8), aligned(8)));
typedef long long vi __attribute__((vector_size(kLanes * 8), aligned(8)));
}  // namespace core::simd
