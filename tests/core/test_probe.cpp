// An experiment's problem at any θ (flow/probe.hpp) and the witness bounds (flow/witness.hpp):
// ∇L against finite differences of L, plain GD against the run's Euler steps, every witness ≤ R.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>

#include "core/flow/experiment.hpp"
#include "core/flow/params.hpp"
#include "core/flow/probe.hpp"
#include "core/flow/witness.hpp"
#include "core/ntk/kernel.hpp"

using namespace core;

namespace {
std::unique_ptr<Experiment> make(const std::string& q) {
  auto p = from_query(q);
  REQUIRE_MESSAGE(p.ok(), p.error);
  auto e = Experiment::create(p.value);
  REQUIRE_MESSAGE(e.ok(), e.error);
  return std::move(e.value);
}
const char* kTeacher = "data=bench&model=two_layer&sigma=tanh&loss=squared&d=3&width=3&teacher_width=3&n=20&seed=16";
}  // namespace

TEST_CASE("probe: ∇L = JᵀWg from tangent_at matches central differences of loss_at (rel 1e-7)") {
  auto e = make(kTeacher);
  const Vec theta = e->theta0() + 0.1 * Vec::LinSpaced(e->theta0().size(), -1, 1);
  Mat J;
  Vec wk, g;
  tangent_at(*e, theta, J, wk, g);
  const Vec grad = grad_L(J, wk, g);
  Vec fd(theta.size());
  for (Index j = 0; j < theta.size(); ++j) {
    const double h = 1e-5;
    Vec tp = theta, tm = theta;
    tp[j] += h;
    tm[j] -= h;
    fd[j] = (loss_at(*e, tp) - loss_at(*e, tm)) / (2 * h);
  }
  CHECK((grad - fd).norm() <= 1e-7 * grad.norm());
  Mat J2;
  Vec wk2;
  jacobian_at(*e, theta, J2, wk2);
  CHECK((J2 - J).norm() == 0);
  CHECK((wk2 - wk).norm() == 0);
}

TEST_CASE("probe: gd_losses are L after each step θ ← θ − η∇L, and the first is below L(θ₀) for small η") {
  auto e = make(kTeacher);
  const double eta = 0.05;
  const auto L = gd_losses(*e, eta, 3);
  REQUIRE(L.size() == 3);
  Vec theta = e->theta0();
  Mat J;
  Vec wk, g;
  for (int i = 0; i < 3; ++i) {
    tangent_at(*e, theta, J, wk, g);
    theta -= eta * grad_L(J, wk, g);
    CHECK(L[size_t(i)] == loss_at(*e, theta));
  }
  CHECK(L[0] < loss_at(*e, e->theta0()));
  CHECK(gd_losses(*e, eta, 0).empty());
}

TEST_CASE("witness: every bound ≤ R, the teacher witness sees the aligned θ*, random directions are unit and seeded") {
  auto e = make(kTeacher);
  const Index P = e->theta0().size();
  REQUIRE(e->theta_star().size() == P);
  const Vec v = random_direction(P, 5);
  CHECK(v.norm() == doctest::Approx(1.0).epsilon(1e-15));
  CHECK((random_direction(P, 5) - v).norm() == 0);
  CHECK((random_direction(P, 6) - v).norm() > 0);
  for (double s : {0.0, 0.5, 1.0}) {
    const Vec theta = (1 - s) * e->theta0() + s * e->theta_star() + 0.01 * Vec::Ones(P);
    const WitnessValues w = witness_values(*e, theta, v);
    CAPTURE(s);
    CHECK(w.R > 0);
    for (Witness k : {Witness::teacher, Witness::euler, Witness::last_layer, Witness::random}) {
      CAPTURE(witness_name(k));
      CHECK(w.of(k) >= 0);
      CHECK(w.of(k) <= w.R * (1 + 1e-12));
    }
    CHECK(w.teacher > 0);
  }
  CHECK(std::string(witness_name(Witness::last_layer)) == "last_layer");
  // A random direction of the wrong size is left out, not read.
  CHECK(witness_values(*e, e->theta0(), Vec::Ones(P + 1)).random == 0);
}
