// Tangent kernel: Jacobian, Gram G, kernel K, spectra, Rayleigh quotient and witness bounds.
#include "core/ntk/kernel.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "core/linalg/isa.hpp"
#include "core/util/memory.hpp"
#include "core/linalg/symeig.hpp"

namespace core {

namespace {
// Fixed tile sizes: the work partition never depends on the number of threads.
constexpr Index kJacobianTileRows = 64;  // samples per Jacobian tile

// ---- C = scale·AᵀA by the packed, register-blocked micro-kernel (SYRK, lower) ----
// The packing and the micro-tiles are the selected ISA path's (isa.hpp; isa_kernels.inc). Each entry is
// the plain sequential sum Σ_n A(n,p)A(n,q) in n order, so the bits depend neither on the blocking nor
// on the thread count: a task owns whole mr-row panels of C.
constexpr Index kKC = 128;           // n-chunk: a packed chunk of A (P·kKC doubles) stays in L2
constexpr Index kOnePassMax = 1024;  // n up to this: one chunk, so C is written once (a large
                                     // K = JJᵀ is not re-read per chunk; same sums, same bits)
constexpr Index kMirrorTile = 64;    // tiles of the lower→upper copy (cache-friendly transpose)

// Element (n, p) of A is a[n + p·ld] (A column-major) or, with trans, a[p + n·ld] (A = Bᵀ, B column-major).
// C (p×p) gets the lower triangle of scale·AᵀA, mirrored to the upper one.
void syrk_packed(const double* a, Index ld, bool trans, Index n, Index p, double scale, Mat& C, ThreadPool* pool) {
  resize_large(C, p, p);
  if (p == 0) return;
  if (n == 0) {
    C.setZero();
    return;
  }
  const IsaKernels& isa = isa_kernels();
  const Index mr = isa.mr;
  const Index np = (p + mr - 1) / mr;  // row panels
  const Index chunk = n <= kOnePassMax ? n : kKC;
  std::vector<double> Ap(std::size_t(np * mr * chunk));
  for (Index n0 = 0; n0 < n; n0 += chunk) {
    const SyrkChunk s{a + (trans ? n0 * ld : n0),
                      ld,
                      trans,
                      std::min(chunk, n - n0),
                      p,
                      mr * chunk,
                      Ap.data(),
                      C.data(),
                      C.outerStride(),
                      n0 == 0};
    if (pool) {
      pool->run(np, [&](Index I) { isa.syrk_pack(s, I); });
      // Larger panels first (more tiles): better balance, same bits.
      pool->run(np, [&](Index t) { isa.syrk_rows(s, np - 1 - t); });
    } else {
      for (Index I = 0; I < np; ++I) isa.syrk_pack(s, I);
      for (Index I = 0; I < np; ++I) isa.syrk_rows(s, I);
    }
  }
  // Scale the lower triangle and mirror it, tile by tile (a whole-matrix strided transpose of a 32 MB
  // K thrashes the TLB).
  for (Index j0 = 0; j0 < p; j0 += kMirrorTile) {
    const Index j1 = std::min(p, j0 + kMirrorTile);
    for (Index i0 = j0; i0 < p; i0 += kMirrorTile) {
      const Index i1 = std::min(p, i0 + kMirrorTile);
      for (Index j = j0; j < j1; ++j)
        for (Index i = std::max(i0, j); i < i1; ++i) C(i, j) *= scale;
      for (Index i = i0; i < i1; ++i)
        for (Index j = j0; j < std::min(j1, i); ++j) C(j, i) = C(i, j);
    }
  }
}

void syrk_tiled(const Mat& A, double scale, Mat& C, ThreadPool* pool) {
  syrk_packed(A.data(), A.outerStride(), false, A.rows(), A.cols(), scale, C, pool);
}

// Uniform weights: A = J and scale = w (so G = JᵀJ·w, exactly like the bench's JᵀJ/N up to the
// final scaling); otherwise A = W^{1/2} J, scale = 1.
bool uniform(const Vec& wk) { return wk.size() > 0 && (wk.array() == wk(0)).all(); }

Mat weighted_rows(const Mat& J, const Vec& wk) { return wk.array().sqrt().matrix().asDiagonal() * J; }
}  // namespace

Vec repeat_weights(const Vec& w, Index k) {
  Vec wk(w.size() * k);
  for (Index i = 0; i < w.size(); ++i)
    for (Index c = 0; c < k; ++c) wk(i * k + c) = w(i);
  return wk;
}

Vec flatten_rows(const Mat& M) {
  Vec out(M.size());
  for (Index i = 0; i < M.rows(); ++i)
    for (Index c = 0; c < M.cols(); ++c) out(i * M.cols() + c) = M(i, c);
  return out;
}

double norm2_H(const Vec& wk, const Vec& g) { return (wk.array() * g.array().square()).sum(); }

void jacobian(const Model& model, const Mat& X, const Vec& theta, Mat& J, ThreadPool* pool) {
  const Index N = X.rows(), k = model.k();
  const Index nt = (N + kJacobianTileRows - 1) / kJacobianTileRows;
  if (pool == nullptr || nt <= 1) {
    model.J(X, theta, J);
    return;
  }
  resize_large(J, N * k, model.P());
  pool->run(nt, [&](Index t) {
    const Index r0 = t * kJacobianTileRows, nr = std::min(kJacobianTileRows, N - r0);
    Mat Jt;
    model.J(X.middleRows(r0, nr), theta, Jt);
    J.middleRows(r0 * k, nr * k) = Jt;
  });
}

void gram(const Mat& J, const Vec& wk, Mat& G, ThreadPool* pool) {
  if (uniform(wk))
    syrk_tiled(J, wk(0), G, pool);
  else
    syrk_tiled(weighted_rows(J, wk), 1.0, G, pool);
}

void kernel_matrix(const Mat& J, const Vec& wk, Mat& K, ThreadPool* pool) {
  // K = A Aᵀ·scale: the SYRK of Aᵀ, packed straight from the rows of A (no transposed copy).
  if (uniform(wk)) {
    syrk_packed(J.data(), J.outerStride(), true, J.cols(), J.rows(), wk(0), K, pool);
  } else {
    const Mat A = weighted_rows(J, wk);
    syrk_packed(A.data(), A.outerStride(), true, A.cols(), A.rows(), 1.0, K, pool);
  }
}

bool tangent_matrix_reads_J(const Model& model, Index N) {
  return !(model.P() <= N * model.k() && model.has_factored_gram());
}

bool tangent_matrix(const Model* model, const Mat& X, const Vec& theta, const Mat& J, const Vec& wk, Mat& S,
                    ThreadPool* pool) {
  // With a model the sizes come from it, not from J (empty when G comes from the factors).
  const Index Nk = model ? X.rows() * model->k() : J.rows(), P = model ? model->P() : J.cols();
  const bool from_gram = P <= Nk;
  if (model && !tangent_matrix_reads_J(*model, X.rows()))
    model->gram_factored(X, theta, wk, S, pool);
  else if (from_gram)
    gram(J, wk, S, pool);
  else
    kernel_matrix(J, wk, S, pool);
  return from_gram;
}

Vec eigenvalues(const Mat& S) { return sym_eigenvalues(S, nullptr); }

// Backward-stable symmetric eigensolvers give absolute errors ≈ n·ε·λ_max, so eigenvalues below that
// are indistinguishable from 0.
double rank_tolerance(const Vec& eigs) {
  if (eigs.size() == 0) return 0.0;
  return double(eigs.size()) * std::numeric_limits<double>::epsilon() * std::max(eigs.maxCoeff(), 0.0);
}

namespace {
// Eigenvalues of S (G when from_gram, else K; overwritten) and the derived quantities.
Spectrum spectrum_of(Mat& S, bool from_gram, Index dim_K, Index P, ThreadPool* pool) {
  Spectrum s;
  s.dim_K = dim_K;
  s.P = P;
  s.from_gram = from_gram;
  s.eigs = sym_eigenvalues_inplace(S, pool);
  if (s.eigs.size() == 0) return s;
  s.lambda_max = s.eigs(s.eigs.size() - 1);
  s.tol = rank_tolerance(s.eigs);
  s.lambda_min_K = s.dim_K > s.P ? 0.0 : s.eigs(0);
  s.rank = 0;
  s.lambda_min_nonzero = 0.0;
  for (Index i = s.eigs.size() - 1; i >= 0; --i) {
    if (!(s.eigs(i) > s.tol)) break;
    ++s.rank;
    s.lambda_min_nonzero = s.eigs(i);
  }
  return s;
}
}  // namespace

Spectrum tangent_spectrum(const Mat& J, const Vec& wk, ThreadPool* pool) {
  Mat S;
  const bool from_gram = tangent_matrix(nullptr, Mat(), Vec(), J, wk, S, pool);
  return spectrum_of(S, from_gram, J.rows(), J.cols(), pool);
}

Spectrum tangent_spectrum(const Model& model, const Mat& X, const Vec& theta, const Mat& J, const Vec& wk,
                          ThreadPool* pool) {
  Mat S;
  const bool from_gram = tangent_matrix(&model, X, theta, J, wk, S, pool);
  return spectrum_of(S, from_gram, J.rows(), J.cols(), pool);
}

Vec grad_L(const Mat& J, const Vec& wk, const Vec& g) { return J.transpose() * (wk.array() * g.array()).matrix(); }

double rayleigh(const Mat& J, const Vec& wk, const Vec& g) {
  const double g2 = norm2_H(wk, g);
  if (g2 == 0.0) return 0.0;
  return grad_L(J, wk, g).squaredNorm() / g2;
}

double witness_bound(const Mat& J, const Vec& wk, const Vec& g, const Vec& v) {
  const double g2 = norm2_H(wk, g), v2 = v.squaredNorm();
  if (g2 == 0.0 || v2 == 0.0) return 0.0;
  const Vec Jv = J * v;
  const double ip = (wk.array() * g.array() * Jv.array()).sum();  // ⟨g, Jv⟩_H
  return ip * ip / (v2 * g2);
}

double witness_teacher(const Mat& J, const Vec& wk, const Vec& g, const Vec& theta, const Vec& theta_star) {
  return witness_bound(J, wk, g, theta - theta_star);
}

double witness_euler(const Mat& J, const Vec& wk, const Vec& g, const Vec& theta) {
  return witness_bound(J, wk, g, theta);
}

double rayleigh_block(const Mat& J, const Vec& wk, const Vec& g, Index begin, Index count) {
  if (begin < 0 || count < 0 || begin + count > J.cols()) return std::numeric_limits<double>::quiet_NaN();
  const double g2 = norm2_H(wk, g);
  if (g2 == 0.0) return 0.0;
  return (J.middleCols(begin, count).transpose() * (wk.array() * g.array()).matrix()).squaredNorm() / g2;
}

}  // namespace core
