#include "core/ntk/bounds.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace core {

double squared_identity(double L0, double I) { return L0 * std::exp(-2.0 * I); }

void cumulative_trapezoid(std::span<const double> t, std::span<const double> R, std::span<double> out) {
  const size_t n = std::min({t.size(), R.size(), out.size()});
  double acc = 0.0;
  for (size_t j = 0; j < n; ++j) {
    if (j > 0) acc += 0.5 * (t[j] - t[j - 1]) * (R[j] + R[j - 1]);
    out[j] = acc;
  }
}

void running_min_exp_bound(double L0, std::span<const double> t, std::span<const double> lam, std::span<double> out) {
  const size_t n = std::min({t.size(), lam.size(), out.size()});
  double lo = std::numeric_limits<double>::infinity();
  for (size_t j = 0; j < n; ++j) {
    lo = std::min(lo, std::max(lam[j], 0.0));
    out[j] = L0 * std::exp(-2.0 * (t[j] - t[0]) * lo);
  }
}

Result<KLFit> fit_kl_envelope(std::span<const double> L, std::span<const double> grad2) {
  struct Pt {
    double x, y;
  };
  std::vector<Pt> p;
  const size_t n = std::min(L.size(), grad2.size());
  for (size_t i = 0; i < n; ++i)
    if (std::isfinite(L[i]) && std::isfinite(grad2[i]) && L[i] > 0.0 && grad2[i] > 0.0)
      p.push_back({std::log(L[i]), std::log(grad2[i])});
  Result<KLFit> r;
  if (p.size() < 2) {
    r.error = "KL fit needs at least 2 checkpoints with L > 0 and |grad L|^2 > 0";
    return r;
  }
  // Per x keep the lowest y, sorted by x; then the lower convex hull (monotone chain).
  std::sort(p.begin(), p.end(), [](const Pt& a, const Pt& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  std::vector<Pt> hull;
  double xmean = 0.0;
  for (const Pt& q : p) xmean += q.x;
  xmean /= double(p.size());
  for (const Pt& q : p) {
    if (!hull.empty() && hull.back().x == q.x) continue;
    while (hull.size() >= 2) {
      const Pt& a = hull[hull.size() - 2];
      const Pt& b = hull.back();
      // Remove b if it lies on or above segment a–q (not strictly convex from below).
      if ((b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x) <= 0.0)
        hull.pop_back();
      else
        break;
    }
    hull.push_back(q);
  }
  if (hull.size() < 2) {
    r.error = "KL fit needs at least 2 distinct loss values";
    return r;
  }
  // The edge whose x-range contains mean(x) minimises Σ(y_i − line(x_i)) among lines below all points.
  size_t e = 0;
  while (e + 2 < hull.size() && hull[e + 1].x < xmean) ++e;
  const Pt& a = hull[e];
  const Pt& b = hull[e + 1];
  const double slope = (b.y - a.y) / (b.x - a.x);
  r.value.alpha = 0.5 * slope;
  r.value.c = std::exp(a.y - slope * a.x);
  if (!std::isfinite(r.value.c) || !std::isfinite(r.value.alpha)) r.error = "KL fit is not finite";
  return r;
}

double kl_power_bound(double L0, double c, double alpha, double t) {
  const double q = 2.0 * alpha - 1.0;
  if (std::abs(q) < 1e-12) return L0 * std::exp(-c * t);
  if (q > 0.0) return std::pow(std::pow(L0, -q) + q * c * t, -1.0 / q);
  const double base = std::pow(L0, -q) + q * c * t;  // q < 0: reaches 0 at T = L0^{−q}/(−q·c)
  return base > 0.0 ? std::pow(base, -1.0 / q) : 0.0;
}

double logistic_phi(double s) {
  // log(1 − e^{−s}) = log(−expm1(−s)); 1/(e^s − 1) = 1/expm1(s): accurate for small and large s.
  return s + std::log(-std::expm1(-s)) - 1.0 / std::expm1(s);
}

double logistic_phi_prime(double s) {
  const double d = -std::expm1(-s);
  return 1.0 / (d * d);
}

double logistic_phi_inv(double v) {
  if (std::isnan(v)) return std::numeric_limits<double>::quiet_NaN();
  // Φ(s) ∈ (s − 1/s − ..., s): Φ(1e-300) ≈ −1e300, Φ(1e300) = 1e300; bisect on log s.
  double lo = std::log(1e-300), hi = std::log(1e300);
  if (v <= logistic_phi(1e-300)) return 1e-300;
  if (v >= 1e300) return 1e300;
  for (int it = 0; it < 200 && hi - lo > 1e-17 * std::max(1.0, std::abs(lo)); ++it) {
    const double mid = 0.5 * (lo + hi);
    if (logistic_phi(std::exp(mid)) < v)
      lo = mid;
    else
      hi = mid;
  }
  double s = std::exp(0.5 * (lo + hi));
  // Two Newton polishes (Φ′ ≥ 1 is well conditioned for the update in s).
  for (int k = 0; k < 2; ++k) {
    const double sn = s - (logistic_phi(s) - v) / logistic_phi_prime(s);
    if (sn > 0.0 && std::isfinite(sn)) s = sn;
  }
  return s;
}

double logistic_phi_bound(double L0, double kappa, double t) { return logistic_phi_inv(logistic_phi(L0) - kappa * t); }

double logistic_decrease_bound(double kappa, double L) {
  const double d = -std::expm1(-L);
  return kappa * d * d;
}

double logistic_grad_norm_bound(double eps_over_n, double L) { return eps_over_n * -std::expm1(-L); }

double path_length_bound(double L0, double L, double c, double alpha) {
  if (!(c > 0.0) || !(L0 >= L) || !(L >= 0.0) || !std::isfinite(L0) || !std::isfinite(alpha))
    return std::numeric_limits<double>::infinity();
  if (L0 == L) return 0.0;
  const double sc = std::sqrt(c);
  if (alpha == 1.0) return L > 0.0 ? std::log(L0 / L) / sc : std::numeric_limits<double>::infinity();
  if (alpha > 1.0 && L == 0.0) return std::numeric_limits<double>::infinity();
  return (std::pow(L0, 1.0 - alpha) - std::pow(L, 1.0 - alpha)) / (sc * (1.0 - alpha));
}

void logistic_phi_bound_curve(double L1, double kappa, double eta, double it_max, int n, std::vector<double>& it,
                              std::vector<double>& L) {
  it.clear();
  L.clear();
  if (!(it_max > 1) || n < 2) return;
  for (int j = 0; j < n; ++j) {
    const double k = std::pow(10.0, std::log10(it_max) * double(j) / double(n - 1));
    it.push_back(k);
    L.push_back(logistic_phi_bound(L1, kappa, (k - 1.0) * eta));
  }
}

double logistic_phi_bound_iteration(double L1, double kappa, double eta, double level) {
  if (!(kappa > 0) || !(level > 0) || !(eta > 0)) return 0;
  if (level >= L1) return 1;
  return 1.0 + (logistic_phi(L1) - logistic_phi(level)) / kappa / eta;
}

}  // namespace core
