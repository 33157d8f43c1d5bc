// Extreme eigenvalues of the tangent kernel without the full spectrum: λ_max by Lanczos on the smaller
// side A (G = JᵀWJ when P ≤ N·k, else K), and the bottom — λ_min and the smallest nonzero eigenvalue — by
// shift-invert Lanczos on (A + δI)⁻¹ through one Cholesky factorization (n³/3 flops, blocked, instead of
// the 4/3·n³ half-BLAS-2 tridiagonalization). The bottom of an NTK spectrum is ill-conditioned for plain
// Lanczos (relative gaps ~1e-9) but is the well-separated top of the inverse.
// δ = n·ε·λ_max (the rank tolerance): eigenvalues below it are numerically 0 anyway, and A + δI is
// positive definite to working precision. Deterministic (fixed start vectors, serial products; A itself
// is formed with a fixed partition), so the bits do not depend on the pool size. Never throws.
#pragma once
#include <cstdint>
#include <string>

#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

struct ExtremeOptions {
  Index top = 4;           // largest eigenvalues wanted
  Index bottom = 4;        // smallest eigenvalues wanted (the smallest nonzero is among them unless
                           // the numerical null space is at least this large)
  Index max_iter = 150;    // Krylov dimension cap per Lanczos run
  double tol = 1e-10;      // converged when the residual bound ≤ tol·|Ritz value| (of A, resp. A⁻¹)
  std::uint64_t seed = 7;  // start vectors (seeded normals)
};

struct ExtremeSpectrum {
  bool from_gram = false;  // A = G (P ≤ N·k) or K
  Index dim_K = 0, P = 0;
  Vec top;     // the `top` largest eigenvalues of A, ascending
  Vec bottom;  // the `bottom` smallest eigenvalues of A, ascending
  double lambda_max = 0;
  double lambda_min_K = 0;        // λ_min(K): 0 exactly when N·k > P (rank K ≤ P), else bottom[0]
  double lambda_min_nonzero = 0;  // smallest computed eigenvalue > tol (0 if none of `bottom` is)
  bool nonzero_resolved = false;  // false: all `bottom` eigenvalues are ≤ tol (null space ≥ bottom)
  double tol = 0;                 // rank tolerance n·ε·λ_max, as rank_tolerance()
  double shift = 0;               // δ actually used in the Cholesky factorization
  Index iterations_top = 0, iterations_bottom = 0;
  bool converged = false;  // both runs met tol
  std::string error;       // empty: ok (non-finite input, factorization failure)
  bool ok() const { return error.empty(); }
};

ExtremeSpectrum extreme_spectrum(const Mat& J, const Vec& wk, ThreadPool* pool = nullptr,
                                 const ExtremeOptions& opt = {});

}  // namespace core
