// The logistic figure's computations (appendix A.5.6; not its drawing): the run, the GD prefix
// before the first checkpoint, and the plotted series with their local decrease. GL/ImGui-free.
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "core/flow/experiment.hpp"
#include "core/flow/params.hpp"
#include "core/flow/probe.hpp"
#include "core/ntk/bounds.hpp"

namespace ui::logic {

// ---- logistic (appendix A.5.6) ----
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
  std::vector<double> it, L;     // iteration, loss
  std::vector<double> dx, dy;    // local decrease y at loss x (positive decreases only)
  int skipped = 0;               // non-positive decreases left out
  double lo = HUGE_VAL, hi = 0;  // range of the positive losses (hi = 0: none)
  size_t taken = 0;              // checkpoints taken from the run's columns, θ₀ included
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
// The Φ bound's curve and hitting iteration (core/ntk/bounds.hpp).
inline constexpr auto& phi_bound_curve = core::logistic_phi_bound_curve;
inline constexpr auto& phi_bound_iteration = core::logistic_phi_bound_iteration;

}  // namespace ui::logic
