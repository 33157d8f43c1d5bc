// Figure "headline": teacher–student two-layer net, N across P.
#include <algorithm>

#include "core/ntk/kernel.hpp"
#include "figb_util.hpp"
#include "ui/fig_headline_logic.hpp"
#include "ui/run.hpp"

using namespace figb;

TEST_CASE("headline: protocol (state round trip, hostile input, presets, exports)") {
  check_protocol("headline", "N=99999&m=abc");
  auto f = ui::make_figure("headline");
  CHECK(f->set_state("preset=default&N=99999") != "");
  CHECK(f->get_state().find("N=36") != std::string::npos);  // out of range → message, default kept
  CHECK(f->set_state("preset=default&N=20&m=2&seed=3") == "");
  CHECK(f->get_state().find("N=20&m=2&seed=3") != std::string::npos);
}

TEST_CASE("headline: the spectrum of K has min(N, P) nonzero eigenvalues; sum = trace K; λ_min ≤ R ≤ λ_max") {
  ui::logic::HeadlineConfig c;
  for (int N : {6, 12, 36}) {
    CAPTURE(N);
    c.N = N;
    auto e = core::Experiment::create(ui::logic::headline_params(c));
    REQUIRE(e.ok());
    const core::Vec th = e.value->theta0();
    const auto s = ui::logic::kernel_spectrum(*e.value, th);
    const int P = ui::logic::headline_P(c);
    CHECK(P == 12);
    CHECK(int(s.eigs.size()) == std::min(N, P));
    CHECK(s.forced_zeros == std::max(0, N - P));
    CHECK(std::is_sorted(s.eigs.rbegin(), s.eigs.rend()));
    core::Mat J;
    core::jacobian(e.value->model(), e.value->data().X, th, J);
    double tr = 0;
    for (int i = 0; i < N; ++i) tr += J.row(i).squaredNorm() / N;
    double sum = 0;
    for (double v : s.eigs) sum += v;
    CHECK(sum == doctest::Approx(tr).epsilon(1e-10));
    if (N > P)
      CHECK(s.lambda_min_K == 0.0);
    else
      CHECK(s.lambda_min_K > 0.0);
  }
  const double v[] = {3e-3, 0.0, -1.0, 2e-5, 0.5};
  CHECK(ui::logic::log_floor(v, 1.0) == doctest::Approx(1e-6));
  const double w[] = {0.2, 0.5};
  CHECK(ui::logic::log_floor(w, 1.0) == doctest::Approx(1e-6));  // at most 1e-6 of the top
}

TEST_CASE("headline: the spectra it plots are those its run recorded, equal to the spectrum recomputed at each θ") {
  ui::logic::HeadlineConfig c;
  for (int N : {6, 36}) {  // spectrum of K (N < P) and of G (N > P)
    CAPTURE(N);
    c.N = N;
    c.checkpoints = 9;
    ui::Run run;
    REQUIRE(run.start(ui::logic::headline_params(c), true, /*keep_spectra=*/true) == "");
    while (!run.finished()) run.advance(1e9);
    REQUIRE(run.size() == 9);
    REQUIRE(run.spectra().size() == 9);
    for (size_t i = 0; i < 9; ++i) {
      const auto a = ui::logic::kernel_spectrum(run.spectra()[i]);
      const auto b = ui::logic::kernel_spectrum(run.exp(), run.thetas()[i]);
      CHECK(a.eigs == b.eigs);  // bit for bit: the same computation at the same θ
      CHECK(a.lambda_max == b.lambda_max);
      CHECK(a.lambda_min_K == b.lambda_min_K);
      CHECK(a.forced_zeros == b.forced_zeros);
      CHECK(a.tol == b.tol);
    }
  }
  ui::Run plain;  // without keep_spectra nothing is kept
  REQUIRE(plain.start(ui::logic::headline_params(c)) == "");
  plain.advance(1e9);
  CHECK(plain.spectra().empty());
}

TEST_CASE("Run keeps θ at every checkpoint unless told not to (the headline plots spectra only)") {
  ui::logic::HeadlineConfig c;
  c.checkpoints = 9;
  ui::Run kept, lean;
  REQUIRE(kept.start(ui::logic::headline_params(c), true, /*keep_spectra=*/true) == "");  // θ kept by default
  REQUIRE(lean.start(ui::logic::headline_params(c), true, /*keep_spectra=*/true, /*keep_thetas=*/false) == "");
  while (!kept.finished()) kept.advance(1e9);
  while (!lean.finished()) lean.advance(1e9);
  REQUIRE(kept.size() == 9);
  REQUIRE(lean.size() == 9);
  CHECK(kept.thetas().size() == 9);
  CHECK(kept.thetas().front() == kept.exp().theta0());
  CHECK(lean.thetas().empty());
  REQUIRE(lean.spectra().size() == 9);  // the rest is as with θ kept, bit for bit
  for (size_t i = 0; i < 9; ++i) CHECK(lean.spectra()[i].eigs == kept.spectra()[i].eigs);
  for (int k = 0; k < int(core::Col::count); ++k) {
    const auto a = kept.col(core::Col(k)), b = lean.col(core::Col(k));
    CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end(),
                     [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }));
  }
  // Figures that read θ (witness, trajectory, population, toy2d) start their runs with the default.
  ui::Run plain;
  REQUIRE(plain.start(ui::logic::headline_params(c), false) == "");
  while (!plain.finished()) plain.advance(1e9);
  CHECK(plain.thetas().size() == plain.size());
}

TEST_CASE("headline: N > P — λ_min(K) = 0 all along, R stays bounded below, the loss converges") {
  auto f = ui::make_figure("headline");
  REQUIRE(f->set_state("preset=default") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto L = column(e, "headline", "loss"), R = column(e, "headline", "R"),
             lmin = column(e, "headline", "lambda_min_K");
  const auto zeros = column(e, "headline", "forced_zero_eigenvalues"), last = column(e, "headline", "eig_12");
  REQUIRE(L.size() == 121);
  CHECK(column(e, "headline", "eig_13").empty());  // P = 12 nonzero eigenvalues
  double minR = 1e300;
  for (size_t i = 0; i < L.size(); ++i) {
    CHECK(lmin[i] == 0.0);
    CHECK(zeros[i] == 24);
    minR = std::min(minR, R[i]);
  }
  CHECK(minR > 1e-4);                  // R bounded well away from 0 …
  CHECK(minR > 100 * last.back());     // … and far above the smallest nonzero eigenvalue at the end
  CHECK(L.back() < 1e-5 * L.front());  // the loss converges
}

TEST_CASE("headline: N < P — λ_min(K) > 0 (classical regime) and the loss converges too") {
  auto f = ui::make_figure("headline");
  REQUIRE(f->command("preset:over") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto L = column(e, "headline", "loss"), lmin = column(e, "headline", "lambda_min_K");
  REQUIRE(!L.empty());
  CHECK(column(e, "headline", "eig_7").empty());  // N = 6 eigenvalues
  for (double v : lmin) CHECK(v > 0);
  CHECK(L.back() < 1e-4 * L.front());
}
