#include "core/linalg/gemm_lower.hpp"

#include <algorithm>

#include "core/linalg/isa.hpp"

namespace core {

// The packing and micro-tiles are the selected ISA path's (isa.hpp; isa_kernels.inc): lower_pack /
// lower_rows and symm_pack_y / symm_rows. Here: scratch sizes (which depend on the path's panel width)
// and the fixed partition into row panels.

void gemm_lower_sub(double* C, Index ldc, Index m, const double* L, Index ldl, const double* R, Index ldr, Index K,
                    std::vector<double>& pack, ThreadPool* pool, Index split, const std::function<void()>* side) {
  if (m <= 0 || K <= 0) {
    if (side != nullptr) (*side)();
    return;
  }
  const IsaKernels& isa = isa_kernels();
  const Index np = (m + isa.mr - 1) / isa.mr;  // row panels
  const std::size_t panel = std::size_t(isa.mr * K);
  if (pack.size() < 2 * std::size_t(np) * panel) pack.resize(2 * std::size_t(np) * panel);
  LowerUpdate u{C, ldc, m, L, ldl, R, ldr, K, pack.data(), pack.data() + std::size_t(np) * panel, 0, m};
  if (side != nullptr && (split <= 0 || split >= m || split % 16 != 0)) split = 0;  // no split: side last
  // Row panel np − 1 − t over the columns [u.q_lo, u.q_hi): longer panels first (better balance; the
  // tiles, and so the bits, are the same in any order or split).
  auto rows = [&](Index t) { isa.lower_rows(u, np - 1 - t); };
  if (pool != nullptr) {
    pool->run(np, [&](Index I) { isa.lower_pack(u, I); });
    if (side != nullptr && split > 0) {
      u.q_hi = split;
      pool->run(np, [&](Index t) { rows(t); });
      u.q_lo = split;
      u.q_hi = m;
      const Index n_rest = np - split / isa.mr;  // panels with rows at or below column split
      pool->run(n_rest + 1, [&](Index t) {
        if (t == 0)
          (*side)();  // handed out first: its thread then joins the rest
        else
          rows(t - 1);
      });
    } else {
      pool->run(np, [&](Index t) { rows(t); });
    }
  } else {
    for (Index I = 0; I < np; ++I) isa.lower_pack(u, I);
    for (Index I = 0; I < np; ++I) isa.lower_rows(u, I);
  }
  if (side != nullptr && (pool == nullptr || split == 0)) (*side)();
}

void symm_lower(const double* A, Index lda, Index m, const double* Y, Index ldy, Index nc, double* X, Index ldx,
                std::vector<double>& pack, ThreadPool* pool) {
  if (m <= 0 || nc <= 0) return;
  const IsaKernels& isa = isa_kernels();
  const Index np = (m + isa.mr - 1) / isa.mr, ny = (nc + isa.mr - 1) / isa.mr;
  const std::size_t panel = std::size_t(isa.mr * m);
  if (pack.size() < std::size_t(ny) * panel) pack.resize(std::size_t(ny) * panel);
  const SymmProduct s{A, lda, m, Y, ldy, nc, X, ldx, pack.data()};
  isa.symm_pack_y(s);
  auto rows = [&](Index I) {
    thread_local std::vector<double> ap;  // row panel I of S, packed (mr·m)
    if (ap.size() < panel) ap.resize(panel);
    isa.symm_rows(s, I, ap.data());
  };
  if (pool != nullptr)
    pool->run(np, rows);
  else
    for (Index I = 0; I < np; ++I) rows(I);
}

}  // namespace core
