#pragma once
// Fixed-capacity checkpoint traces, stored column-wise (one contiguous array per quantity) so a
// plot can read a column without copying. Only finite values are ever stored.
#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "core/types.hpp"

namespace core {

enum class Col : int {
  t,                // time
  step,             // integrator steps taken
  loss,             // L(θ_t)
  grad2,            // ‖∇L‖²
  ell_grad2,        // ‖∇ℓ‖²_H
  R,                // Rayleigh quotient ‖∇L‖²/‖∇ℓ‖²_H
  lambda_min,       // λ_min(K) (0 when N·k > P)
  lambda_min_pos,   // smallest nonzero eigenvalue of K (extreme-spectrum mode: 0 if not resolved)
  lambda_max,       // λ_max(K)
  rank,             // numerical rank of K
  witness_euler,    // L3 bound with v = θ
  witness_teacher,  // L3 bound with v = θ − θ* (teacher) or −θ* (logistic presets)
  path,             // ‖θ_t − θ_0‖
  int_R,            // ∫₀ᵗ R ds (integrated as an extra ODE component)
  bound_identity,   // squared loss: L0·exp(−2∫R)  (exact)
  bound_ntk,        // squared loss: L0·exp(−2 t min λ_min)
  bound_rmin,       // squared loss: L0·exp(−2 t min R)
  bound_phi,        // logistic presets: Φ⁻¹(Φ(L0) − (ε/n)² t)
  bound_decrease,   // logistic presets: (ε/n)²(1 − e^{−L})² ≤ −dL/dt = ‖∇L‖²
  arc,              // ∫₀ᵗ ‖θ'‖ ds, the length of the path (an extra ODE component); ≥ path
  bound_path,       // squared loss, T8/L2: √(2/min R)(√L0 − √L) ≥ arc (ψ(s) = 2·min R·s)
  count
};
inline constexpr int kCols = static_cast<int>(Col::count);
const char* col_name(Col c);

class Trace {
 public:
  using Row = std::array<double, kCols>;
  explicit Trace(Index capacity = 0) : cap_(capacity) {
    for (auto& c : cols_) c.reserve(size_t(capacity));
    active_.fill(true);
  }
  // Appends a row; refused (false) when full or when an active column holds a non-finite value.
  bool push(const Row& r) {
    if (size() >= cap_) return false;
    for (int c = 0; c < kCols; ++c)
      if (active_[c] && !std::isfinite(r[c])) return false;
    for (int c = 0; c < kCols; ++c) cols_[c].push_back(active_[c] && std::isfinite(r[c]) ? r[c] : 0.0);
    return true;
  }
  Index size() const { return Index(cols_[0].size()); }
  Index capacity() const { return cap_; }
  std::span<const double> col(Col c) const { return cols_[int(c)]; }
  double at(Col c, Index i) const { return cols_[int(c)][size_t(i)]; }
  double back(Col c) const { return cols_[int(c)].back(); }
  // Inactive columns (quantity not defined for this run) hold zeros and are omitted from outputs.
  bool active(Col c) const { return active_[int(c)]; }
  void set_active(Col c, bool on) { active_[int(c)] = on; }

 private:
  Index cap_;
  std::array<std::vector<double>, kCols> cols_;
  std::array<bool, kCols> active_{};
};

}  // namespace core
