// Gauss–Legendre exactness, seeded samples, teacher targets, logistic presets (notes §4 constants).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/models/data.hpp"

using namespace core;

TEST_CASE("data: Gauss–Legendre integrates x^j exactly for j ≤ 2n−1 (abs ≤ 2e-15), with the known error at j = 2n") {
  for (Index n = 1; n <= 24; ++n) {
    Vec x, w;
    REQUIRE(gauss_legendre(n, x, w).ok());
    for (Index j = 0; j <= 2 * n; ++j) {
      double q = 0;
      for (Index i = 0; i < n; ++i) q += w(i) * std::pow(x(i), double(j));
      const double exact = (j % 2 == 0) ? 2.0 / double(j + 1) : 0.0;
      INFO("n=" << n << " j=" << j);
      if (j <= 2 * n - 1)
        CHECK(std::abs(q - exact) <= 2e-15);
      else if (n <= 12) {
        // Not exact beyond its degree: the error on x^{2n} is 2^{2n+1}(n!)⁴/((2n+1)((2n)!)²) (rel ≤ 1e-7).
        double nf = 1, n2f = 1;
        for (Index t = 1; t <= n; ++t) nf *= double(t);
        for (Index t = 1; t <= 2 * n; ++t) n2f *= double(t);
        const double E = std::pow(2.0, double(2 * n + 1)) * std::pow(nf, 4) / (double(2 * n + 1) * n2f * n2f);
        CHECK(std::abs((exact - q) - E) <= 1e-7 * E);
      }
    }
    for (Index i = 1; i < n; ++i) CHECK(x(i) > x(i - 1));
  }
}

TEST_CASE("data: Gauss–Legendre closed forms n = 2, 3 (nodes abs ≤ 2.3e-16, weights ≤ 4.5e-16: a few ulp)") {
  Vec x, w;
  REQUIRE(gauss_legendre(2, x, w).ok());
  CHECK(std::abs(x(1) - 1.0 / std::sqrt(3.0)) <= 2.3e-16);
  CHECK(std::abs(w(0) - 1.0) <= 4.5e-16);
  REQUIRE(gauss_legendre(3, x, w).ok());
  CHECK(std::abs(x(2) - std::sqrt(0.6)) <= 2e-16);
  CHECK(x(1) == 0.0);
  CHECK(std::abs(w(1) - 8.0 / 9.0) <= 4.5e-16);
  CHECK(std::abs(w(0) - 5.0 / 9.0) <= 4.5e-16);
}

TEST_CASE("data: population U[-R,R]: Σw = 1, E[x²] = R²/3, E[x⁴] = R⁴/5 (rel ≤ 1e-14)") {
  auto D = population_uniform_1d(16, 2.5);
  REQUIRE(D.ok());
  CHECK(D.value.population);
  CHECK(check_dataset(D.value).ok());  // Y may stay empty until targets are set
  CHECK(std::abs(D.value.w.sum() - 1.0) <= 1e-15);
  const Vec x = D.value.X.col(0);
  CHECK(std::abs(D.value.w.dot(x.array().square().matrix()) - 2.5 * 2.5 / 3.0) <= 1e-14 * 2.1);
  CHECK(std::abs(D.value.w.dot(x.array().pow(4).matrix()) - std::pow(2.5, 4) / 5.0) <= 1e-14 * 7.9);
  CHECK(!population_uniform_1d(0, 1.0).ok());
  CHECK(!population_uniform_1d(8, -1.0).ok());
  CHECK(!population_uniform_1d(8, std::numeric_limits<double>::quiet_NaN()).ok());
}

