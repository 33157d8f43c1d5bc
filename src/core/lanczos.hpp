// Extreme eigenvalues of the tangent kernel without forming or diagonalizing it (Lanczos with full
// reorthogonalization, values only). For large kernels the full spectrum costs O(n³) with n =
// min(N·k, P); here each iteration costs one product with J and one with Jᵀ (O(N·k·P)).
// Exact in exact arithmetic after min(N·k, P) steps; in practice the top of the spectrum converges
// in tens of steps while the bottom (the ill-conditioned end of an NTK spectrum) converges slowly,
// so the smallest Ritz value is reported as what it is: an upper estimate of λ_min with its residual.
#pragma once
#include <cstdint>

#include "core/types.hpp"

namespace core {

struct LanczosOptions {
    Index max_iter = 160;   // Krylov dimension cap (min with the operator's size)
    Index top = 6;          // how many of the largest eigenvalues must converge
    double tol = 1e-10;     // converged when the residual bound ≤ tol·λ_max
    std::uint64_t seed = 7; // start vector: seeded normal (deterministic)
};

struct LanczosResult {
    Vec ritz;          // Ritz values, ascending (size = iterations)
    Vec residual;      // |β_m · s_{m,i}|: some eigenvalue lies within this of ritz[i]
    Index iterations = 0;
    Index converged_top = 0;  // how many of the largest Ritz values meet the tolerance
    bool invariant = false;   // the Krylov space became invariant: the Ritz values are eigenvalues
};

// Eigenvalues of the operator A of the smaller side: A = G = Jᵀ W J (P×P) when P ≤ N·k, else
// A = K = W^{1/2} J Jᵀ W^{1/2} (N·k × N·k). Products are serial Eigen products in a fixed order,
// so the result has the same bits whatever the thread count.
LanczosResult lanczos_kernel(const Mat& J, const Vec& wk, const LanczosOptions& opt = {});

}  // namespace core
