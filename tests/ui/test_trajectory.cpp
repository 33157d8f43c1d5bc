// Figure "trajectory": PCA plane, projections, landscape.
#include "figb_util.hpp"
#include "ui/fig_trajectory_logic.hpp"

using namespace figb;

TEST_CASE("trajectory: protocol") {
  check_protocol("trajectory", "proj=diagonal&inits=99");
  auto f = ui::make_figure("trajectory");
  CHECK(f->set_state("preset=coords&i=2&j=5&inits=3") == "");
  CHECK(f->get_state().find("proj=coords&i=2&j=5&inits=3") != std::string::npos);
}

TEST_CASE("trajectory: complex square — exact plane, lobes reach ±1, the imaginary axis stalls at the saddle") {
  auto f = ui::make_figure("trajectory");
  REQUIRE(f->command("preset:square") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  auto L = column(e, "path_1", "loss");  // 0.3 + 0.2i
  REQUIRE(!L.empty());
  CHECK(L.back() < 1e-8);
  CHECK(column(e, "path_1", "a").back() == doctest::Approx(1.0).epsilon(1e-4));
  L = column(e, "path_3", "loss");  // 1.5i
  CHECK(L.back() == doctest::Approx(0.5).epsilon(1e-3));
  CHECK(std::abs(column(e, "path_3", "a").back()) < 1e-9);
}

TEST_CASE("trajectory: two-layer preset — every path descends and the plane explains most of the motion") {
  auto f = ui::make_figure("trajectory");
  REQUIRE(f->set_state("preset=default") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  for (int k = 1; k <= 4; ++k) {
    const auto L = column(e, "path_" + std::to_string(k), "loss");
    REQUIRE(L.size() > 100);
    CHECK(L.back() < 1e-2 * L.front());
    for (size_t i = 1; i < L.size(); ++i) CHECK(L[i] <= L[i - 1] * (1 + 1e-9));  // gradient flow: L non-increasing
  }
}
