#include "ui/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "ui/format.hpp"

namespace ui {
namespace {
double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

std::string Run::start(const core::Params& p, bool spectrum, bool keep_spectra, bool keep_thetas) {
  clear();
  auto thetas = std::make_shared<std::vector<core::Vec>>();
  auto spectra = std::make_shared<std::vector<core::Spectrum>>();
  core::ExperimentOptions opt;
  opt.spectrum = spectrum;
  opt.on_checkpoint = [thetas, spectra, keep_spectra, keep_thetas](const core::CheckpointView& v) {
    if (keep_thetas) thetas->push_back(v.theta);
    if (keep_spectra && v.spectrum) spectra->push_back(*v.spectrum);
  };
  auto r = core::Experiment::create(p, std::move(opt));
  if (!r.ok()) {
    error_ = r.error;
    return error_;
  }
  exp_ = std::move(r.value);
  thetas_ = std::move(thetas);
  spectra_ = std::move(spectra);
  exp_->advance(0);  // records the t = 0 checkpoint
  return "";
}

void Run::clear() {
  exp_.reset();
  thetas_ = std::make_shared<std::vector<core::Vec>>();
  spectra_ = std::make_shared<std::vector<core::Spectrum>>();
  error_.clear();
  chunk_ = 4;
}

bool Run::advance(double budget_ms) {
  Budget b(budget_ms);
  return advance(b);
}

bool Run::advance(Budget& b) {
  if (!valid() || exp_->finished()) return false;
  const Index before = exp_->trace().size();
  while (b.left() && !exp_->finished()) {
    const double a = now_ms();
    const Index n0 = exp_->trace().size();
    // Up to chunk_ integrator steps, back to the clock after each checkpoint: recording one (a
    // Jacobian, usually a spectrum) costs as much as many steps, and early on, where log-spaced
    // checkpoints are dense, nearly every step ends on one.
    exp_->advance(Index(chunk_), /*until_checkpoint=*/true);
    b.spend();
    // Only a chunk of plain steps (no checkpoint, not finished) tells the cost of a step: aim at ~1 ms per chunk.
    if (!exp_->finished() && exp_->trace().size() == n0) {
      const double dt = now_ms() - a;
      chunk_ = std::clamp(chunk_ * (dt > 1e-3 ? std::clamp(1.0 / dt, 0.5, 2.0) : 2.0), 1.0, 1e5);
    }
  }
  return exp_->trace().size() > before;
}

bool Run::step_checkpoint(double max_ms) {
  if (!valid() || exp_->finished()) return false;
  const Index before = exp_->trace().size();
  const double t0 = now_ms();
  while (!exp_->finished() && exp_->trace().size() == before && now_ms() - t0 < max_ms)
    exp_->advance(Index(chunk_), /*until_checkpoint=*/true);
  return exp_->trace().size() > before;
}

std::span<const double> Run::col(core::Col c) const {
  if (!valid()) return {};
  return exp_->trace().col(c);
}

int Run::index_at(double t) const {
  if (!valid() || exp_->trace().size() == 0) return -1;
  const auto ts = exp_->trace().col(core::Col::t);
  const auto it = std::upper_bound(ts.begin(), ts.end(), t + 1e-12 * std::max(1.0, std::abs(t)));
  return std::max(0, int(it - ts.begin()) - 1);
}

double Run::t_live() const { return valid() && exp_->trace().size() ? exp_->trace().back(core::Col::t) : 0.0; }
double Run::t_end() const { return valid() ? exp_->params().t_end : 0.0; }

bool Run::diverged() const {
  if (!valid()) return false;
  const auto s = exp_->status();
  return s == core::RunStatus::nonfinite || s == core::RunStatus::blowup || s == core::RunStatus::step_collapse;
}

std::string Run::status_text() const {
  if (!valid()) return error_.empty() ? "no run" : "error: " + error_;
  switch (exp_->status()) {
    case core::RunStatus::running: return "running";
    case core::RunStatus::done: return "done";
    case core::RunStatus::cancelled: return "stopped";
    case core::RunStatus::nonfinite: return "diverged (non-finite values) at t = " + fmt_sci(exp_->t_fail());
    case core::RunStatus::blowup: return "diverged (loss blew up) at t = " + fmt_sci(exp_->t_fail());
    case core::RunStatus::step_collapse: return "integrator step collapsed at t = " + fmt_sci(exp_->t_fail());
  }
  return "?";
}

}  // namespace ui
