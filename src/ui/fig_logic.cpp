#include "ui/fig_logic.hpp"

#include <algorithm>
#include <cmath>

#include "core/bounds.hpp"
#include "core/kernel.hpp"
#include "core/model_two_layer.hpp"
#include "core/rng.hpp"

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

namespace {
// J, wk and g = vec(∇ℓ) at θ through the experiment's own model, loss and data.
void tangent_at(const core::Experiment& e, const core::Vec& theta, core::Mat& J, core::Vec& wk, core::Vec& g) {
  const core::Dataset& D = e.data();
  core::Mat F, G;
  e.model().f(D.X, theta, F);
  e.loss().grad(F, D, G);
  g = core::flatten_rows(G);
  core::jacobian(e.model(), D.X, theta, J);
  wk = core::repeat_weights(D.w, e.model().k());
}
}  // namespace

KernelSpectrum kernel_spectrum(const core::Experiment& e, const core::Vec& theta) {
  core::Mat J;
  core::Vec wk, g;
  tangent_at(e, theta, J, wk, g);
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
    for (double v : s.eigs) if (v > s.tol) see(v);
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
    for (double v : spec[0].eigs) if (v > spec[0].tol) all.push_back(v);
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
double kernel_drift(const core::Mat& Ja, const core::Mat& Jb, const core::Vec& wk) {
  const core::Index n = Ja.rows(), P = Ja.cols();
  if (Jb.rows() != n || Jb.cols() != P || wk.size() != n || n == 0) return 0.0;
  const core::Vec sw = wk.cwiseMax(0.0).cwiseSqrt();
  core::Vec ev;
  if (n <= 2 * P) {
    const core::Mat A = sw.asDiagonal() * Ja, B = sw.asDiagonal() * Jb;
    const core::Mat D = A * A.transpose() - B * B.transpose();
    ev = Eigen::SelfAdjointEigenSolver<core::Mat>(D, Eigen::EigenvaluesOnly).eigenvalues();
  } else {
    core::Mat A(n, 2 * P);
    A.leftCols(P) = sw.asDiagonal() * Ja;
    A.rightCols(P) = sw.asDiagonal() * Jb;
    Eigen::HouseholderQR<core::Mat> qr(A);
    const core::Mat Rm = qr.matrixQR().topRows(2 * P).triangularView<Eigen::Upper>();
    const core::Mat M = Rm.leftCols(P) * Rm.leftCols(P).transpose() - Rm.rightCols(P) * Rm.rightCols(P).transpose();
    ev = Eigen::SelfAdjointEigenSolver<core::Mat>(M, Eigen::EigenvaluesOnly).eigenvalues();
  }
  return ev.size() ? std::max(std::abs(ev[0]), std::abs(ev[ev.size() - 1])) : 0.0;
}

void jacobian_at(const core::Experiment& e, const core::Vec& theta, core::Mat& J, core::Vec& wk) {
  core::jacobian(e.model(), e.data().X, theta, J);
  wk = core::repeat_weights(e.data().w, e.model().k());
}

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
  jacobian_at(e, theta, J, w);
  if (t.empty()) { J0 = J; theta0 = theta; wk = w; }
  t.push_back(t_i);
  loss.push_back(L_i);
  R.push_back(R_i);
  dist.push_back((theta - theta0).norm());
  drift.push_back(kernel_drift(J, J0, wk));
  path.push_back(path.empty() ? 0.0 : path.back() + (theta - prev_).norm());
  rho.push_back(rho.empty() ? R_i : std::min(rho.back(), R_i));
  r_R.push_back(rho.back() > 0 ? core::path_length_bound(L0, std::min(L_i, L0), 2 * rho.back(), 0.5) : HUGE_VAL);
  prev_ = theta;
  if (ntk_fail < 0 && (!(drift.back() < lambda0 / 2) || dist.back() > r_ntk)) ntk_fail = int(t.size()) - 1;
}

// ---------------------------------------------------------------- witness
const char* witness_name(Witness w) {
  switch (w) {
    case Witness::teacher: return "teacher";
    case Witness::euler: return "euler";
    case Witness::last_layer: return "last_layer";
    case Witness::random: return "random";
  }
  return "?";
}

double WitnessValues::of(Witness w) const {
  switch (w) {
    case Witness::teacher: return teacher;
    case Witness::euler: return euler;
    case Witness::last_layer: return last_layer;
    case Witness::random: return random;
  }
  return 0;
}

