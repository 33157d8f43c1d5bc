// How far the tangent kernel moves between two parameters: ‖K_a − K_b‖_op in H's inner product,
// K = W^{1/2} J Jᵀ W^{1/2} (= JJᵀ/N for N samples). The classical NTK hypothesis needs it below λ₀/2.
#pragma once

#include "core/types.hpp"

namespace core {

// From the two Jacobians (n = N·k rows, P columns) and the repeated weights wk: the n×n difference
// when n ≤ 2P, else the 2P×2P matrix R·diag(I, −I)·Rᵀ of a thin QR of W^{1/2}[J_a, J_b], which has
// the same nonzero spectrum. 0 when the shapes disagree.
double kernel_drift(const Mat& Ja, const Mat& Jb, const Vec& wk);

}  // namespace core
