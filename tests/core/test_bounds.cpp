// Bounds against closed forms, finite differences and hand-integrated ODEs (paper-notes §5 T7, T11).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/ntk/bounds.hpp"

using namespace core;

TEST_CASE("bounds: logistic Phi' = (1 - e^-s)^-2 matches central finite differences of Phi (rel 1e-7)") {
  for (double s : {0.01, 0.1, 1.0, 5.0}) {
    const double h = 1e-5 * s;
    const double fd = (logistic_phi(s + h) - logistic_phi(s - h)) / (2 * h);
    const double exact = 1.0 / ((1.0 - std::exp(-s)) * (1.0 - std::exp(-s)));
    CAPTURE(s);
    CHECK(std::abs(fd - logistic_phi_prime(s)) <= 1e-7 * logistic_phi_prime(s));
    CHECK(std::abs(exact - logistic_phi_prime(s)) <= 1e-12 * exact);
  }
}

TEST_CASE("bounds: logistic Phi: small-s expansion -1/s + log s + 1/2 + 5s/12 and inverse round trip") {
  const double s = 1e-3;
  const double series = -1.0 / s + std::log(s) + 0.5 + 5.0 * s / 12.0;
  CHECK(std::abs(logistic_phi(s) - series) <= 1e-6 * std::abs(series));
  for (double x = 1e-8; x < 1e3; x *= 3.7) {
    CAPTURE(x);
    CHECK(std::abs(logistic_phi_inv(logistic_phi(x)) - x) <= 1e-12 * x);
  }
}

TEST_CASE("bounds: Phi bound solves L' = -kappa (1 - e^-L)^2 (hand RK4, rel 1e-8) and starts at L0") {
  const double L0 = 2.5, kappa = 0.154321;
  CHECK(logistic_phi_bound(L0, kappa, 0.0) == doctest::Approx(L0).epsilon(1e-14));
  auto rhs = [&](double L) { return -kappa * (1 - std::exp(-L)) * (1 - std::exp(-L)); };
  double L = L0, t = 0;
  const double h = 1e-3;
  for (int k = 1; k <= 50000; ++k) {
    const double k1 = rhs(L), k2 = rhs(L + 0.5 * h * k1), k3 = rhs(L + 0.5 * h * k2), k4 = rhs(L + h * k3);
    L += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    t = k * h;
    if (k % 10000 == 0) {
      CAPTURE(t);
      CHECK(std::abs(logistic_phi_bound(L0, kappa, t) - L) <= 1e-8 * L);
      CHECK(std::abs(-rhs(L) - logistic_decrease_bound(kappa, L)) <= 1e-15);
    }
  }
  CHECK(logistic_grad_norm_bound(0.5, std::log(2.0)) == doctest::Approx(0.25).epsilon(1e-15));
}

TEST_CASE("bounds: KL power bound equals the closed forms of T7 and solves L' = -c L^{2 alpha}") {
  const double L0 = 0.7, c = 1.3;
  for (double t : {0.0, 0.5, 2.0, 10.0}) {
    CHECK(kl_power_bound(L0, c, 1.0, t) == doctest::Approx(L0 / (1 + c * L0 * t)).epsilon(1e-14));
    CHECK(kl_power_bound(L0, c, 0.5, t) == doctest::Approx(L0 * std::exp(-c * t)).epsilon(1e-14));
  }
  for (double alpha : {0.3, 0.8, 1.5}) {
    const double t = 0.2, h = 1e-5;
    const double L = kl_power_bound(L0, c, alpha, t);
    const double dLdt = (kl_power_bound(L0, c, alpha, t + h) - kl_power_bound(L0, c, alpha, t - h)) / (2 * h);
    CAPTURE(alpha);
    CHECK(std::abs(dLdt + c * std::pow(L, 2 * alpha)) <= 1e-7 * c * std::pow(L, 2 * alpha));
  }
  // α < ½: extinction at T = L0^{1−2α} / ((1−2α) c), zero afterwards.
  const double T = std::pow(L0, 0.4) / (0.4 * c);
  CHECK(kl_power_bound(L0, c, 0.3, 1.001 * T) == 0.0);
  CHECK(kl_power_bound(L0, c, 0.3, 0.999 * T) > 0.0);
}

TEST_CASE("bounds: KL lower envelope recovers c, alpha from points on/above a power law") {
  // ψ(s) = 3 s^{1.4}: points at L = 1e-3 and 1e-1 lie on it, the others strictly above.
  const std::vector<double> L{1e-4, 1e-3, 1e-2, 1e-1, 1.0};
  std::vector<double> g2;
  const double above[] = {2.0, 1.0, 1.5, 1.0, 4.0};
  for (size_t i = 0; i < L.size(); ++i) g2.push_back(above[i] * 3.0 * std::pow(L[i], 1.4));
  auto fit = fit_kl_envelope(L, g2);
  REQUIRE(fit.ok());
  CHECK(fit.value.alpha == doctest::Approx(0.7).epsilon(1e-12));
  CHECK(fit.value.c == doctest::Approx(3.0).epsilon(1e-12));
  for (size_t i = 0; i < L.size(); ++i) CHECK(g2[i] >= fit.value.c * std::pow(L[i], 2 * fit.value.alpha) * (1 - 1e-12));

  const std::vector<double> one{1.0}, nan_pair{std::nan(""), 0.0};
  CHECK(!fit_kl_envelope(one, one).ok());
  CHECK(!fit_kl_envelope(nan_pair, nan_pair).ok());
  const std::vector<double> same{0.5, 0.5};
  CHECK(!fit_kl_envelope(same, same).ok());
}