core::Vec align_teacher(const core::Vec& theta, const core::Vec& star, int d, int m, bool odd) {
  if (m <= 0 || d <= 0 || theta.size() != core::Index(m) * (d + 1) || star.size() != theta.size()) return star;
  // cost[j][q][s]: ‖unit j of θ − s·(unit q of θ*)‖², s ∈ {+1, −1}
  auto unit_dist = [&](int j, int q, double sg) {
    double c = 0;
    for (int k = 0; k < d; ++k) { const double e = theta[j * d + k] - sg * star[q * d + k]; c += e * e; }
    const double e = theta[m * d + j] - sg * star[m * d + q];
    return c + e * e;
  };
  std::vector<double> best_c(static_cast<size_t>(m * m));
  std::vector<double> best_s(static_cast<size_t>(m * m));
  for (int j = 0; j < m; ++j)
    for (int q = 0; q < m; ++q) {
      const double cp = unit_dist(j, q, 1.0), cn = odd ? unit_dist(j, q, -1.0) : HUGE_VAL;
      best_c[size_t(j * m + q)] = std::min(cp, cn);
      best_s[size_t(j * m + q)] = cn < cp ? -1.0 : 1.0;
    }
  std::vector<int> perm(static_cast<size_t>(m)), best(static_cast<size_t>(m));
  for (int j = 0; j < m; ++j) perm[size_t(j)] = j;
  if (m <= 7) {
    double bc = HUGE_VAL;
    do {
      double c = 0;
      for (int j = 0; j < m && c < bc; ++j) c += best_c[size_t(j * m + perm[size_t(j)])];
      if (c < bc) { bc = c; best = perm; }
    } while (std::next_permutation(perm.begin(), perm.end()));
  } else {
    std::vector<bool> used(static_cast<size_t>(m), false);
    for (int j = 0; j < m; ++j) {
      int bq = -1;
      for (int q = 0; q < m; ++q)
        if (!used[size_t(q)] && (bq < 0 || best_c[size_t(j * m + q)] < best_c[size_t(j * m + bq)])) bq = q;
      used[size_t(bq)] = true;
      best[size_t(j)] = bq;
    }
  }
  core::Vec out(star.size());
  for (int j = 0; j < m; ++j) {
    const int q = best[size_t(j)];
    const double sg = best_s[size_t(j * m + q)];
    for (int k = 0; k < d; ++k) out[j * d + k] = sg * star[q * d + k];
    out[m * d + j] = sg * star[m * d + q];
  }
  return out;
}

WitnessValues witness_values(const core::Experiment& e, const core::Vec& theta, const core::Vec& v_random) {
  WitnessValues w;
  core::Mat J;
  core::Vec wk, g;
  tangent_at(e, theta, J, wk, g);
  w.R = core::rayleigh(J, wk, g);
  if (e.theta_star().size() == theta.size()) {
    core::Vec star = e.theta_star();
    if (const auto* tl = dynamic_cast<const core::TwoLayerModel*>(&e.model()); tl && !e.params().bias) {
      const int m = int(tl->width()), d = int(tl->a_offset() / std::max<core::Index>(1, tl->width()));
      const bool odd = e.params().sigma == "tanh" || e.params().sigma == "identity";
      star = align_teacher(theta, star, d, m, odd);
    }
    w.teacher = core::witness_teacher(J, wk, g, theta, star);
  }
  w.euler = core::witness_euler(J, wk, g, theta);
  if (const auto* tl = dynamic_cast<const core::TwoLayerModel*>(&e.model()))
    w.last_layer = core::rayleigh_block(J, wk, g, tl->a_offset(), tl->width());
  if (v_random.size() == theta.size()) w.random = core::witness_bound(J, wk, g, v_random);
  return w;
}

core::Vec random_direction(core::Index P, std::uint64_t seed) {
  auto r = core::random_theta(P, 1.0, seed ^ 0x72616e646f6d7631ull);
  core::Vec v = r.ok() ? r.value : core::Vec::Ones(P);
  const double n = v.norm();
  return n > 0 ? core::Vec(v / n) : v;
}

// ---------------------------------------------------------------- logistic
std::vector<double> gd_prefix_losses(const core::Experiment& e, double eta, int k) {
  std::vector<double> out;
  core::Vec theta = e.theta0();
  core::Mat J, F;
  core::Vec wk, g;
  for (int i = 0; i < k; ++i) {
    tangent_at(e, theta, J, wk, g);
    theta -= eta * core::grad_L(J, wk, g);
    e.model().f(e.data().X, theta, F);
    const double L = e.loss().value(F, e.data());
    if (!std::isfinite(L)) break;
    out.push_back(L);
  }
  return out;
}

