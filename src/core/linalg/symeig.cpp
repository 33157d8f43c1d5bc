#include "core/linalg/gemm_lower.hpp"
#include "core/linalg/isa.hpp"
#include "core/util/memory.hpp"
#include "core/linalg/symeig.hpp"
#include "core/linalg/symeig_band.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <Eigen/Eigenvalues>

namespace core {

namespace {

constexpr Index kPanel = 32;             // reflectors per panel (trailing update rank 2·kPanel)
constexpr Index kSymvChunks = 8;         // fixed column chunks of the parallel symmetric product
constexpr Index kParallelSymvMin = 768;  // below this trailing size the product/update run serially
// From this size the two-stage reduction (symeig_band.cpp) is faster natively (AVX-512, one thread:
// equal at n = 1024, 1.5× at 2048). Its bulge chasing and panel factorizations use Eigen's small
// products, which are vectorized only where Eigen has a SIMD backend (x86 SSE2/AVX…); Eigen 3.4 has
// none for WebAssembly, where the two-stage reduction is no faster (node, one thread, n = 2048:
// 1.22 vs 1.16 s), so the wasm builds keep the one-stage reduction.
#ifdef EIGEN_VECTORIZE
constexpr Index kTwoStageMin = 1536;
#else
constexpr Index kTwoStageMin = std::numeric_limits<Index>::max();
#endif
constexpr Index kBand = 32;  // its band width

// symv_cols (columns of S·v), gemv_sub (y −= L x) and gemv_t (t = Lᵀ v) are the selected ISA path's
// (isa.hpp; isa_kernels.inc).
inline void symv_cols(const Mat& A, Index s, const double* v, Index m, Index j0, Index j1, double* out) {
  const Index lda = A.outerStride();
  isa_kernels().symv_cols(A.data() + s * lda + s, lda, v, m, j0, j1, out);
}

// y = S v, S = A(s:n, s:n) lower-stored, m = n − s. Fixed partition into kSymvChunks column chunks of
// about equal triangle area; partial vectors summed in chunk order (deterministic for any pool).
void symv_lower(const Mat& A, Index s, const double* v, Index m, double* y_out, Mat& partial, ThreadPool* pool) {
  Eigen::Map<Vec> y(y_out, m);
  y.setZero();
  if (m < kParallelSymvMin) {  // the partition depends on m only, never on the pool
    symv_cols(A, s, v, m, 0, m, y_out);
    return;
  }
  // Chunk boundaries: equal shares of the triangle m²/2 (column j has m−j entries).
  Index bounds[kSymvChunks + 1];
  bounds[0] = 0;
  for (Index c = 1; c < kSymvChunks; ++c) {
    const double f = double(c) / double(kSymvChunks);
    bounds[c] = Index(double(m) * (1.0 - std::sqrt(1.0 - f)));
  }
  bounds[kSymvChunks] = m;
  // partial: preallocated n × kSymvChunks (no allocation per column); rows [0, m) used.
  auto task = [&](Index c) {
    double* out = partial.col(c).data();
    std::fill(out, out + m, 0.0);
    symv_cols(A, s, v, m, bounds[c], bounds[c + 1], out);
  };
  if (pool != nullptr)
    pool->run(kSymvChunks, task);
  else
    for (Index c = 0; c < kSymvChunks; ++c) task(c);
  for (Index c = 0; c < kSymvChunks; ++c) y += partial.col(c).head(m);
}

// Eigenvalues of [[a, b], [b, c]] (LAPACK dlae2): rt1 of larger |.|, rt2 the other.
void eig2x2(double a, double b, double c, double& rt1, double& rt2) {
  const double sm = a + c, df = a - c, adf = std::abs(df), tb = b + b, ab = std::abs(tb);
  const double acmx = std::abs(a) > std::abs(c) ? a : c, acmn = std::abs(a) > std::abs(c) ? c : a;
  double rt;
  if (adf > ab)
    rt = adf * std::sqrt(1.0 + (ab / adf) * (ab / adf));
  else if (adf < ab)
    rt = ab * std::sqrt(1.0 + (adf / ab) * (adf / ab));
  else
    rt = ab * std::sqrt(2.0);
  if (sm < 0.0) {
    rt1 = 0.5 * (sm - rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else if (sm > 0.0) {
    rt1 = 0.5 * (sm + rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
  }
}

}  // namespace

// Pal–Walker–Kahan root-free implicit QL/QR (LAPACK dsterf, the values-only path of dsyevd/NumPy's
// eigvalsh): works on e², one division and no square root per rotation, so it is several times faster
// than the implicit QR with Givens rotations. Sequential and branch-deterministic.
bool tridiagonal_eigenvalues(Vec& d, Vec& e) {
  const Index n = d.size();
  if (n <= 1) return true;
  const double eps = std::numeric_limits<double>::epsilon() * 0.5;  // dlamch('E')
  const double eps2 = eps * eps;
  const double safmin = std::numeric_limits<double>::min();
  const double safmax = 1.0 / safmin;
  const double ssfmax = std::sqrt(safmax) / 3.0;
  const double ssfmin = std::sqrt(safmin) / eps2;
  const Index nmaxit = n * 30;
  Index jtot = 0;
  Index l1 = 0;
  while (l1 < n) {
    if (l1 > 0) e[l1 - 1] = 0.0;
    Index m = l1;
    for (; m < n - 1; ++m) {
      if (std::abs(e[m]) <= (std::sqrt(std::abs(d[m])) * std::sqrt(std::abs(d[m + 1]))) * eps) {
        e[m] = 0.0;
        break;
      }
    }
    Index l = l1;
    const Index lsv = l;
    Index lend = m;
    const Index lendsv = lend;
    l1 = m + 1;
    if (lend == l) continue;
    // Scale the block [l, lend] to a safe range.
    double anorm = 0.0;
    for (Index i = l; i <= lend; ++i) anorm = std::max(anorm, std::abs(d[i]));
    for (Index i = l; i < lend; ++i) anorm = std::max(anorm, std::abs(e[i]));
    if (!(anorm > 0.0)) continue;
    double sc = 1.0;
    if (anorm > ssfmax)
      sc = ssfmax / anorm;
    else if (anorm < ssfmin)
      sc = ssfmin / anorm;
    if (sc != 1.0) {
      for (Index i = l; i <= lend; ++i) d[i] *= sc;
      for (Index i = l; i < lend; ++i) e[i] *= sc;
    }
    for (Index i = l; i < lend; ++i) e[i] = e[i] * e[i];
    if (std::abs(d[lend]) < std::abs(d[l])) {  // QR instead of QL: chase from the larger end
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) {
      // QL iteration.
      for (;;) {
        Index mm = l;
        if (l != lend) {
          for (mm = l; mm < lend; ++mm)
            if (std::abs(e[mm]) <= eps2 * std::abs(d[mm] * d[mm + 1])) break;
        } else {
          mm = lend;
        }
        if (mm < lend) e[mm] = 0.0;
        double p = d[l];
        if (mm == l) {  // eigenvalue found
          d[l] = p;
          ++l;
          if (l <= lend) continue;
          break;
        }
        if (mm == l + 1) {
          double rt1, rt2;
          eig2x2(d[l], std::sqrt(e[l]), d[l + 1], rt1, rt2);
          d[l] = rt1;
          d[l + 1] = rt2;
          e[l] = 0.0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        ++jtot;
        const double rte = std::sqrt(e[l]);
        double sigma = (d[l + 1] - p) / (2.0 * rte);
        const double r0 = std::hypot(sigma, 1.0);
        sigma = p - (rte / (sigma + std::copysign(r0, sigma)));
        double c = 1.0, s = 0.0, gamma = d[mm] - sigma;
        p = gamma * gamma;
        for (Index i = mm - 1; i >= l; --i) {
          const double bb = e[i], r = p + bb;
          if (i != mm - 1) e[i + 1] = s * r;
          const double oldc = c;
          c = p / r;
          s = bb / r;
          const double oldgam = gamma, alpha = d[i];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i + 1] = oldgam + (alpha - gamma);
          p = c != 0.0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l] = s * p;
        d[l] = sigma + gamma;
      }
    } else {
      // QR iteration.
      for (;;) {
        Index mm = l;
        for (mm = l; mm > lend; --mm)
          if (std::abs(e[mm - 1]) <= eps2 * std::abs(d[mm] * d[mm - 1])) break;
        if (mm > lend) e[mm - 1] = 0.0;
        double p = d[l];
        if (mm == l) {
          d[l] = p;
          --l;
          if (l >= lend) continue;
          break;
        }
        if (mm == l - 1) {
          double rt1, rt2;
          eig2x2(d[l], std::sqrt(e[l - 1]), d[l - 1], rt1, rt2);
          d[l] = rt1;
          d[l - 1] = rt2;
          e[l - 1] = 0.0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        ++jtot;
        const double rte = std::sqrt(e[l - 1]);
        double sigma = (d[l - 1] - p) / (2.0 * rte);
        const double r0 = std::hypot(sigma, 1.0);
        sigma = p - (rte / (sigma + std::copysign(r0, sigma)));
        double c = 1.0, s = 0.0, gamma = d[mm] - sigma;
        p = gamma * gamma;
        for (Index i = mm; i <= l - 1; ++i) {
          const double bb = e[i], r = p + bb;
          if (i != mm) e[i - 1] = s * r;
          const double oldc = c;
          c = p / r;
          s = bb / r;
          const double oldgam = gamma, alpha = d[i + 1];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i] = oldgam + (alpha - gamma);
          p = c != 0.0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l - 1] = s * p;
        d[l] = sigma + gamma;
      }
    }
    if (sc != 1.0)
      for (Index i = lsv; i <= lendsv; ++i) d[i] /= sc;
    if (jtot >= nmaxit) {
      for (Index i = 0; i < n - 1; ++i)
        if (e[i] != 0.0) return false;
      break;
    }
  }
  std::sort(d.data(), d.data() + n);
  return true;
}

namespace {
void gemv_sub(const double* L, Index ld, Index m, Index K, const double* x, double* y) {
  isa_kernels().gemv_sub(L, ld, m, K, x, y);
}
void gemv_t(const double* L, Index ld, Index m, Index K, const double* v, double* t) {
  isa_kernels().gemv_t(L, ld, m, K, v, t);
}
}  // namespace

void tridiagonalize_lower(Mat& A, Vec& d, Vec& e, ThreadPool* pool) {
  const Index n = A.rows();
  d.resize(n);
  e.resize(std::max<Index>(n - 1, 0));
  if (n == 0) return;
  // The panel's reflectors v_k and w_k interleaved: VW = [v₀ w₀ v₁ w₁ …], WV = [w₀ v₀ w₁ v₁ …], so that
  // V Wᵀ + W Vᵀ = VW WVᵀ is one product of inner dimension 2i (and one matrix–vector product each).
  Mat VW = Mat::Zero(n, 2 * kPanel), WV = Mat::Zero(n, 2 * kPanel), partial(n, kSymvChunks);
  Vec y(n), t(2 * kPanel), v(n);
  const Index ldv = VW.outerStride();
  std::vector<double> pack;  // gemm_lower_sub's scratch, reused by every panel
  for (Index i0 = 0; i0 < n - 1; i0 += kPanel) {
    const Index pb = std::min(kPanel, n - 1 - i0);
    for (Index i = 0; i < pb; ++i) {
      const Index c = i0 + i, m = n - c, len = m - 1;
      // 1. Apply this panel's earlier reflectors to column c (rows c..n−1): A(c:, c) −= VW WV(c, :)ᵀ.
      if (i > 0) {
        for (Index k = 0; k < 2 * i; ++k) t[k] = WV(c, k);
        gemv_sub(VW.data() + c, ldv, m, 2 * i, t.data(), A.col(c).data() + c);
      }
      d[c] = A(c, c);
      // 2. Householder reflector H = I − τ v vᵀ with H x = β e₁, x = A(c+1:n, c) (LAPACK dlarfg).
      auto x = A.col(c).segment(c + 1, len);
      const double alpha = x[0];
      const double xn2 = len > 1 ? x.tail(len - 1).squaredNorm() : 0.0;
      double tau = 0.0, beta = alpha;
      if (xn2 != 0.0) {
        beta = -std::copysign(std::sqrt(alpha * alpha + xn2), alpha);
        tau = (beta - alpha) / beta;
        x.tail(len - 1) *= 1.0 / (alpha - beta);
      } else if (len > 1) {
        x.tail(len - 1).setZero();
      }
      e[c] = beta;
      v.head(len) = x;
      v[0] = 1.0;
      // 3. w = τ (S v − V Wᵀ v − W Vᵀ v) with S = A(c+1:n, c+1:n) as at the panel start, then
      //    w −= ½ τ (wᵀv) v (LAPACK dlatrd).
      auto yy = y.head(len);
      symv_lower(A, c + 1, v.data(), len, y.data(), partial, pool);
      if (i > 0) {
        gemv_t(WV.data() + c + 1, ldv, len, 2 * i, v.data(), t.data());
        gemv_sub(VW.data() + c + 1, ldv, len, 2 * i, t.data(), y.data());
      }
      yy *= tau;
      const double a = -0.5 * tau * yy.dot(v.head(len));
      yy += a * v.head(len);
      VW.col(2 * i).segment(c + 1, len) = WV.col(2 * i + 1).segment(c + 1, len) = v.head(len);
      VW.col(2 * i + 1).segment(c + 1, len) = WV.col(2 * i).segment(c + 1, len) = yy;
      VW(c, 2 * i) = VW(c, 2 * i + 1) = WV(c, 2 * i) = WV(c, 2 * i + 1) = 0.0;
    }
    // 4. Trailing update A22 −= V Wᵀ + W Vᵀ = VW WVᵀ (lower triangle), rows/cols from r0, on the packed
    //    micro-kernel (gemm_lower.cpp: vectorized in wasm too, where Eigen's products are scalar).
    const Index r0 = i0 + pb, mm = n - r0;
    if (mm > 0)
      gemm_lower_sub(A.data() + r0 * A.outerStride() + r0, A.outerStride(), mm, VW.data() + r0, ldv, WV.data() + r0,
                     ldv, 2 * pb, pack, mm >= kParallelSymvMin ? pool : nullptr);  // same bits
  }
  d[n - 1] = A(n - 1, n - 1);
}

Vec sym_eigenvalues_inplace(Mat& S, ThreadPool* pool) {
  const Index n = S.rows();
  if (n == 0) return Vec();
  const Vec nan = Vec::Constant(n, std::numeric_limits<double>::quiet_NaN());
  for (Index j = 0; j < n; ++j)
    if (!S.col(j).tail(n - j).allFinite()) return nan;
  // Scale to max |entry| = 1 like Eigen's solver (no overflow/underflow in the reflectors).
  double scale = 0.0;
  for (Index j = 0; j < n; ++j) scale = std::max(scale, S.col(j).tail(n - j).cwiseAbs().maxCoeff());
  if (scale == 0.0) return Vec::Zero(n);
  for (Index j = 0; j < n; ++j) S.col(j).tail(n - j) *= 1.0 / scale;
  Vec d, e;
  if (n >= kTwoStageMin) {
    reduce_to_band(S, kBand, pool);
    band_to_tridiagonal(S, kBand, d, e, pool);
  } else {
    tridiagonalize_lower(S, d, e, pool);
  }
  if (!tridiagonal_eigenvalues(d, e) || !d.allFinite()) return nan;
  return d * scale;
}

Vec sym_eigenvalues(const Mat& S, ThreadPool* pool) {
  Mat A;
  resize_large(A, S.rows(), S.cols());
  A = S;
  return sym_eigenvalues_inplace(A, pool);
}

}  // namespace core