TEST_CASE("bounds: trapezoid integral, exact identity and running-min exponential bounds") {
  const std::vector<double> t{0.0, 0.5, 1.5, 2.0}, R{1.0, 2.0, 4.0, 5.0};  // R = 1 + 2t: exact for linear R
  std::vector<double> I(4), B(4);
  cumulative_trapezoid(t, R, I);
  for (size_t j = 0; j < t.size(); ++j) CHECK(I[j] == doctest::Approx(t[j] + t[j] * t[j]).epsilon(1e-15));
  CHECK(squared_identity(2.0, 0.25) == doctest::Approx(2.0 * std::exp(-0.5)).epsilon(1e-15));

  const std::vector<double> lam{0.4, 0.1, 0.3, -1e-17};
  running_min_exp_bound(1.0, t, lam, B);
  CHECK(B[0] == 1.0);
  CHECK(B[1] == doctest::Approx(std::exp(-2 * 0.5 * 0.1)).epsilon(1e-15));
  CHECK(B[2] == doctest::Approx(std::exp(-2 * 1.5 * 0.1)).epsilon(1e-15));
  CHECK(B[3] == 1.0);  // a (roundoff-)zero minimum gives the trivial bound
}

TEST_CASE(
    "bounds: path-length bound (T8) = integral of ds/sqrt(c s^{2 alpha}) (Simpson, 1e-9 rel); closed form for psi = 2 lam s") {
  const double L0 = 0.8, L = 0.013, c = 0.37;
  for (double alpha : {0.25, 0.5, 0.75, 1.0, 1.3}) {
    CAPTURE(alpha);
    // Substitute s = e^u to tame the s^{-α} end: ∫ e^{u(1−α)}/√c du over [log L, log L0].
    const int n = 20000;
    const double a = std::log(L), b = std::log(L0);
    double q = 0.0;
    for (int j = 0; j <= n; ++j) {
      const double u = a + (b - a) * j / n;
      q += (j == 0 || j == n ? 1.0 : j % 2 ? 4.0 : 2.0) * std::exp(u * (1 - alpha)) / std::sqrt(c);
    }
    q *= (b - a) / (3.0 * n);
    CHECK(std::abs(path_length_bound(L0, L, c, alpha) - q) <= 1e-9 * q);
  }
  const double lam = 0.05;
  CHECK(std::abs(path_length_bound(L0, L, 2 * lam, 0.5) - std::sqrt(2 / lam) * (std::sqrt(L0) - std::sqrt(L))) <=
        1e-14);
  CHECK(path_length_bound(L0, 0.0, 2 * lam, 0.5) == doctest::Approx(std::sqrt(2 * L0 / lam)).epsilon(1e-14));
  CHECK(path_length_bound(L0, L0, c, 0.5) == 0.0);
  CHECK(std::isinf(path_length_bound(L0, L, 0.0, 0.5)));  // no KL constant: no bound
  CHECK(std::isinf(path_length_bound(L, L0, c, 0.5)));    // loss went up
  CHECK(std::isinf(path_length_bound(L0, 0.0, c, 1.0)));  // α ≥ 1: infinite length to reach 0
  CHECK(std::isinf(path_length_bound(L0, L, c, std::nan(""))));
}

TEST_CASE("bounds: logistic Φ bound curve starts at L1, decreases, and its hitting iteration inverts it") {
  std::vector<double> it, L;
  logistic_phi_bound_curve(2.0, 0.01, 0.1, 1e6, 50, it, L);
  REQUIRE(it.size() == 50);
  REQUIRE(L.size() == 50);
  CHECK(it.front() == 1.0);
  CHECK(it.back() == doctest::Approx(1e6).epsilon(1e-12));
  CHECK(L.front() == doctest::Approx(2.0).epsilon(1e-12));
  for (size_t j = 1; j < it.size(); ++j) {
    CHECK(it[j] > it[j - 1]);
    CHECK(it[j] / it[j - 1] == doctest::Approx(std::pow(1e6, 1.0 / 49)).epsilon(1e-12));  // log grid
    CHECK(L[j] < L[j - 1]);
    CHECK(L[j] == logistic_phi_bound(2.0, 0.01, (it[j] - 1.0) * 0.1));
  }
  for (double level : {1.0, 1e-3, 1e-6}) {
    const double k = logistic_phi_bound_iteration(2.0, 0.01, 0.1, level);
    CAPTURE(level);
    CHECK(logistic_phi_bound(2.0, 0.01, (k - 1) * 0.1) == doctest::Approx(level).epsilon(1e-8));
  }
  CHECK(logistic_phi_bound_iteration(2.0, 0.01, 0.1, 3.0) == 1);  // already below the level
  CHECK(logistic_phi_bound_iteration(2.0, 0.0, 0.1, 1e-3) == 0);  // κ = 0: never
  logistic_phi_bound_curve(2.0, 0.01, 0.1, 1.0, 50, it, L);       // no range: nothing
  CHECK(it.empty());
  logistic_phi_bound_curve(2.0, 0.01, 0.1, 1e3, 1, it, L);
  CHECK(L.empty());
}
