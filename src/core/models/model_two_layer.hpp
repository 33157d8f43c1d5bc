// Two-layer network f(x) = (1/√m) Σ_j a_j σ(w_j·x [+ b_j]), k = 1.
// θ packing (bench W1–W3 compatible): θ = (vec_rowmajor(W) [index j·d+k], a [m·d + j], b [m·d + m + j] if bias).
// tanh uses det_tanh so native and WASM produce identical bits.
#pragma once
#include "core/models/model.hpp"

namespace core {

enum class Activation { tanh, relu, softplus, identity };
// Parses "tanh" | "relu" | "softplus" | "identity".
Result<Activation> parse_activation(const std::string& s);

class TwoLayerModel final : public Model {
 public:
  TwoLayerModel(Index d, Index m, Activation act, bool bias);
  Index P() const override { return m_ * d_ + m_ + (bias_ ? m_ : 0); }
  Index input_dim() const override { return d_; }
  std::string name() const override { return "two_layer"; }
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
  void vjp(const Mat& X, const Vec& theta, const Vec& u, Vec& out) const override;
  // G = Jᵀ W J from the factors of J (model_two_layer_gram.cpp): used in WebAssembly, where it is 21 %
  // faster than forming J for the SYRK (W1 sizes); natively the SYRK of J is 2–3× faster (AVX-512, SSE2).
  bool has_factored_gram() const override;
  void gram_factored(const Mat& X, const Vec& theta, const Vec& wk, Mat& G, ThreadPool* pool) const override;
  // relu/identity are positively 1-homogeneous, so (W, a, b) ↦ f is 2-homogeneous.
  int homogeneity() const override;
  Index width() const { return m_; }
  Index a_offset() const { return m_ * d_; }  // start of the last-layer block a

 private:
  double preact(const Mat& X, Index i, const Vec& theta, Index j) const;
  void preact_col(const Mat& X, const Vec& theta, Index j, double* z) const;  // z_i = w_j·x_i (+ b_j)
  void preacts(const Mat& X, const Vec& theta, Mat& Z) const;                 // Z(i,j) = preact(X, i, θ, j)
  void activate(Mat& Z) const;                                                // Z ← σ(Z)
  void hidden(const Mat& X, const Vec& theta, Mat& H) const;                  // H = σ(Z), fused per column
  // C(i, j) = a_j σ'(z_ij)/√m and E(i, j) = σ(z_ij)/√m: the columns of J are c_j ∘ x_k, c_j (bias), e_j.
  void factors(const Mat& X, const Vec& theta, Mat& C, Mat& E) const;
  Index d_, m_;
  Activation act_;
  bool bias_;
};

// σ(z) and σ'(z).
double activation(Activation act, double z);
double activation_deriv(Activation act, double z);

}  // namespace core
