// Lemniscate curve (notes §3 E-B2): θ = (t), f_t = (cos t, sin t cos t)/(1 + sin² t) ∈ R².
// P = 1, k = 2. The input is ignored (use one dummy sample; every row gets the same output).
#pragma once
#include "core/models/model.hpp"

namespace core {

class LemniscateModel final : public Model {
 public:
  Index P() const override { return 1; }
  Index k() const override { return 2; }
  Index input_dim() const override { return -1; }
  std::string name() const override { return "lemniscate"; }
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
};

}  // namespace core
