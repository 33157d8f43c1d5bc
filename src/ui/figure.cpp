#include "ui/figure.hpp"

#include <algorithm>
#include <cmath>

#include "core/flow/params.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {
ExportSink g_sink = nullptr;

core::Json run_json(const Run& r) {
  core::Json o = core::Json::object();
  if (!r.valid()) {
    o.set("error", core::Json::string(r.error()));
    return o;
  }
  o.set("run_hash", core::Json::string(r.exp().run_hash()));
  o.set("status", core::Json::string(r.status_text()));
  o.set("params", core::to_json(r.exp().params()));
  return o;
}
}  // namespace

void set_export_sink(ExportSink sink) { g_sink = sink; }

void Figure::add_preset(std::string name, std::string label, std::string try_this) {
  presets_.push_back({std::move(name), std::move(label), std::move(try_this)});
}

namespace {
bool g_reduced_motion = false;
}
void set_reduced_motion(bool on) { g_reduced_motion = on; }
bool reduced_motion() { return g_reduced_motion; }

bool Figure::animating() const { return playing_ && !finished() && (!g_reduced_motion || user_played_); }

double Figure::view_t() const { return follow_ ? t_live() : std::min(cursor_, t_live()); }

std::string Figure::get_state() const {
  QueryWriter w;
  w.add("preset", preset_);
  fields_.write(w);
  w.add("t",
        follow_ ? (restart_pending_ ? 0.0 : t_live()) : cursor_);  // the requested time, even before the run gets there
  w.add("play", playing_);
  return w.str();
}

std::string Figure::set_state(std::string_view text) {
  Query q(text);
  if (!q.ok()) return q.message();  // nothing of a malformed state is applied
  std::vector<std::string> names;
  for (const Preset& p : presets_) names.push_back(p.name);
  std::string name;
  if (q.get_choice("preset", name, names)) {
    preset_ = name;
    load_preset(name);
  }
  fields_.read(q);
  schedule_restart();
  double t = 0;
  if (q.get("t", t, 0.0, 1e12)) {
    follow_ = false;
    cursor_ = t;
  } else
    follow_ = true;
  q.get("play", playing_);
  return q.message();
}

std::string Figure::command(std::string_view cmd) {
  if (cmd == "play") {
    playing_ = true;
    user_played_ = true;
    follow_ = true;
    return "";
  }
  if (cmd == "pause") {
    playing_ = false;
    return "";
  }
  if (cmd == "step") {
    playing_ = false;
    settle();
    step_once();
    follow_ = true;
    return "";
  }
  if (cmd == "reset") {
    schedule_restart();
    follow_ = true;
    user_played_ = false;
    return "";
  }
  if (cmd.substr(0, 7) == "preset:") {
    const std::string_view n = cmd.substr(7);
    for (const Preset& p : presets_)
      if (p.name == n) {
        preset_ = p.name;
        load_preset(p.name);
        schedule_restart();
        follow_ = true;
        playing_ = true;
        user_played_ = false;
        return "";
      }
    return "unknown preset '" + std::string(n.substr(0, 40)) + "'";
  }
  return "unknown command '" + std::string(cmd.substr(0, 40)) + "' (expected play|pause|step|reset|preset:NAME)";
}

std::string Figure::presets_json() const {
  core::Json a = core::Json::array();
  for (const Preset& p : presets_) {
    core::Json o = core::Json::object();
    o.set("name", core::Json::string(p.name));
    o.set("label", core::Json::string(p.label));
    o.set("try", core::Json::string(p.try_this));
    a.push(std::move(o));
  }
  return core::to_json(a);
}

