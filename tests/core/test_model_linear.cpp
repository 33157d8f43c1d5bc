// Linear-in-features models: features written out by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "core/models/model_linear.hpp"

using namespace core;

TEST_CASE("linear: polynomial and Fourier features (exact / rel ≤ 1e-15)") {
  Mat X(2, 1);
  X << 2.0, -0.5;
  LinearFeatureModel poly(LinearFeatureModel::Features::polynomial, 3);
  Mat Phi;
  poly.features(X, Phi);
  Mat expect(2, 4);
  expect << 1, 2, 4, 8, 1, -0.5, 0.25, -0.125;
  CHECK(Phi == expect);
  LinearFeatureModel four(LinearFeatureModel::Features::fourier, 2, 0.5);
  four.features(X, Phi);
  REQUIRE(Phi.cols() == 5);
  CHECK(Phi(0, 0) == 1.0);
  CHECK(std::abs(Phi(0, 1) - std::cos(1.0)) <= 1e-15);
  CHECK(std::abs(Phi(0, 2) - std::sin(1.0)) <= 1e-15);
  CHECK(std::abs(Phi(1, 3) - std::cos(-0.5)) <= 1e-15);
  CHECK(std::abs(Phi(1, 4) - std::sin(-0.5)) <= 1e-15);
  Vec th(4);
  th << 1, -1, 0.5, 2;  // 1 − x + x²/2 + 2x³ at x = 2: 1 − 2 + 2 + 16 = 17
  Mat F;
  poly.f(X, th, F);
  CHECK(F(0, 0) == 17.0);
}

TEST_CASE("linear: general features use X as Φ") {
  LinearFeatureModel m(LinearFeatureModel::Features::general, 3);
  Mat X(2, 3);
  X << 1, 2, 3, 4, 5, 6;
  Vec th(3);
  th << 1, 0, -1;
  Mat F, J;
  m.f(X, th, F);
  m.J(X, th, J);
  CHECK(F(0, 0) == -2.0);
  CHECK(F(1, 0) == -2.0);
  CHECK(J == X);
}
