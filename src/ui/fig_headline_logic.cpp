#include "ui/fig_headline_logic.hpp"

#include <algorithm>
#include <cmath>

#include "core/flow/probe.hpp"
#include "core/ntk/bounds.hpp"
#include "core/ntk/kernel.hpp"
#include "core/ntk/kernel_drift.hpp"

namespace ui::logic {

// ---------------------------------------------------------------- headline
core::Params headline_params(const HeadlineConfig& c) {
  core::Params p;
  p.model = "two_layer";
  p.sigma = "tanh";
  p.data = "bench";  // draws the teacher and θ₀ before X: the same teacher/θ₀ for every N, X grows by prefix
  p.loss = "squared";
  p.d = c.d;
  p.width = c.width;
  p.teacher_width = c.width;  // realizable, θ* in the student's space
  p.n = c.N;
  p.seed = c.seed;
  p.method = "dopri5";
  p.eta = 0;
  p.t_end = c.t_end;
  p.checkpoints = c.checkpoints;
  p.spacing = "log";
  return p;
}

int headline_P(const HeadlineConfig& c) { return c.width * c.d + c.width; }

KernelSpectrum kernel_spectrum(const core::Experiment& e, const core::Vec& theta) {
  core::Mat J;
  core::Vec wk;
  core::jacobian_at(e, theta, J, wk);
  return kernel_spectrum(core::tangent_spectrum(e.model(), e.data().X, theta, J, wk));
}

KernelSpectrum kernel_spectrum(const core::Spectrum& s) {
  KernelSpectrum out;
  out.eigs.assign(s.eigs.data(), s.eigs.data() + s.eigs.size());
  std::reverse(out.eigs.begin(), out.eigs.end());
  out.lambda_min_K = s.lambda_min_K;
  out.lambda_max = s.lambda_max;
  out.forced_zeros = std::max<long long>(0, (long long)s.dim_K - (long long)s.P);
  out.tol = s.tol;
  return out;
}

double log_floor(std::span<const double> values, double top) {
  double lo = HUGE_VAL;
  for (double v : values)
    if (v > 0 && std::isfinite(v)) lo = std::min(lo, v);
  if (!std::isfinite(lo)) lo = top > 0 ? top * 1e-6 : 1e-6;
  double f = std::pow(10.0, std::floor(std::log10(lo)) - 1);
  if (top > 0) f = std::min(f, top * 1e-6);
  return f;
}

void HeadlineSeries::append(double t, double loss, double R_t, const KernelSpectrum& s) {
  auto see = [this](double v) {
    hi_ = std::max(hi_, v);
    if (v > 0 && std::isfinite(v)) lo_ = std::min(lo_, v);
  };
  see(R_t);
  if (n++ == 0) {
    eig.assign(s.eigs.size(), {});
    floored.assign(s.eigs.size(), {});
    for (double v : s.eigs)
      if (v > s.tol) see(v);
  } else {
    T.push_back(t);
    R.push_back(R_t);
    L.push_back(loss);
    lmax.push_back(s.lambda_max);
    lmin.push_back(s.lambda_min_K);
    for (size_t k = 0; k < eig.size() && k < s.eigs.size(); ++k) {
      // Eigenvalues below the numerical rank tolerance are zeros in disguise: shown on the floor.
      const double v = s.eigs[k] > s.tol ? s.eigs[k] : 0.0;
      eig[k].push_back(v);
      see(v);
    }
  }
  top = hi_ > 0 ? std::pow(10.0, std::ceil(std::log10(hi_ * 1.5))) : 1.0;
  const double lo[1] = {lo_};
  const double f = 0.3 * log_floor(lo, top);  // between decades: the floor carries the label "0", not a tick
  const bool moved = f != floor;
  floor = f;
  for (size_t k = 0; k < eig.size(); ++k) {
    if (moved) floored[k].clear();
    for (size_t j = floored[k].size(); j < eig[k].size(); ++j) floored[k].push_back(eig[k][j] > 0 ? eig[k][j] : floor);
  }
}

HeadlineSeries headline_series(std::span<const double> t, std::span<const double> loss, std::span<const double> R,
                               const std::vector<KernelSpectrum>& spec) {
  HeadlineSeries out;
  const size_t n = std::min({t.size(), loss.size(), R.size(), spec.size()});
  const size_t r = n ? spec[0].eigs.size() : 0;
  out.eig.assign(r, {});
  std::vector<double> all;
  for (size_t i = 1; i < n; ++i) {
    out.T.push_back(t[i]);
    out.R.push_back(R[i]);
    out.L.push_back(loss[i]);
    out.lmax.push_back(spec[i].lambda_max);
    out.lmin.push_back(spec[i].lambda_min_K);
    for (size_t k = 0; k < r && k < spec[i].eigs.size(); ++k) {
      const double v = spec[i].eigs[k] > spec[i].tol ? spec[i].eigs[k] : 0.0;
      out.eig[k].push_back(v);
      all.push_back(v);
    }
    all.push_back(R[i]);
  }
  if (n > 0) {
    all.push_back(R[0]);
    for (double v : spec[0].eigs)
      if (v > spec[0].tol) all.push_back(v);
  }
  double top = 0;
  for (double v : all) top = std::max(top, v);
  out.top = top > 0 ? std::pow(10.0, std::ceil(std::log10(top * 1.5))) : 1.0;
  out.floor = 0.3 * log_floor(all, out.top);
  out.floored.assign(r, {});
  for (size_t k = 0; k < r; ++k)
    for (double v : out.eig[k]) out.floored[k].push_back(v > 0 ? v : out.floor);
  out.n = n;
  return out;
}

// ---------------------------------------------------------------- guarantees
void Guarantees::reset(double L0_, double lambda0_) {
  *this = Guarantees();
  L0 = L0_;
  lambda0 = std::max(0.0, lambda0_);
  r_ntk = lambda0 > 0 ? core::path_length_bound(L0, 0.0, lambda0, 0.5) : HUGE_VAL;
  if (!(lambda0 > 0)) ntk_fail = 0;
}

void Guarantees::append(const core::Experiment& e, const core::Vec& theta, double t_i, double L_i, double R_i) {
  core::Mat J;
  core::Vec w;
  core::jacobian_at(e, theta, J, w);
  if (t.empty()) {
    J0 = J;
    theta0 = theta;
    wk = w;
  }
  t.push_back(t_i);
  loss.push_back(L_i);
  R.push_back(R_i);
  dist.push_back((theta - theta0).norm());
  drift.push_back(core::kernel_drift(J, J0, wk));
  path.push_back(path.empty() ? 0.0 : path.back() + (theta - prev_).norm());
  rho.push_back(rho.empty() ? R_i : std::min(rho.back(), R_i));
  r_R.push_back(rho.back() > 0 ? core::path_length_bound(L0, std::min(L_i, L0), 2 * rho.back(), 0.5) : HUGE_VAL);
  prev_ = theta;
  if (ntk_fail < 0 && (!(drift.back() < lambda0 / 2) || dist.back() > r_ntk)) ntk_fail = int(t.size()) - 1;
}

}  // namespace ui::logic
