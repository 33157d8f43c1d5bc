// Complex square z ↦ z²: values against complex arithmetic.
#include <doctest/doctest.h>

#include <complex>

#include "core/models/model_complex_square.hpp"

using namespace core;

TEST_CASE("complex_square: f(θ) = z² (rel ≤ 1e-15)") {
  ComplexSquareModel m;
  const std::complex<double> z(0.3, -1.2);
  Vec th(2);
  th << z.real(), z.imag();
  Mat F;
  m.f(Mat::Zero(1, 1), th, F);
  const auto z2 = z * z;
  CHECK(std::abs(F(0, 0) - z2.real()) <= 1e-15);
  CHECK(std::abs(F(0, 1) - z2.imag()) <= 1e-15);
}
