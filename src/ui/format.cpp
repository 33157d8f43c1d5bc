#include "ui/format.hpp"

#include <cmath>
#include <cstdio>

namespace ui {

std::string fmt_exact(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  char b[40];
  std::snprintf(b, sizeof b, "%.6g", v);
  return b;
}

std::string fmt_tick(double v, double step) {
  if (std::abs(v) < 1e-12 * std::abs(step)) v = 0.0;  // avoid "-0" and 1e-17 residues
  const double a = std::abs(step);
  char b[40];
  if (a >= 1e5 || (a < 1e-3 && a > 0)) {
    std::snprintf(b, sizeof b, "%.3g", v);
  } else {
    int dec = a >= 1 ? 0 : int(std::ceil(-std::log10(a) - 1e-9));
    if (a < 1 && std::abs(a * std::pow(10.0, dec) - std::round(a * std::pow(10.0, dec))) > 1e-6) ++dec;
    std::snprintf(b, sizeof b, "%.*f", dec, v);
  }
  return b;
}

std::string fmt_decade(int e) {
  switch (e) {
    case -2: return "0.01";
    case -1: return "0.1";
    case 0: return "1";
    case 1: return "10";
    case 2: return "100";
    case 3: return "1000";
    default: break;
  }
  char b[16];
  std::snprintf(b, sizeof b, "1e%d", e);
  return b;
}

std::string fmt_sci(double v) {
  if (!std::isfinite(v)) return fmt_exact(v);
  const double a = std::abs(v);
  char b[40];
  if (a != 0 && (a < 1e-2 || a >= 1e4))
    std::snprintf(b, sizeof b, "%.3g", v);
  else
    std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace ui
