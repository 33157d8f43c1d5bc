// Figure "witness": every witness bound lies below the true R (L3, L4).
#include "figb_util.hpp"
#include "ui/fig_logic.hpp"

using namespace figb;

TEST_CASE("witness: protocol") {
  check_protocol("witness", "witness=banana");
  auto f = ui::make_figure("witness");
  CHECK(f->set_state("preset=default&witness=random") == "");
  CHECK(f->get_state().find("witness=random") != std::string::npos);
}

TEST_CASE("witness: align_teacher recovers θ* from a permuted, sign-flipped copy") {
  const int d = 3, m = 4;
  core::Vec star(m * d + m);
  for (int i = 0; i < star.size(); ++i) star[i] = std::sin(1.3 * i + 0.2);
  const int perm[m] = {2, 0, 3, 1};
  const double sg[m] = {1, -1, -1, 1};
  core::Vec copy(star.size());
  for (int j = 0; j < m; ++j) {
    for (int k = 0; k < d; ++k) copy[j * d + k] = sg[j] * star[perm[j] * d + k];
    copy[m * d + j] = sg[j] * star[m * d + perm[j]];
  }
  // θ near the copy: the aligned teacher is exactly the copy (odd σ); without sign flips it is not.
  const core::Vec theta = copy + 1e-3 * core::Vec::Ones(star.size());
  CHECK((ui::logic::align_teacher(theta, star, d, m, true) - copy).norm() < 1e-14);
  CHECK((ui::logic::align_teacher(theta, star, d, m, false) - copy).norm() > 0.1);
  // Greedy path (m > 7) on an exact copy.
  const int M = 9;
  core::Vec s2(M * d + M), c2(M * d + M);
  for (int i = 0; i < s2.size(); ++i) s2[i] = std::cos(0.7 * i * i + 1.0);
  for (int j = 0; j < M; ++j) {
    const int q = (j + 4) % M;
    for (int k = 0; k < d; ++k) c2[j * d + k] = s2[q * d + k];
    c2[M * d + j] = s2[M * d + q];
  }
  CHECK((ui::logic::align_teacher(c2, s2, d, M, true) - c2).norm() < 1e-14);
}

TEST_CASE("witness: every bound ≤ R at every checkpoint, every preset; Euler preset is homogeneous") {
  auto f = ui::make_figure("witness");
  for (const char* p : {"default", "euler", "last_layer"}) {
    CAPTURE(p);
    REQUIRE(f->command(std::string("preset:") + p) == "");
    run_to_end(*f);
    const core::Json e = exported(*f);
    const auto R = column(e, "witness", "R");
    REQUIRE(R.size() > 50);
    for (const char* w : {"teacher", "euler", "last_layer", "random"}) {
      const auto b = column(e, "witness", w);
      for (size_t i = 0; i < R.size(); ++i) {
        CHECK(b[i] >= 0.0);
        CHECK(b[i] <= R[i] * (1 + 1e-9) + 1e-300);
      }
    }
    if (std::string(p) == "default") {
      const auto t = column(e, "witness", "teacher");
      CHECK(t.back() > 0.05 * R.back());  // the aligned teacher direction stays a useful witness
      const auto r = column(e, "witness", "random");
      CHECK(r.back() < t.back());
    }
    if (std::string(p) == "euler") CHECK(f->get_state().find("witness=euler") != std::string::npos);
  }
}
