// Tangent kernel: Jacobian, Gram G, kernel K, spectra, Rayleigh quotient and witness bounds.
#include "core/kernel.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "core/symeig.hpp"

namespace core {

namespace {
// Fixed tile sizes: the work partition never depends on the number of threads.
constexpr Index kJacobianTileRows = 64;  // samples per Jacobian tile
constexpr Index kGramTile = 64;          // output block size of C = AᵀA

// C = scale · AᵀA (A: n×p, C: p×p), lower block triangle in fixed kGramTile blocks; diagonal blocks by
// symmetric rank-n updates, off-diagonal blocks by GEMM; then mirrored to the upper triangle.
void syrk_tiled(const Mat& A, double scale, Mat& C, ThreadPool* pool) {
  const Index p = A.cols();
  C.setZero(p, p);
  const Index nb = (p + kGramTile - 1) / kGramTile;
  std::vector<std::pair<Index, Index>> blocks;
  for (Index bi = 0; bi < nb; ++bi)
    for (Index bj = 0; bj <= bi; ++bj) blocks.emplace_back(bi, bj);
  auto task = [&](Index t) {
    const Index bi = blocks[std::size_t(t)].first, bj = blocks[std::size_t(t)].second;
    const Index i0 = bi * kGramTile, ni = std::min(kGramTile, p - i0);
    const Index j0 = bj * kGramTile, nj = std::min(kGramTile, p - j0);
    if (bi == bj) {
      Mat Cb = Mat::Zero(ni, ni);
      Cb.selfadjointView<Eigen::Lower>().rankUpdate(A.middleCols(i0, ni).transpose());
      Cb *= scale;
      C.block(i0, i0, ni, ni).triangularView<Eigen::Lower>() = Cb;
    } else {
      Mat Cb = A.middleCols(i0, ni).transpose() * A.middleCols(j0, nj);
      C.block(i0, j0, ni, nj) = scale * Cb;
    }
  };
  if (pool)
    pool->run(Index(blocks.size()), task);
  else
    for (Index t = 0; t < Index(blocks.size()); ++t) task(t);
  C.triangularView<Eigen::StrictlyUpper>() = C.transpose();
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
  J.resize(N * k, model.P());
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
  if (uniform(wk)) {
    const Mat Jt = J.transpose();
    syrk_tiled(Jt, wk(0), K, pool);
  } else {
    const Mat At = weighted_rows(J, wk).transpose();
    syrk_tiled(At, 1.0, K, pool);
  }
}

Vec eigenvalues(const Mat& S) { return sym_eigenvalues(S, nullptr); }

// Backward-stable symmetric eigensolvers give absolute errors ≈ n·ε·λ_max, so eigenvalues below that
// are indistinguishable from 0.
double rank_tolerance(const Vec& eigs) {
  if (eigs.size() == 0) return 0.0;
  return double(eigs.size()) * std::numeric_limits<double>::epsilon() * std::max(eigs.maxCoeff(), 0.0);
}

Spectrum tangent_spectrum(const Mat& J, const Vec& wk, ThreadPool* pool) {
  Spectrum s;
  s.dim_K = J.rows();
  s.P = J.cols();
  Mat S;
  s.from_gram = s.P <= s.dim_K;
  if (s.from_gram)
    gram(J, wk, S, pool);
  else
    kernel_matrix(J, wk, S, pool);
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
