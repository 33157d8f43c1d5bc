// Witness lower bounds on the Rayleigh quotient R(θ) (paper-notes L3, L4) for an experiment at θ:
// each direction v gives ⟨g, Jv⟩²_H / (‖v‖² ‖g‖²_H) ≤ R (ntk/kernel.hpp witness_bound).
#pragma once

#include <cstdint>

#include "core/flow/experiment.hpp"
#include "core/types.hpp"

namespace core {

enum class Witness { teacher, euler, last_layer, random };
const char* witness_name(Witness w);  // "teacher" | "euler" | "last_layer" | "random"

struct WitnessValues {
  double R = 0;        // the true Rayleigh quotient
  double teacher = 0;  // v = θ − θ* (θ* aligned to θ, models/teacher_alignment.hpp; 0 if no teacher in the same space)
  double euler = 0;       // v = θ
  double last_layer = 0;  // R^(a): block Rayleigh quotient of the output weights (two_layer)
  double random = 0;      // v = fixed random unit direction
  double of(Witness w) const;
};
// All witness bounds at θ (recomputes J and ∇ℓ through the experiment's model/loss/data).
WitnessValues witness_values(const Experiment& e, const Vec& theta, const Vec& v_random);
// Unit vector of size P from a seed (all ones, normalized, if the draw fails).
Vec random_direction(Index P, std::uint64_t seed);

}  // namespace core
