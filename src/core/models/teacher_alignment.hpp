// The copy of a two-layer teacher θ* closest to θ under the symmetries of f(x) = (1/√m)Σ_j a_j σ(w_j·x)
// (no bias; packing W row-major, then a — model_two_layer.hpp): permutations of the hidden units and,
// for odd σ, the sign flips (w_j, a_j) → (−w_j, −a_j). All are the same function, so θ − (aligned θ*)
// is the honest "teacher direction" of a witness bound.
#pragma once

#include "core/types.hpp"

namespace core {

// Exhaustive over permutations for m ≤ 7, greedy beyond. Returns `star` unchanged when the sizes do
// not match m·(d + 1).
Vec align_teacher(const Vec& theta, const Vec& star, int d, int m, bool odd);

}  // namespace core
