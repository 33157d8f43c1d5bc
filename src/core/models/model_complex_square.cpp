#include "core/models/model_complex_square.hpp"

namespace core {

void ComplexSquareModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  F.resize(X.rows(), 2);
  for (Index i = 0; i < X.rows(); ++i) {
    F(i, 0) = theta(0) * theta(0) - theta(1) * theta(1);
    F(i, 1) = 2.0 * theta(0) * theta(1);
  }
}

// Df_θ is multiplication by 2z: [[2θ₁, −2θ₂], [2θ₂, 2θ₁]] per sample.
void ComplexSquareModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  J.resize(2 * X.rows(), 2);
  for (Index i = 0; i < X.rows(); ++i) {
    J(2 * i, 0) = 2.0 * theta(0);
    J(2 * i, 1) = -2.0 * theta(1);
    J(2 * i + 1, 0) = 2.0 * theta(1);
    J(2 * i + 1, 1) = 2.0 * theta(0);
  }
}

}  // namespace core
