#include "core/ntk/spectrum_extreme.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "core/ntk/kernel.hpp"
#include "core/util/rng.hpp"

namespace core {

namespace {

struct TopRitz {
  Vec values;   // ascending, the `want` largest Ritz values
  Mat vectors;  // their Ritz vectors (columns), when asked for
  Index iterations = 0;
  bool converged = false;
};

// Largest eigenvalues of a symmetric operator by Lanczos with full reorthogonalization (classical
// Gram–Schmidt twice). Converged when |β_m s_{m,i}| ≤ tol·|θ_i| for the `want` largest Ritz values θ_i.
// Z (optional, orthonormal columns): deflation basis; the Krylov space is kept orthogonal to it.
TopRitz lanczos_top(const std::function<void(const Vec&, Vec&)>& apply, Index n, Index want, Index max_iter, double tol,
                    std::uint64_t seed, const Mat* Z = nullptr, bool vectors = false) {
  TopRitz out;
  want = std::max<Index>(1, std::min(want, n));
  const Index m_max = std::max<Index>(1, std::min(max_iter, n));
  Mat Q(n, m_max);
  Vec alpha(m_max), beta(m_max), q(n), w(n), c;
  NormalStream ns(seed);
  for (Index i = 0; i < n; ++i) q[i] = ns.next();
  auto deflate = [&](Vec& x) {
    if (Z == nullptr || Z->cols() == 0) return;
    for (int pass = 0; pass < 2; ++pass) x.noalias() -= *Z * (Z->transpose() * x);
  };
  deflate(q);
  q /= q.norm();
  Eigen::SelfAdjointEigenSolver<Mat> es;
  Index m = 0;
  bool invariant = false;
  for (Index j = 0; j < m_max; ++j) {
    Q.col(j) = q;
    apply(q, w);
    deflate(w);
    alpha[j] = 0.0;
    for (int pass = 0; pass < 2; ++pass) {
      c.noalias() = Q.leftCols(j + 1).transpose() * w;
      w.noalias() -= Q.leftCols(j + 1) * c;
      alpha[j] += c[j];
    }
    m = j + 1;
    const double b = w.norm();
    beta[j] = b;
    const double scale = alpha.head(m).cwiseAbs().maxCoeff();
    if (!(b > 1e-14 * scale) || m == n) {
      invariant = true;
      break;
    }
    if (m >= want + 2 && m % 4 == 0) {
      es.computeFromTridiagonal(alpha.head(m), beta.head(m - 1), Eigen::ComputeEigenvectors);
      Index conv = 0;
      for (Index i = m - 1; i >= m - want; --i, ++conv)
        if (std::abs(b * es.eigenvectors()(m - 1, i)) > tol * std::abs(es.eigenvalues()[i])) break;
      if (conv >= want) {
        out.converged = true;
        break;
      }
    }
    q = w / b;
  }
  es.computeFromTridiagonal(alpha.head(m), beta.head(std::max<Index>(m - 1, 0)),
                            vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  if (invariant) out.converged = true;
  const Index k = std::min(want, m);
  out.values = es.eigenvalues().tail(k);
  if (vectors) out.vectors = Q.leftCols(m) * es.eigenvectors().rightCols(k);
  out.iterations = m;
  return out;
}

}  // namespace

ExtremeSpectrum extreme_spectrum(const Mat& J, const Vec& wk, ThreadPool* pool, const ExtremeOptions& opt) {
  ExtremeSpectrum s;
  s.dim_K = J.rows();
  s.P = J.cols();
  if (J.size() == 0 || wk.size() != J.rows()) {
    s.error = "empty Jacobian or weight size mismatch";
    return s;
  }
  if (!J.allFinite() || !wk.allFinite()) {
    s.error = "non-finite Jacobian or weights";
    return s;
  }
  s.from_gram = s.P <= s.dim_K;
  Mat A;
  if (s.from_gram)
    gram(J, wk, A, pool);
  else
    kernel_matrix(J, wk, A, pool);
  const Index n = A.rows();
  auto apply_A = [&](const Vec& x, Vec& y) { y.noalias() = A.selfadjointView<Eigen::Lower>() * x; };
  const TopRitz t = lanczos_top(apply_A, n, opt.top, opt.max_iter, opt.tol, opt.seed);
  s.iterations_top = t.iterations;
  s.top = t.values;
  s.lambda_max = t.values.size() ? t.values[t.values.size() - 1] : 0.0;
  s.tol = double(n) * std::numeric_limits<double>::epsilon() * std::max(s.lambda_max, 0.0);
  if (!(s.lambda_max > 0.0)) {  // A = 0 (PSD): the whole spectrum is 0
    s.bottom = Vec::Zero(std::min(opt.bottom, n));
    s.converged = t.converged;
    return s;
  }
  // Shift-invert: the smallest eigenvalues λ of A are 1/ν − δ for the largest ν of (A + δI)⁻¹.
  Eigen::LLT<Mat> llt;
  double delta = s.tol;
  for (int attempt = 0; attempt < 6; ++attempt, delta *= 16.0) {
    Mat B = A;
    B.diagonal().array() += delta;
    llt.compute(B);
    if (llt.info() == Eigen::Success) break;
  }
  if (llt.info() != Eigen::Success) {
    s.error = "Cholesky of the shifted kernel failed";
    return s;
  }
  s.shift = delta;
  auto apply_inv = [&](const Vec& x, Vec& y) { y = llt.solve(x); };
  // Pass 1: the largest ν of (A + δI)⁻¹. Eigenvalues ≤ tol (the numerical null space, ν ≈ 1/δ) dominate
  // the inverse so much that rounding (ε/δ) swamps the nonzero ones: pass 2 repeats the run with their
  // Ritz vectors deflated, so the smallest nonzero eigenvalues come out to full relative accuracy.
  const Index want = std::min(opt.bottom, n);
  const TopRitz b = lanczos_top(apply_inv, n, want, opt.max_iter, opt.tol, opt.seed + 1, nullptr, true);
  s.iterations_bottom = b.iterations;
  s.converged = t.converged && b.converged;
  std::vector<double> lam;
  Index null = 0;
  for (Index i = b.values.size() - 1; i >= 0; --i) {
    const double l = 1.0 / b.values[i] - delta;
    lam.push_back(l);
    null += l <= s.tol;
  }
  if (null > 0 && null < Index(lam.size()) && null < n) {
    const Mat Zn = b.vectors.rightCols(null);  // Ritz vectors of the largest ν = the null space
    const TopRitz b2 = lanczos_top(apply_inv, n, want - null, opt.max_iter, opt.tol, opt.seed + 2, &Zn, false);
    s.iterations_bottom += b2.iterations;
    s.converged = s.converged && b2.converged;
    lam.resize(size_t(null));
    for (Index i = b2.values.size() - 1; i >= 0; --i) lam.push_back(1.0 / b2.values[i] - delta);
  }
  std::sort(lam.begin(), lam.end());
  const Index k = Index(lam.size());
  s.bottom = Eigen::Map<const Vec>(lam.data(), k);
  s.lambda_min_K = s.dim_K > s.P ? 0.0 : (k ? s.bottom[0] : 0.0);
  for (Index i = 0; i < k; ++i)
    if (s.bottom[i] > s.tol) {
      s.lambda_min_nonzero = s.bottom[i];
      s.nonzero_resolved = true;
      break;
    }
  return s;
}

}  // namespace core
