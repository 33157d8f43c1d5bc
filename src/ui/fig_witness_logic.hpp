// The witness figure's computations: every witness bound at θ, all core's (flow/witness.hpp).
#pragma once

#include "core/flow/witness.hpp"

namespace ui::logic {

using core::random_direction;
using core::Witness;
using core::witness_name;
using core::witness_values;
using core::WitnessValues;

}  // namespace ui::logic