namespace {
// One pair of consecutive records (k0, L0), (k1, L1): no pair when k1 ≤ k0; else the decrease
// (L0 − L1)/((k1 − k0)·η) at loss L0 is shown, or skipped when it (or L0) is not positive.
enum class Pair { none, skipped, shown };
Pair decrease_pair(double k0, double L0, double k1, double L1, double eta, std::vector<double>& x,
                   std::vector<double>& y) {
  const double di = k1 - k0;
  if (!(di > 0)) return Pair::none;
  const double dec = (L0 - L1) / (di * eta);
  if (!(dec > 0) || !(L0 > 0)) return Pair::skipped;
  x.push_back(L0);
  y.push_back(dec);
  return Pair::shown;
}
}  // namespace

int local_decrease(std::span<const double> iters, std::span<const double> L, double eta, std::vector<double>& x,
                   std::vector<double>& y) {
  x.clear();
  y.clear();
  int skipped = 0;
  const size_t n = std::min(iters.size(), L.size());
  for (size_t i = 0; i + 1 < n; ++i)
    skipped += decrease_pair(iters[i], L[i], iters[i + 1], L[i + 1], eta, x, y) == Pair::skipped;
  return skipped;
}

core::Params logistic_params(bool e2, int seed, double iters, double eta) {
  core::Params p;
  p.model = "softmax_linear";
  p.loss = "cross_entropy";
  p.data = e2 ? "logistic_e2" : "logistic_e1";
  p.seed = std::uint64_t(seed);
  p.method = "euler";
  p.eta = eta;
  p.t_end = iters * eta;
  p.checkpoints = 2500;
  p.spacing = "log";
  return p;
}

std::vector<double> logistic_prefix(const core::Experiment& e, double eta) {
  const auto T = e.checkpoint_times();
  const int first = T.size() > 1 ? int(std::llround(T[1] / eta)) : 1;
  return gd_prefix_losses(e, eta, std::clamp(first - 1, 1, 5000));
}

void LogisticSeries::reset(std::span<const double> prefix, double eta) {
  *this = LogisticSeries();
  eta_ = eta;
  for (size_t j = 0; j < prefix.size(); ++j) add(double(j + 1), prefix[j]);
}

// One record more: the decrease from the previous record, as local_decrease computes it.
void LogisticSeries::add(double k, double loss) {
  if (!it.empty()) skipped += decrease_pair(it.back(), L.back(), k, loss, eta_, dx, dy) == Pair::skipped;
  it.push_back(k);
  L.push_back(loss);
  if (loss > 0) { lo = std::min(lo, loss); hi = std::max(hi, loss); }
}

void LogisticSeries::append(std::span<const double> t, std::span<const double> loss) {
  const size_t n = std::min(t.size(), loss.size());
  for (size_t j = std::max<size_t>(taken, 1); j < n; ++j) {  // checkpoint 0 is θ₀, before the first update
    const double k = std::round(t[j] / eta_);
    if (!it.empty() && k <= it.back()) continue;
    add(k, loss[j]);
  }
  taken = std::max(taken, n);
}

LogisticSeries logistic_series(std::span<const double> prefix, std::span<const double> t, std::span<const double> loss,
                               double eta) {
  LogisticSeries s;
  for (size_t j = 0; j < prefix.size(); ++j) { s.it.push_back(double(j + 1)); s.L.push_back(prefix[j]); }
  const size_t n = std::min(t.size(), loss.size());
  for (size_t j = 1; j < n; ++j) {
    const double k = std::round(t[j] / eta);
    if (!s.it.empty() && k <= s.it.back()) continue;
    s.it.push_back(k);
    s.L.push_back(loss[j]);
  }
  s.skipped = local_decrease(s.it, s.L, eta, s.dx, s.dy);
  for (double v : s.L) if (v > 0) { s.lo = std::min(s.lo, v); s.hi = std::max(s.hi, v); }
  s.taken = n;
  return s;
}

void phi_bound_curve(double L1, double kappa, double eta, double it_max, int n, std::vector<double>& it,
                     std::vector<double>& L) {
  it.clear();
  L.clear();
  if (!(it_max > 1) || n < 2) return;
  for (int j = 0; j < n; ++j) {
    const double k = std::pow(10.0, std::log10(it_max) * double(j) / double(n - 1));
    it.push_back(k);
    L.push_back(core::logistic_phi_bound(L1, kappa, (k - 1.0) * eta));
  }
}

