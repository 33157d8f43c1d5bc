// Figure "trajectory": PCA plane, projections, landscape.
#include "figb_util.hpp"
#include "ui/fig_logic.hpp"

using namespace figb;

TEST_CASE("trajectory: protocol") {
  check_protocol("trajectory", "proj=diagonal&inits=99");
  auto f = ui::make_figure("trajectory");
  CHECK(f->set_state("preset=coords&i=2&j=5&inits=3") == "");
  CHECK(f->get_state().find("proj=coords&i=2&j=5&inits=3") != std::string::npos);
}

TEST_CASE("trajectory: PCA of paths lying in a plane recovers that plane (100% of the variance)") {
  const int P = 6;
  core::Vec c = core::Vec::LinSpaced(P, 1, 2), u = core::Vec::Zero(P), v = core::Vec::Zero(P);
  u << 1, 1, 0, 0, 0, 0;
  v << 0, 0, 1, -1, 1, 0;
  u.normalize();
  v.normalize();
  std::vector<core::Vec> p1, p2;
  for (int i = 0; i < 40; ++i) {
    p1.push_back(c + 3.0 * std::cos(0.1 * i) * u + 0.5 * std::sin(0.3 * i) * v);
    p2.push_back(c - 1.0 * u + 0.2 * i * v);
  }
  const auto pl = ui::logic::pca_plane({&p1, &p2});
  REQUIRE(pl.ok());
  CHECK(pl.u.norm() == doctest::Approx(1.0));
  CHECK(pl.v.norm() == doctest::Approx(1.0));
  CHECK(std::abs(pl.u.dot(pl.v)) < 1e-12);
  CHECK((pl.var_u + pl.var_v) / pl.var_total == doctest::Approx(1.0).epsilon(1e-10));
  for (const auto* path : {&p1, &p2})
    for (const core::Vec& th : *path) {
      double a, b;
      ui::logic::project(pl, th, a, b);
      CHECK((pl.c + a * pl.u + b * pl.v - th).norm() < 1e-10);  // the plane contains every point
    }
  const auto cp = ui::logic::coordinate_plane(c, 2, 4);
  double a, b;
  ui::logic::project(cp, p1[5], a, b);
  CHECK(a == doctest::Approx(p1[5][2] - c[2]));
  CHECK(b == doctest::Approx(p1[5][4] - c[4]));
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
