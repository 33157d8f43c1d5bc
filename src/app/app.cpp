#include "app/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/platform.hpp"
#include "core/linalg/isa.hpp"
#include "imgui.h"
#include "ui/figure.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace app {
namespace {

// The app's state, all of it: set by app_init, changed by frames and the page, cleared by app_shutdown.
struct State {
  AppOptions options;
  std::vector<std::unique_ptr<ui::Figure>> figures;
  std::vector<long> frames;   // frames drawn per figure
  std::vector<float> wanted;  // height each figure asked for
  int selected = 0;           // desktop: the figure shown
  bool view_set = false;      // page: set_view was called
  View view;
  double compute_ms = 0.0;  // Figure::tick time in the current frame
};
State g;

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

int index_of(const std::string& id) {
  for (size_t i = 0; i < g.figures.size(); ++i)
    if (id == g.figures[i]->id()) return int(i);
  return -1;
}

// One figure as an undecorated window at (pos, size); computation first, then drawing.
void draw_figure_window(int i, ImVec2 pos, ImVec2 size, bool controls, bool title, double budget) {
  ui::Figure& f = *g.figures[size_t(i)];
  const double t0 = now_ms();
  f.tick(budget);
  g.compute_ms += now_ms() - t0;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  char name[64];
  std::snprintf(name, sizeof name, "##fig_%s", f.id());
  // The page: no window background (see Layout).
  ImGui::Begin(name, nullptr, kPanelFlags | (g.options.layout == Layout::page ? ImGuiWindowFlags_NoBackground : 0));
  if (title) {
    ImGui::TextUnformatted(f.title());
    ImGui::Separator();
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  f.draw(avail, controls);
  g.wanted[size_t(i)] = f.wanted_height() + (size.y - avail.y);  // + title and window padding
  ImGui::End();
  ++g.frames[size_t(i)];
}

void draw_sidebar(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_ChildBg));
  ImGui::Begin("##sidebar", nullptr, kPanelFlags);
  ImGui::PopStyleColor();
  ImGui::TextWrapped("Convergence beyond the over-parameterized regime using Rayleigh quotients");
  ImGui::TextDisabled("Robin, Scaman, Lelarge · NeurIPS 2022");
  ImGui::Separator();
  for (size_t i = 0; i < g.figures.size(); ++i) {
    const ui::Figure& f = *g.figures[i];
    char label[160];
    std::snprintf(label, sizeof label, "%zu. %s", i + 1, f.title());
    if (ImGui::Selectable(label, g.selected == int(i))) g.selected = int(i);
  }
  ImGui::Separator();
  bool dark = ui::current_theme() == ui::Theme::dark;
  if (ImGui::Checkbox("dark theme", &dark)) ui::apply_theme(dark ? ui::Theme::dark : ui::Theme::light);
  const BuildInfo b = build_info();
  // The kernels' ISA path (native: chosen at start-up from the CPU; wasm: simd128).
  ImGui::TextDisabled("%s · %s · %d thread%s", b.variant, b.simd ? core::isa_name(core::isa_path()) : "scalar",
                      b.threads, b.threads == 1 ? "" : "s");
  ImGui::End();
}

void frame_window(int width, int height) {
  const ImVec2 full{float(width), float(height)};
  if (!g.options.figure.empty()) {
    draw_figure_window(g.selected, ImVec2(0, 0), full, true, true, g.options.budget_ms);
    return;
  }
  const float side = std::min(270.0f * ui::ui_scale(), full.x * 0.3f);
  draw_sidebar(ImVec2(0, 0), ImVec2(side, full.y));
  draw_figure_window(g.selected, ImVec2(side, 0), ImVec2(full.x - side, full.y), true, true, g.options.budget_ms);
}

void frame_page(int width, int height) {
  if (!g.view_set) {  // default layout until the page sends its slots: a grid of every figure
    const int n = int(g.figures.size()), cols = width > 1400 ? 3 : width > 800 ? 2 : 1;
    const int rows = (n + cols - 1) / cols;
    const float w = float(width) / cols, h = std::max(float(height) / std::min(rows, 2), 420.0f);
    for (int i = 0; i < n; ++i)
      draw_figure_window(i, ImVec2(w * (i % cols), h * (i / cols)), ImVec2(w - 2, h - 2), true, true,
                         g.options.budget_ms / n);
    return;
  }
  const float d = g.view.dpr;
  std::vector<int> idx;
  for (const Slot& s : g.view.slots) idx.push_back(index_of(s.id));
  const int visible = int(std::count_if(idx.begin(), idx.end(), [](int i) { return i >= 0; }));
  for (size_t k = 0; k < g.view.slots.size(); ++k) {
    if (idx[k] < 0) continue;
    const Slot& s = g.view.slots[k];
    draw_figure_window(idx[k], ImVec2(s.x * d, s.y * d), ImVec2(s.w * d, s.h * d), s.controls, false,
                       g.options.budget_ms / std::max(1, visible));
  }
}

}  // namespace

std::string app_init(const AppOptions& options) {
  g.options = options;
  ui::apply_theme(options.dark ? ui::Theme::dark : ui::Theme::light);
  ui::load_fonts(options.ui_scale);
  ImGui::GetIO().ConfigWindowsMoveFromTitleBarOnly = true;
  g.figures = ui::make_all_figures();
  g.frames.assign(g.figures.size(), 0);
  g.wanted.assign(g.figures.size(), 0.0f);
  std::string msg;
  if (!options.figure.empty()) {
    g.selected = index_of(options.figure);
    if (g.selected < 0) {
      msg = "unknown figure id '" + options.figure + "'";
      g.selected = 0;
      g.options.figure.clear();
    }
  }
  if (!options.state.empty()) {
    const std::string m = g.figures[size_t(g.selected)]->set_state(options.state);
    if (!m.empty()) msg += (msg.empty() ? "" : "; ") + std::string("--state: ") + m;
  }
  return msg;
}

void app_frame(int width, int height) {
  g.compute_ms = 0.0;
  if (g.options.layout == Layout::page)
    frame_page(width, height);
  else
    frame_window(width, height);
}

void app_shutdown() { g = State(); }

void set_view(const View& v) {
  g.view = v;
  ui::set_reduced_motion(v.reduced_motion);
  g.view_set = true;
  const ui::Theme want = v.dark ? ui::Theme::dark : ui::Theme::light;
  if (ui::current_theme() != want) ui::apply_theme(want);
}
bool view_set() { return g.view_set; }
float wanted_ui_scale() { return g.view_set ? g.view.dpr : g.options.ui_scale; }

std::vector<std::unique_ptr<ui::Figure>>& figures() { return g.figures; }
ui::Figure* find_figure(const std::string& id) {
  const int i = index_of(id);
  return i < 0 ? nullptr : g.figures[size_t(i)].get();
}
const std::vector<long>& figure_frames() { return g.frames; }
double last_compute_ms() { return g.compute_ms; }
float figure_wanted_height(const std::string& id) {
  const int i = index_of(id);
  return i < 0 ? 0.0f : g.wanted[size_t(i)];
}
float view_dpr() { return g.view_set ? g.view.dpr : 1.0f; }

}  // namespace app