TEST_CASE("data: seeded samples are reproducible, in range, and sizes are validated") {
  auto a = sample_uniform_1d(100, 3.0, 5), b = sample_uniform_1d(100, 3.0, 5), c = sample_uniform_1d(100, 3.0, 6);
  REQUIRE(a.ok());
  CHECK(a.value.X == b.value.X);
  CHECK(a.value.X != c.value.X);
  CHECK(a.value.X.cwiseAbs().maxCoeff() <= 3.0);
  CHECK(std::abs(a.value.w.sum() - 1.0) <= 1e-15);
  auto g = sample_gaussian(2000, 3, 2.0, 9);
  REQUIRE(g.ok());
  // Sample variance of 6000 N(0,4) draws: 4 ± 3·4·√(2/6000) ≈ 4 ± 0.22.
  CHECK(std::abs(g.value.X.array().square().mean() - 4.0) <= 0.22);
  CHECK(!sample_uniform_1d(0, 1.0, 1).ok());
  CHECK(!sample_uniform_1d(-3, 1.0, 1).ok());
  CHECK(!sample_uniform_1d(10, std::numeric_limits<double>::quiet_NaN(), 1).ok());
  CHECK(!sample_gaussian(10, 0, 1.0, 1).ok());
  CHECK(!sample_gaussian(1'000'000'000, 8, 1.0, 1).ok());
  CHECK(!sample_gaussian(10, 2, -1.0, 1).ok());
}

TEST_CASE("data: teacher targets, sign and argmax labels") {
  auto D = sample_gaussian(20, 2, 1.0, 3);
  REQUIRE(D.ok());
  ModelSpec s;
  s.kind = "linear";
  s.d = 2;
  auto m = make_model(s);
  Vec th(2);
  th << 1.0, -2.0;
  REQUIRE(set_teacher_targets(D.value, *m.value, th).ok());
  CHECK(D.value.Y(4, 0) == D.value.X(4, 0) - 2.0 * D.value.X(4, 1));
  CHECK(check_dataset(D.value).ok());
  REQUIRE(set_sign_targets(D.value, *m.value, th).ok());
  CHECK((D.value.Y.array().abs() == 1.0).all());
  CHECK(!set_teacher_targets(D.value, *m.value, Vec::Ones(3)).ok());
  ModelSpec sm;
  sm.kind = "softmax_linear";
  sm.d = 2;
  sm.k = 3;
  auto ms = make_model(sm);
  REQUIRE(set_argmax_targets(D.value, *ms.value, Vec::LinSpaced(6, -1, 1)).ok());
  CHECK((D.value.Y.rowwise().sum().array() == 1.0).all());
}

TEST_CASE("data: logistic preset E1 constants (notes §4/T11: ‖W*‖² = 162, ε = 15/√162)") {
  LogisticPreset p = logistic_E1();
  CHECK(p.theta_star.squaredNorm() == 162.0);
  CHECK(std::abs(p.margin - 15.0 / std::sqrt(162.0)) <= 1e-15);
  CHECK(std::abs(p.theta0.norm() - 1e5) <= 1e-9);
  CHECK(p.theta0.dot(p.theta_star) < 0);
  for (Index i = 0; i < 3; ++i) CHECK(p.data.Y(i, i) == 1.0);  // labels 0, 1, 2
  CHECK(p.eta == 0.1);
  CHECK(check_dataset(p.data).ok());
  auto e2 = logistic_E2(1);
  REQUIRE(e2.ok());
  CHECK(e2.value.data.N() == 100);
  CHECK(e2.value.margin > 0);
  CHECK(e2.value.label.find("NOT") != std::string::npos);
}

TEST_CASE("data: inner_H and check_dataset") {
  Dataset D;
  D.X = Mat::Zero(2, 1);
  D.w = (Vec(2) << 0.25, 0.75).finished();
  Mat u(2, 2), v(2, 2);
  u << 1, 2, 3, 4;
  v << 1, 1, 1, 1;
  CHECK(inner_H(D, u, v) == 0.25 * 3 + 0.75 * 7);
  CHECK(check_dataset(D).ok());
  D.w(0) = 0.3;
  CHECK(!check_dataset(D).ok());
  Dataset E;
  CHECK(!check_dataset(E).ok());
}
