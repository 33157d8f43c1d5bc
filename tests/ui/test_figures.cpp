// Figure logic, headless: the registry, the state/command protocol, what each
// figure computes for its presets (read back through the JSON export), and one ImGui frame
// per figure without a GPU (the heatmap falls back to CPU cells).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/util/json.hpp"
#include "imgui.h"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace {

void run_to_end(ui::Figure& f) {
  for (int i = 0; i < 20000 && !f.done(); ++i) f.tick(50.0);
  REQUIRE(f.done());
}

// Column `name` of the exported table `table` (empty if missing).
std::vector<double> column(const core::Json& exp, const std::string& table, const std::string& name) {
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

core::Json exported(ui::Figure& f) {
  auto j = core::parse_json(f.export_data("json"));
  REQUIRE(j.ok());
  return j.value;
}

}  // namespace

TEST_CASE("registry: the nine contract ids in figure order, unknown ids rejected") {
  // The article's figures 1–9 (docs/figure-contract.md).
  const char* ids[] = {"trajectory", "factorisation", "bounds",     "phase",   "toy2d",
                       "witness",    "headline",      "population", "logistic"};
  const auto& e = ui::figure_entries();
  REQUIRE(e.size() == 9);
  REQUIRE(ui::figure_infos().size() == 9);
  for (int i = 0; i < 9; ++i) {
    CHECK(std::string(e[size_t(i)].id) == ids[i]);
    CHECK(std::string(ui::figure_infos()[size_t(i)].id) == ids[i]);
  }
  CHECK(ui::make_figure("nope") == nullptr);
  CHECK(ui::figure_info("nope") == nullptr);
  auto all = ui::make_all_figures();
  REQUIRE(all.size() == 9);
  for (size_t i = 0; i < all.size(); ++i) {
    auto& f = all[i];
    REQUIRE(f != nullptr);
    CHECK(std::string(f->id()) == ids[i]);  // the factory makes the figure its row names
    // Title and alt text: one copy, in the registry; short titles, alt texts that name the figure.
    const ui::FigureInfo* info = ui::figure_info(f->id());
    REQUIRE(info != nullptr);
    CHECK(std::string(f->title()) == info->title);
    CHECK(std::string(info->title).size() > 5);
    CHECK(std::string(info->title).size() < 60);
    CHECK(std::string(info->title).back() != '.');
    CHECK(std::string(info->alt).find(std::string("Static image of the ")) == 0);
    CHECK(std::string(info->alt).find('"') == std::string::npos);
    CHECK(!f->presets().empty());
    auto pj = core::parse_json(f->presets_json());
    CHECK(pj.ok());
    CHECK(f->command("dance") != "");
    CHECK(f->command("preset:does-not-exist") != "");
    CHECK(f->command("pause") == "");
    CHECK(!f->playing());
  }
}

TEST_CASE("state strings: round trip, bad fields reported and defaults kept") {
  for (const char* id : {"toy2d", "factorisation", "population", "bounds"}) {
    auto f = ui::make_figure(id);
    CAPTURE(id);
    const std::string s = f->get_state();
    CHECK(f->set_state(s) == "");
    CHECK(f->get_state() == s);
    CHECK(f->set_state("preset=zzz&t=abc&bogus=1&play=maybe") != "");
    CHECK(f->set_state("%%%&&&==&t") != "");
    CHECK(f->set_state(std::string(100000, 'x')) != "");
    for (const auto& p : f->presets()) CHECK(f->command("preset:" + p.name) == "");
  }
  auto f = ui::make_figure("population");
  CHECK(f->set_state("preset=default&a=99") != "");  // out of range → message, the half-width a kept
  CHECK(f->get_state().find("a=1.5") != std::string::npos);
  CHECK(f->set_state("preset=default&R=0.75") == "");  // "R", the name before the rename, still read
  CHECK(f->get_state().find("a=0.75") != std::string::npos);
  CHECK(f->get_state().find("R=") == std::string::npos);
}

TEST_CASE("state strings follow the query grammar: a malformed state applies nothing; '+' is a plus") {
  auto f = ui::make_figure("toy2d");
  const std::string s = f->get_state();
  REQUIRE(s.find("preset=default&") == 0);
  // Grammar errors reject the whole state, also its valid fields (docs/url-state.md).
  for (const char* bad :
       {"preset=saddle&s0=1&t=%ZZ", "preset=saddle&s0=1&s0=1", "preset=saddle&s0=1&t", "preset=saddle&s0=1&%=1"}) {
    CAPTURE(bad);
    const std::string m = f->set_state(bad);
    CHECK(m.find("malformed state, nothing applied") == 0);
    CHECK(f->get_state() == s);
  }
  CHECK(f->set_state("preset=saddle&" + std::string(5000, 'x') + "=1").find("too long") != std::string::npos);
  CHECK(f->get_state() == s);
  // '+' is a plus sign and escapes decode: 1e+0 = 1, %2B = +.
  REQUIRE(f->set_state("preset=default&s0=1e+0&t=%2B2") == "");
  CHECK(f->get_state().find("&s0=1&t=2&") != std::string::npos);
  // A state with every kind of value written, read back and written again is the same text.
  REQUIRE(f->set_state("preset=near_max&z=0.5:0.25,-1:1e-3&s0=-0.125&t=1e+3&play=0") == "");
  const std::string w = f->get_state();
  CHECK(w == "preset=near_max&z=0.5:0.25,-1:0.001&s0=-0.125&t=1000&play=0");
  auto g = ui::make_figure("toy2d");
  REQUIRE(g->set_state(w) == "");
  CHECK(g->get_state() == w);
}

