#include "core/models/model_softmax_linear.hpp"

namespace core {

// F (N×k): F(i,c) = Σ_a X(i,a) W(a,c), summed left to right.
void SoftmaxLinearModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  F.resize(X.rows(), k_);
  for (Index i = 0; i < X.rows(); ++i)
    for (Index c = 0; c < k_; ++c) {
      double s = 0.0;
      for (Index a = 0; a < d_; ++a) s += X(i, a) * theta(a * k_ + c);
      F(i, c) = s;
    }
}

// J ((N·k)×(d·k)): row i·k+c, column a·k+c' = X(i,a) δ_{cc'}.
void SoftmaxLinearModel::J(const Mat& X, const Vec&, Mat& J) const {
  J.setZero(X.rows() * k_, P());
  for (Index i = 0; i < X.rows(); ++i)
    for (Index c = 0; c < k_; ++c)
      for (Index a = 0; a < d_; ++a) J(i * k_ + c, a * k_ + c) = X(i, a);
}

}  // namespace core
