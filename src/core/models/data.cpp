// Seeded samples, Gauss–Legendre population data, teacher targets and the A.5.6 logistic presets.
#include "core/models/data.hpp"

#include <cmath>

#include "core/util/rng.hpp"

namespace core {

double inner_H(const Dataset& D, const Mat& u, const Mat& v) {
  double s = 0.0;
  for (Index i = 0; i < u.rows(); ++i) {
    double r = 0.0;
    for (Index c = 0; c < u.cols(); ++c) r += u(i, c) * v(i, c);
    s += D.w(i) * r;
  }
  return s;
}

Status check_dataset(const Dataset& D) {
  const Index N = D.X.rows();
  if (N < 1) return Status::fail("dataset is empty");
  if (D.w.size() != N)
    return Status::fail("dataset: w has " + std::to_string(D.w.size()) + " entries, N = " + std::to_string(N));
  if (D.Y.size() > 0 && D.Y.rows() != N) return Status::fail("dataset: Y rows ≠ N");
  if (!D.X.allFinite() || !D.Y.allFinite() || !D.w.allFinite()) return Status::fail("dataset: non-finite entries");
  if ((D.w.array() < 0.0).any()) return Status::fail("dataset: negative weights");
  if (std::abs(D.w.sum() - 1.0) > 1e-12) return Status::fail("dataset: weights do not sum to 1");
  return Status::success();
}

namespace {
Status check_N_d(Index N, Index d) {
  if (N < 1) return Status::fail("number of samples must be ≥ 1");
  if (d < 1) return Status::fail("input dimension must be ≥ 1");
  if (N > kMaxSamples || d > kMaxSamples || double(N) * double(d) > double(kMaxDataEntries))
    return Status::fail("dataset too large");
  return Status::success();
}
Dataset with_uniform_weights(Mat X, std::string label) {
  Dataset D;
  const Index N = X.rows();
  D.X = std::move(X);
  D.w = Vec::Constant(N, 1.0 / double(N));
  D.label = std::move(label);
  return D;
}
}  // namespace

Result<Dataset> sample_uniform_1d(Index N, double R, std::uint64_t seed) {
  Status s = check_N_d(N, 1);
  if (!s.ok()) return Result<Dataset>::fail(s.error);
  if (!std::isfinite(R) || !(R > 0.0)) return Result<Dataset>::fail("R must be finite and > 0");
  SplitMix64 rng(seed);
  Mat X(N, 1);
  for (Index i = 0; i < N; ++i) X(i, 0) = R * (2.0 * rng.uniform() - 1.0);
  return Result<Dataset>::success(with_uniform_weights(
      std::move(X), std::to_string(N) + " samples x ~ U[-R,R] (seed " + std::to_string(seed) + ")"));
}

Result<Dataset> sample_gaussian(Index N, Index d, double scale, std::uint64_t seed) {
  Status s = check_N_d(N, d);
  if (!s.ok()) return Result<Dataset>::fail(s.error);
  if (!std::isfinite(scale) || scale < 0.0) return Result<Dataset>::fail("scale must be finite and ≥ 0");
  NormalStream ns(seed);
  Mat X(N, d);
  for (Index i = 0; i < N; ++i)  // row-major draw order, as in the bench generator
    for (Index k = 0; k < d; ++k) X(i, k) = scale * ns.next();
  return Result<Dataset>::success(with_uniform_weights(
      std::move(X),
      std::to_string(N) + " samples x ~ N(0, s² I_" + std::to_string(d) + ") (seed " + std::to_string(seed) + ")"));
}

// Newton on P_n(x) (three-term recurrence) from the Tricomi-type guess cos(π(i+3/4)/(n+1/2));
// w_i = 2 / ((1 − x_i²) P_n'(x_i)²).
Status gauss_legendre(Index n, Vec& nodes, Vec& weights) {
  if (n < 1) return Status::fail("Gauss–Legendre: n must be ≥ 1");
  if (n > 100'000) return Status::fail("Gauss–Legendre: n too large");
  nodes.resize(n);
  weights.resize(n);
  const double pi = 3.14159265358979323846;
  for (Index i = 0; i < (n + 1) / 2; ++i) {
    double x = std::cos(pi * (double(i) + 0.75) / (double(n) + 0.5));
    double dp = 0.0;
    for (int it = 0; it < 100; ++it) {
      double p0 = 1.0, p1 = x;  // P_0, P_1
      for (Index j = 2; j <= n; ++j) {
        const double p2 = ((2.0 * double(j) - 1.0) * x * p1 - (double(j) - 1.0) * p0) / double(j);
        p0 = p1;
        p1 = p2;
      }
      const double pn = n == 1 ? x : p1;
      const double pm = n == 1 ? 1.0 : p0;  // P_{n-1}
      dp = double(n) * (x * pn - pm) / (x * x - 1.0);
      const double dx = pn / dp;
      x -= dx;
      if (std::abs(dx) <= 1e-16 * std::max(1.0, std::abs(x))) break;
    }
    // Recompute P_n' at the converged node for the weight.
    double p0 = 1.0, p1 = x;
    for (Index j = 2; j <= n; ++j) {
      const double p2 = ((2.0 * double(j) - 1.0) * x * p1 - (double(j) - 1.0) * p0) / double(j);
      p0 = p1;
      p1 = p2;
    }
    dp = n == 1 ? 1.0 : double(n) * (x * p1 - p0) / (x * x - 1.0);
    const double w = 2.0 / ((1.0 - x * x) * dp * dp);
    nodes(n - 1 - i) = x;  // guesses are descending; store ascending, symmetric pairs
    nodes(i) = -x;
    weights(i) = weights(n - 1 - i) = w;
  }
  if (n % 2 == 1) nodes(n / 2) = 0.0;  // exact middle node
  return Status::success();
}

Result<Dataset> population_uniform_1d(Index n, double R) {
  if (!std::isfinite(R) || !(R > 0.0)) return Result<Dataset>::fail("R must be finite and > 0");
  Vec x, w;
  Status s = gauss_legendre(n, x, w);
  if (!s.ok()) return Result<Dataset>::fail(s.error);
  Dataset D;
  D.X = R * x;
  D.w = w / w.sum();
  D.population = true;
  D.label = "population U[-R,R] (" + std::to_string(n) + "-point Gauss–Legendre)";
  return Result<Dataset>::success(std::move(D));
}

Result<Dataset> population_gaussian(Index n, Index d, double scale, std::uint64_t seed) {
  if (n < kMinPopulationSample)
    return Result<Dataset>::fail("a population stand-in needs n ≥ " + std::to_string(kMinPopulationSample) +
                                 " samples");
  // Its own stream (seed mixed with a constant) so it never coincides with a training sample of the same seed.
  auto D = sample_gaussian(n, d, scale, seed ^ 0x9E3779B97F4A7C15ull);
  if (!D.ok()) return D;
  D.value.population = true;
  D.value.exact = false;
  D.value.label = "population N(0, s² I_" + std::to_string(d) + "), approximated by a fixed sample of " +
                  std::to_string(n) + " points (Monte Carlo, not exact)";
  return D;
}

Status set_teacher_targets(Dataset& D, const Model& teacher, const Vec& theta_star) {
  Status s = teacher.check(D.X, theta_star);
  if (!s.ok()) return s;
  teacher.f(D.X, theta_star, D.Y);
  if (!D.Y.allFinite()) return Status::fail("teacher produced non-finite targets");
  return Status::success();
}

Status set_sign_targets(Dataset& D, const Model& teacher, const Vec& theta_star) {
  if (teacher.k() != 1) return Status::fail("sign targets need a teacher with k = 1");
  Status s = set_teacher_targets(D, teacher, theta_star);
  if (!s.ok()) return s;
  for (Index i = 0; i < D.Y.rows(); ++i) D.Y(i, 0) = D.Y(i, 0) < 0.0 ? -1.0 : 1.0;
  return Status::success();
}

Status set_argmax_targets(Dataset& D, const Model& teacher, const Vec& theta_star) {
  Status s = set_teacher_targets(D, teacher, theta_star);
  if (!s.ok()) return s;
  for (Index i = 0; i < D.Y.rows(); ++i) {
    Index best = 0;
    for (Index c = 1; c < D.Y.cols(); ++c)
      if (D.Y(i, c) > D.Y(i, best)) best = c;
    D.Y.row(i).setZero();
    D.Y(i, best) = 1.0;
  }
  return Status::success();
}

Result<Vec> random_theta(Index P, double scale, std::uint64_t seed) {
  if (P < 0 || P > kMaxParams) return Result<Vec>::fail("random_theta: bad size");
  if (!std::isfinite(scale)) return Result<Vec>::fail("random_theta: scale must be finite");
  NormalStream ns(seed);
  Vec t(P);
  for (Index j = 0; j < P; ++j) t(j) = scale * ns.next();
  return Result<Vec>::success(std::move(t));
}

// ε = min_i [(x_i W*)_{y_i} − max_{c≠y_i} (x_i W*)_c] / ‖W*‖_F.
double logistic_margin(const Mat& X, const Mat& Y, const Vec& theta_star, Index k) {
  double eps = INFINITY;
  for (Index i = 0; i < X.rows(); ++i) {
    Index y = 0;
    Y.row(i).maxCoeff(&y);
    Vec z = Vec::Zero(k);
    for (Index c = 0; c < k; ++c)
      for (Index a = 0; a < X.cols(); ++a) z(c) += X(i, a) * theta_star(a * k + c);
    double other = -INFINITY;
    for (Index c = 0; c < k; ++c)
      if (c != y) other = std::max(other, z(c));
    eps = std::min(eps, z(y) - other);
  }
  return eps / theta_star.norm();
}

namespace {
void finish_preset(LogisticPreset& p) {
  Dataset& D = p.data;
  D.w = Vec::Constant(D.X.rows(), 1.0 / double(D.X.rows()));
  D.Y = Mat::Zero(D.X.rows(), p.k);
  for (Index i = 0; i < D.X.rows(); ++i) {  // one-hot argmax of x_i W* (ties → smallest class)
    Index best = 0;
    double zb = -INFINITY;
    for (Index c = 0; c < p.k; ++c) {
      double z = 0.0;
      for (Index a = 0; a < p.d; ++a) z += D.X(i, a) * p.theta_star(a * p.k + c);
      if (z > zb) {
        zb = z;
        best = c;
      }
    }
    D.Y(i, best) = 1.0;
  }
  p.margin = logistic_margin(D.X, D.Y, p.theta_star, p.k);
  D.label = p.label;
}
}  // namespace

LogisticPreset logistic_E1() {
  LogisticPreset p;
  p.d = 4;
  p.k = 3;
  p.data.X = Mat::Zero(3, 4);
  p.data.X(0, 0) = 1e6;
  p.data.X(1, 1) = 1e6;
  p.data.X(2, 2) = 1.0;
  const double u = 2, v = -1, x = 10, y = -5;
  const double Ws[4][3] = {{u, v, v}, {v, u, v}, {y, y, x}, {0, 0, 0}};
  p.theta_star.resize(12);
  for (Index a = 0; a < 4; ++a)
    for (Index c = 0; c < 3; ++c) p.theta_star(a * 3 + c) = Ws[a][c];
  p.theta0 = -1e5 * p.theta_star / p.theta_star.norm();  // anti-aligned with the teacher, norm 1e5
  p.eta = 0.1;
  p.label = "E1 (paper appendix A.5.6, exact configuration)";
  finish_preset(p);
  return p;
}

Result<LogisticPreset> logistic_E2(std::uint64_t seed) {
  LogisticPreset p;
  p.d = 5;
  p.k = 4;
  const Index n = 100;
  NormalStream ns(seed);  // draw order: X (row-major), W* (row-major), W0 (row-major)
  p.data.X.resize(n, p.d);
  for (Index i = 0; i < n; ++i)
    for (Index a = 0; a < p.d; ++a) p.data.X(i, a) = ns.next();
  p.theta_star.resize(p.d * p.k);
  for (Index j = 0; j < p.d * p.k; ++j) p.theta_star(j) = ns.next();
  p.theta0.resize(p.d * p.k);
  for (Index j = 0; j < p.d * p.k; ++j) p.theta0(j) = 100.0 * ns.next();
  p.eta = 0.1;
  p.label = "E2-like (own SplitMix64 seed " + std::to_string(seed) +
            "; NOT the paper's JAX PRNGKey(1) draw, which cannot be reproduced)";
  finish_preset(p);
  return Result<LogisticPreset>::success(std::move(p));
}

}  // namespace core
