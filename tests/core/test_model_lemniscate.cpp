// Lemniscate curve: points lie on (x² + y²)² = x² − y²; passes through 0 at t = π/2 with |f'| = 1/√2.
#include <doctest/doctest.h>

#include <cmath>

#include "core/models/model_lemniscate.hpp"

using namespace core;

TEST_CASE("lemniscate: curve lies on Bernoulli's lemniscate (abs ≤ 1e-15)") {
  LemniscateModel m;
  for (double t : {0.0, 0.3, 1.0, 2.0, 4.0}) {
    Mat F;
    m.f(Mat::Zero(1, 1), (Vec(1) << t).finished(), F);
    const double x = F(0, 0), y = F(0, 1), r2 = x * x + y * y;
    CHECK(std::abs(r2 * r2 - (x * x - y * y)) <= 1e-15);
  }
  Mat J;
  m.J(Mat::Zero(1, 1), (Vec(1) << std::acos(0.0)).finished(), J);
  CHECK(std::abs(J.squaredNorm() - 0.5) <= 1e-15);
}
