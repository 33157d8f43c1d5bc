#include "core/model_two_layer.hpp"

#include <cmath>

#include "core/rng.hpp"

namespace core {

Result<Activation> parse_activation(const std::string& s) {
  if (s == "tanh") return Result<Activation>::success(Activation::tanh);
  if (s == "relu") return Result<Activation>::success(Activation::relu);
  if (s == "softplus") return Result<Activation>::success(Activation::softplus);
  if (s == "identity") return Result<Activation>::success(Activation::identity);
  return Result<Activation>::fail("unknown activation '" + s + "' (tanh, relu, softplus, identity)");
}

double activation(Activation act, double z) {
  switch (act) {
    case Activation::tanh: return det_tanh(z);
    case Activation::relu: return z > 0.0 ? z : 0.0;
    case Activation::softplus: return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    case Activation::identity: return z;
  }
  return 0.0;
}

double activation_deriv(Activation act, double z) {
  switch (act) {
    case Activation::tanh: {
      const double t = det_tanh(z);
      return 1.0 - t * t;
    }
    case Activation::relu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::softplus:  // logistic sigmoid, stable for both signs
      return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
    case Activation::identity: return 1.0;
  }
  return 0.0;
}

TwoLayerModel::TwoLayerModel(Index d, Index m, Activation act, bool bias) : d_(d), m_(m), act_(act), bias_(bias) {}

int TwoLayerModel::homogeneity() const {
  return (act_ == Activation::relu || act_ == Activation::identity) ? 2 : 0;
}

// z_ij = w_j·x_i (+ b_j), summed left to right from 0 like the bench teacher.
double TwoLayerModel::preact(const Mat& X, Index i, const Vec& theta, Index j) const {
  double s = 0.0;
  for (Index k = 0; k < d_; ++k) s = s + theta(j * d_ + k) * X(i, k);
  if (bias_) s = s + theta(m_ * d_ + m_ + j);
  return s;
}

// F (N×1): F_i = (1/√m) Σ_j a_j σ(z_ij).
void TwoLayerModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_;
  F.resize(X.rows(), 1);
  for (Index i = 0; i < X.rows(); ++i) {
    double acc = 0.0;
    for (Index j = 0; j < m_; ++j) acc = acc + theta(a0 + j) * activation(act_, preact(X, i, theta, j));
    F(i, 0) = acc * scale;
  }
}

// J (N×P): ∂f/∂W_jk = a_j σ'(z) x_k/√m, ∂f/∂a_j = σ(z)/√m, ∂f/∂b_j = a_j σ'(z)/√m.
void TwoLayerModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_;
  J.resize(X.rows(), P());
  for (Index i = 0; i < X.rows(); ++i) {
    for (Index j = 0; j < m_; ++j) {
      const double z = preact(X, i, theta, j);
      double s, ds;
      if (act_ == Activation::tanh) {  // one det_tanh for both σ and σ'
        s = det_tanh(z);
        ds = 1.0 - s * s;
      } else {
        s = activation(act_, z);
        ds = activation_deriv(act_, z);
      }
      const double c = theta(a0 + j) * ds * scale;
      for (Index k = 0; k < d_; ++k) J(i, j * d_ + k) = c * X(i, k);
      J(i, a0 + j) = s * scale;
      if (bias_) J(i, b0 + j) = c;
    }
  }
}

}  // namespace core
