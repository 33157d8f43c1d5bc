// Figure "witness": every witness bound lies below the true R (L3, L4).
#include "figb_util.hpp"
#include "ui/fig_witness_logic.hpp"

using namespace figb;

TEST_CASE("witness: protocol") {
  check_protocol("witness", "witness=banana");
  auto f = ui::make_figure("witness");
  CHECK(f->set_state("preset=default&witness=random") == "");
  CHECK(f->get_state().find("witness=random") != std::string::npos);
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
