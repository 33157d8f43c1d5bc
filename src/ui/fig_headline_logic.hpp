// The headline figure's computations (not its drawing): the teacher–student run, the tangent-kernel
// spectrum per checkpoint as plotted, and the a-priori guarantees along the run. GL/ImGui-free
// (tests/ui); the mathematics is core's (kernel.hpp, bounds.hpp, kernel_drift.hpp, probe.hpp).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/flow/experiment.hpp"
#include "core/flow/params.hpp"

namespace ui::logic {

// ---- headline: teacher–student two-layer tanh network (bench data; student width = teacher width) ----
struct HeadlineConfig {
  int N = 36;     // samples
  int width = 3;  // hidden width m (student = teacher)
  int d = 3;      // input dimension
  std::uint64_t seed = 16;
  double t_end = 3000;
  int checkpoints = 121;
};
core::Params headline_params(const HeadlineConfig& c);
int headline_P(const HeadlineConfig& c);  // m·d + m

// Nonzero spectrum of the tangent kernel K at θ (all min(N·k, P) eigenvalues of the smaller of G and
// K, descending), λ_min(K) (exactly 0 when N·k > P) and the number of zero eigenvalues forced by rank.
struct KernelSpectrum {
  std::vector<double> eigs;  // descending
  double lambda_min_K = 0;
  double lambda_max = 0;
  long long forced_zeros = 0;  // N·k − P when positive
  double tol = 0;              // numerical rank tolerance
};
KernelSpectrum kernel_spectrum(const core::Spectrum& s);
// The same at θ, computed as the experiment's checkpoints compute it (core::tangent_spectrum with its model).
KernelSpectrum kernel_spectrum(const core::Experiment& e, const core::Vec& theta);

// Lowest decade used as the "floor" of a log plot of the spectrum: one decade below the smallest
// strictly positive value among `values` (non-positive ones ignored), at most 1e-6 below the top.
double log_floor(std::span<const double> values, double top);

// The headline's plotted series, built checkpoint by checkpoint as the spectra arrive (a frame
// appends what it computed instead of rebuilding every series). Equal, bit for bit, to
// headline_series() over all checkpoints at once: the axis range comes from a running maximum and
// minimum, and the zeros drawn on the floor are rewritten only when the floor moves.
struct HeadlineSeries {
  std::vector<double> T, R, L, lmax, lmin;   // checkpoints 1… (t = 0 has no place on a log time axis)
  std::vector<std::vector<double>> eig;      // eig[k]: λ_k, 0 below the rank tolerance
  std::vector<std::vector<double>> floored;  // eig[k] with the zeros at `floor`
  double top = 1, floor = 1e-8;              // the log axis: decade above the largest value, floor below the smallest
  size_t n = 0;                              // checkpoints appended (the first sets the range only)
  void append(double t, double loss, double R_t, const KernelSpectrum& s);

 private:
  double hi_ = 0, lo_ = HUGE_VAL;  // largest value, smallest positive one
};
// All at once (the reference for the incremental build): columns t, loss, R and one spectrum per checkpoint.
HeadlineSeries headline_series(std::span<const double> t, std::span<const double> loss, std::span<const double> R,
                               const std::vector<KernelSpectrum>& spec);

// ---- a-priori guarantees along a headline run (the main result's NTK instance, paper-notes T2/L2) ----
// ‖K_a − K_b‖_op for the tangent kernel in H's inner product, K = W^{1/2} J Jᵀ W^{1/2} (= JJᵀ/N for
// N samples), from the two Jacobians (N·k)×P: the N×N difference when N·k ≤ 2P, else the 2P×2P
// matrix R·diag(I, −I)·Rᵀ of a thin QR of W^{1/2}[J_a, J_b], which has the same nonzero spectrum.
// (core/ntk/kernel_drift.hpp; J at θ by core/flow/probe.hpp jacobian_at)
// Per checkpoint i ≥ 0 (θ_i, t_i, L_i, R_i of the run):
//   dist  = ‖θ_i − θ₀‖;  path = Σ_{j≤i} ‖θ_j − θ_{j−1}‖ (a lower estimate of the path length);
//   drift = ‖K_{θ_i} − K_{θ₀}‖_op;  rho = min_{j≤i} R_j;
//   r_R   = path_length_bound(L₀, L_i, 2ρ_i, ½) = √(2/ρ)(√L₀ − √L_i): the path-length bound when R ≥ ρ_i on [0, t_i];
// and the classical hypothesis' constants λ₀ = λ_min(K_{θ₀}) (0 when N·k > P) and
// r_ntk = path_length_bound(L₀, 0, λ₀, ½) = 2√(L₀/λ₀) (+inf when λ₀ = 0).
struct Guarantees {
  std::vector<double> t, loss, R, dist, path, drift, rho, r_R;
  double L0 = 0, lambda0 = 0, r_ntk = HUGE_VAL;
  core::Mat J0;
  core::Vec theta0, wk;
  // First checkpoint where the classical hypothesis is seen to fail along the run (λ₀ = 0: 0;
  // drift ≥ λ₀/2 or dist > r_ntk), −1 if it holds at every checkpoint so far.
  int ntk_fail = -1;
  void reset(double L0_, double lambda0_);
  // Appends checkpoint i (in order, from 0): its θ and the run's t, L, R there.
  void append(const core::Experiment& e, const core::Vec& theta, double t_i, double L_i, double R_i);
  size_t size() const { return t.size(); }

 private:
  core::Vec prev_;
};

}  // namespace ui::logic
