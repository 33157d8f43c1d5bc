#pragma once
// The benchmark workloads W1–W3 of ../shared/bench/README.md §2, run through Experiment:
// two-layer tanh student on the bit-reproducible bench data, L = (1/2N)Σr², explicit Euler
// (η = 0.5, 2000 steps), checkpoints every 20 steps with the FULL spectrum of G = JᵀJ/N and
// R = ‖Jᵀr‖²/(N‖r‖²). W3: the N×N kernel K = JJᵀ/N at θ₀ and its full spectrum.
#include <string>
#include <vector>

#include "core/flow/params.hpp"
#include "core/status.hpp"
#include "core/types.hpp"

namespace bench {

using core::Index;
using core::Params;
using core::Result;

struct BenchConfig {
  std::string workload = "W2";  // W1 | W2 | W3
  std::uint64_t seed = 42;
  Index d = 8, teacher_width = 4, width = 64;
  Index n = 0;  // 0: the workload's N (W1, W3: 2048; W2: 256)
  double eta = 0.5;
  Index steps = 2000, every = 20;
  Index threads = 1;
};
// Validates the config and maps it onto Params (data=bench, method=euler, t_end = steps·η).
Result<Params> bench_params(const BenchConfig& c);

struct BenchCheckpoint {
  Index step = 0;
  double loss = 0, R = 0, eig_min = 0, eig_max = 0;
  double eig_N = 0;  // N-th largest eigenvalue of G (only when N < P)
};
struct BenchTimings {  // seconds
  double setup = 0, flow = 0, jac = 0, gram = 0, eig = 0, total = 0;
  // With a checkpoint thread (W1/W2, threads ≥ 2): checkpoints the flow thread computed itself,
  // the checkpoint thread's time waiting for work, the time from the last Euler step to the end, and
  // the checkpoint thread's warm-up (compiling the eigensolver in WebAssembly; not part of idle).
  double helped = 0, idle = 0, tail = 0, warm = 0;
};
struct BenchFlowResult {
  std::vector<BenchCheckpoint> ckpts;
  double final_loss = 0, min_R = 0;
  Index min_R_step = 0, N = 0, P = 0;
  bool has_eig_N = false;
  std::string status, run_hash;
  BenchTimings time;
};
Result<BenchFlowResult> run_bench_flow(const BenchConfig& c);  // W1, W2 (and scaled variants)

struct BenchW3Result {
  Index N = 0, P = 0;
  double loss0 = 0, eig_max = 0, eig_P_th_largest = 0, eig_min = 0, trace = 0;
  Index n_eig_above_1e_10 = 0;
  double max_abs_diff_topP_vs_gram = 0;  // top-P eigenvalues of K vs the spectrum of G
  std::string run_hash;
  BenchTimings time;
};
Result<BenchW3Result> run_bench_w3(const BenchConfig& c);

}  // namespace bench
