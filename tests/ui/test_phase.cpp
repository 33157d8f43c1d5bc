// Figure "phase": λ_min(K) = 0 exactly above the line N = P (N > P), R > 0 everywhere.
#include "figb_util.hpp"
#include "ui/fig_phase_logic.hpp"

using namespace figb;

TEST_CASE("phase: protocol") {
  check_protocol("phase", "colour=purple");
  auto f = ui::make_figure("phase");
  CHECK(f->set_state("preset=default&colour=min_R") == "");
  CHECK(f->get_state().find("colour=min_R") != std::string::npos);
}

TEST_CASE("phase: cell parameters and summaries") {
  ui::logic::PhaseConfig c;
  const core::Params p = ui::logic::phase_params(c, 4, 64);
  auto e = core::Experiment::create(p);
  REQUIRE(e.ok());
  CHECK(e.value->model().P() == 4 * (c.d + 1));
  CHECK(e.value->data().N() == 64);
  while (!e.value->finished()) e.value->advance(1000);
  const auto s = ui::logic::summarize_cell(*e.value, 4, 64);
  CHECK(s.done);
  CHECK(s.P == 16);
  CHECK(s.lambda_min == 0.0);
  CHECK(s.min_R > 0.0);
  CHECK(s.final_loss < e.value->trace().at(core::Col::loss, 0));
}

TEST_CASE(
    "phase: the whole grid — λ_min(K) = 0 iff N > P, min R > 0; final loss < 5e-4 for widths ≥ 2 (which can represent the width-2 teacher), > 1e-3 for width 1 once N ≥ 64") {
  auto f = ui::make_figure("phase");
  REQUIRE(f->set_state("preset=default") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto P = column(e, "phase", "P"), N = column(e, "phase", "N"), lm = column(e, "phase", "lambda_min_K");
  const auto R = column(e, "phase", "min_R"), L = column(e, "phase", "final_loss"), done = column(e, "phase", "done");
  const auto w = column(e, "phase", "width");
  REQUIRE(P.size() == 56);
  for (size_t i = 0; i < P.size(); ++i) {
    CAPTURE(P[i]);
    CAPTURE(N[i]);
    CHECK(done[i] == 1);
    if (N[i] > P[i])
      CHECK(lm[i] == 0.0);
    else
      CHECK(lm[i] > 0.0);
    CHECK(R[i] > 0.0);
    // What Figure 4's text states, exactly: expressive students end below 5·10⁻⁴ on both sides of N = P;
    // width 1 cannot represent the teacher and, from N = 64 on, ends above 10⁻³.
    if (w[i] >= 2)
      CHECK(L[i] < 5e-4);
    else if (N[i] >= 64)
      CHECK(L[i] > 1e-3);
  }
}
