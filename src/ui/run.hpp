// One gradient-flow run for a figure: a core::Experiment advanced in time slices (so a frame
// never blocks), plus θ recorded at every checkpoint (the core's trace keeps scalars only).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/flow/experiment.hpp"
#include "ui/budget.hpp"

namespace ui {

class Run {
 public:
  // Builds the experiment; returns "" or the core's error message (the run is then empty).
  // keep_spectra: keep every checkpoint's full spectrum (spectra()), as the experiment computed it.
  // keep_thetas: keep θ at every checkpoint (thetas()); a figure that never reads θ passes false.
  std::string start(const core::Params& p, bool spectrum = true, bool keep_spectra = false, bool keep_thetas = true);
  void clear();
  bool valid() const { return exp_ != nullptr; }
  // Advances until about budget_ms of wall time is spent or the run ends. True if a checkpoint was added.
  bool advance(double budget_ms);
  // The same within a shared frame budget: one item per integrator chunk (~1 ms); nothing if it is spent.
  bool advance(Budget& b);
  // Advances until one more checkpoint is recorded (or max_ms elapses).
  bool step_checkpoint(double max_ms = 200.0);

  const core::Experiment& exp() const { return *exp_; }
  const core::Trace& trace() const { return exp_->trace(); }
  std::span<const double> col(core::Col c) const;
  // Per checkpoint, unless started without keep_thetas (then empty).
  const std::vector<core::Vec>& thetas() const { return *thetas_; }
  // Per checkpoint, when started with keep_spectra (else empty).
  const std::vector<core::Spectrum>& spectra() const { return *spectra_; }
  core::Index size() const { return valid() ? exp_->trace().size() : 0; }
  // Last checkpoint with time ≤ t (0 if none recorded yet beyond the first; -1 if empty).
  int index_at(double t) const;
  double t_live() const;  // time of the last checkpoint
  double t_end() const;   // scheduled end
  bool finished() const { return !valid() || exp_->finished(); }
  bool diverged() const;
  std::string status_text() const;  // e.g. "running", "done", "diverged (loss blew up) at t = 3.2"
  const std::string& error() const { return error_; }

 private:
  using Index = core::Index;
  std::unique_ptr<core::Experiment> exp_;
  std::shared_ptr<std::vector<core::Vec>> thetas_ = std::make_shared<std::vector<core::Vec>>();
  std::shared_ptr<std::vector<core::Spectrum>> spectra_ = std::make_shared<std::vector<core::Spectrum>>();
  std::string error_;
  double chunk_ = 4;  // integrator steps per advance() call, adapted to ~1 ms
};

}  // namespace ui
