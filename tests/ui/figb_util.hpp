// Helpers for the tests of the figures headline, witness, logistic, trajectory and phase.
#pragma once
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/util/json.hpp"
#include "ui/registry.hpp"

namespace figb {

inline void run_to_end(ui::Figure& f, int max_ticks = 200000) {
  for (int i = 0; i < max_ticks && !f.done(); ++i) f.tick(50.0);
  REQUIRE(f.done());
}

inline core::Json exported(const ui::Figure& f) {
  auto j = core::parse_json(f.export_data("json"));
  REQUIRE(j.ok());
  return j.value;
}

inline std::vector<double> column(const core::Json& exp, const std::string& table, const std::string& name) {
  std::vector<double> v;
  const core::Json* ts = exp.find("tables");
  if (!ts) return v;
  for (const core::Json& t : ts->arr) {
    if (t.find("name")->str != table) continue;
    const core::Json* c = t.find("columns")->find(name);
    if (c)
      for (const core::Json& x : c->arr) v.push_back(x.type == core::Json::Type::number ? x.num : NAN);
  }
  return v;
}

// State round trip, hostile input (message + the figure keeps working), every preset loads, exports parse.
inline void check_protocol(const char* id, const std::string& bad_field) {
  auto f = ui::make_figure(id);
  REQUIRE(f != nullptr);
  const std::string s = f->get_state();
  CHECK(f->set_state(s) == "");
  CHECK(f->get_state() == s);
  CHECK(f->set_state(bad_field) != "");
  CHECK(f->set_state("preset=zzz&t=abc&bogus=1&play=maybe") != "");
  CHECK(f->set_state("%%%&&&==&t") != "");
  CHECK(f->set_state(std::string(100000, 'x')) != "");
  for (const auto& p : f->presets()) {
    CHECK(!p.label.empty());
    CHECK(!p.try_this.empty());
    CHECK(f->command("preset:" + p.name) == "");
    CHECK(f->get_state().find("preset=" + p.name) != std::string::npos);
    f->tick(5.0);
  }
  CHECK(f->command("pause") == "");
  CHECK(f->command("step") == "");
  CHECK(f->command("reset") == "");
  CHECK(f->command("play") == "");
  CHECK(core::parse_json(f->export_data("json")).ok());
  CHECK(f->export_data("csv").find("# figure: " + std::string(id)) == 0);
}

}  // namespace figb
