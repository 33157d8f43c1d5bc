// Datasets: the function space H = L²(μ), μ = Σ_i w_i δ_{x_i}.
// Finite samples have w_i = 1/N; population data use quadrature weights (Σ w = 1).
#pragma once
#include <cstdint>
#include <string>

#include "core/models/model.hpp"
#include "core/status.hpp"
#include "core/types.hpp"

namespace core {

struct Dataset {
  Mat X;                    // N×d inputs
  Mat Y;                    // N×k targets (one-hot rows for classes, ±1 for binary logistic)
  Vec w;                    // N weights, Σ w = 1
  bool population = false;  // stands for the population (infinitely many samples)
  bool exact = true;        // population by exact quadrature; false: a large fixed sample stands in
  std::string label;
  Index N() const { return X.rows(); }
};
// Inner product ⟨u,v⟩_H = Σ_i w_i Σ_c u(i,c) v(i,c).
double inner_H(const Dataset& D, const Mat& u, const Mat& v);
// Checks shapes (X, Y, w rows agree; Y may be empty), finiteness, w ≥ 0 and Σ w = 1 (±1e-12).
Status check_dataset(const Dataset& D);

inline constexpr Index kMaxSamples = 10'000'000;
inline constexpr Index kMaxDataEntries = 100'000'000;  // N·d

// Finite samples (w_i = 1/N, Y left empty until targets are set). Seeded with SplitMix64 (rng.hpp).
Result<Dataset> sample_uniform_1d(Index N, double R, std::uint64_t seed);             // x_i ~ U[-R,R], X N×1
Result<Dataset> sample_gaussian(Index N, Index d, double scale, std::uint64_t seed);  // x_i ~ N(0, scale² I_d)

// Population data for x ~ U[-R,R]: n-point Gauss–Legendre nodes, weights normalized to Σ w = 1.
// Exact for polynomials of degree ≤ 2n−1.
Result<Dataset> population_uniform_1d(Index n, double R);
// Population x ~ N(0, s² I_d) for d ≥ 1, where no cheap exact quadrature exists: a large fixed
// sample (n ≥ kMinPopulationSample, its own seeded stream) stands in. It is flagged population with
// exact = false and labelled as a sample everywhere it is shown.
inline constexpr Index kMinPopulationSample = 1000;
Result<Dataset> population_gaussian(Index n, Index d, double scale, std::uint64_t seed);
// Gauss–Legendre nodes (ascending) and weights on [-1,1] (Σ weights = 2), Newton on P_n.
Status gauss_legendre(Index n, Vec& nodes, Vec& weights);

// Teacher–student targets: Y = f_teacher(X; theta_star) (N×k).
Status set_teacher_targets(Dataset& D, const Model& teacher, const Vec& theta_star);
// Binary labels Y_i = sign(f_teacher(x_i)) ∈ {−1,+1} (0 maps to +1); teacher must have k = 1.
Status set_sign_targets(Dataset& D, const Model& teacher, const Vec& theta_star);
// One-hot labels Y_i = e_{argmax_c f_c(x_i)} (ties → smallest c).
Status set_argmax_targets(Dataset& D, const Model& teacher, const Vec& theta_star);
// θ with i.i.d. N(0, scale²) entries from the seeded stream.
Result<Vec> random_theta(Index P, double scale, std::uint64_t seed);

// Multiclass logistic presets of the paper's appendix A.5.6 (notes §4); model "softmax_linear".
// theta packing = vec_rowmajor(W), index a·k+c.
struct LogisticPreset {
  Dataset data;  // one-hot Y
  Index d = 0, k = 0;
  Vec theta_star;     // teacher W*
  Vec theta0;         // initialization W0
  double margin = 0;  // ε = min_i (top − second)(x_i W*) / ‖W*‖_F
  double eta = 0.1;   // the experiment's step size
  std::string label;
};
LogisticPreset logistic_E1();  // exact (deterministic) configuration
// E2-like: n=100, d=5, k=4, x ~ N(0,I), W* ~ N(0,1), W0 ~ N(0,100²), drawn from OUR seeded
// generator — the JAX PRNGKey(1) stream cannot be reproduced, so values differ from the paper's E2.
Result<LogisticPreset> logistic_E2(std::uint64_t seed = 1);
// Normalized margin ε of one-hot labels Y under logits X W* (model "softmax_linear" packing).
double logistic_margin(const Mat& X, const Mat& Y, const Vec& theta_star, Index k);

}  // namespace core
