#pragma once
// Convergence bounds evaluated along a run (paper-notes §2 T1/C1, §5 T5/T7/T11).
// All functions are pure, never throw, and return finite values for finite valid inputs.
#include <span>
#include <vector>

#include "core/status.hpp"
#include "core/types.hpp"

namespace core {

// Squared loss, exact (T5a): L(t) = L0·exp(−2·I(t)), I(t) = ∫₀ᵗ R ds.
double squared_identity(double L0, double I);

// I_j = ∫₀^{t_j} R ds by the trapezoid rule on checkpoints (t ascending, t_0 = start). out.size() = t.size().
void cumulative_trapezoid(std::span<const double> t, std::span<const double> R, std::span<double> out);

// out_j = L0·exp(−2·(t_j − t_0)·min_{i≤j} lam_i): the NTK bound (lam = λ_min(K)) or the
// running-min-R bound (lam = R). Negative minima (roundoff) are clamped to 0.
void running_min_exp_bound(double L0, std::span<const double> t, std::span<const double> lam, std::span<double> out);

// Łojasiewicz envelope ψ(s) = c·s^{2α} with ‖∇L‖² ≥ ψ(L) at every given pair.
struct KLFit {
  double c = 0.0;
  double alpha = 0.0;
};
// Lower envelope in log–log space: the line y = log c + 2α·x below all points (x = log L,
// y = log ‖∇L‖²) with the smallest total gap, i.e. the lower-hull edge spanning mean(x).
// Pairs with non-finite or non-positive entries are ignored; needs ≥ 2 distinct L.
Result<KLFit> fit_kl_envelope(std::span<const double> L, std::span<const double> grad2);

// Integrated rate of L' ≤ −c·L^{2α} from L(0) = L0 (C1/T7): α > ½ polynomial, α = ½
// exponential e^{−ct}, α < ½ finite-time extinction (returns 0 afterwards).
double kl_power_bound(double L0, double c, double alpha, double t);

// Path-length bound (L2/T8): ∫‖θ'‖dt ≤ ∫_{L}^{L0} ds/√ψ(s) for ψ(s) = c·s^{2α}, i.e.
// (L0^{1−α} − L^{1−α})/(√c(1−α)) (α ≠ 1) or log(L0/L)/√c (α = 1). c ≤ 0 or L0 < L: +inf.
// α = ½, c = 2λ (squared loss with R ≥ λ): √(2/λ)(√L0 − √L) ≤ √(2L0/λ).
double path_length_bound(double L0, double L, double c, double alpha);

// Logistic (A.5.6): Φ(s) = s + log(1 − e^{−s}) − 1/(e^s − 1), s > 0, increasing, concave.
double logistic_phi(double s);
double logistic_phi_prime(double s);  // Φ′(s) = (1 − e^{−s})^{−2}
double logistic_phi_inv(double v);    // s > 0 with Φ(s) = v (bisection in log s; ~1e-15 relative)
// Predicted L_t ≤ Φ⁻¹(Φ(L0) − κ·t) with κ = (ε/n)².
double logistic_phi_bound(double L0, double kappa, double t);
// The same bound for GD at step η from the loss L1 after the first step, as a curve: iterations
// it on a log grid of n points over [1, it_max] and L = Φ⁻¹(Φ(L1) − κ·(it − 1)·η). Empty when
// it_max ≤ 1 or n < 2.
void logistic_phi_bound_curve(double L1, double kappa, double eta, double it_max, int n, std::vector<double>& it,
                              std::vector<double>& L);
// The iteration at which that bound reaches `level`: 1 if L1 ≤ level already, 0 when κ, η or level ≤ 0.
double logistic_phi_bound_iteration(double L1, double kappa, double eta, double level);
// Local decrease lower bound −dL/dt ≥ κ·(1 − e^{−L})².
double logistic_decrease_bound(double kappa, double L);
// ‖∇L‖ ≥ (ε/n)·(1 − e^{−L}): the teacher-witness bound (L3 with v = −W*/‖W*‖_F), not a functional KL inequality times a
// bound on R.
double logistic_grad_norm_bound(double eps_over_n, double L);

}  // namespace core
