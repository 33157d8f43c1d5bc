// Squared, binary logistic and multiclass cross-entropy losses (numerically stable forms).
#include "core/models/loss.hpp"

#include <cmath>

namespace core {

Loss::~Loss() = default;

Status Loss::check(const Mat& F, const Dataset& D) const {
  if (D.Y.rows() != F.rows() || D.Y.cols() != F.cols())
    return Status::fail(name() + ": F is " + std::to_string(F.rows()) + "×" + std::to_string(F.cols()) +
                        " but targets are " + std::to_string(D.Y.rows()) + "×" + std::to_string(D.Y.cols()));
  if (D.w.size() != F.rows()) return Status::fail(name() + ": weights and F disagree on N");
  return Status::success();
}

namespace {

// log(1 + e^x) without overflow.
double softplus(double x) { return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }
// 1/(1 + e^{-x}) without overflow.
double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

class SquaredLoss final : public Loss {
 public:
  std::string name() const override { return "squared"; }
  // ℓ = ½ Σ_i w_i Σ_c (F − Y)²_ic.
  double value(const Mat& F, const Dataset& D) const override {
    double s = 0.0;
    for (Index i = 0; i < F.rows(); ++i) {
      double r2 = 0.0;
      for (Index c = 0; c < F.cols(); ++c) {
        const double r = F(i, c) - D.Y(i, c);
        r2 += r * r;
      }
      s += D.w(i) * r2;
    }
    return 0.5 * s;
  }
  // ∇ℓ = F − Y (N×k).
  void grad(const Mat& F, const Dataset& D, Mat& G) const override { G = F - D.Y; }
};

class LogisticLoss final : public Loss {
 public:
  std::string name() const override { return "logistic"; }
  Status check(const Mat& F, const Dataset& D) const override {
    Status s = Loss::check(F, D);
    if (!s.ok()) return s;
    if (F.cols() != 1) return Status::fail("logistic: needs k = 1 output");
    for (Index i = 0; i < D.Y.rows(); ++i)
      if (D.Y(i, 0) != 1.0 && D.Y(i, 0) != -1.0) return Status::fail("logistic: labels must be ±1");
    return Status::success();
  }
  // ℓ = Σ_i w_i log(1 + e^{−y_i u_i}).
  double value(const Mat& F, const Dataset& D) const override {
    double s = 0.0;
    for (Index i = 0; i < F.rows(); ++i) s += D.w(i) * softplus(-D.Y(i, 0) * F(i, 0));
    return s;
  }
  // ∇ℓ_i = −y_i σ(−y_i u_i) (N×1).
  void grad(const Mat& F, const Dataset& D, Mat& G) const override {
    G.resize(F.rows(), 1);
    for (Index i = 0; i < F.rows(); ++i) G(i, 0) = -D.Y(i, 0) * sigmoid(-D.Y(i, 0) * F(i, 0));
  }
};

class CrossEntropyLoss final : public Loss {
 public:
  std::string name() const override { return "cross_entropy"; }
  Status check(const Mat& F, const Dataset& D) const override {
    Status s = Loss::check(F, D);
    if (!s.ok()) return s;
    if (F.cols() < 2) return Status::fail("cross_entropy: needs k ≥ 2 outputs");
    for (Index i = 0; i < D.Y.rows(); ++i) {
      if ((D.Y.row(i).array() < 0.0).any()) return Status::fail("cross_entropy: negative target probability");
      if (std::abs(D.Y.row(i).sum() - 1.0) > 1e-12) return Status::fail("cross_entropy: target rows must sum to 1");
    }
    return Status::success();
  }
  // ℓ = Σ_i w_i Σ_c Y_ic (lse(F_i) − F_ic), with lse − F_ic = (max − F_ic) + log Σ_c' e^{F_ic' − max}
  // (no cancellation between two huge numbers when logits are large, as in preset E1).
  double value(const Mat& F, const Dataset& D) const override {
    double s = 0.0;
    for (Index i = 0; i < F.rows(); ++i) {
      const double mx = F.row(i).maxCoeff();
      double z = 0.0;
      for (Index c = 0; c < F.cols(); ++c) z += std::exp(F(i, c) - mx);
      const double lz = std::log(z);
      double li = 0.0;
      for (Index c = 0; c < F.cols(); ++c)
        if (D.Y(i, c) != 0.0) li += D.Y(i, c) * ((mx - F(i, c)) + lz);
      s += D.w(i) * li;
    }
    return s;
  }
  // ∇ℓ_i = softmax(F_i) − Y_i (N×k).
  void grad(const Mat& F, const Dataset& D, Mat& G) const override {
    G.resize(F.rows(), F.cols());
    for (Index i = 0; i < F.rows(); ++i) {
      const double mx = F.row(i).maxCoeff();
      double z = 0.0;
      for (Index c = 0; c < F.cols(); ++c) z += std::exp(F(i, c) - mx);
      for (Index c = 0; c < F.cols(); ++c) G(i, c) = std::exp(F(i, c) - mx) / z - D.Y(i, c);
    }
  }
};

}  // namespace

Result<std::unique_ptr<Loss>> make_loss(const std::string& kind) {
  using R = Result<std::unique_ptr<Loss>>;
  if (kind == "squared") return R::success(std::make_unique<SquaredLoss>());
  if (kind == "logistic") return R::success(std::make_unique<LogisticLoss>());
  if (kind == "cross_entropy") return R::success(std::make_unique<CrossEntropyLoss>());
  return R::fail("unknown loss '" + kind + "' (squared, logistic, cross_entropy)");
}

}  // namespace core
