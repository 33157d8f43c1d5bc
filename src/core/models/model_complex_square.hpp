// Complex-square toy (notes §3 E-B1): θ = (Re z, Im z), f(θ) = z² = (θ₁² − θ₂², 2θ₁θ₂) ∈ C ≅ R².
// P = 2, k = 2, 2-homogeneous. The input is ignored (use one dummy sample; every row gets the same output).
#pragma once
#include "core/models/model.hpp"

namespace core {

class ComplexSquareModel final : public Model {
 public:
  Index P() const override { return 2; }
  Index k() const override { return 2; }
  Index input_dim() const override { return -1; }
  std::string name() const override { return "complex_square"; }
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
  int homogeneity() const override { return 2; }
};

}  // namespace core
