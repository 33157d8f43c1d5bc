// Figure "logistic" (appendix A.5.6): the numbers of paper-notes §4 and §5 T11.
#include <algorithm>

#include "core/bounds.hpp"
#include "figb_util.hpp"
#include "ui/fig_logic.hpp"

using namespace figb;

TEST_CASE("logistic: protocol") {
  check_protocol("logistic", "iters=1e99");
  auto f = ui::make_figure("logistic");
  CHECK(f->set_state("preset=E2&iters=20000&seed=5") == "");
  CHECK(f->get_state().find("iters=20000&seed=5") != std::string::npos);
}

TEST_CASE("logistic: helpers — local decrease, Φ bound curve and its hitting iteration") {
  const double it[] = {1, 2, 4, 8}, L[] = {10, 8, 8.5, 4};
  std::vector<double> x, y;
  CHECK(ui::logic::local_decrease(it, L, 0.1, x, y) == 1);  // 8 → 8.5 is not a decrease
  REQUIRE(x.size() == 2);
  CHECK(x[0] == 10);
  CHECK(y[0] == doctest::Approx(20.0));        // (10 − 8)/(1·0.1)
  CHECK(y[1] == doctest::Approx(4.5 / 0.4));   // (8.5 − 4)/(4·0.1)
  std::vector<double> bi, bl;
  ui::logic::phi_bound_curve(2.0, 0.01, 0.1, 1e6, 50, bi, bl);
  REQUIRE(bi.size() == 50);
  CHECK(bi.front() == doctest::Approx(1.0));
  CHECK(bl.front() == doctest::Approx(2.0));
  CHECK(std::is_sorted(bl.rbegin(), bl.rend()));
  const double k = ui::logic::phi_bound_iteration(2.0, 0.01, 0.1, 1e-3);
  CHECK(core::logistic_phi_bound(2.0, 0.01, (k - 1) * 0.1) == doctest::Approx(1e-3).epsilon(1e-8));
}

TEST_CASE("logistic: E1 linear phase — L₀ = 39283.9, decrease 1/6 per unit time, 1.08 × the bound") {
  auto f = ui::make_figure("logistic");
  REQUIRE(f->command("preset:E1_short") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto it = column(e, "loss", "iteration"), L = column(e, "loss", "loss"), B = column(e, "loss", "predicted_upper_bound");
  REQUIRE(it.size() > 1000);
  CHECK(it.front() == 1);
  CHECK(L.front() == doctest::Approx(39283.9).epsilon(1e-5));
  for (size_t i = 0; i < L.size(); ++i) CHECK(L[i] <= B[i] * (1 + 1e-12));
  const auto dx = column(e, "local_decrease", "loss"), dy = column(e, "local_decrease", "local_decrease"),
             db = column(e, "local_decrease", "predicted_lower_bound");
  REQUIRE(dy.size() > 100);
  const size_t m = dy.size() - 1;  // deep in the linear phase
  CHECK(dy[m] == doctest::Approx(1.0 / 6.0).epsilon(1e-3));
  CHECK(db[m] == doctest::Approx(0.154321).epsilon(1e-5));
  CHECK(dy[m] / db[m] == doctest::Approx(1.08).epsilon(2e-3));
  for (size_t i = 0; i < dy.size(); ++i) CHECK(dy[i] >= db[i] * (1 - 1e-6));
}

TEST_CASE("logistic: E1 to 4·10⁶ iterations — three phases, L ≈ 4.1e-6, tail ratio ≈ n²·1.08") {
  auto f = ui::make_figure("logistic");
  REQUIRE(f->set_state("preset=default") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto it = column(e, "loss", "iteration"), L = column(e, "loss", "loss"), B = column(e, "loss", "predicted_upper_bound");
  REQUIRE(!it.empty());
  CHECK(it.back() == 4e6);
  CHECK(L.back() == doctest::Approx(4.1e-6).epsilon(0.05));
  for (size_t i = 0; i < L.size(); ++i) CHECK(L[i] <= B[i] * (1 + 1e-9));
  const auto dy = column(e, "local_decrease", "local_decrease"), db = column(e, "local_decrease", "predicted_lower_bound");
  CHECK(dy.back() / db.back() == doctest::Approx(9.72).epsilon(0.03));
}

TEST_CASE("logistic: E2-like instance (our seed) — loss below the bound, labelled as our generator") {
  auto f = ui::make_figure("logistic");
  REQUIRE(f->set_state("preset=E2&iters=20000") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto L = column(e, "loss", "loss"), B = column(e, "loss", "predicted_upper_bound");
  REQUIRE(L.size() > 100);
  for (size_t i = 0; i < L.size(); ++i) CHECK(L[i] <= B[i] * (1 + 1e-12));
  CHECK(L.back() < 1e-2 * B.back());  // far below the bound (small margin)
  const core::Json* runs = e.find("runs");
  REQUIRE(runs);
  CHECK(runs->arr.size() == 1);
  CHECK(f->export_data("csv").find("data=logistic_e2") != std::string::npos);
}
