// Factory validation, analytic Jacobians vs central finite differences, Euler identity Jθ = p f.
#include <doctest/doctest.h>

#include <limits>

#include "core/models/model.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

TEST_CASE("model: analytic J matches central finite differences (rel err ≤ 1e-7) for every model") {
  for (const ModelCase& c : model_cases()) {
    auto m = make_model(c.spec);
    REQUIRE_MESSAGE(m.ok(), m.error);
    const Model& model = *m.value;
    INFO(model.name() << " act=" << c.spec.activation << " bias=" << c.spec.bias << " depth=" << c.spec.depth);
    REQUIRE(model.check(c.X, c.theta).ok());
    Mat J;
    model.J(c.X, c.theta, J);
    REQUIRE(J.rows() == c.X.rows() * model.k());
    REQUIRE(J.cols() == model.P());
    CHECK(rel_err(J, fd_jacobian(model, c.X, c.theta)) <= 1e-7);
  }
}

TEST_CASE("model: Euler identity J θ = p f for homogeneous models (rel ≤ 1e-13)") {
  int tested = 0;
  for (const ModelCase& c : model_cases()) {
    auto m = make_model(c.spec);
    REQUIRE(m.ok());
    const int p = m.value->homogeneity();
    if (p == 0) continue;
    INFO(m.value->name() << " act=" << c.spec.activation << " p=" << p);
    Mat J, F;
    m.value->J(c.X, c.theta, J);
    m.value->f(c.X, c.theta, F);
    Vec Jtheta = J * c.theta;
    Vec pf(F.size());
    for (Index i = 0; i < F.rows(); ++i)
      for (Index k = 0; k < F.cols(); ++k) pf(i * F.cols() + k) = double(p) * F(i, k);
    CHECK((Jtheta - pf).cwiseAbs().maxCoeff() <= 1e-13 * std::max(1.0, pf.cwiseAbs().maxCoeff()));
    // And homogeneity itself: f(λθ) = λ^p f(θ).
    Mat F2;
    m.value->f(c.X, 1.7 * c.theta, F2);
    CHECK(rel_err(F2, std::pow(1.7, p) * F) <= 1e-13);
    ++tested;
  }
  CHECK(tested >= 8);  // linear, poly, fourier, relu±b, identity±b, deep_linear ×2, complex_square, softmax
}

TEST_CASE("model: expected homogeneity degrees") {
  ModelSpec s;
  s.kind = "two_layer";
  s.d = 2;
  s.width = 3;
  s.activation = "relu";
  CHECK(make_model(s).value->homogeneity() == 2);
  s.activation = "tanh";
  CHECK(make_model(s).value->homogeneity() == 0);
  ModelSpec dl;
  dl.kind = "deep_linear";
  dl.d = 2;
  dl.width = 3;
  dl.depth = 4;
  CHECK(make_model(dl).value->homogeneity() == 4);
}

TEST_CASE("model: malformed specs return errors") {
  auto bad = [](ModelSpec s) {
    auto r = make_model(s);
    return !r.ok() && !r.error.empty() && r.value == nullptr;
  };
  ModelSpec s;
  CHECK(bad(s));  // empty kind
  s.kind = "transformer";
  CHECK(bad(s));
  ModelSpec t;
  t.kind = "two_layer";
  t.d = 2;
  t.width = 3;
  REQUIRE(make_model(t).ok());
  ModelSpec u = t;
  u.width = 0;
  CHECK(bad(u));
  u = t;
  u.width = -5;
  CHECK(bad(u));
  u = t;
  u.d = -1;
  CHECK(bad(u));
  u = t;
  u.width = 1'000'000'000;
  CHECK(bad(u));
  u = t;
  u.width = 100'000;
  u.d = 1000;
  CHECK(bad(u));  // P = 1e8 > kMaxParams
  u = t;
  u.activation = "sigmoidal";
  CHECK(bad(u));
  u = t;
  u.activation = "";
  CHECK(bad(u));
  ModelSpec f;
  f.kind = "fourier";
  f.n_freq = 2;
  REQUIRE(make_model(f).ok());
  f.omega = std::numeric_limits<double>::quiet_NaN();
  CHECK(bad(f));
  f.omega = INFINITY;
  CHECK(bad(f));
  f.omega = 1;
  f.n_freq = -1;
  CHECK(bad(f));
  ModelSpec p;
  p.kind = "poly";
  p.degree = -2;
  CHECK(bad(p));
  ModelSpec d;
  d.kind = "deep_linear";
  d.d = 2;
  d.width = 3;
  d.depth = 0;
  CHECK(bad(d));
  d.depth = 1000;
  CHECK(bad(d));
  d.depth = 3;
  d.width = 0;
  CHECK(bad(d));
  d.width = 100'000;
  d.depth = 10;
  CHECK(bad(d));  // P ≈ 8e10
  d.width = 3;
  d.k = 0;
  CHECK(bad(d));
  ModelSpec sm;
  sm.kind = "softmax_linear";
  sm.d = 3;
  sm.k = 1;
  CHECK(bad(sm));
  sm.k = 3;
  CHECK(make_model(sm).ok());
  ModelSpec li;
  li.kind = "linear";
  li.d = 0;
  CHECK(bad(li));
}

TEST_CASE("model: check() rejects wrong sizes and NaN") {
  ModelSpec s;
  s.kind = "two_layer";
  s.d = 2;
  s.width = 3;
  auto m = make_model(s);
  REQUIRE(m.ok());
  const Model& model = *m.value;
  Mat X = Mat::Ones(4, 2);
  CHECK(model.check(X, Vec::Ones(9)).ok());
  CHECK(!model.check(X, Vec::Ones(8)).ok());
  CHECK(!model.check(Mat::Ones(4, 3), Vec::Ones(9)).ok());
  Vec t = Vec::Ones(9);
  t(3) = std::numeric_limits<double>::quiet_NaN();
  CHECK(!model.check(X, t).ok());
  X(1, 1) = INFINITY;
  CHECK(!model.check(X, Vec::Ones(9)).ok());
}
