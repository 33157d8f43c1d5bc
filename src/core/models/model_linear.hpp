// Models linear in θ: f(x) = φ(x)·θ (k = 1, 1-homogeneous, J = Φ constant in θ).
// θ packing: θ_j multiplies feature φ_j.
//   General:    φ(x) = x (the columns of X are the features), P = d.
//   Polynomial: scalar x, φ(x) = (1, x, x², …, x^q), P = q+1.
//   Fourier:    scalar x, φ(x) = (1, cos ωx, sin ωx, cos 2ωx, sin 2ωx, …, cos Kωx, sin Kωx), P = 2K+1.
#pragma once
#include "core/models/model.hpp"

namespace core {

class LinearFeatureModel final : public Model {
 public:
  enum class Features { general, polynomial, fourier };
  // general: n = d; polynomial: n = q; fourier: n = K (with ω).
  LinearFeatureModel(Features kind, Index n, double omega = 1.0);
  Index P() const override;
  Index input_dim() const override { return kind_ == Features::general ? n_ : 1; }
  std::string name() const override;
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
  int homogeneity() const override { return 1; }
  // Φ (N×P): Φ(i,j) = φ_j(x_i).
  void features(const Mat& X, Mat& Phi) const;

 private:
  Features kind_;
  Index n_;
  double omega_;
};

}  // namespace core
