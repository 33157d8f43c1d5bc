// An experiment's problem (data, model, loss) evaluated at any θ, not only along its run: what the
// figures need between checkpoints (spectra, witness bounds, plain GD prefixes, loss landscapes).
#pragma once

#include <vector>

#include "core/flow/experiment.hpp"
#include "core/types.hpp"

namespace core {

// J, wk (the weights repeated k times) and g = vec(∇ℓ) at θ through the experiment's model, loss and data.
void tangent_at(const Experiment& e, const Vec& theta, Mat& J, Vec& wk, Vec& g);
// J and wk only.
void jacobian_at(const Experiment& e, const Vec& theta, Mat& J, Vec& wk);
// L(θ).
double loss_at(const Experiment& e, const Vec& theta);
// Losses after 1..k plain GD steps θ ← θ − η∇L from θ₀ (stops at the first non-finite loss).
std::vector<double> gd_losses(const Experiment& e, double eta, int k);

}  // namespace core
