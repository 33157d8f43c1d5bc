// Figure "logistic" (appendix A.5.6): the numbers of paper-notes §4 and §5 T11.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>

#include "core/ntk/bounds.hpp"
#include "figb_util.hpp"
#include "ui/fig_logistic_logic.hpp"

using namespace figb;

TEST_CASE("logistic: protocol") {
  check_protocol("logistic", "iters=1e99");
  auto f = ui::make_figure("logistic");
  CHECK(f->set_state("preset=E2&iters=20000&seed=5") == "");
  CHECK(f->get_state().find("iters=20000&seed=5") != std::string::npos);
}

TEST_CASE("logistic: helpers — local decrease") {
  const double it[] = {1, 2, 4, 8}, L[] = {10, 8, 8.5, 4};
  std::vector<double> x, y;
  CHECK(ui::logic::local_decrease(it, L, 0.1, x, y) == 1);  // 8 → 8.5 is not a decrease
  REQUIRE(x.size() == 2);
  CHECK(x[0] == 10);
  CHECK(y[0] == doctest::Approx(20.0));       // (10 − 8)/(1·0.1)
  CHECK(y[1] == doctest::Approx(4.5 / 0.4));  // (8.5 − 4)/(4·0.1)
}

TEST_CASE("logistic: E1 linear phase — L₀ = 39283.9, decrease 1/6 per unit time, 1.08 × the bound") {
  auto f = ui::make_figure("logistic");
  REQUIRE(f->command("preset:E1_short") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto it = column(e, "loss", "iteration"), L = column(e, "loss", "loss"),
             B = column(e, "loss", "predicted_upper_bound");
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
  const auto it = column(e, "loss", "iteration"), L = column(e, "loss", "loss"),
             B = column(e, "loss", "predicted_upper_bound");
  REQUIRE(!it.empty());
  CHECK(it.back() == 4e6);
  CHECK(L.back() == doctest::Approx(4.1e-6).epsilon(0.05));
  for (size_t i = 0; i < L.size(); ++i) CHECK(L[i] <= B[i] * (1 + 1e-9));
  const auto dy = column(e, "local_decrease", "local_decrease"),
             db = column(e, "local_decrease", "predicted_lower_bound");
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

TEST_CASE("logistic: the series appended checkpoint by checkpoint equal a full rebuild exactly") {
  struct Case {
    bool e2;
    int seed;
    double iters;
  };
  int multi = 0, empty = 0;  // coverage: several / no checkpoints per append
  for (const Case c : {Case{false, 1, 1e5}, Case{true, 5, 2e4}, Case{false, 1, 4e6}}) {
    CAPTURE(c.e2);
    CAPTURE(c.iters);
    core::ExperimentOptions opt;
    opt.spectrum = false;  // as the figure runs it
    auto e = core::Experiment::create(ui::logic::logistic_params(c.e2, c.seed, c.iters, 0.1), std::move(opt));
    REQUIRE(e.ok());
    core::Experiment& x = *e.value;
    x.advance(0);  // the t = 0 checkpoint, as ui::Run records it
    const std::vector<double> prefix = ui::logic::logistic_prefix(x, 0.1);
    REQUIRE(!prefix.empty());
    ui::logic::LogisticSeries inc;
    inc.reset(prefix, 0.1);
    // Irregular slices: none, one or many checkpoints per append, as frames of any length give them.
    const core::Index slices[] = {1, 3, 40, 700, 9000, 60000};
    for (size_t s = 0; !x.finished(); ++s) {
      const size_t before = x.trace().size();
      x.advance(slices[s % 6]);
      const auto t = x.trace().col(core::Col::t), L = x.trace().col(core::Col::loss);
      multi += t.size() > before + 1;
      empty += t.size() == before;
      inc.append(t, L);
      const auto full = ui::logic::logistic_series(prefix, t, L, 0.1);
      REQUIRE(inc.taken == full.taken);
      REQUIRE(inc.it == full.it);  // vector ==: element by element, exact
      REQUIRE(inc.L == full.L);
      REQUIRE(inc.dx == full.dx);
      REQUIRE(inc.dy == full.dy);
      REQUIRE(inc.skipped == full.skipped);
      REQUIRE(inc.lo == full.lo);
      REQUIRE(inc.hi == full.hi);
    }
    CHECK(inc.taken == x.trace().size());
    CHECK(inc.it.back() == c.iters);
    CHECK(inc.dx.size() + size_t(inc.skipped) + 1 == inc.it.size());  // one decrease per consecutive pair
  }
  CHECK(multi > 0);
  CHECK(empty > 0);
  // The runs above never increase: a made-up one with rises, a zero loss, a NaN and checkpoints that
  // round to an iteration already recorded, appended one checkpoint at a time and two at a time.
  const double t[] = {0, 0.3, 0.4, 0.44, 0.6, 0.7, 0.9, 1.2, 1.5, 1.51, 1.8, 2.2};
  const double L[] = {9, 5, 6, 7, 4, 0, 3, NAN, 2, 1, 1, 0.5};
  const double prefix[] = {8, 8.5};  // iterations 1 and 2
  const size_t N = std::size(t);
  const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
  };
  for (size_t step : {1, 2}) {
    CAPTURE(step);
    ui::logic::LogisticSeries inc;
    inc.reset(prefix, 0.1);
    for (size_t n = 1;; n = std::min(n + step, N)) {
      const std::span<const double> tn(t, n), Ln(L, n);
      inc.append(tn, Ln);
      const auto full = ui::logic::logistic_series(prefix, tn, Ln, 0.1);
      CHECK(inc.taken == full.taken);
      CHECK(inc.it == full.it);
      CHECK(same(inc.L, full.L));
      CHECK(inc.dx == full.dx);
      CHECK(inc.dy == full.dy);
      CHECK(inc.skipped == full.skipped);
      CHECK(inc.lo == full.lo);
      CHECK(inc.hi == full.hi);
      if (n == N) break;
    }
    CHECK(inc.skipped > 0);
    CHECK(inc.it.size() == 2 + 9);  // t = 0 (θ₀) is not a record; 0.44 and 1.51 round to iterations already recorded
    CHECK(inc.skipped == 5);        // 8 → 8.5, 5 → 6, from 0, to NaN, from NaN
  }
}
