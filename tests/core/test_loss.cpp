// Loss gradients vs finite differences of the loss value; stability; ‖∇L‖² = R·‖∇ℓ‖²_H for all models × losses.
#include <doctest/doctest.h>

#include <cmath>

#include "core/ntk/kernel.hpp"
#include "core/models/loss.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

namespace {
// Targets suited to a loss: squared → arbitrary reals, logistic → ±1, cross-entropy → one-hot.
Mat targets_for(const std::string& loss, Index N, Index k, std::uint64_t seed) {
  Mat Y = randn(N, k, seed);
  if (loss == "logistic") Y = Y.unaryExpr([](double v) { return v < 0 ? -1.0 : 1.0; });
  if (loss == "cross_entropy") {
    Mat O = Mat::Zero(N, k);
    for (Index i = 0; i < N; ++i) O(i, (i * 7 + 3) % k) = 1.0;
    Y = O;
  }
  return Y;
}
Dataset dataset_for(const Mat& X, const Mat& Y, bool uniform, std::uint64_t seed) {
  Dataset D;
  D.X = X;
  D.Y = Y;
  D.w = uniform ? Vec::Constant(X.rows(), 1.0 / double(X.rows())) : Vec(randv(X.rows(), seed).cwiseAbs().array() + 0.1);
  D.w /= D.w.sum();
  return D;
}
}  // namespace

TEST_CASE("loss: H-gradient equals (1/w_i) ∂ℓ/∂F(i,c) by central differences (rel ≤ 1e-8)") {
  for (const char* kind : {"squared", "logistic", "cross_entropy"}) {
    auto L = make_loss(kind);
    REQUIRE(L.ok());
    const Index k = std::string(kind) == "logistic" ? 1 : 3;
    Mat F = randn(6, k, 31, 2.0);
    Dataset D = dataset_for(Mat::Zero(6, 1), targets_for(kind, 6, k, 32), false, 33);
    REQUIRE(L.value->check(F, D).ok());
    Mat G;
    L.value->grad(F, D, G);
    Mat Gfd(6, k);
    for (Index i = 0; i < 6; ++i)
      for (Index c = 0; c < k; ++c) {
        const double h = 1e-5;
        Mat Fp = F, Fm = F;
        Fp(i, c) += h;
        Fm(i, c) -= h;
        Gfd(i, c) = (L.value->value(Fp, D) - L.value->value(Fm, D)) / (2 * h) / D.w(i);
      }
    INFO(kind);
    CHECK(rel_err(G, Gfd) <= 1e-8);
  }
}

TEST_CASE("loss: reference values and numerical stability") {
  Dataset D;
  D.X = Mat::Zero(2, 1);
  D.w = Vec::Constant(2, 0.5);
  // Logistic: ℓ(u) = log(1 + e^{−yu}); at u = 0 it is log 2, gradient −y/2.
  auto lg = make_loss("logistic");
  D.Y = (Mat(2, 1) << 1, -1).finished();
  Mat F = Mat::Zero(2, 1), G;
  CHECK(std::abs(lg.value->value(F, D) - std::log(2.0)) <= 1e-16);
  lg.value->grad(F, D, G);
  CHECK(G(0, 0) == -0.5);
  CHECK(G(1, 0) == 0.5);
  F << -1000, 1000;  // huge margin errors: ℓ_i ≈ 1000, no overflow
  CHECK(std::abs(lg.value->value(F, D) - 1000.0) <= 1e-12);
  F << 1000, -1000;
  CHECK(lg.value->value(F, D) >= 0.0);
  CHECK(lg.value->value(F, D) <= 1e-300);
  // Cross-entropy with logits 1e11 apart (preset E1 scale): exact ℓ = 1e11 for the wrong class.
  auto ce = make_loss("cross_entropy");
  D.Y = (Mat(2, 2) << 1, 0, 0, 1).finished();
  Mat Z(2, 2);
  Z << 0, 1e11, 0, 1e11;
  CHECK(std::abs(ce.value->value(Z, D) - 0.5e11) <= 1e-4);
  ce.value->grad(Z, D, G);
  CHECK(G(0, 0) == -1.0);
  CHECK(G(0, 1) == 1.0);
  CHECK(G.allFinite());
  // Uniform logits: ℓ = log k.
  Z.setZero();
  CHECK(std::abs(ce.value->value(Z, D) - std::log(2.0)) <= 1e-16);
}

