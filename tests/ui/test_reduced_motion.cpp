// prefers-reduced-motion: a figure does not animate by itself (its run stays where it is until
// the reader steps or presses Play); Step still moves it by one checkpoint.
#include <doctest/doctest.h>

#include "ui/figure.hpp"
#include "ui/registry.hpp"

TEST_CASE("reduced motion: no autoplay; Step and Play still work") {
  auto f = ui::make_figure("bounds");
  REQUIRE(f != nullptr);
  ui::set_reduced_motion(true);
  REQUIRE(f->command("preset:" + f->presets().front().name) == "");
  const double t0 = f->view_t();
  for (int i = 0; i < 50; ++i) f->tick(5.0);
  CHECK(f->view_t() == t0);  // nothing moved by itself
  CHECK(!f->animating());
  CHECK(f->command("step") == "");
  CHECK(f->view_t() > t0);  // one explicit step
  const double t1 = f->view_t();
  CHECK(f->command("play") == "");
  CHECK(f->animating());
  for (int i = 0; i < 50; ++i) f->tick(5.0);
  CHECK(f->view_t() > t1);  // Play animates even under reduced motion
  ui::set_reduced_motion(false);
  REQUIRE(f->command("reset") == "");
  for (int i = 0; i < 50; ++i) f->tick(5.0);
  CHECK(f->view_t() > 0.0);  // default: runs start by themselves
}
