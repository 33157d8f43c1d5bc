// Two-stage tridiagonalization for values only (the scheme of LAPACK's dsytrd_2stage: dsytrd_sy2sb
// then dsytrd_sb2st). The one-stage Householder reduction streams the whole trailing matrix once per
// column through a symmetric matrix–vector product (memory-bound: ≈ 11 GB of traffic for n = 2048).
// Stage 1 reduces to a band of width b with panels of b reflectors whose trailing update is all
// matrix–matrix work (the matrix is read once per b columns); stage 2 chases the band down to
// tridiagonal with small reflectors on b×b blocks that stay in L1/L2. No eigenvectors are wanted, so
// the stage-2 reflectors are applied and forgotten.
// Deterministic: fixed panels, products in fixed row panels with sequential sums (gemm_lower.hpp), and a
// stage 2 whose pipelined sweeps keep the sequential order per element, so the result is bit-identical
// for any pool size.
#include "core/linalg/symeig_band.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <thread>
#include <vector>

#include "core/linalg/gemm_lower.hpp"

namespace core {

namespace {

constexpr Index kParallelMin = 512;       // trailing size from which the update runs on the pool
constexpr Index kRowChunk = 256;          // rows per chunk of the panel's small products
constexpr Index kParallelChaseMin = 256;  // matrix size from which the bulge chasing is pipelined over the pool

// Householder reflector H = I − τ v vᵀ with H x = β e₁ (LAPACK dlarfg): v(0) = 1 implicit, x(1:) is
// overwritten with v(1:), x(0) with β. Returns τ (0 when x(1:) = 0: H = I).
double householder(double* x, Index len) {
  if (len <= 1) return 0.0;
  const double alpha = x[0];
  double xn2 = 0.0;
  for (Index i = 1; i < len; ++i) xn2 += x[i] * x[i];
  if (xn2 == 0.0) return 0.0;
  const double beta = -std::copysign(std::sqrt(alpha * alpha + xn2), alpha);
  const double s = 1.0 / (alpha - beta);
  for (Index i = 1; i < len; ++i) x[i] *= s;
  x[0] = beta;
  return (beta - alpha) / beta;
}

using Strided = Eigen::Map<Mat, 0, Eigen::OuterStride<>>;

}  // namespace

void reduce_to_band(Mat& A, Index b, ThreadPool* pool) {
  const Index n = A.rows();
  if (b < 1 || n <= b + 1) return;  // already banded
  Mat V(n, b), Y(n, b), X(n, b), L(n, 2 * b), Rr(n, 2 * b), T(b, b), M(b, b), Mpart;
  Vec tau(b), z(b);
  std::vector<double> pack, pack_y;  // packed operands of the two products, reused by every panel
  // 1–2. QR of the panel A(k + b : n, k : k + b) (unblocked; b columns, O(m·b²)): R stays in the band,
  // V below it; then Q = H_0 ⋯ H_{pb−1} = I − V T Vᵀ, T upper triangular (LAPACK dlarft, forward,
  // columnwise). Reads and writes only that panel, V, T, tau and z.
  auto factor = [&](Index k) {
    const Index r0 = k + b, m = n - r0, pb = std::min(b, m);
    auto P = A.block(r0, k, m, b);
    auto Vp = V.topLeftCorner(m, pb);
    Vp.setZero();
    for (Index c = 0; c < pb; ++c) {
      double* x = P.col(c).data() + c;
      const Index len = m - c;
      tau[c] = householder(x, len);
      Vp(c, c) = 1.0;
      for (Index i = 1; i < len; ++i) Vp(c + i, c) = x[i];
      for (Index i = 1; i < len; ++i) x[i] = 0.0;  // below R: outside the band
      if (tau[c] != 0.0 && c + 1 < b) {            // H_c on the panel's later columns
        auto v = Vp.col(c).tail(len);
        auto rest = P.block(c, c + 1, len, b - c - 1);
        z.head(b - c - 1).noalias() = rest.transpose() * v;
        rest.noalias() -= (tau[c] * v) * z.head(b - c - 1).transpose();
      }
    }
    auto Tp = T.topLeftCorner(pb, pb);
    Tp.setZero();
    for (Index c = 0; c < pb; ++c) {
      if (c > 0) {
        z.head(c).noalias() = -tau[c] * (Vp.leftCols(c).transpose() * Vp.col(c));
        Tp.col(c).head(c).noalias() = Tp.topLeftCorner(c, c).triangularView<Eigen::Upper>() * z.head(c);
      }
      Tp(c, c) = tau[c];
    }
  };
  factor(0);
  for (Index k = 0; k + b + 1 < n; k += b) {
    const Index r0 = k + b, m = n - r0;  // the panel A(r0:n, k:k+b) is m × b
    const Index pb = std::min(b, m);     // columns of the panel that get a reflector (m ≥ 2)
    auto Vp = V.topLeftCorner(m, pb);
    auto Tp = T.topLeftCorner(pb, pb);
    // 3. A22 ← Qᵀ A22 Q = A22 − V Wᵀ − W Vᵀ with X = A22 V T, W = X − ½ V (Tᵀ Vᵀ X).
    auto A22 = A.block(r0, r0, m, m);
    auto Yp = Y.topLeftCorner(m, pb);
    auto Xp = X.topLeftCorner(m, pb);
    // The panel's small products run in fixed row chunks (on the pool when m is large; the chunks,
    // and so the bits, do not depend on it): on two cores they were ≈ 15 % of the reduction's time
    // with one core idle.
    ThreadPool* tp = pool != nullptr && m >= kParallelMin ? pool : nullptr;
    const Index nch = (m + kRowChunk - 1) / kRowChunk;
    auto chunks = [&](auto&& f) {
      auto one = [&](Index c) { f(c * kRowChunk, std::min(kRowChunk, m - c * kRowChunk), c); };
      if (tp != nullptr)
        tp->run(nch, one);
      else
        for (Index c = 0; c < nch; ++c) one(c);
    };
    chunks([&](Index i0, Index len, Index) {
      Yp.middleRows(i0, len).noalias() = Vp.middleRows(i0, len) * Tp.triangularView<Eigen::Upper>();
    });
    symm_lower(A22.data(), A.outerStride(), m, Yp.data(), Y.outerStride(), pb, Xp.data(), X.outerStride(), pack_y, tp);
    auto Mp = M.topLeftCorner(pb, pb);  // Tᵀ Vᵀ A22 V T (symmetric): chunk partial sums, added in chunk order
    if (Mpart.cols() < nch * b) Mpart.resize(b, nch * b);
    chunks([&](Index i0, Index len, Index c) {
      Mpart.block(0, c * b, pb, pb).noalias() = Yp.middleRows(i0, len).transpose() * Xp.middleRows(i0, len);
    });
    Mp = Mpart.block(0, 0, pb, pb);
    for (Index c = 1; c < nch; ++c) Mp += Mpart.block(0, c * b, pb, pb);
    // L = [V W], R = [W V]: the rank-2pb update A22 −= L Rᵀ is one product (A22 is read and written
    // once per panel, with 2pb multiply–adds per entry).
    auto Lp = L.topLeftCorner(m, 2 * pb), Rp = Rr.topLeftCorner(m, 2 * pb);
    chunks([&](Index i0, Index len, Index) {
      auto Vr = Vp.middleRows(i0, len);
      auto Lr = Lp.middleRows(i0, len), Rw = Rp.middleRows(i0, len);
      Lr.leftCols(pb) = Vr;
      Rw.rightCols(pb) = Vr;
      Lr.rightCols(pb) = Xp.middleRows(i0, len);
      Lr.rightCols(pb).noalias() -= 0.5 * (Vr * Mp);
      Rw.leftCols(pb) = Lr.rightCols(pb);
    });
    // Lower triangle only, by the packed micro-kernel (fixed row panels). Look-ahead: the next panel
    // is A22's first b columns; they are updated first, and its QR then runs on one thread while the
    // others update the rest of A22 (V and T are free again: the update reads packed copies of L, R).
    // The same operations on the same data as one update followed by the QR: the same bits.
    const Index next = k + b;
    const bool has_next = next + b + 1 < n;
    const std::function<void()> factor_next = [&] { factor(next); };
    gemm_lower_sub(A22.data(), A.outerStride(), m, Lp.data(), L.outerStride(), Rp.data(), Rr.outerStride(), 2 * pb,
                   pack, tp, has_next ? b : 0, has_next ? &factor_next : nullptr);
  }
}

namespace {

// The band in lower band storage with room for the bulges: element (i, j), 0 ≤ i − j < 2b, at
// AB[(i − j) + j·ld], ld = 2b. A block whose entries all lie in that range is an ordinary strided matrix
// with outer stride ld − 1 (only the lower triangle of a diagonal block is valid).
struct BandStore {
  double* AB;
  Index n, b, ld;
  Strided block(Index i0, Index j0, Index rows, Index cols) const {
    return Strided(AB + (i0 + j0 * (ld - 1)), rows, cols, Eigen::OuterStride<>(ld - 1));
  }
};

struct ChaseScratch {
  Vec v, w, u;
  explicit ChaseScratch(Index b) : v(b), w(b), u(b) {}
};

// Sweep j of the bulge chasing: a reflector annihilates column j below its subdiagonal, then the bulge
// it creates is chased down the band. Step k (k = 0, 1, …) reads and writes only rows and columns in
// [j + 1 + (k − 1)b, j + 1 + (k + 1)b). wait(k) is called before step k, done(k) after it.
template <class Wait, class Done>
void chase_sweep(const BandStore& S, Index j, ChaseScratch& sc, Wait&& wait, Done&& done) {
  const Index n = S.n, b = S.b;
  auto& v = sc.v;
  auto& w = sc.w;
  auto& u = sc.u;
  // Two-sided H D H on the diagonal block D = A(s:s+len, s:s+len), H = I − τ v vᵀ (lower triangle):
  // w = τ D v − ½ τ² (vᵀ D v) v, D ← D − v wᵀ − w vᵀ.
  auto two_sided = [&](Index s, Index len, double tau) {
    auto D = S.block(s, s, len, len);
    auto vv = v.head(len), ww = w.head(len);
    ww.noalias() = tau * (D.selfadjointView<Eigen::Lower>() * vv);
    ww -= (0.5 * tau * ww.dot(vv)) * vv;
    for (Index c = 0; c < len; ++c)  // D(c:, c) −= v(c:) w(c) + w(c:) v(c)
      D.col(c).tail(len - c) -= vv.tail(len - c) * ww[c] + ww.tail(len - c) * vv[c];
  };
  wait(Index(0));
  // Step 0: a reflector on rows s..e annihilates column j below its subdiagonal.
  Index s = j + 1, len = std::min(b, n - s);
  double* x = S.AB + (s - j) + j * S.ld;
  double tau = householder(x, len);
  v[0] = 1.0;
  for (Index i = 1; i < len; ++i) {
    v[i] = x[i];
    x[i] = 0.0;
  }
  if (tau != 0.0) two_sided(s, len, tau);
  done(Index(0));
  // Chase: the reflector on rows s..s+len also acts on the columns s..s+len of the block below,
  // filling it (the bulge); a new reflector annihilates the bulge's first column and moves on.
  for (Index k = 1;; ++k) {
    const Index s2 = s + len, len2 = std::min(b, n - s2);
    if (len2 <= 0) break;
    wait(k);
    auto B = S.block(s2, s, len2, len);
    if (tau != 0.0) {  // B ← B H (right)
      u.head(len2).noalias() = B * v.head(len);
      B.noalias() -= (tau * u.head(len2)) * v.head(len).transpose();
    }
    if (len2 < 2) {  // one row: nothing below to annihilate
      done(k);
      break;
    }
    double* y = B.col(0).data();
    const double tau2 = householder(y, len2);
    v[0] = 1.0;
    for (Index i = 1; i < len2; ++i) {
      v[i] = y[i];
      y[i] = 0.0;
    }
    if (tau2 != 0.0) {
      if (len > 1) {  // B(:, 1:) ← H₂ B(:, 1:) (left)
        auto Br = S.block(s2, s + 1, len2, len - 1);
        u.head(len - 1).noalias() = Br.transpose() * v.head(len2);
        Br.noalias() -= (tau2 * v.head(len2)) * u.head(len - 1).transpose();
      }
      two_sided(s2, len2, tau2);
    }
    done(k);
    s = s2;
    len = len2;
    tau = tau2;
  }
}

}  // namespace

void band_to_tridiagonal(const Mat& A, Index b, Vec& d, Vec& e, ThreadPool* pool) {
  const Index n = A.rows();
  d.resize(n);
  e.resize(std::max<Index>(n - 1, 0));
  if (n == 0) return;
  b = std::max<Index>(1, std::min(b, n - 1));
  const Index ld = 2 * b;
  std::vector<double> AB(std::size_t(ld * n + ld), 0.0);
  for (Index j = 0; j < n; ++j)
    for (Index i = j; i <= std::min(n - 1, j + b); ++i) AB[std::size_t((i - j) + j * ld)] = A(i, j);
  const BandStore S{AB.data(), n, b, ld};
  const Index sweeps = std::max<Index>(n - 2, 0);
  const int threads = pool != nullptr ? pool->size() : 1;
  if (threads < 2 || n < kParallelChaseMin) {
    ChaseScratch sc(b);
    for (Index j = 0; j < sweeps; ++j)
      chase_sweep(
          S, j, sc, [](Index) {}, [](Index) {});
  } else {
    // Pipelined sweeps (as PLASMA/ELPA): step k of sweep j touches rows and columns below
    // j + 1 + (k + 1)b only, and step k + 2 of sweep j − 1 those from j + (k + 2)b on, so sweep j may
    // run step k as soon as sweep j − 1 has finished step k + 1. Every element then sees the same
    // operations in the same order as in the sequential loop: same bits for any thread count.
    // Sweeps are claimed in order by whichever thread is free, and a sweep waits only for the one
    // claimed before it (running on another thread), so there is no deadlock even if the pool runs
    // the tasks one after the other.
    std::unique_ptr<std::atomic<Index>[]> progress(new std::atomic<Index>[std::size_t(sweeps)]);
    for (Index j = 0; j < sweeps; ++j) progress[std::size_t(j)].store(0, std::memory_order_relaxed);
    constexpr Index kFinished = std::numeric_limits<Index>::max();
    std::atomic<Index> next{0};
    pool->run(Index(threads), [&](Index) {
      ChaseScratch sc(b);
      for (Index j = next.fetch_add(1); j < sweeps; j = next.fetch_add(1)) {
        std::atomic<Index>* prev = j > 0 ? &progress[std::size_t(j - 1)] : nullptr;
        std::atomic<Index>& mine = progress[std::size_t(j)];
        Index seen = prev != nullptr ? 0 : kFinished;  // steps of sweep j − 1 known to be finished
        auto wait = [&](Index k) {
          for (int spins = 0; seen < k + 2; ++spins) {
            seen = prev->load(std::memory_order_acquire);
            if (seen < k + 2 && spins > 64) std::this_thread::yield();
          }
        };
        auto done = [&](Index k) { mine.store(k + 1, std::memory_order_release); };
        chase_sweep(S, j, sc, wait, done);
        mine.store(kFinished, std::memory_order_release);
      }
    });
  }
  for (Index i = 0; i < n; ++i) d[i] = AB[std::size_t(i * ld)];
  for (Index i = 0; i + 1 < n; ++i) e[i] = AB[std::size_t(1 + i * ld)];
}

}  // namespace core
