// Multiclass linear logits F_i = x_i W, W d×k, no bias (paper appendix A.5.6). 1-homogeneous.
// θ packing: vec_rowmajor(W), θ[a·k + c] = W(a,c).
#pragma once
#include "core/models/model.hpp"

namespace core {

class SoftmaxLinearModel final : public Model {
 public:
  SoftmaxLinearModel(Index d, Index k) : d_(d), k_(k) {}
  Index P() const override { return d_ * k_; }
  Index k() const override { return k_; }
  Index input_dim() const override { return d_; }
  std::string name() const override { return "softmax_linear"; }
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
  int homogeneity() const override { return 1; }

 private:
  Index d_, k_;
};

}  // namespace core
