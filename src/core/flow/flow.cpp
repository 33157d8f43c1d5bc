#include "core/flow/flow.hpp"

#include <algorithm>
#include <cmath>

namespace core {

const char* to_string(Method m) {
  switch (m) {
    case Method::euler: return "euler";
    case Method::rk4: return "rk4";
    case Method::dopri5: return "dopri5";
  }
  return "?";
}

const char* to_string(FlowStatus s) {
  switch (s) {
    case FlowStatus::running: return "running";
    case FlowStatus::nonfinite: return "nonfinite";
    case FlowStatus::blowup: return "blowup";
    case FlowStatus::step_collapse: return "step_collapse";
  }
  return "?";
}

bool parse_method(std::string_view s, Method& out) {
  if (s == "euler") {
    out = Method::euler;
    return true;
  }
  if (s == "rk4") {
    out = Method::rk4;
    return true;
  }
  if (s == "dopri5") {
    out = Method::dopri5;
    return true;
  }
  return false;
}

bool all_finite(const Vec& v) {
  for (Index i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

Flow::Flow(VectorField F, Vec y0, const FlowOptions& opt) : F_(std::move(F)), opt_(opt), y_(std::move(y0)) {
  h_ = opt_.h;
  if (!all_finite(y_)) {
    status_ = FlowStatus::nonfinite;
    t_fail_ = 0.0;
    return;
  }
  m_ = eval(y_, dy_);
  m0_ = m_;
  if (!std::isfinite(m_) || !all_finite(dy_) || dy_.size() != y_.size()) {
    status_ = FlowStatus::nonfinite;
    t_fail_ = 0.0;
    return;
  }
  if (opt_.method == Method::dopri5 && !(h_ > 0.0)) h_ = initial_step();
}

double Flow::eval(const Vec& y, Vec& dy) {
  ++n_evals_;
  return F_(y, dy);
}

// Accepts (y_new, dy_new, m_new) as the state at t_new unless it is non-finite or blew up.
bool Flow::commit(Vec& y_new, Vec& dy_new, double m_new, double t_new) {
  if (!all_finite(y_new) || !std::isfinite(m_new) || !all_finite(dy_new)) {
    status_ = FlowStatus::nonfinite;
    t_fail_ = t_new;
    return false;
  }
  if (m_new > opt_.blowup * std::max(std::abs(m0_), 1e-12)) {
    status_ = FlowStatus::blowup;
    t_fail_ = t_new;
    return false;
  }
  y_.swap(y_new);
  dy_.swap(dy_new);
  m_ = m_new;
  t_ = t_new;
  ++n_steps_;
  return true;
}

FlowStatus Flow::step(double t_stop) {
  if (status_ != FlowStatus::running) return status_;
  switch (opt_.method) {
    case Method::euler: step_euler(); break;
    case Method::rk4: step_rk4(); break;
    case Method::dopri5: step_dopri5(t_stop); break;
  }
  return status_;
}

// y_{k+1} = y_k + h F(y_k); t = (k+1)·h computed from the count, not accumulated.
void Flow::step_euler() {
  tmp_ = y_ + opt_.h * dy_;
  const double m_new = eval(tmp_, k2_);
  commit(tmp_, k2_, m_new, double(n_steps_ + 1) * opt_.h);
}

// Classic RK4: y + h/6 (k1 + 2k2 + 2k3 + k4); k1 = dy_ is cached from the previous step.
void Flow::step_rk4() {
  const double h = opt_.h;
  tmp_ = y_ + (0.5 * h) * dy_;
  eval(tmp_, k2_);
  tmp_ = y_ + (0.5 * h) * k2_;
  eval(tmp_, k3_);
  tmp_ = y_ + h * k3_;
  eval(tmp_, k4_);
  y5_ = y_ + (h / 6.0) * (dy_ + 2.0 * k2_ + 2.0 * k3_ + k4_);
  const double m_new = eval(y5_, k5_);
  commit(y5_, k5_, m_new, double(n_steps_ + 1) * h);
}

// Hairer's starting-step heuristic (HNW I, II.4): h ≈ (0.01/‖f''‖)^{1/5}.
double Flow::initial_step() {
  auto rms = [&](const Vec& v) {
    double s = 0.0;
    for (Index i = 0; i < v.size(); ++i) {
      const double sc = opt_.atol + opt_.rtol * std::abs(y_[i]);
      s += (v[i] / sc) * (v[i] / sc);
    }
    return v.size() ? std::sqrt(s / double(v.size())) : 0.0;
  };
  const double d0 = rms(y_), d1 = rms(dy_);
  double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
  h0 = std::min(h0, opt_.h_max);
  tmp_ = y_ + h0 * dy_;
  eval(tmp_, k2_);
  if (!all_finite(k2_)) return h0 * 1e-3;
  const double d2 = rms(k2_ - dy_) / h0;
  const double dm = std::max(d1, d2);
  const double h1 = dm <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / dm, 0.2);
  return std::min({100.0 * h0, h1, opt_.h_max});
}

// Dormand–Prince 5(4) tableau.
namespace dp {
constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
constexpr double a21 = 1.0 / 5;
constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656;
constexpr double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
// e = b(5th order) − b̂(4th order)
constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525,
                 e7 = -1.0 / 40;
}  // namespace dp

void Flow::step_dopri5(double t_stop) {
  using namespace dp;
  const double remaining = t_stop - t_;
  if (!(remaining > 0.0)) return;  // already at t_stop
  for (;;) {
    double h = std::min({h_, opt_.h_max, remaining});
    // Land exactly on t_stop when the step reaches it, also when t + h would round past it.
    const bool lands = h >= remaining || t_ + h >= t_stop;
    if (lands) h = remaining;
    if (h < opt_.h_min_rel * std::max(1.0, std::abs(t_))) {
      status_ = FlowStatus::step_collapse;
      t_fail_ = t_;
      return;
    }
    const Vec& k1 = dy_;
    tmp_ = y_ + h * (a21 * k1);
    eval(tmp_, k2_);
    tmp_ = y_ + h * (a31 * k1 + a32 * k2_);
    eval(tmp_, k3_);
    tmp_ = y_ + h * (a41 * k1 + a42 * k2_ + a43 * k3_);
    eval(tmp_, k4_);
    tmp_ = y_ + h * (a51 * k1 + a52 * k2_ + a53 * k3_ + a54 * k4_);
    eval(tmp_, k5_);
    tmp_ = y_ + h * (a61 * k1 + a62 * k2_ + a63 * k3_ + a64 * k4_ + a65 * k5_);
    eval(tmp_, k6_);
    y5_ = y_ + h * (b1 * k1 + b3 * k3_ + b4 * k4_ + b5 * k5_ + b6 * k6_);
    const double m_new = eval(y5_, k7_);  // FSAL: k7 = F(y_new) is next step's k1

    // err = RMS of (y5 − y4)/(atol + rtol·max|y|), with y5 − y4 = h Σ e_i k_i.
    double err = 0.0;
    bool finite = std::isfinite(m_new);
    for (Index i = 0; i < y_.size() && finite; ++i) {
      const double d = h * (e1 * k1[i] + e3 * k3_[i] + e4 * k4_[i] + e5 * k5_[i] + e6 * k6_[i] + e7 * k7_[i]);
      const double sc = opt_.atol + opt_.rtol * std::max(std::abs(y_[i]), std::abs(y5_[i]));
      err += (d / sc) * (d / sc);
      finite = std::isfinite(d) && std::isfinite(y5_[i]) && std::isfinite(k7_[i]);
    }
    err = y_.size() ? std::sqrt(err / double(y_.size())) : 0.0;
    if (!finite) err = std::numeric_limits<double>::infinity();

    if (err <= 1.0) {
      // Standard controller: fac = 0.9·err^{-1/5}, clamped to [0.2, 10] (no growth after a rejection).
      double fac = err > 0.0 ? 0.9 * std::pow(err, -0.2) : 10.0;
      fac = std::clamp(fac, 0.2, last_rejected_ ? 1.0 : 10.0);
      const double t_new = lands ? t_stop : t_ + h;
      if (!commit(y5_, k7_, m_new, t_new)) return;
      // Landing steps may be short by construction; only natural steps count towards a stall.
      if (!lands) n_short_ = h < opt_.h_stall ? n_short_ + 1 : 0;
      if (n_short_ >= opt_.stall_steps) {
        status_ = FlowStatus::step_collapse;
        t_fail_ = t_;
        return;
      }
      // A step shortened to land on t_stop says nothing about the natural step size.
      if (!lands || h == h_) h_ = h * fac;
      last_rejected_ = false;
      return;
    }
    ++n_rejected_;
    last_rejected_ = true;
    h_ = std::isfinite(err) ? h * std::max(0.2, 0.9 * std::pow(err, -0.2)) : 0.25 * h;
  }
}

}  // namespace core
