// ‖K_a − K_b‖_op (ntk/kernel_drift.hpp) against the kernels formed explicitly, and as a metric.
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "core/models/data.hpp"
#include "core/ntk/kernel.hpp"
#include "core/ntk/kernel_drift.hpp"

using namespace core;

namespace {
// ‖K_a − K_b‖_op straight from the definition K = W^{1/2} J Jᵀ W^{1/2} (core::kernel_matrix).
double drift_direct(const Mat& Ja, const Mat& Jb, const Vec& wk) {
  Mat Ka, Kb;
  kernel_matrix(Ja, wk, Ka);
  kernel_matrix(Jb, wk, Kb);
  Mat D = Ka - Kb;
  D = (D + D.transpose()).eval() * 0.5;
  const Vec ev = Eigen::SelfAdjointEigenSolver<Mat>(D, Eigen::EigenvaluesOnly).eigenvalues();
  return std::max(std::abs(ev[0]), std::abs(ev[ev.size() - 1]));
}
Mat random_J(int n, int P, std::uint64_t seed) {
  auto a = random_theta(Index(n) * P, 1.0, seed);
  REQUIRE(a.ok());
  return Eigen::Map<const Mat>(a.value.data(), n, P);
}
}  // namespace

TEST_CASE("kernel_drift = ‖K_a − K_b‖_op from the kernels, both paths (N ≤ 2P and N > 2P)") {
  for (int n : {5, 24, 60}) {
    CAPTURE(n);
    const int P = 12;
    const Mat Ja = random_J(n, P, 3 + n), Jb = random_J(n, P, 7 + n), Jc = random_J(n, P, 11 + n);
    Vec wk(n);
    for (int i = 0; i < n; ++i) wk[i] = (1.0 + 0.5 * std::sin(i)) / n;  // unequal weights
    const double d = kernel_drift(Ja, Jb, wk);
    CHECK(d == doctest::Approx(drift_direct(Ja, Jb, wk)).epsilon(1e-10));
    CHECK(kernel_drift(Ja, Ja, wk) == doctest::Approx(0.0).scale(1.0));
    // A metric: symmetric, and the triangle inequality holds.
    CHECK(kernel_drift(Jb, Ja, wk) == doctest::Approx(d).epsilon(1e-12));
    CHECK(kernel_drift(Ja, Jc, wk) <= kernel_drift(Ja, Jb, wk) + kernel_drift(Jb, Jc, wk) + 1e-12);
    // K depends on J only through JJᵀ: an orthogonal change of parameters moves nothing.
    const Mat Q = Eigen::HouseholderQR<Mat>(random_J(P, P, 99)).householderQ();
    CHECK(kernel_drift(Ja, Ja * Q, wk) < 1e-12 * drift_direct(Ja, Jb, wk));
  }
}

TEST_CASE("kernel_drift: shapes that disagree give 0") {
  const Mat J = random_J(6, 3, 1);
  CHECK(kernel_drift(J, random_J(5, 3, 2), Vec::Ones(6)) == 0);
  CHECK(kernel_drift(J, random_J(6, 4, 2), Vec::Ones(6)) == 0);
  CHECK(kernel_drift(J, J, Vec::Ones(5)) == 0);
  CHECK(kernel_drift(Mat(), Mat(), Vec()) == 0);
}
