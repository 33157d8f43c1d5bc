#include "core/models/model_lemniscate.hpp"

#include <cmath>

namespace core {

void LemniscateModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  const double s = std::sin(theta(0)), c = std::cos(theta(0)), D = 1.0 + s * s;
  F.resize(X.rows(), 2);
  for (Index i = 0; i < X.rows(); ++i) {
    F(i, 0) = c / D;
    F(i, 1) = s * c / D;
  }
}

// f₁' = −s(3 − s²)/D²  (using c² = 1 − s²),  f₂' = ((c² − s²)D − 2s²c²)/D²,  D = 1 + s².
void LemniscateModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  const double s = std::sin(theta(0)), c = std::cos(theta(0)), D = 1.0 + s * s;
  const double d1 = -s * (3.0 - s * s) / (D * D);
  const double d2 = ((c * c - s * s) * D - 2.0 * s * s * c * c) / (D * D);
  J.resize(2 * X.rows(), 1);
  for (Index i = 0; i < X.rows(); ++i) {
    J(2 * i, 0) = d1;
    J(2 * i + 1, 0) = d2;
  }
}

}  // namespace core
