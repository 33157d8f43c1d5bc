// Parametric models θ ↦ f_θ evaluated on the inputs of a dataset.
// One concrete model per file (model_*.hpp/.cpp); make_model builds one from a plain-data spec.
#pragma once
#include <memory>
#include <string>

#include "core/status.hpp"
#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

class Model {
 public:
  virtual ~Model();
  virtual Index P() const = 0;           // parameter count
  virtual Index k() const { return 1; }  // outputs per sample
  virtual Index input_dim() const = 0;   // required X.cols(); -1 = any (input ignored)
  virtual std::string name() const = 0;
  // F (N×k): F(i,c) = f_c(x_i; θ).  X: N×d, theta: P.
  virtual void f(const Mat& X, const Vec& theta, Mat& F) const = 0;
  // J ((N·k)×P): row i·k+c = ∂f_c(x_i; θ)/∂θ.
  // Every row depends only on x_i (no cross-sample reduction), so row-tiled evaluation is bit-identical.
  virtual void J(const Mat& X, const Vec& theta, Mat& J) const = 0;
  // out (P) = Jᵀu, u ((N·k)): the gradient of Σ u·f without forming J. The default forms J; models on the
  // hot path (two_layer) override it. Deterministic (no thread-dependent reduction).
  virtual void vjp(const Mat& X, const Vec& theta, const Vec& u, Vec& out) const;
  // True if gram_factored computes G = Jᵀ W J faster than the SYRK of J (kernel.hpp's gram) in this build.
  virtual bool has_factored_gram() const { return false; }
  // G (P×P, both triangles) = Jᵀ W J, W = diag(wk), wk: N·k weights, from the model's structure without
  // J; only called when has_factored_gram(). Pool may be null; the bits do not depend on it.
  virtual void gram_factored(const Mat& X, const Vec& theta, const Vec& wk, Mat& G, ThreadPool* pool) const;
  // p if f(λθ) = λ^p f(θ) for all λ > 0 (Euler: Jθ = p f), else 0.
  virtual int homogeneity() const { return 0; }
  // Checks X.cols() == input_dim(), theta.size() == P(), all entries finite.
  Status check(const Mat& X, const Vec& theta) const;
};

// Plain-data description of a model. kinds:
//   "linear"         f(x) = x·θ, the columns of X are the features (general feature matrix), P = d
//   "poly"           scalar x, features (1, x, …, x^degree), P = degree+1
//   "fourier"        scalar x, features (1, cos(ωx), sin(ωx), …, cos(Kωx), sin(Kωx)), K = n_freq, P = 2K+1
//   "two_layer"      f(x) = (1/√m) Σ_j a_j σ(w_j·x [+ b_j]), m = width, σ = activation, P = m·d + m [+ m]
//   "deep_linear"    f(x) = W_D ⋯ W_1 x, widths d → width → … → width → k, D = depth (D-homogeneous)
//   "complex_square" f(θ) = θ² in C ≅ R², P = 2, k = 2 (input ignored; use one dummy sample)
//   "lemniscate"     f_t = (cos t, sin t cos t)/(1+sin² t), P = 1, k = 2 (input ignored)
//   "softmax_linear" logits xW, W d×k, no bias, P = d·k
struct ModelSpec {
  std::string kind;
  Index d = 1;                      // input dimension (linear, two_layer, deep_linear, softmax_linear)
  Index k = 1;                      // outputs (deep_linear, softmax_linear)
  Index width = 0;                  // hidden width m (two_layer, deep_linear)
  Index depth = 2;                  // D ≥ 1 (deep_linear)
  Index degree = 1;                 // q (poly)
  Index n_freq = 1;                 // K (fourier)
  double omega = 1.0;               // base angular frequency ω (fourier)
  std::string activation = "tanh";  // tanh | relu | softplus | identity (two_layer)
  bool bias = false;                // hidden biases b_j (two_layer)
};

// Upper limits that keep allocations sane in the browser; larger specs are rejected.
inline constexpr Index kMaxModelDim = 1'000'000;  // any single size (d, k, width, degree, …)
inline constexpr Index kMaxParams = 10'000'000;   // P
inline constexpr Index kMaxDepth = 64;

Result<std::unique_ptr<Model>> make_model(const ModelSpec& spec);

}  // namespace core
