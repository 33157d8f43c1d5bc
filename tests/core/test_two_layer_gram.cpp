// The two-layer model's Gram matrix from its factors (model_two_layer_gram.cpp) against Jᵀ W J.
#include <doctest/doctest.h>

#include <cstring>

#include "core/ntk/kernel.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/util/thread_pool.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

TEST_CASE("two_layer gram: the product of the factors equals Jᵀ W J (every activation, bias, widths, weights)") {
  for (Activation act : {Activation::tanh, Activation::relu, Activation::softplus, Activation::identity}) {
    for (bool bias : {false, true}) {
      for (auto [d, m] : {std::pair<Index, Index>{1, 1}, {3, 5}, {8, 7}, {2, 17}}) {
        TwoLayerModel model(d, m, act, bias);
        const Index N = 53;
        const Mat X = randn(N, d, 41 + std::uint64_t(d));
        const Vec theta = randn(model.P(), 1, 42 + std::uint64_t(m)).col(0);
        Vec w = randn(N, 1, 43).col(0).cwiseAbs();  // unequal sample weights
        w[3] = 0.0;
        Mat Jm, Gref, G;
        model.J(X, theta, Jm);
        core::gram(Jm, w, Gref);
        model.gram_factored(X, theta, w, G, nullptr);
        REQUIRE(G.rows() == model.P());
        REQUIRE(G.cols() == model.P());
        const double scale = Gref.cwiseAbs().maxCoeff();
        CHECK((G - Gref).cwiseAbs().maxCoeff() <= 1e-14 * double(N) * scale);
        CHECK(G == G.transpose());
      }
    }
  }
}

TEST_CASE("two_layer gram: bit-identical with and without a pool; the base class's J + SYRK agrees") {
  TwoLayerModel model(8, 24, Activation::tanh, true);  // P = 240 ≤ N = 300: the spectrum comes from G
  const Mat X = randn(300, 8, 51);
  const Vec theta = randn(model.P(), 1, 52).col(0);
  const Vec w = Vec::Constant(300, 1.0 / 300.0);
  Mat G1, G2;
  model.gram_factored(X, theta, w, G1, nullptr);
  ThreadPool pool(2);
  model.gram_factored(X, theta, w, G2, &pool);
  CHECK(std::memcmp(G1.data(), G2.data(), sizeof(double) * std::size_t(G1.size())) == 0);
  // The base-class path (J, then the SYRK) agrees.
  Mat Gbase;
  model.Model::gram_factored(X, theta, w, Gbase, nullptr);
  CHECK((G1 - Gbase).cwiseAbs().maxCoeff() <= 1e-13 * Gbase.cwiseAbs().maxCoeff());
  // tangent_spectrum with the model takes whichever path this build prefers: same spectrum.
  Mat J;
  model.J(X, theta, J);
  const Spectrum a = tangent_spectrum(J, w), b = tangent_spectrum(model, X, theta, J, w);
  CHECK((a.eigs - b.eigs).cwiseAbs().maxCoeff() <= 1e-12 * a.lambda_max);
  CHECK(a.rank == b.rank);
}
