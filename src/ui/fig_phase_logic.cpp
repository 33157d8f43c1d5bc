#include "ui/fig_phase_logic.hpp"

#include <algorithm>

namespace ui::logic {

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
