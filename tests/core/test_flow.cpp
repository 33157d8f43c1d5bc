// Integrators against closed forms computed here with Eigen (never with our own flow code).
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <vector>

#include <Eigen/Eigenvalues>

#include "core/flow/flow.hpp"

using namespace core;

namespace {

// Linear least squares on features (1, x) at 4 points: θ' = −G(θ − θ*), G = ΦᵀΦ/n.
struct LinearLS {
  Mat G;
  Vec theta_star;
  LinearLS() {
    Mat Phi(4, 2);
    Phi << 1, -1.0, 1, -0.3, 1, 0.4, 1, 1.2;
    G = Phi.transpose() * Phi / 4.0;
    theta_star = Vec::Constant(2, 0.5);
  }
  VectorField field() const {
    return [this](const Vec& y, Vec& dy) {
      const Vec d = y - theta_star;
      dy = -(G * d);
      return 0.5 * d.dot(G * d);
    };
  }
  // θ(t) = θ* + V e^{−tΛ} Vᵀ (θ0 − θ*).
  Vec exact(const Vec& theta0, double t) const {
    Eigen::SelfAdjointEigenSolver<Mat> es(G);
    const Vec decay = (-t * es.eigenvalues().array()).exp().matrix();
    return theta_star + es.eigenvectors() * decay.asDiagonal() * es.eigenvectors().transpose() * (theta0 - theta_star);
  }
};

double run_to(const LinearLS& ls, Method m, double h, double T) {
  FlowOptions o;
  o.method = m;
  o.h = h;
  const Vec theta0 = Vec::Constant(2, -1.0);
  Flow fl(ls.field(), theta0, o);
  const Index n = Index(std::llround(T / h));
  for (Index k = 0; k < n; ++k) fl.step();
  REQUIRE(fl.status() == FlowStatus::running);
  CHECK(fl.t() == doctest::Approx(T).epsilon(1e-14));
  return (fl.y() - ls.exact(theta0, T)).norm();
}

double fitted_slope(const std::vector<double>& h, const std::vector<double>& e) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = double(h.size());
  for (size_t i = 0; i < h.size(); ++i) {
    const double x = std::log(h[i]), y = std::log(e[i]);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

// L = ½|z² − 1|², ∇L = 2 z̄ (z² − 1) as a complex number (paper-notes E-B1).
VectorField complex_square_field() {
  return [](const Vec& y, Vec& dy) {
    const std::complex<double> z(y[0], y[1]);
    const std::complex<double> w = z * z - 1.0;
    const std::complex<double> g = 2.0 * std::conj(z) * w;
    dy.resize(2);
    dy << -g.real(), -g.imag();
    return 0.5 * std::norm(w);
  };
}

}  // namespace

TEST_CASE("flow: RK4 global error is O(h^4) on a linear model (fitted slope in [3.8, 4.2])") {
  LinearLS ls;
  std::vector<double> hs{0.4, 0.2, 0.1, 0.05}, es;
  for (double h : hs) es.push_back(run_to(ls, Method::rk4, h, 4.0));
  const double slope = fitted_slope(hs, es);
  CAPTURE(slope);
  CHECK(slope >= 3.8);
  CHECK(slope <= 4.2);
}

TEST_CASE("flow: explicit Euler global error is O(h) (fitted slope in [0.9, 1.1])") {
  LinearLS ls;
  std::vector<double> hs{0.04, 0.02, 0.01, 0.005}, es;
  for (double h : hs) es.push_back(run_to(ls, Method::euler, h, 4.0));
  const double slope = fitted_slope(hs, es);
  CAPTURE(slope);
  CHECK(slope >= 0.9);
  CHECK(slope <= 1.1);
}

TEST_CASE("flow: Dormand-Prince meets its tolerance, lands on t_stop exactly, and uses FSAL") {
  LinearLS ls;
  FlowOptions o;
  o.method = Method::dopri5;
  o.h = 0.0;  // automatic first step
  o.rtol = 1e-10;
  o.atol = 1e-12;
  const Vec theta0 = Vec::Constant(2, -1.0);
  Flow fl(ls.field(), theta0, o);
  for (double ts : {0.5, 1.0, 3.7}) {
    while (fl.t() < ts && fl.status() == FlowStatus::running) fl.step(ts);
    CHECK(fl.t() == ts);  // exact landing, not approximately
    CHECK((fl.y() - ls.exact(theta0, ts)).norm() <= 1e-8);
  }
  // FSAL: 6 new evaluations per attempted step, plus the initial F(y0) and the 1 of the starting heuristic.
  CHECK(fl.n_evals() == 2 + 6 * (fl.n_steps() + fl.n_rejected()));
}

TEST_CASE("flow: complex-square flows converge to ±1 inside the lemniscate and to the saddle 0 on the imaginary axis") {
  struct Case {
    double x, y, x_lim, y_lim, loss_lim;
  };
  const Case cases[] = {{0.3, 0.2, 1, 0, 0}, {-0.4, 0.1, -1, 0, 0}, {0, 0.5, 0, 0, 0.5}, {0, 1.5, 0, 0, 0.5}};
  for (const Case& c : cases) {
    FlowOptions o;
    o.method = Method::dopri5;
    o.h = 0.0;
    o.rtol = 1e-10;
    o.atol = 1e-12;
    Vec y0(2);
    y0 << c.x, c.y;
    Flow fl(complex_square_field(), y0, o);
    while (fl.t() < 30.0 && fl.status() == FlowStatus::running) fl.step(30.0);
    CAPTURE(c.x);
    CAPTURE(c.y);
    REQUIRE(fl.status() == FlowStatus::running);
    CHECK(std::abs(fl.y()[0] - c.x_lim) <= 1e-8);
    CHECK(std::abs(fl.y()[1] - c.y_lim) <= 1e-8);
    CHECK(std::abs(fl.m() - c.loss_lim) <= 1e-10);
  }
}

TEST_CASE("flow: too large an Euler step is detected as blow-up with the time it happened") {
  // y' = −y, L = ½y², h = 3: y_k = (−2)^k, L_k/L_0 = 4^k first exceeds 1e6 at k = 10, t = 30.
  VectorField F = [](const Vec& y, Vec& dy) {
    dy = -y;
    return 0.5 * y.squaredNorm();
  };
  FlowOptions o;
  o.method = Method::euler;
  o.h = 3.0;
  Flow fl(F, Vec::Ones(1), o);
  for (int k = 0; k < 100 && fl.status() == FlowStatus::running; ++k) fl.step();
  CHECK(fl.status() == FlowStatus::blowup);
  CHECK(fl.t_fail() == 30.0);
  CHECK(fl.t() == 27.0);
  CHECK(fl.y()[0] == -512.0);  // last committed state is finite (y_9 = (−2)^9)
  CHECK(fl.n_steps() == 9);
}

TEST_CASE("flow: non-finite field values stop the run without entering the state") {
  VectorField F = [](const Vec& y, Vec& dy) {
    dy = Vec::Ones(1);
    return y[0] > 2.5 ? std::nan("") : y[0];
  };
  FlowOptions o;
  o.method = Method::euler;
  o.h = 1.0;
  Flow fl(F, Vec::Ones(1), o);
  for (int k = 0; k < 10 && fl.status() == FlowStatus::running; ++k) fl.step();
  CHECK(fl.status() == FlowStatus::nonfinite);
  CHECK(fl.t_fail() == 2.0);
  CHECK(fl.y()[0] == 2.0);
  CHECK(std::isfinite(fl.m()));

  Vec bad(1);
  bad << std::nan("");
  Flow fl2(F, bad, o);
  CHECK(fl2.status() == FlowStatus::nonfinite);
}

TEST_CASE("flow: Dormand-Prince stops before the finite-time singularity of y' = y² (y = 1/(1−t))") {
  VectorField F = [](const Vec& y, Vec& dy) {
    dy = y.cwiseProduct(y);
    return 0.0;
  };
  FlowOptions o;
  o.method = Method::dopri5;
  o.h = 0.0;
  o.blowup = std::numeric_limits<double>::infinity();
  Flow fl(F, Vec::Ones(1), o);
  for (int k = 0; k < 100000 && fl.status() == FlowStatus::running; ++k) fl.step(2.0);
  CHECK(fl.status() != FlowStatus::running);
  CHECK(fl.t_fail() <= 1.0 + 1e-9);
  CHECK(fl.t_fail() > 0.99);
  CHECK(std::isfinite(fl.y()[0]));
}

TEST_CASE("flow: dopri5 on y' = -sign(y) (a kink it slides on) stalls and reports step_collapse; off without h_stall") {
  // y reaches 0 at t = 1, then every step crosses the kink: the error estimate forces tiny steps.
  auto F = [](const Vec& y, Vec& dy) {
    dy.resize(1);
    dy[0] = y[0] > 0 ? -1.0 : (y[0] < 0 ? 1.0 : 0.0);
    return std::abs(y[0]);
  };
  FlowOptions o;
  o.method = Method::dopri5;
  o.h = 0.0;
  o.h_stall = 1e-7 * 3.0;  // t_end = 3
  o.stall_steps = 2000;
  Flow f(F, Vec::Constant(1, 1.0), o);
  Index guard = 0;
  while (f.status() == FlowStatus::running && f.t() < 3.0 && ++guard < 10'000'000) f.step(3.0);
  CHECK(f.status() == FlowStatus::step_collapse);
  CHECK(f.t_fail() >= 1.0 - 1e-6);
  CHECK(f.t_fail() < 3.0);
  CHECK(guard < 100'000);
  CHECK(std::abs(f.y()[0]) < 1e-6);  // it did reach the kink
  // A smooth field with the same rule never stalls.
  auto G = [](const Vec& y, Vec& dy) {
    dy = -y;
    return y.squaredNorm();
  };
  Flow g(G, Vec::Constant(1, 1.0), o);
  while (g.status() == FlowStatus::running && g.t() < 3.0) g.step(3.0);
  CHECK(g.status() == FlowStatus::running);
  CHECK(std::abs(g.y()[0] - std::exp(-3.0)) < 1e-7);
}
