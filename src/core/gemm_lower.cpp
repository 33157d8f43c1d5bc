#include "core/gemm_lower.hpp"

#include <algorithm>

#include "core/gemm_micro.hpp"

namespace core {

using gemm::kMR;
using gemm::kNR;

void gemm_lower_sub(double* C, Index ldc, Index m, const double* L, Index ldl, const double* R, Index ldr,
                    Index K, std::vector<double>& pack, ThreadPool* pool) {
  if (m <= 0 || K <= 0) return;
  const Index np = (m + kMR - 1) / kMR;  // row panels
  const std::size_t panel = std::size_t(kMR * K);
  if (pack.size() < 2 * std::size_t(np) * panel) pack.resize(2 * std::size_t(np) * panel);
  double* Lp = pack.data();                        // −L, so the micro-kernel's C + Σ a·b subtracts
  double* Rp = pack.data() + std::size_t(np) * panel;
  auto pack_panel = [&](Index I) {
    const Index p0 = I * kMR, w = std::min<Index>(kMR, m - p0);
    double* dl = Lp + std::size_t(I) * panel;
    double* dr = Rp + std::size_t(I) * panel;
    for (Index k = 0; k < K; ++k) {
      const double* l = L + k * ldl + p0;
      const double* r = R + k * ldr + p0;
      Index i = 0;
      for (; i < w; ++i) {
        dl[k * kMR + i] = -l[i];
        dr[k * kMR + i] = r[i];
      }
      for (; i < kMR; ++i) dl[k * kMR + i] = dr[k * kMR + i] = 0.0;
    }
  };
  // Row panel I: tiles left of the diagonal straight into C; tiles on it through a copy, of which only
  // the entries on or below the diagonal are written back.
  auto rows = [&](Index I) {
    const Index p0 = I * kMR, w = std::min<Index>(kMR, m - p0);
    const double* a = Lp + std::size_t(I) * panel;
    for (Index q0 = 0; q0 < p0 + w; q0 += kNR) {
      const double* b = Rp + std::size_t(q0 / kMR) * panel + (q0 % kMR);
      const Index wq = std::min<Index>(kNR, m - q0);
      if (w == kMR && wq == kNR && q0 + kNR - 1 <= p0) {
        gemm::micro(a, b, K, C + q0 * ldc + p0, ldc, false);
      } else {
        double t[kMR * kNR];
        for (Index j = 0; j < kNR; ++j)
          for (Index r = 0; r < kMR; ++r)
            t[j * kMR + r] = (r < w && j < wq && p0 + r >= q0 + j) ? C[(q0 + j) * ldc + p0 + r] : 0.0;
        gemm::micro(a, b, K, t, kMR, false);
        for (Index j = 0; j < wq; ++j)
          for (Index r = 0; r < w; ++r)
            if (p0 + r >= q0 + j) C[(q0 + j) * ldc + p0 + r] = t[j * kMR + r];
      }
    }
  };
  if (pool != nullptr) {
    pool->run(np, pack_panel);
    pool->run(np, [&](Index t) { rows(np - 1 - t); });  // longer panels first: better balance, same bits
  } else {
    for (Index I = 0; I < np; ++I) pack_panel(I);
    for (Index I = 0; I < np; ++I) rows(I);
  }
}

void symm_lower(const double* A, Index lda, Index m, const double* Y, Index ldy, Index nc, double* X, Index ldx,
                std::vector<double>& pack, ThreadPool* pool) {
  if (m <= 0 || nc <= 0) return;
  const Index np = (m + kMR - 1) / kMR, ny = (nc + kMR - 1) / kMR;
  const std::size_t panel = std::size_t(kMR * m);
  if (pack.size() < std::size_t(ny) * panel) pack.resize(std::size_t(ny) * panel);
  double* Yp = pack.data();
  for (Index J = 0; J < ny; ++J) {  // Y in panels of kMR columns: for each k, kMR values Y(k, c0 + ·)
    const Index c0 = J * kMR, w = std::min<Index>(kMR, nc - c0);
    double* d = Yp + std::size_t(J) * panel;
    for (Index c = 0; c < kMR; ++c) {
      const double* y = Y + (c0 + c) * ldy;
      for (Index k = 0; k < m; ++k) d[k * kMR + c] = c < w ? y[k] : 0.0;
    }
  }
  // Row panel I of X: rows p0.. of S packed across all k (S(i, k) from the lower triangle: column k for
  // k ≤ i, column i for k > i), then every column tile of X in one pass over k.
  auto rows = [&](Index I) {
    thread_local std::vector<double> ap;
    if (ap.size() < panel) ap.resize(panel);
    const Index p0 = I * kMR, w = std::min<Index>(kMR, m - p0);
    double* a = ap.data();
    if (w < kMR) std::fill(a, a + panel, 0.0);  // padding rows
    for (Index k = 0; k < p0; ++k) {              // k < i for every row: column k, rows p0.. (contiguous)
      const double* src = A + k * lda + p0;
      for (Index r = 0; r < w; ++r) a[k * kMR + r] = src[r];
    }
    for (Index k = p0; k < p0 + w; ++k)           // the diagonal block
      for (Index r = 0; r < w; ++r) a[k * kMR + r] = k <= p0 + r ? A[k * lda + p0 + r] : A[(p0 + r) * lda + k];
    for (Index k0 = p0 + w; k0 < m; k0 += kMR) {  // k > i for every row: columns i, in kMR×kMR blocks
      const Index k1 = std::min(m, k0 + kMR);        // (a transpose that stays in L1)
      for (Index r = 0; r < w; ++r) {
        const double* col = A + (p0 + r) * lda;
        for (Index k = k0; k < k1; ++k) a[k * kMR + r] = col[k];
      }
    }
    for (Index q0 = 0; q0 < nc; q0 += kNR) {
      const double* b = Yp + std::size_t(q0 / kMR) * panel + (q0 % kMR);
      const Index wq = std::min<Index>(kNR, nc - q0);
      if (w == kMR && wq == kNR) {
        gemm::micro(a, b, m, X + q0 * ldx + p0, ldx, true);
      } else {
        double t[kMR * kNR];
        gemm::micro(a, b, m, t, kMR, true);
        for (Index j = 0; j < wq; ++j)
          for (Index r = 0; r < w; ++r) X[(q0 + j) * ldx + p0 + r] = t[j * kMR + r];
      }
    }
  };
  if (pool != nullptr)
    pool->run(np, rows);
  else
    for (Index I = 0; I < np; ++I) rows(I);
}

}  // namespace core
