#include "core/models/model_deep_linear.hpp"

namespace core {

DeepLinearModel::DeepLinearModel(Index d, Index h, Index k, Index depth) : d_(d), k_(k), depth_(depth) {
  dims_.push_back(d);
  for (Index l = 1; l < depth; ++l) dims_.push_back(h);
  dims_.push_back(k);
  offsets_.push_back(0);
  for (Index l = 0; l < depth; ++l) offsets_.push_back(offsets_.back() + dims_[l + 1] * dims_[l]);
}

Mat DeepLinearModel::layer(const Vec& theta, Index l) const {
  const Index r = dims_[l + 1], c = dims_[l];
  Mat W(r, c);
  for (Index p = 0; p < r; ++p)
    for (Index q = 0; q < c; ++q) W(p, q) = theta(offsets_[l] + p * c + q);
  return W;
}

namespace {
// y = W x with explicit left-to-right sums (row-independent results).
Vec matvec(const Mat& W, const Vec& x) {
  Vec y(W.rows());
  for (Index p = 0; p < W.rows(); ++p) {
    double s = 0.0;
    for (Index q = 0; q < W.cols(); ++q) s += W(p, q) * x(q);
    y(p) = s;
  }
  return y;
}
}  // namespace

// F (N×k): F_i = W_D ⋯ W_1 x_i.
void DeepLinearModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  std::vector<Mat> W;
  for (Index l = 0; l < depth_; ++l) W.push_back(layer(theta, l));
  F.resize(X.rows(), k_);
  for (Index i = 0; i < X.rows(); ++i) {
    Vec hcur = X.row(i).transpose();
    for (Index l = 0; l < depth_; ++l) hcur = matvec(W[l], hcur);
    F.row(i) = hcur.transpose();
  }
}

// J ((N·k)×P): ∂f_c/∂(W_l)_{pq} = B_l(c,p) h_{l-1,q}, with B_l = W_D ⋯ W_{l+1} (k×dims_l, sample-independent)
// and h_{l-1} = W_{l-1} ⋯ W_1 x.
void DeepLinearModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  std::vector<Mat> W;
  for (Index l = 0; l < depth_; ++l) W.push_back(layer(theta, l));
  std::vector<Mat> B(static_cast<std::size_t>(depth_));
  B[depth_ - 1] = Mat::Identity(k_, k_);
  for (Index l = depth_ - 2; l >= 0; --l) {  // B_l = B_{l+1} W_{l+1}, explicit sums
    const Mat& Bn = B[l + 1];
    const Mat& Wn = W[l + 1];
    B[l].resize(k_, Wn.cols());
    for (Index c = 0; c < k_; ++c)
      for (Index q = 0; q < Wn.cols(); ++q) {
        double s = 0.0;
        for (Index p = 0; p < Wn.rows(); ++p) s += Bn(c, p) * Wn(p, q);
        B[l](c, q) = s;
      }
  }
  J.resize(X.rows() * k_, P());
  for (Index i = 0; i < X.rows(); ++i) {
    Vec hprev = X.row(i).transpose();
    for (Index l = 0; l < depth_; ++l) {
      const Index r = dims_[l + 1], cdim = dims_[l];
      for (Index c = 0; c < k_; ++c)
        for (Index p = 0; p < r; ++p) {
          const double b = B[l](c, p);
          for (Index q = 0; q < cdim; ++q) J(i * k_ + c, offsets_[l] + p * cdim + q) = b * hprev(q);
        }
      if (l + 1 < depth_) hprev = matvec(W[l], hprev);
    }
  }
}

}  // namespace core
