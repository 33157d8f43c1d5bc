// The register-blocked micro-kernel of the ISA-dispatched kernels (isa_kernels.inc: the SYRK of G and
// K, the eigensolver's rank-2k update and symmetric product, the two-layer vjp) and of the two-layer
// model's factored Gram (model_two_layer_gram.cpp, portable path only). Operands are packed in panels of kMR rows
// (pack_panel): for each k, kMR consecutive values. Each C entry is the plain sequential sum over k, continued from the
// value in C, so the bits depend neither on the blocking nor on which thread ran a tile. Products are
// fused multiply-adds where the vector ISA has them (AVX-512 / AVX2+FMA; explicit, not contraction),
// lane-wise mul+add elsewhere (SSE2, wasm SIMD128).
#pragma once
#include "core/linalg/simd.hpp"
#include "core/types.hpp"

namespace core {
inline namespace RQ_SIMD_NS {  // see simd.hpp
namespace gemm {

using simd::kLanes;
using simd::vd;
constexpr int kMR = 2 * kLanes;           // rows of a C micro-tile (two vectors)
constexpr int kNR = kLanes == 8 ? 8 : 4;  // columns of a C micro-tile (broadcast), divides kMR

// C(kMR×kNR tile at c, leading dim ldc) = (first ? 0 : C) + Σ_k a[k·kMR + ·] ⊗ b[k·kMR + ·] (b: kNR
// entries per k). first: start from 0 instead of reading c (no zero-fill pass over a large C).
inline void micro(const double* a, const double* b, Index kc, double* c, Index ldc, bool first) {
  vd acc0[kNR], acc1[kNR];
  for (int j = 0; j < kNR; ++j) {
    acc0[j] = first ? vd{} : simd::load(c + j * ldc);
    acc1[j] = first ? vd{} : simd::load(c + j * ldc + kLanes);
  }
  for (Index k = 0; k < kc; ++k) {
    const vd a0 = simd::load(a + k * kMR), a1 = simd::load(a + k * kMR + kLanes);
    const double* bk = b + k * kMR;
    for (int j = 0; j < kNR; ++j) {
      const vd bj = simd::splat(bk[j]);
      acc0[j] = simd::madd(a0, bj, acc0[j]);
      acc1[j] = simd::madd(a1, bj, acc1[j]);
    }
  }
  for (int j = 0; j < kNR; ++j) {
    simd::store(c + j * ldc, acc0[j]);
    simd::store(c + j * ldc + kLanes, acc1[j]);
  }
}

// One panel of a packed operand: dst[k·kMR + r] = v(k, r) for k < kc and r < w ≤ kMR (v(k, r): the
// operand's value at summation index k in the panel's column r), 0 for w ≤ r < kMR (the last panel's
// padding). k outer: kMR sequential reads per k, one sequential write.
template <class V>
inline void pack_panel(double* dst, Index kc, Index w, V&& v) {
  if (w == kMR) {  // full panel: a fixed trip count the compiler unrolls
    for (Index k = 0; k < kc; ++k)
      for (int r = 0; r < kMR; ++r) dst[k * kMR + r] = v(k, Index(r));
    return;
  }
  for (Index k = 0; k < kc; ++k) {
    Index r = 0;
    for (; r < w; ++r) dst[k * kMR + r] = v(k, r);
    for (; r < kMR; ++r) dst[k * kMR + r] = 0.0;
  }
}

}  // namespace gemm
}  // namespace RQ_SIMD_NS
}  // namespace core
