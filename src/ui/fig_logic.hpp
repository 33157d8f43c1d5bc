// Computations behind the figures headline, witness, logistic, trajectory and phase (the parts
// that are not drawing), kept GL/ImGui-free so tests/ui can check them natively. Everything here
// only combines core/ functions (kernel.hpp, bounds.hpp, Experiment); nothing is re-derived.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/experiment.hpp"
#include "core/params.hpp"

namespace ui::logic {

// ---- headline: teacher–student two-layer tanh network (bench data; student width = teacher width) ----
struct HeadlineConfig {
  int N = 36;          // samples
  int width = 3;       // hidden width m (student = teacher)
  int d = 3;           // input dimension
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
  std::vector<double> T, R, L, lmax, lmin;  // checkpoints 1… (t = 0 has no place on a log time axis)
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
double kernel_drift(const core::Mat& Ja, const core::Mat& Jb, const core::Vec& wk);
// The Jacobian of the experiment's model on its data at θ (wk: the repeated weights).
void jacobian_at(const core::Experiment& e, const core::Vec& theta, core::Mat& J, core::Vec& wk);
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

// ---- witness ----
enum class Witness { teacher, euler, last_layer, random };
const char* witness_name(Witness w);  // "teacher" | "euler" | "last_layer" | "random"
struct WitnessValues {
  double R = 0;           // the true Rayleigh quotient
  double teacher = 0;     // v = θ − θ* (0 if no teacher in the same space)
  double euler = 0;       // v = θ
  double last_layer = 0;  // R^(a): block Rayleigh quotient of the output weights (two_layer)
  double random = 0;      // v = fixed random unit direction
  double of(Witness w) const;
};
// All witness bounds at θ (recomputes J and ∇ℓ through the experiment's model/loss/data).
WitnessValues witness_values(const core::Experiment& e, const core::Vec& theta, const core::Vec& v_random);
core::Vec random_direction(core::Index P, std::uint64_t seed);  // unit vector, seeded
// The copy of the teacher θ* closest to θ under the symmetries of f(x) = (1/√m)Σ_j a_j σ(w_j·x) (no bias,
// packing W row-major then a): permutations of the hidden units and, for odd σ, the sign flips
// (w_j, a_j) → (−w_j, −a_j). All are the same function, so θ − (aligned θ*) is the honest "teacher
// direction". Exhaustive over permutations for m ≤ 7, greedy beyond.
core::Vec align_teacher(const core::Vec& theta, const core::Vec& star, int d, int m, bool odd);

// ---- logistic (appendix A.5.6) ----
// Loss after k plain GD steps θ ← θ − η∇L from θ₀ (the experiment's first logged loss is after one update).
// Returns the losses after 1..k steps.
std::vector<double> gd_prefix_losses(const core::Experiment& e, double eta, int k);
// Local decrease (L_a − L_b)/((it_b − it_a)·η) between consecutive records, x = L_a; skips
// non-positive decreases (a log–log plot cannot show them) — their count is returned.
int local_decrease(std::span<const double> iters, std::span<const double> L, double eta, std::vector<double>& x,
                   std::vector<double>& y);
// The figure's run: full-batch GD (Euler at η) on the linear softmax model, `iters` iterations,
// 2500 log-spaced checkpoints; E1 (the paper's instance) or the E2-like draw of our generator.
core::Params logistic_params(bool e2, int seed, double iters, double eta);
// Losses after iterations 1 … (first checkpoint − 1), by the same GD map (at most 5000, at least
// one): the log axis starts at iteration 1.
std::vector<double> logistic_prefix(const core::Experiment& e, double eta);
// The logistic figure's plotted series: one record per iteration of the prefix, then one per
// checkpoint after θ₀ (not logged by the paper) that reaches a later iteration; the local decrease
// between consecutive records (as local_decrease); the smallest and largest positive loss. Built as
// the checkpoints arrive: append() takes only the checkpoints it has not seen. Equal, bit for bit,
// to logistic_series() over all checkpoints at once.
struct LogisticSeries {
  std::vector<double> it, L;    // iteration, loss
  std::vector<double> dx, dy;   // local decrease y at loss x (positive decreases only)
  int skipped = 0;              // non-positive decreases left out
  double lo = HUGE_VAL, hi = 0;  // range of the positive losses (hi = 0: none)
  size_t taken = 0;             // checkpoints taken from the run's columns, θ₀ included
  void reset(std::span<const double> prefix, double eta);
  // The run's columns t and loss, all checkpoints so far (only those beyond `taken` are read).
  void append(std::span<const double> t, std::span<const double> loss);

 private:
  void add(double k, double loss);
  double eta_ = 0.1;
};
// All at once (the reference for the incremental build).
LogisticSeries logistic_series(std::span<const double> prefix, std::span<const double> t, std::span<const double> loss,
                               double eta);
// Predicted upper bound Φ⁻¹(Φ(L1) − κ·(it − 1)·η) on a log grid of iterations [1, it_max].
void phi_bound_curve(double L1, double kappa, double eta, double it_max, int n, std::vector<double>& it,
                     std::vector<double>& L);
// Iteration at which the bound reaches `level` (κ > 0).
double phi_bound_iteration(double L1, double kappa, double eta, double level);

// ---- trajectory ----
struct Plane {
  core::Vec c, u, v;  // θ = c + a·u + b·v; u, v orthonormal
  double var_u = 0, var_v = 0, var_total = 0;  // explained variance of the path (PCA)
  bool ok() const { return c.size() > 0 && u.size() == c.size() && v.size() == c.size(); }
};
// Top two principal directions of all the given path points (centred on their mean).
Plane pca_plane(const std::vector<const std::vector<core::Vec>*>& paths);
// Coordinate plane (θ_i, θ_j) through c.
Plane coordinate_plane(const core::Vec& c, int i, int j);
void project(const Plane& pl, const core::Vec& theta, double& a, double& b);
double loss_at(const core::Experiment& e, const core::Vec& theta);

// ---- phase diagram ----
struct PhaseConfig {
  std::vector<int> widths = {1, 2, 3, 4, 6, 8, 12, 16};
  std::vector<int> Ns = {4, 8, 16, 32, 64, 128, 256};
  int d = 3, teacher_width = 2;
  std::uint64_t seed = 10;
  double t_end = 1500;
};
core::Params phase_params(const PhaseConfig& c, int width, int N);
struct PhaseCell {
  int width = 0, N = 0, P = 0;
  double final_loss = 0, min_R = 0, lambda_min = 0, lambda_min_pos = 0;
  std::string status;  // "done", "diverged…", error text
  bool done = false;
};
// Summarizes a finished (or stopped) experiment into a cell.
PhaseCell summarize_cell(const core::Experiment& e, int width, int N);

}  // namespace ui::logic
