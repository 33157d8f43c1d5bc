// A figure built on one gradient-flow run from preset parameters (bounds, factorisation): the
// run's hooks (restart, time-sliced advance, step, times), the seed as figure state, and a
// status line with the model, N, P and the run's progress.
#pragma once

#include <string>
#include <vector>

#include "core/flow/params.hpp"
#include "ui/figure.hpp"

namespace ui {

class RunFigure : public Figure {
 protected:
  RunFigure() {
    fields_.integer("seed", "seed of data and initialisation (Params seed)", params_.seed, 0, 1000000).param = "seed";
  }
  void restart() override { run_.start(params_); }
  void advance(Budget& b) override { run_.advance(b); }
  void step_once() override { run_.step_checkpoint(); }
  double t_live() const override { return run_.t_live(); }
  double t_end() const override { return params_.t_end; }
  bool finished() const override { return run_.finished(); }
  std::string status() const override {
    if (!run_.valid() || run_.diverged()) return run_.status_text();
    return params_.model + " · N = " + std::to_string(run_.exp().data().N()) +
           " · P = " + std::to_string(run_.exp().model().P()) + " · " + run_.status_text();
  }
  std::vector<const Run*> runs() const override { return {&run_}; }

  core::Params params_;
  Run run_;
};

}  // namespace ui
