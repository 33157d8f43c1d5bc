// Figure "headline", view "hypotheses along the run": the plotted quantities against independent
// computations — ‖θ_t − θ₀‖ from the run's θ, the kernel drift from the N×N kernels themselves —
// and the inequalities the main result asserts (the run stays inside the path-length radius).
#include <Eigen/Eigenvalues>
#include <cmath>

#include "core/flow/probe.hpp"
#include "core/ntk/kernel.hpp"
#include "figb_util.hpp"
#include "ui/fig_headline_logic.hpp"
#include "ui/run.hpp"

using namespace figb;

namespace {
// ‖K_a − K_b‖_op straight from the definition K = W^{1/2} J Jᵀ W^{1/2} (core::kernel_matrix).
double drift_direct(const core::Mat& Ja, const core::Mat& Jb, const core::Vec& wk) {
  core::Mat Ka, Kb;
  core::kernel_matrix(Ja, wk, Ka);
  core::kernel_matrix(Jb, wk, Kb);
  core::Mat D = Ka - Kb;
  D = (D + D.transpose()).eval() * 0.5;
  const core::Vec ev = Eigen::SelfAdjointEigenSolver<core::Mat>(D, Eigen::EigenvaluesOnly).eigenvalues();
  return std::max(std::abs(ev[0]), std::abs(ev[ev.size() - 1]));
}
}  // namespace

TEST_CASE("guarantees: the exported series are those of the run, and the run stays inside the radii") {
  for (const char* preset : {"guarantees", "guarantees_over", "guarantees_wide"}) {
    CAPTURE(preset);
    auto f = ui::make_figure("headline");
    REQUIRE(f->set_state(std::string("preset=") + preset) == "");
    CHECK(f->get_state().find("view=guarantees") != std::string::npos);
    run_to_end(*f);
    const core::Json e = exported(*f);
    const auto t = column(e, "guarantees", "t"), L = column(e, "guarantees", "loss"), R = column(e, "guarantees", "R");
    const auto dist = column(e, "guarantees", "dist_theta0"), path = column(e, "guarantees", "path_length");
    const auto drift = column(e, "guarantees", "kernel_drift"), rho = column(e, "guarantees", "rho_running_min_R");
    const auto rR = column(e, "guarantees", "radius_R"), l0 = column(e, "guarantees", "lambda0");
    const auto half = column(e, "guarantees", "half_lambda0"), rntk = column(e, "guarantees", "radius_ntk");
    REQUIRE(t.size() == 121);
    // Independent: the same run, θ kept, J and K recomputed at each checkpoint.
    ui::logic::HeadlineConfig c;
    const std::string p = preset;
    if (p == "guarantees_over") c.N = 6;
    if (p == "guarantees_wide") {
      c.width = 8;
      c.N = 2;
    }
    ui::Run run;
    REQUIRE(run.start(ui::logic::headline_params(c)) == "");
    while (!run.finished()) run.advance(1e9);
    REQUIRE(run.size() == 121);
    const core::Experiment& x = run.exp();
    core::Mat J0, J;
    core::Vec wk;
    core::jacobian_at(x, run.thetas()[0], J0, wk);
    const auto s0 = ui::logic::kernel_spectrum(x, run.thetas()[0]);
    const double L0 = run.col(core::Col::loss)[0];
    CHECK(l0[0] == s0.lambda_min_K);
    CHECK(half[0] == s0.lambda_min_K / 2);
    if (c.N > ui::logic::headline_P(c)) {
      CHECK(l0[0] == 0.0);
      CHECK_FALSE(std::isfinite(rntk[0]));
    } else {
      CHECK(l0[0] > 0.0);
      CHECK(rntk[0] == doctest::Approx(2 * std::sqrt(L0 / s0.lambda_min_K)).epsilon(1e-12));
    }
    double minR = HUGE_VAL;
    for (size_t i = 0; i < t.size(); ++i) {
      CAPTURE(i);
      CHECK(t[i] == run.col(core::Col::t)[i]);
      CHECK(L[i] == run.col(core::Col::loss)[i]);
      CHECK(R[i] == run.col(core::Col::R)[i]);
      CHECK(dist[i] == doctest::Approx((run.thetas()[i] - run.thetas()[0]).norm()).epsilon(1e-12));
      core::jacobian_at(x, run.thetas()[i], J, wk);
      const double dd = drift_direct(J, J0, wk);
      CHECK(std::abs(drift[i] - dd) <= 1e-8 * dd + 1e-14);
      minR = std::min(minR, R[i]);
      CHECK(rho[i] == minR);
      CHECK(rho[i] > 0.0);
      // The main result's conclusion along the run: ‖θ_t − θ₀‖ ≤ path ≤ √(2/ρ)(√L₀ − √L_t).
      CHECK(dist[i] <= path[i] + 1e-12);
      CHECK(rR[i] == doctest::Approx(std::sqrt(2 / rho[i]) * (std::sqrt(L0) - std::sqrt(L[i]))).epsilon(1e-12));
      CHECK(path[i] <= rR[i] * (1 + 1e-6) + 1e-12);
    }
    if (p == "guarantees_wide") {  // the classical instance holds along the run
      for (size_t i = 0; i < t.size(); ++i) {
        CHECK(drift[i] < half[i]);
        CHECK(dist[i] <= rntk[i]);
      }
    } else {  // it fails somewhere along the run (at t = 0 when λ₀ = 0)
      bool fails = false;
      for (size_t i = 0; i < t.size(); ++i) fails |= !(drift[i] < half[i]);
      CHECK(fails);
    }
  }
}
