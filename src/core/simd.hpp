#pragma once
// Explicit SIMD vectors (GCC/Clang vector extensions): AVX-512 with -march=native, else 128-bit
// (SSE2, WebAssembly SIMD128). Lane-wise IEEE operations only, so every lane gets exactly the
// scalar result and results do not depend on the vector width.
#if defined(__AVX512F__) || (defined(__AVX__) && defined(__FMA__))
#include <immintrin.h>
#endif

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

inline vd load(const double* p) { vd x; __builtin_memcpy(&x, p, sizeof x); return x; }
inline void store(double* p, vd x) { __builtin_memcpy(p, &x, sizeof x); }
inline vd splat(double x) { return x - vd{}; }  // x − (+0) = x for every x, so no add is emitted
// c + a·b: one fused multiply-add where the ISA has it (AVX-512, AVX2+FMA; an explicit instruction, not
// contraction, so results are fixed per build), lane-wise mul then add elsewhere (SSE2, wasm SIMD128).
inline vd madd(vd a, vd b, vd c) {
#if defined(__AVX512F__)
  return (vd)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif defined(__AVX__) && defined(__FMA__)
  return (vd)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
  return c + a * b;
#endif
}
}  // namespace core::simd
