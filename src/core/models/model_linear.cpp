#include "core/models/model_linear.hpp"

#include <cmath>

namespace core {

LinearFeatureModel::LinearFeatureModel(Features kind, Index n, double omega) : kind_(kind), n_(n), omega_(omega) {}

Index LinearFeatureModel::P() const {
  switch (kind_) {
    case Features::general: return n_;
    case Features::polynomial: return n_ + 1;
    case Features::fourier: return 2 * n_ + 1;
  }
  return 0;
}

std::string LinearFeatureModel::name() const {
  switch (kind_) {
    case Features::general: return "linear";
    case Features::polynomial: return "poly";
    case Features::fourier: return "fourier";
  }
  return "linear";
}

void LinearFeatureModel::features(const Mat& X, Mat& Phi) const {
  const Index N = X.rows();
  if (kind_ == Features::general) {
    Phi = X;
    return;
  }
  Phi.resize(N, P());
  for (Index i = 0; i < N; ++i) {
    const double x = X(i, 0);
    if (kind_ == Features::polynomial) {
      double p = 1.0;
      for (Index j = 0; j <= n_; ++j) {
        Phi(i, j) = p;
        p *= x;
      }
    } else {
      Phi(i, 0) = 1.0;
      for (Index j = 1; j <= n_; ++j) {
        const double a = double(j) * omega_ * x;
        Phi(i, 2 * j - 1) = std::cos(a);
        Phi(i, 2 * j) = std::sin(a);
      }
    }
  }
}

// F (N×1) = Φ θ, each row summed left to right (row-independent, tiling-invariant).
void LinearFeatureModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  Mat Phi;
  features(X, Phi);
  F.resize(X.rows(), 1);
  for (Index i = 0; i < X.rows(); ++i) {
    double s = 0.0;
    for (Index j = 0; j < Phi.cols(); ++j) s += Phi(i, j) * theta(j);
    F(i, 0) = s;
  }
}

// J (N×P) = Φ.
void LinearFeatureModel::J(const Mat& X, const Vec&, Mat& J) const { features(X, J); }

}  // namespace core