std::string Figure::export_data(std::string_view kind) const {
  settle();  // the data of the state it names
  const std::vector<Table> ts = tables();
  const std::vector<const Run*> rs = runs();
  if (kind == "json") {
    core::Json o = core::Json::object();
    o.set("figure", core::Json::string(id()));
    o.set("title", core::Json::string(title()));
    o.set("state", core::Json::string(get_state()));
    o.set("fields", fields_.json());
    core::Json runs = core::Json::array();
    for (const Run* r : rs) runs.push(run_json(*r));
    o.set("runs", std::move(runs));
    core::Json tabs = core::Json::array();
    for (const Table& t : ts) {
      core::Json jt = core::Json::object();
      jt.set("name", core::Json::string(t.name));
      core::Json cols = core::Json::object();
      for (size_t c = 0; c < t.columns.size() && c < t.data.size(); ++c) {
        core::Json v = core::Json::array();
        for (double x : t.data[c]) v.push(core::Json::number(x));
        cols.set(t.columns[c], std::move(v));
      }
      jt.set("columns", std::move(cols));
      tabs.push(std::move(jt));
    }
    o.set("tables", std::move(tabs));
    return core::to_json(o, 1);
  }
  if (kind != "csv") return "";
  std::string s = "# figure: " + std::string(id()) + " (" + title() + ")\n# state: " + get_state() + "\n";
  for (size_t i = 0; i < rs.size(); ++i) {
    if (!rs[i]->valid()) continue;
    s += "# run " + std::to_string(i) + ": hash=" + rs[i]->exp().run_hash() + " " +
         core::to_query(rs[i]->exp().params()) + "\n";
  }
  for (const Table& t : ts) {
    s += "# table: " + t.name + "\n";
    for (size_t c = 0; c < t.columns.size(); ++c) s += (c ? "," : "") + t.columns[c];
    s += "\n";
    size_t rows = 0;
    for (const auto& col : t.data) rows = std::max(rows, col.size());
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < t.data.size(); ++c) {
        if (c) s += ",";
        if (r < t.data[c].size()) s += core::format_double(t.data[c][r]);
      }
      s += "\n";
    }
    s += "\n";
  }
  return s;
}

const char* Figure::title() const {
  const FigureInfo* i = figure_info(id());
  return i ? i->title : id();
}

bool Figure::slider_int(std::string_view key, const char* format, int flags) {
  const StateField& f = fields_.at(key);
  int v = int(f.get());
  const std::string id = "##" + f.key;
  if (!ImGui::SliderInt(id.c_str(), &v, int(f.lo), int(f.upper()), format, flags)) return false;
  f.set(double(std::clamp(v, int(f.lo), int(f.upper()))));  // ctrl-click typing can go beyond the limits
  return true;
}

bool Figure::slider_real(std::string_view key, const char* format, int flags) {
  const StateField& f = fields_.at(key);
  float v = float(f.get());
  const std::string id = "##" + f.key;
  if (!ImGui::SliderFloat(id.c_str(), &v, float(f.lo), float(f.upper()), format, flags)) return false;
  f.set(std::clamp(double(v), f.lo, f.upper()));
  return true;
}

bool Figure::input_int(std::string_view key, const char* label) {
  const StateField& f = fields_.at(key);
  int v = int(f.get());
  if (!ImGui::InputInt(label, &v)) return false;
  f.set(double(std::clamp(v, int(f.lo), int(f.upper()))));
  return true;
}

void Figure::settle() const {
  if (!restart_pending_) return;
  restart_pending_ = false;
  // Figures are always created non-const (make_figure); only the scheduled work is done here.
  const_cast<Figure*>(this)->restart();
}

void Figure::tick(double budget_ms) {
  Budget b(budget_ms);
  tick(b);
}

void Figure::tick(Budget& b) {
  // A scheduled restart (also while paused) is this frame's first work item; it only builds the
  // runs' starting state, and the frame's computation continues with what is left.
  if (restart_pending_) {
    settle();
    b.spend();
  }
  // A scrubbed (or linked) time beyond the computed end is computed, also while paused.
  const bool catch_up = !follow_ && cursor_ > t_live() && !finished();
  if ((animating() || catch_up) && b.left()) advance(b);
}

