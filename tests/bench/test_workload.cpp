// Heavy reference workloads W1 and W3 (../shared/bench/README.md §3). TEST_SUITE "heavy": CMake passes
// --test-suite-exclude=heavy to core_tests for WASM, sanitizer and non-Release builds.
#include <doctest/doctest.h>

#include <cmath>

#include "bench/workload.hpp"

using namespace core;
using namespace bench;

namespace {
bool rel(double a, double ref, double tol) { return std::abs(a - ref) <= tol * std::abs(ref); }
}  // namespace

TEST_SUITE("heavy") {
  TEST_CASE("bench W1: final loss, min R, eig max within 1e-12 rel; eig min within 1e-14 eig max") {
    BenchConfig c;
    c.workload = "W1";
    auto r = run_bench_flow(c);
    REQUIRE_MESSAGE(r.ok(), r.error);
    const BenchFlowResult& b = r.value;
    REQUIRE(b.ckpts.size() == 101);
    CHECK(b.status == "done");
    CHECK(rel(b.ckpts[0].loss, 0.1266440989558175, 1e-14));
    CHECK(rel(b.final_loss, 0.002622614944043101, 1e-12));
    CHECK(rel(b.min_R, 4.8247330097394756e-4, 1e-12));
    CHECK(b.min_R_step == 2000);
    CHECK(rel(b.ckpts.back().eig_max, 0.10803616494787095, 1e-12));
    CHECK(std::abs(b.ckpts.back().eig_min - 2.476177034805651e-10) <= 1e-14 * 0.10803616494787095);
  }

  TEST_CASE("bench W3: spectrum of K = JJ^T/N at theta0 (lambda_1, trace 1e-12 rel; lambda_576 1e-14 lambda_1)") {
    BenchConfig c;
    c.workload = "W3";
    auto r = run_bench_w3(c);
    REQUIRE_MESSAGE(r.ok(), r.error);
    const BenchW3Result& b = r.value;
    CHECK(b.N == 2048);
    CHECK(rel(b.loss0, 0.1266440989558175, 1e-14));
    CHECK(rel(b.eig_max, 0.11796609435584234, 1e-12));
    CHECK(rel(b.trace, 0.8798431770130728, 1e-12));
    CHECK(std::abs(b.eig_P_th_largest - 5.378941885793374e-9) <= 1e-14 * 0.11796609435584234);
    CHECK(b.n_eig_above_1e_10 == 576);
    CHECK(b.max_abs_diff_topP_vs_gram <= 1e-15);
  }
}

TEST_CASE("bench config: invalid workloads and schedules are errors") {
  BenchConfig c;
  c.workload = "W4";
  CHECK(!run_bench_flow(c).ok());
  c.workload = "W2";
  c.every = 7;  // 2000 is not a multiple of 7
  CHECK(!bench_params(c).ok());
  c.every = 20;
  c.width = 0;
  CHECK(!bench_params(c).ok());
  c.width = 64;
  c.n = 3;
  c.steps = 4;
  c.every = 2;
  auto r = run_bench_flow(c);  // a tiny scaled workload runs and reports 3 checkpoints
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.value.ckpts.size() == 3);
  CHECK(r.value.ckpts[2].step == 4);
}

TEST_CASE("bench W1 scaled: the checkpoint thread changes no bit (threads 1, 2, 3)") {
  // With ≥ 2 threads (native, web-mt) the checkpoints run on a second thread, or on the flow thread
  // when the hand-over buffers are full; every 2nd step is a checkpoint here, so both happen.
  BenchConfig c;
  c.workload = "W1";
  c.n = 96;  // N < P: the N×N kernel path, eig_N reported
  c.steps = 60;
  c.every = 2;
  c.threads = 1;
  auto one = run_bench_flow(c);
  REQUIRE_MESSAGE(one.ok(), one.error);
  REQUIRE(one.value.ckpts.size() == 31);
  for (int threads : {2, 3}) {
    c.threads = threads;
    auto r = run_bench_flow(c);
    REQUIRE_MESSAGE(r.ok(), r.error);
    REQUIRE(r.value.ckpts.size() == one.value.ckpts.size());
    CHECK(r.value.run_hash == one.value.run_hash);
    for (size_t i = 0; i < one.value.ckpts.size(); ++i) {
      const BenchCheckpoint &a = one.value.ckpts[i], &b = r.value.ckpts[i];
      CHECK(b.step == a.step);
      CHECK(b.loss == a.loss);
      CHECK(b.R == a.R);
      CHECK(b.eig_min == a.eig_min);
      CHECK(b.eig_max == a.eig_max);
      CHECK(b.eig_N == a.eig_N);
    }
    CHECK(one.value.ckpts.back().eig_max > 0.0);
  }
}
