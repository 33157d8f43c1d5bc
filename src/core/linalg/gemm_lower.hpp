// The two matrix products of the two-stage eigenvalue reduction's panels (symeig_band.cpp), with the
// packed micro-kernel of the selected ISA path (isa.hpp): the symmetric product S·Y and the rank-2b update C −= L Rᵀ.
#pragma once
#include <functional>
#include <vector>

#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

// C: m×m, column-major with leading dimension ldc; entries on and below the diagonal get
// C(i, j) − Σ_k L(i, k) R(j, k) (summed in k order: the same bits for any pool); entries above are
// neither read nor written. L, R: m×K, column-major (ldl, ldr). pack: scratch, reused between calls.
// With side: the columns [0, split) of C are updated first, then side() runs on one thread while the
// others update the columns [split, m) (it must touch neither those columns nor L, R). split must be a
// multiple of 16 (the widest tile width); otherwise side() runs after the whole update.
void gemm_lower_sub(double* C, Index ldc, Index m, const double* L, Index ldl, const double* R, Index ldr, Index K,
                    std::vector<double>& pack, ThreadPool* pool, Index split = 0,
                    const std::function<void()>* side = nullptr);

// X = S Y for the symmetric m×m matrix S whose lower triangle is in A (column-major, lda); Y: m×nc
// (ldy), X: m×nc (ldx). Each X(i, c) is the sequential sum over k of S(i, k) Y(k, c): the same bits
// for any pool. pack: scratch for Y, reused between calls.
void symm_lower(const double* A, Index lda, Index m, const double* Y, Index ldy, Index nc, double* X, Index ldx,
                std::vector<double>& pack, ThreadPool* pool);

}  // namespace core
