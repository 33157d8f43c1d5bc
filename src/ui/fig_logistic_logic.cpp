#include "ui/fig_logistic_logic.hpp"

#include <algorithm>
#include <cmath>

namespace ui::logic {

// ---------------------------------------------------------------- logistic
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
  return core::gd_losses(e, eta, std::clamp(first - 1, 1, 5000));
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
  if (loss > 0) {
    lo = std::min(lo, loss);
    hi = std::max(hi, loss);
  }
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
  for (size_t j = 0; j < prefix.size(); ++j) {
    s.it.push_back(double(j + 1));
    s.L.push_back(prefix[j]);
  }
  const size_t n = std::min(t.size(), loss.size());
  for (size_t j = 1; j < n; ++j) {
    const double k = std::round(t[j] / eta);
    if (!s.it.empty() && k <= s.it.back()) continue;
    s.it.push_back(k);
    s.L.push_back(loss[j]);
  }
  s.skipped = local_decrease(s.it, s.L, eta, s.dx, s.dy);
  for (double v : s.L)
    if (v > 0) {
      s.lo = std::min(s.lo, v);
      s.hi = std::max(s.hi, v);
    }
  s.taken = n;
  return s;
}

}  // namespace ui::logic