TEST_CASE("toy2d: inside the lobes → ±1; on the imaginary axis → stalls at the saddle (L = ½)") {
  auto f = ui::make_figure("toy2d");
  REQUIRE(f->set_state("preset=saddle") == "");
  run_to_end(*f);
  const core::Json e = exported(*f);
  const auto L = column(e, "complex_square path 0", "loss");  // θ₀ = 1.5i
  const auto x = column(e, "complex_square path 0", "theta1"), y = column(e, "complex_square path 0", "theta2");
  REQUIRE(!L.empty());
  CHECK(L.back() == doctest::Approx(0.5).epsilon(1e-6));
  CHECK(std::abs(x.back()) < 1e-12);
  CHECK(std::abs(y.back()) < 1e-4);
  const auto L2 = column(e, "complex_square path 2", "loss");  // θ₀ = 0.3 + 0.2i, inside a lobe
  CHECK(L2.back() < 1e-10);
  // R = λ_min = 4|θ|² for this model.
  const auto R = column(e, "complex_square path 2", "R"), lm = column(e, "complex_square path 2", "lambda_min");
  const auto a = column(e, "complex_square path 2", "theta1"), b = column(e, "complex_square path 2", "theta2");
  for (size_t i = 0; i < R.size(); i += 20) {
    CHECK(R[i] == doctest::Approx(4 * (a[i] * a[i] + b[i] * b[i])).epsilon(1e-9));
    CHECK(lm[i] == doctest::Approx(R[i]).epsilon(1e-9));
  }
  // The lemniscate curve: λ_min(K) = 0 throughout (rank 1 in ℝ²), loss → 0, R → ½.
  const auto lL = column(e, "lemniscate curve", "loss"), lR = column(e, "lemniscate curve", "R");
  const auto l0 = column(e, "lemniscate curve", "lambda_min");
  REQUIRE(!lL.empty());
  CHECK(lL.back() < 1e-2 * lL.front());
  CHECK(lR.back() == doctest::Approx(0.5).epsilon(1e-2));
  for (double v : l0) CHECK(std::abs(v) < 1e-12);
}

TEST_CASE("factorisation: ‖∇L‖² = R·‖∇ℓ‖² at every checkpoint, every preset") {
  auto f = ui::make_figure("factorisation");
  for (const char* p : {"default", "complex_square", "lemniscate", "population"}) {
    CAPTURE(p);
    REQUIRE(f->command(std::string("preset:") + p) == "");
    run_to_end(*f);
    const core::Json e = exported(*f);
    const auto g2 = column(e, "factorisation", "grad_L2"), R = column(e, "factorisation", "R"),
               e2 = column(e, "factorisation", "grad_ell2");
    REQUIRE(g2.size() > 10);
    for (size_t i = 0; i < g2.size(); ++i) CHECK(g2[i] == doctest::Approx(R[i] * e2[i]).epsilon(1e-10));
  }
}

TEST_CASE("population: measured population loss = closed form, below the bound; rank K = P = 2") {
  auto f = ui::make_figure("population");
  REQUIRE(f->set_state("preset=default") == "");
  run_to_end(*f);
  core::Json e = exported(*f);
  auto L = column(e, "population", "loss"), cf = column(e, "population", "closed_form"),
       b = column(e, "population", "bound");
  auto rank = column(e, "population", "rank");
  REQUIRE(L.size() > 100);
  for (size_t i = 0; i < L.size(); ++i) {
    CHECK(L[i] == doctest::Approx(cf[i]).epsilon(1e-6));
    CHECK(L[i] <= b[i] * (1 + 1e-9));
    CHECK(rank[i] == 2);
  }
  REQUIRE(f->set_state("preset=samples&N=500") == "");
  run_to_end(*f);
  e = exported(*f);
  rank = column(e, "population", "rank");
  CHECK(rank.back() == 2);  // K is 500×500 with rank P = 2
  const auto pop = column(e, "population", "population_loss");
  CHECK(pop.back() < 1e-3 * pop.front());
}

TEST_CASE("bounds: identity coincides with the loss; every bound lies above it") {
  auto f = ui::make_figure("bounds");
  for (const char* p : {"default", "over"}) {
    CAPTURE(p);
    REQUIRE(f->command(std::string("preset:") + p) == "");
    run_to_end(*f);
    const core::Json e = exported(*f);
    const auto L = column(e, "bounds", "loss"), id = column(e, "bounds", "identity");
    const auto ntk = column(e, "bounds", "ntk_bound"), rmin = column(e, "bounds", "min_R_bound");
    REQUIRE(L.size() > 50);
    for (size_t i = 0; i < L.size(); ++i) {
      CHECK(id[i] == doctest::Approx(L[i]).epsilon(1e-5));
      CHECK(ntk[i] >= L[i] * (1 - 1e-6));
      CHECK(rmin[i] >= L[i] * (1 - 1e-6));
    }
  }
}

TEST_CASE("every figure draws one headless ImGui frame (light and dark, with and without controls)") {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1200, 800);
  io.DeltaTime = 1.0f / 60;
  ui::load_fonts(1.0f);
  unsigned char* px;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  auto figs = ui::make_all_figures();
  for (int theme = 0; theme < 2; ++theme) {
    ui::apply_theme(theme ? ui::Theme::dark : ui::Theme::light);
    for (int frame = 0; frame < 3; ++frame) {
      ImGui::NewFrame();
      for (auto& f : figs) {
        f->tick(5.0);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin(f->id());
        f->draw(ImGui::GetContentRegionAvail(), frame != 1);
        ImGui::End();
      }
      ImGui::Render();
      CHECK(ImGui::GetDrawData()->TotalVtxCount > 1000);
    }
  }
  ImGui::DestroyContext();
}