void Figure::draw_controls_bar() {
  const float s = unit();
  if (ImGui::Button(animating() ? "‖ Pause" : "▶ Play")) {
    if (animating())
      playing_ = false;
    else {
      playing_ = true;
      user_played_ = true;
      follow_ = true;
    }
  }
  flow_button("Step");
  if (ImGui::Button("Step")) command("step");
  flow_button("Reset");
  if (ImGui::Button("Reset")) command("reset");
  const Preset* cur = nullptr;
  for (const Preset& p : presets_)
    if (p.name == preset_) cur = &p;
  float combo_w = 120 * s;
  for (const Preset& p : presets_)
    combo_w = std::max(combo_w, ImGui::CalcTextSize(p.label.c_str()).x + ImGui::GetFrameHeight() + 16 * s);
  flow_item(combo_w, "##preset");
  if (ImGui::BeginCombo("##preset", cur ? cur->label.c_str() : "(custom)")) {
    for (const Preset& p : presets_) {
      if (ImGui::Selectable(p.label.c_str(), &p == cur)) command("preset:" + p.name);
      if (ImGui::IsItemHovered() && !p.try_this.empty()) ImGui::SetTooltip("%s", p.try_this.c_str());
    }
    ImGui::EndCombo();
  }
  // Time scrubber over [0, t_end]; values beyond the computed time show the latest state.
  // It keeps at least 230 units; with "live" and the export buttons it wraps as one block.
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* live = follow_ ? "live" : "→ live";
  auto bw = [&](const char* l) { return ImGui::CalcTextSize(l).x + 2 * style.FramePadding.x + style.ItemSpacing.x; };
  const float tail = bw(live) + (g_sink ? bw("CSV") + bw("JSON") : 0.0f);
  flow(230 * s + tail);
  float t = float(view_t());
  const float te = float(std::max(t_end(), 1e-9));
  ImGui::SetNextItemWidth(std::max(120.0f * s, ImGui::GetContentRegionAvail().x - tail));
  char fmtbuf[48];
  std::snprintf(fmtbuf, sizeof fmtbuf, "t = %%.3g  (computed to %s)", fmt_sci(t_live()).c_str());
  if (ImGui::SliderFloat("##t", &t, 0.0f, te, fmtbuf)) {
    follow_ = false;
    cursor_ = t;
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(live)) follow_ = true;
  if (g_sink) {
    ImGui::SameLine();
    if (ImGui::SmallButton("CSV")) g_sink(std::string("rq-") + id() + ".csv", export_data("csv"));
    ImGui::SameLine();
    if (ImGui::SmallButton("JSON")) g_sink(std::string("rq-") + id() + ".json", export_data("json"));
  }
  draw_controls();
  const std::string st = status();
  if (cur && !cur->try_this.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(palette().text_dim));
    ImGui::TextWrapped("Try: %s", cur->try_this.c_str());
    ImGui::PopStyleColor();
  }
  if (!st.empty()) {
    const bool bad = st.find("diverged") != std::string::npos || st.find("error") != std::string::npos;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(bad ? palette().warn : palette().text_dim));
    ImGui::TextWrapped("%s", st.c_str());
    ImGui::PopStyleColor();
  }
}

void Figure::draw(ImVec2 size, bool controls) {
  const ImVec2 start = ImGui::GetCursorPos();
  ImGui::PushID(id());
  if (controls)
    draw_controls_bar();
  else {
    const std::string st = status();
    if (!st.empty()) ImGui::TextDisabled("%s", st.c_str());
  }
  const float used = ImGui::GetCursorPos().y - start.y;
  const float y0 = ImGui::GetCursorPos().y;
  draw_body(ImVec2(size.x, std::max(40.0f, size.y - used)));
  // Narrow figures lay their panels out from the width alone: what they used is what they need
  // (at least 3/4 of the width, so a figure that is still starting does not make the page jump).
  // Wide figures fill the rectangle they get and only ask for a minimum.
  const float body = ImGui::GetCursorPos().y - y0 - ImGui::GetStyle().ItemSpacing.y;
  wanted_h_ = used + (narrow(size.x) ? std::max(body, 0.75f * size.x) : 300.0f * unit());
  ImGui::PopID();
}

namespace {
// Numbers for a screen reader: "0.041", "12.3", "1.2·10⁻³" (no "e-3").
std::string spoken(double v) {
  if (!std::isfinite(v)) return fmt_exact(v);
  if (v == 0) return "0";
  const double a = std::abs(v);
  char b[64];
  if (a >= 1e-2 && a < 1e5) {
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
  }
  int e = int(std::floor(std::log10(a)));
  double m = v / std::pow(10.0, e);
  if (std::abs(m) >= 9.95) {
    m /= 10;
    ++e;
  }
  static const char* sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string ex = e < 0 ? "⁻" : "";
  for (char c : std::to_string(std::abs(e))) ex += sup[c - '0'];
  std::snprintf(b, sizeof b, "%.2g", m);
  return std::string(b) + "·10" + ex;
}
}  // namespace

std::string Figure::describe_run(const Run& r) const {
  std::string d = "t = " + spoken(view_t());
  const int i = r.index_at(view_t());
  if (!r.valid() || i < 0) return d + "; " + (r.valid() ? "starting" : r.status_text());
  if (r.diverged()) return d + "; " + r.status_text();
  d += "; loss " + spoken(r.col(core::Col::loss)[size_t(i)]);
  d += "; R = " + spoken(r.col(core::Col::R)[size_t(i)]);
  d += "; λ_min = " + spoken(r.col(core::Col::lambda_min)[size_t(i)]);
  if (r.finished())
    d += "; done";
  else
    d += animating() ? "; running" : "; paused";
  return d;
}

std::string Figure::describe() const {
  settle();
  return describe_now();
}

std::string Figure::describe_now() const {
  const std::vector<const Run*> rs = runs();
  if (!rs.empty() && rs[0]) return describe_run(*rs[0]);
  std::string d = "t = " + spoken(view_t());
  const std::string st = status();
  if (!st.empty()) d += "; " + st;
  return d;
}

}  // namespace ui