double phi_bound_iteration(double L1, double kappa, double eta, double level) {
  if (!(kappa > 0) || !(level > 0) || !(eta > 0)) return 0;
  if (level >= L1) return 1;
  return 1.0 + (core::logistic_phi(L1) - core::logistic_phi(level)) / kappa / eta;
}

// ---------------------------------------------------------------- trajectory
Plane pca_plane(const std::vector<const std::vector<core::Vec>*>& paths) {
  Plane pl;
  core::Index P = -1, n = 0;
  for (const auto* p : paths)
    for (const core::Vec& th : *p) {
      if (P < 0) P = th.size();
      if (th.size() == P) ++n;
    }
  if (P <= 0 || n == 0) return pl;
  core::Vec mean = core::Vec::Zero(P);
  for (const auto* p : paths)
    for (const core::Vec& th : *p)
      if (th.size() == P) mean += th;
  mean /= double(n);
  core::Mat C = core::Mat::Zero(P, P);
  for (const auto* p : paths)
    for (const core::Vec& th : *p)
      if (th.size() == P) {
        const core::Vec d = th - mean;
        C.selfadjointView<Eigen::Lower>().rankUpdate(d);
      }
  C = C.selfadjointView<Eigen::Lower>();
  C /= double(n);
  Eigen::SelfAdjointEigenSolver<core::Mat> es(C);
  pl.c = mean;
  if (es.info() != Eigen::Success || P < 2) {
    pl.u = core::Vec::Unit(P, 0);
    pl.v = P >= 2 ? core::Vec::Unit(P, 1) : core::Vec::Unit(P, 0);
    return pl;
  }
  pl.u = es.eigenvectors().col(P - 1);
  pl.v = es.eigenvectors().col(P - 2);
  // Deterministic sign: the largest-magnitude entry positive.
  for (core::Vec* w : {&pl.u, &pl.v}) {
    core::Index im = 0;
    w->cwiseAbs().maxCoeff(&im);
    if ((*w)[im] < 0) *w = -*w;
  }
  pl.var_u = std::max(0.0, es.eigenvalues()[P - 1]);
  pl.var_v = std::max(0.0, es.eigenvalues()[P - 2]);
  pl.var_total = std::max(0.0, C.trace());
  return pl;
}

Plane coordinate_plane(const core::Vec& c, int i, int j) {
  Plane pl;
  const core::Index P = c.size();
  if (P == 0) return pl;
  i = std::clamp(i, 0, int(P) - 1);
  j = std::clamp(j, 0, int(P) - 1);
  pl.c = c;
  pl.u = core::Vec::Unit(P, i);
  pl.v = core::Vec::Unit(P, j);
  return pl;
}

void project(const Plane& pl, const core::Vec& theta, double& a, double& b) {
  const core::Vec d = theta - pl.c;
  a = d.dot(pl.u);
  b = d.dot(pl.v);
}

double loss_at(const core::Experiment& e, const core::Vec& theta) {
  core::Mat F;
  e.model().f(e.data().X, theta, F);
  return e.loss().value(F, e.data());
}

// ---------------------------------------------------------------- phase
core::Params phase_params(const PhaseConfig& c, int width, int N) {
  core::Params p;
  p.model = "two_layer";
  p.sigma = "tanh";
  p.data = "bench";
  p.loss = "squared";
  p.d = c.d;
  p.width = width;
  p.teacher_width = c.teacher_width;
  p.n = N;
  p.seed = c.seed;
  p.method = "dopri5";
  p.eta = 0;
  p.t_end = c.t_end;
  p.checkpoints = 25;
  p.spacing = "log";
  return p;
}

PhaseCell summarize_cell(const core::Experiment& e, int width, int N) {
  PhaseCell c;
  c.width = width;
  c.N = N;
  c.P = int(e.model().P());
  const core::Trace& tr = e.trace();
  c.status = core::to_string(e.status());
  c.done = e.finished();
  if (tr.size() == 0) return c;
  c.final_loss = tr.back(core::Col::loss);
  const auto R = tr.col(core::Col::R);
  c.min_R = *std::min_element(R.begin(), R.end());
  c.lambda_min = tr.back(core::Col::lambda_min);
  c.lambda_min_pos = tr.back(core::Col::lambda_min_pos);
  return c;
}

}  // namespace ui::logic
