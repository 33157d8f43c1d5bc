#pragma once
// Explicit SIMD vectors (GCC/Clang vector extensions). The width follows the translation unit's
// target: 8 lanes with AVX-512, 4 with AVX2+FMA, else 2 (SSE2, WebAssembly SIMD128). Lane-wise IEEE
// operations only, so every lane gets exactly the scalar result and results do not depend on the
// vector width (except where a kernel's partial sums are grouped by lanes, and madd's FMA).
//
// Everything here (and in gemm_micro.hpp) lives in an inline namespace named after the width, so
// that objects compiled for different ISAs (isa_kernels.inc, see isa.hpp) never share the mangled
// name of an inline function: the linker cannot pick an AVX2 copy for the portable path.
#if defined(__AVX512F__) || (defined(__AVX__) && defined(__FMA__))
#include <immintrin.h>
#endif

#if defined(__AVX512F__)
#define RQ_SIMD_NS v8_fma
#elif defined(__AVX__) && defined(__FMA__)
#define RQ_SIMD_NS v4_fma
#elif defined(__AVX__)
#define RQ_SIMD_NS v4
#else
#define RQ_SIMD_NS v2
#endif

namespace core {
inline namespace RQ_SIMD_NS {
namespace simd {
#if defined(__AVX512F__)
constexpr int kLanes = 8;
#elif defined(__AVX__)
constexpr int kLanes = 4;
#else
constexpr int kLanes = 2;
#endif
typedef double vd __attribute__((vector_size(kLanes * 8)));
typedef long long vi __attribute__((vector_size(kLanes * 8)));
// The same vector at any address (alignment 8, may alias doubles): loads and stores are one
// unaligned vector move. Not __builtin_memcpy: GCC 12 expands a 32-byte memcpy into two 16-byte
// moves through a stack slot and reloads it as one 32-byte vector, so every load of the AVX2
// micro-kernel failed store-to-load forwarding and the accumulators lived on the stack (the
// -march=native build was 4× slower than SSE2 on Zen 1/3: docs/isa-dispatch.md).
typedef double vd_unaligned __attribute__((vector_size(kLanes * 8), aligned(8), may_alias));

inline vd load(const double* p) { return *reinterpret_cast<const vd_unaligned*>(p); }
inline void store(double* p, vd x) { *reinterpret_cast<vd_unaligned*>(p) = x; }
inline vd splat(double x) { return x - vd{}; }  // x − (+0) = x for every x, so no add is emitted
// c + a·b: one fused multiply-add where the ISA has it (AVX-512, AVX2+FMA; an explicit instruction, not
// contraction, so results are fixed per ISA path), lane-wise mul then add elsewhere (SSE2, wasm SIMD128).
inline vd madd(vd a, vd b, vd c) {
#if defined(__AVX512F__)
  return (vd)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif defined(__AVX__) && defined(__FMA__)
  return (vd)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
  return c + a * b;
#endif
}
}  // namespace simd
}  // namespace RQ_SIMD_NS
}  // namespace core
