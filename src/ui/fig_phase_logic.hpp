// The phase diagram's computations (not its drawing): one teacher–student run per (width, N) cell
// and its summary. GL/ImGui-free (tests/ui).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/flow/experiment.hpp"
#include "core/flow/params.hpp"

namespace ui::logic {

// ---- phase diagram ----
struct PhaseConfig {
  std::vector<int> widths = {1, 2, 3, 4, 6, 8, 12, 16};
  std::vector<int> Ns = {4, 8, 16, 32, 64, 128, 256};
  int d = 3, teacher_width = 2;
  std::uint64_t seed = 10;
  double t_end = 1500;
};
core::Params phase_params(const PhaseConfig& c, int width, int N);
struct PhaseCell {
  int width = 0, N = 0, P = 0;
  double final_loss = 0, min_R = 0, lambda_min = 0, lambda_min_pos = 0;
  std::string status;  // "done", "diverged…", error text
  bool done = false;
};
// Summarizes a finished (or stopped) experiment into a cell.
PhaseCell summarize_cell(const core::Experiment& e, int width, int N);

}  // namespace ui::logic