TEST_CASE("loss: bad kinds and bad labels are reported") {
  CHECK(!make_loss("hinge").ok());
  CHECK(!make_loss("").ok());
  Dataset D;
  D.X = Mat::Zero(2, 1);
  D.w = Vec::Constant(2, 0.5);
  D.Y = (Mat(2, 1) << 1, 0.5).finished();
  CHECK(!make_loss("logistic").value->check(Mat::Zero(2, 1), D).ok());
  D.Y = (Mat(2, 2) << 1, 0, 0.5, 0.4).finished();
  CHECK(!make_loss("cross_entropy").value->check(Mat::Zero(2, 2), D).ok());
  CHECK(!make_loss("squared").value->check(Mat::Zero(3, 2), D).ok());
}

TEST_CASE("loss × model: ∇L = Jᵀ W g matches FD of L(θ) (rel ≤ 1e-6), ‖∇L‖² = R_K ‖∇ℓ‖²_H (rel ≤ 1e-12)") {
  int pairs = 0;
  for (const ModelCase& mc : model_cases()) {
    auto m = make_model(mc.spec);
    REQUIRE(m.ok());
    const Model& model = *m.value;
    for (const std::string& lk : mc.losses) {
      auto L = make_loss(lk);
      REQUIRE(L.ok());
      for (bool uniform : {true, false}) {
        INFO(model.name() << " " << mc.spec.activation << " bias=" << mc.spec.bias << " loss=" << lk
                          << " uniform=" << uniform);
        Dataset D = dataset_for(mc.X, targets_for(lk, mc.X.rows(), model.k(), 41 + pairs), uniform, 42 + pairs);
        Mat F, Gl, J;
        model.f(D.X, mc.theta, F);
        REQUIRE(L.value->check(F, D).ok());
        L.value->grad(F, D, Gl);
        model.J(D.X, mc.theta, J);
        const Vec wk = repeat_weights(D.w, model.k());
        const Vec g = flatten_rows(Gl);
        const Vec gradL = grad_L(J, wk, g);
        // (a) the gradient convention, against FD of the scalar L(θ) = ℓ(f_θ).
        Vec fd(mc.theta.size());
        for (Index j = 0; j < fd.size(); ++j) {
          const double h = 1e-6 * std::max(1.0, std::abs(mc.theta(j)));
          Vec tp = mc.theta, tm = mc.theta;
          tp(j) += h;
          tm(j) -= h;
          Mat Fp, Fm;
          model.f(D.X, tp, Fp);
          model.f(D.X, tm, Fm);
          fd(j) = (L.value->value(Fp, D) - L.value->value(Fm, D)) / (tp(j) - tm(j));
        }
        CHECK((gradL - fd).cwiseAbs().maxCoeff() <= 1e-6 * std::max(1.0, fd.cwiseAbs().maxCoeff()));
        // (b) Rayleigh factorisation with R from the explicitly formed K: h = W^{1/2} g, R = hᵀKh/‖h‖².
        Mat K;
        kernel_matrix(J, wk, K);
        const Vec hv = (wk.array().sqrt() * g.array()).matrix();
        const double R_K = hv.dot(K * hv) / hv.squaredNorm();
        const double g2 = norm2_H(wk, g);
        CHECK(std::abs(gradL.squaredNorm() - R_K * g2) <= 1e-12 * gradL.squaredNorm());
        CHECK(std::abs(rayleigh(J, wk, g) - R_K) <= 1e-12 * R_K);
        ++pairs;
      }
    }
  }
  CHECK(pairs >= 2 * 26);
}
