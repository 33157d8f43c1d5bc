#pragma once
// Integrators for the autonomous ODE y' = F(y) in continuous time t. For gradient flow
// y = θ (optionally augmented, e.g. with ∫R ds) and F(θ) = −∇L(θ).
// Methods: explicit Euler, classic RK4 (fixed step h, t = k·h exactly, no drift),
// Dormand–Prince 5(4) with FSAL and standard step-size control (Hairer–Nørsett–Wanner II.4).
// Divergence never lets a non-finite value into the committed state: the failing step is
// discarded, the status says why and t_fail() says when.
#include <functional>
#include <limits>
#include <string_view>

#include "core/types.hpp"

namespace core {

enum class Method { euler, rk4, dopri5 };
enum class FlowStatus { running, nonfinite, blowup, step_collapse };

const char* to_string(Method m);
const char* to_string(FlowStatus s);
bool parse_method(std::string_view s, Method& out);  // "euler" | "rk4" | "dopri5"

// Writes dy = F(y) (dy is resized by the callee) and returns the monitored scalar m(y),
// the loss for gradient flow. A non-finite m or dy marks y as unusable.
using VectorField = std::function<double(const Vec& y, Vec& dy)>;

struct FlowOptions {
  Method method = Method::dopri5;
  double h = 1e-2;           // fixed step (euler, rk4); initial step for dopri5 (≤ 0: automatic)
  double atol = 1e-10;       // dopri5 absolute tolerance per component
  double rtol = 1e-8;        // dopri5 relative tolerance per component
  double h_min_rel = 1e-13;  // dopri5 collapse when h < h_min_rel·max(1, |t|)
  // dopri5 stall: collapse also when stall_steps consecutive accepted steps are all shorter than
  // h_stall (0: off). On a non-smooth field (ReLU kinks) the flow can slide along a kink, where an
  // explicit adaptive method chatters with tiny accepted steps forever without ever hitting h_min_rel.
  double h_stall = 0.0;
  Index stall_steps = 10000;
  double h_max = std::numeric_limits<double>::infinity();
  double blowup = 1e6;  // stop when m(y) > blowup·max(|m(y0)|, 1e-12)
};

class Flow {
 public:
  // Evaluates F(y0) once; status() is nonfinite at once if y0, m(y0) or F(y0) is not finite.
  Flow(VectorField F, Vec y0, const FlowOptions& opt);

  // One accepted step. Fixed-step methods take exactly h (t_stop is ignored);
  // dopri5 shortens its step so that t never passes t_stop (lands on it exactly).
  // Returns status(); does nothing unless status() == running.
  FlowStatus step(double t_stop = std::numeric_limits<double>::infinity());

  double t() const { return t_; }
  const Vec& y() const { return y_; }    // last committed (finite) state
  const Vec& dy() const { return dy_; }  // F(y())
  double m() const { return m_; }        // m(y()), e.g. the loss
  double m0() const { return m0_; }
  FlowStatus status() const { return status_; }
  double t_fail() const { return t_fail_; }  // time at which the failing step ended (NaN if none)
  double h_next() const { return h_; }       // dopri5: proposed next step
  Index n_steps() const { return n_steps_; }
  Index n_evals() const { return n_evals_; }
  Index n_rejected() const { return n_rejected_; }
  const FlowOptions& options() const { return opt_; }

 private:
  double eval(const Vec& y, Vec& dy);                                // counts evaluations
  bool commit(Vec& y_new, Vec& dy_new, double m_new, double t_new);  // checks finiteness/blow-up
  void step_euler();
  void step_rk4();
  void step_dopri5(double t_stop);
  double initial_step();

  VectorField F_;
  FlowOptions opt_;
  Vec y_, dy_;
  Vec k2_, k3_, k4_, k5_, k6_, k7_, tmp_, y5_;  // scratch, reused across steps
  double t_ = 0.0, m_ = 0.0, m0_ = 0.0, h_ = 0.0;
  double t_fail_ = std::numeric_limits<double>::quiet_NaN();
  FlowStatus status_ = FlowStatus::running;
  Index n_steps_ = 0, n_evals_ = 0, n_rejected_ = 0, n_short_ = 0;  // n_short_: consecutive steps < h_stall
  bool last_rejected_ = false;
};

bool all_finite(const Vec& v);

}  // namespace core
