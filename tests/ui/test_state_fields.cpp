// Each figure's state fields are declared once (ui::StateFields): the table must be what the state
// writes and reads, what the export lists, and its numbers must be read and worded as experiment
// parameters are (core::parse_integer, core::out_of_range).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/util/json.hpp"
#include "core/flow/params.hpp"
#include "ui/registry.hpp"

namespace {

// The keys of a state string, in order.
std::vector<std::string> keys_of(const std::string& state) {
  std::vector<std::string> k;
  size_t pos = 0;
  while (pos < state.size()) {
    const size_t amp = state.find('&', pos), eq = state.find('=', pos);
    k.push_back(state.substr(pos, eq - pos));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return k;
}

}  // namespace

TEST_CASE("state fields: the state is preset, the declared fields in order, t, play") {
  for (auto& f : ui::make_all_figures()) {
    CAPTURE(f->id());
    std::vector<std::string> want = {"preset"};
    for (const ui::StateField& sf : f->fields().all()) want.push_back(sf.key);
    want.push_back("t");
    want.push_back("play");
    CHECK(keys_of(f->get_state()) == want);
  }
}

TEST_CASE(
    "state fields: every numeric field takes its limits, refuses just beyond them (message names the key) and keeps its value") {
  for (auto& f : ui::make_all_figures()) {
    for (const ui::StateField& sf : f->fields().all()) {
      if (sf.kind != ui::StateField::Kind::integer && sf.kind != ui::StateField::Kind::real) continue;
      CAPTURE(f->id());
      CAPTURE(sf.key);
      const std::string base = "preset=default&";
      const double hi = sf.upper();
      for (double v : {sf.lo, hi}) {
        REQUIRE(f->set_state(base + sf.key + "=" + core::format_double(v)) == "");
        CHECK(sf.get() == v);
      }
      const double before = sf.get();
      const double step = sf.kind == ui::StateField::Kind::integer ? 1.0 : (hi - sf.lo) * 1e-3;
      for (double v : {sf.lo - step, hi + step}) {
        const std::string text = core::format_double(v);
        const std::string m = f->set_state("preset=custom_not_given&" + sf.key + "=" + text);
        CHECK(m.find(sf.key + "='" + text + "' is out of range [") != std::string::npos);
        CHECK(sf.get() == before);
      }
      // The export lists the field with the same limits and its value as written in the state.
      auto j = core::parse_json(f->export_data("json"));
      REQUIRE(j.ok());
      const core::Json* fields = j.value.find("fields");
      REQUIRE(fields != nullptr);
      bool found = false;
      for (const core::Json& e : fields->arr)
        if (e.find("key")->str == sf.key) {
          found = true;
          CHECK(e.find("lo")->num == sf.lo);
          CHECK(e.find("hi")->num == hi);
          CHECK(f->get_state().find("&" + sf.key + "=" + e.find("value")->str + "&") != std::string::npos);
          CHECK(!e.find("default")->str.empty());
        }
      CHECK(found);
    }
  }
}

TEST_CASE("state fields: integers are read as experiment parameters are, and out-of-range is worded the same") {
  auto f = ui::make_figure("headline");
  REQUIRE(f);
  CHECK(f->set_state("N=+40") == "");  // a sign is allowed, as in core::Params
  CHECK(f->get_state().find("&N=40&") != std::string::npos);
  for (const char* bad : {"36.0", "3.6e1", "0x24", " 36", "36 ", "", "4e"}) {
    CAPTURE(bad);
    CHECK(f->set_state(std::string("N=") + bad) == std::string("N='") + bad + "': not an integer");
    CHECK(f->get_state().find("&N=40&") != std::string::npos);
  }
  CHECK(f->set_state("N=513") == "N='513' is out of range [2, 512]");
  core::Params p;
  CHECK(core::set_param(p, "width", "0").error == "width='0' is out of range [1, 1000000]");
  CHECK(core::set_param(p, "width", "1.5").error == "width='1.5': not an integer");
}

TEST_CASE("state fields: the default is the default preset's value; trajectory's coordinates follow the model's P") {
  auto f = ui::make_figure("headline");
  for (const ui::StateField& sf : f->fields().all()) {
    CAPTURE(sf.key);
    CHECK(f->get_state().find("&" + sf.key + "=" + sf.def + "&") != std::string::npos);
  }
  auto t = ui::make_figure("trajectory");
  CHECK(t->set_state("preset=default&i=11") == "");
  CHECK(t->set_state("preset=square&i=2") == "i='2' is out of range [0, 1]");
  CHECK(t->set_state("preset=square&i=1") == "");
}
