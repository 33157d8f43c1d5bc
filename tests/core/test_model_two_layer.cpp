// Two-layer net on the bench data: loss at θ₀ vs the NumPy reference (README §3), packing, activations.
#include <doctest/doctest.h>

#include <cmath>

#include "core/models/model_two_layer.hpp"
#include "core/util/rng.hpp"
#include "core_test_util.hpp"

using namespace core;

TEST_CASE("two_layer: bench W2/W1 loss at θ₀ matches the NumPy reference (rel ≤ 1e-14)") {
  TwoLayerModel m(8, 64, Activation::tanh, false);
  for (auto [n, ref] : {std::pair<Index, double>{256, 0.11715125911404295}, {2048, 0.1266440989558175}}) {
    auto b = bench_data(n);
    REQUIRE(b.ok());
    Mat F;
    m.f(b.value.X, bench_theta0(b.value), F);
    const double L = 0.5 * (F.col(0) - b.value.y).squaredNorm() / double(n);
    CHECK(std::abs(L - ref) <= 1e-14 * ref);
  }
}

TEST_CASE("two_layer: student with teacher weights reproduces the generator's y bit for bit") {
  auto b = bench_data(64);
  REQUIRE(b.ok());
  TwoLayerModel teacher(8, 4, Activation::tanh, false);
  Mat F;
  teacher.f(b.value.X, bench_theta_star(b.value), F);
  CHECK(F.col(0) == b.value.y);  // same expression order: Σ left to right, then ·0.5
}

TEST_CASE("two_layer: activations and derivatives at reference points (rel ≤ 1e-15)") {
  CHECK(activation(Activation::relu, -2.0) == 0.0);
  CHECK(activation(Activation::relu, 3.0) == 3.0);
  CHECK(activation_deriv(Activation::relu, -1e-300) == 0.0);
  CHECK(std::abs(activation(Activation::softplus, 0.0) - std::log(2.0)) <= 1e-16);
  CHECK(activation(Activation::softplus, 800.0) == 800.0);  // no overflow
  CHECK(activation(Activation::softplus, -800.0) >= 0.0);
  CHECK(activation_deriv(Activation::softplus, 0.0) == 0.5);
  CHECK(std::abs(activation(Activation::tanh, 0.5) - std::tanh(0.5)) <= 2.3e-16);
  CHECK(std::abs(activation_deriv(Activation::tanh, 0.5) - (1 - std::tanh(0.5) * std::tanh(0.5))) <= 1e-15);
  CHECK(!parse_activation("sin").ok());
}

TEST_CASE("two_layer: θ packing (W row-major, a, b)") {
  TwoLayerModel m(2, 3, Activation::identity, true);
  REQUIRE(m.P() == 12);
  // W = [[1,2],[3,4],[5,6]], a = (1,0,0), b = (0.5,0,0): f(x) = (x0 + 2 x1 + 0.5)/√3.
  Vec th(12);
  th << 1, 2, 3, 4, 5, 6, 1, 0, 0, 0.5, 0, 0;
  Mat X(1, 2);
  X << 1.0, 10.0;
  Mat F;
  m.f(X, th, F);
  CHECK(std::abs(F(0, 0) - 21.5 / std::sqrt(3.0)) <= 1e-14);
}

TEST_CASE("two_layer: J equals its scalar formulas bit for bit (columns c_j ∘ x_k, e_j, c_j)") {
  // c_ij = a_j σ'(z_ij)/√m, e_ij = σ(z_ij)/√m, z_ij = w_j·x_i (+ b_j) summed left to right from 0.
  for (Activation act : {Activation::tanh, Activation::relu, Activation::softplus, Activation::identity}) {
    for (bool bias : {false, true}) {
      for (auto [d, m] : {std::pair<Index, Index>{1, 1}, {3, 5}, {8, 7}}) {
        TwoLayerModel model(d, m, act, bias);
        const Index N = 53, a0 = m * d, b0 = m * d + m;
        const Mat X = core_test::randn(N, d, 61 + std::uint64_t(d), 2.0);
        const Vec theta = core_test::randn(model.P(), 1, 62 + std::uint64_t(m), 2.0).col(0);
        const double scale = 1.0 / std::sqrt(double(m));
        Mat J;
        model.J(X, theta, J);
        REQUIRE(J.rows() == N);
        REQUIRE(J.cols() == model.P());
        bool exact = true;
        for (Index i = 0; i < N; ++i)
          for (Index j = 0; j < m; ++j) {
            double z = 0.0;
            for (Index k = 0; k < d; ++k) z = z + theta(j * d + k) * X(i, k);
            if (bias) z = z + theta(b0 + j);
            const double c = theta(a0 + j) * activation_deriv(act, z) * scale;
            for (Index k = 0; k < d; ++k) exact = exact && J(i, j * d + k) == c * X(i, k);
            exact = exact && J(i, a0 + j) == activation(act, z) * scale;
            if (bias) exact = exact && J(i, b0 + j) == c;
          }
        CHECK(exact);
      }
    }
  }
}
