// Figure "toy2d": two toy models in two dimensions (paper-notes §3 E-B1, E-B2; [I] illustrative).
// (a) f(θ) = θ² in ℂ, target 1: loss landscape over the θ-plane (GPU heatmap), the lemniscate
//     |θ² − 1| = 1 through the saddle θ = 0, gradient-flow paths coloured by R = 4|θ|², the
//     kernel K = 4|θ|² I drawn as a circle. Click to launch a path; starts on the imaginary axis stall.
// (b) f_t = (cos t, sin t cos t)/(1 + sin² t), target 0: the curve in function space, the residual,
//     the velocity ḟ = −K∇ℓ, the rank-1 kernel as a segment; λ_min(K) = 0 always, yet L → 0.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ntk/kernel.hpp"
#include "core/models/model.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/glyphs.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr double kX0 = -2.0, kX1 = 2.0, kY0 = -1.6, kY1 = 1.6;  // θ-plane shown in (a)
constexpr double kTEnd = 6.0;
constexpr int kMaxPaths = 8;
constexpr double kRMax = 8.0;  // colour scale of R along paths

core::Params square_params(double re, double im) {
  core::Params p;
  p.model = "complex_square";
  p.data = "point";
  p.loss = "squared";
  p.method = "rk4";
  p.eta = 0.0025;
  p.t_end = kTEnd;
  p.checkpoints = 241;
  p.theta0 = {re, im};
  return p;
}

core::Params lemniscate_params(double s0) {
  core::Params p = square_params(0, 0);
  p.model = "lemniscate";
  p.theta0 = {s0};
  p.eta = 0.005;
  return p;
}

// Helper (not in core): L(θ) = ½|θ² − 1|² sampled on the (a) plane by evaluating the core model.
ScalarField square_landscape(int w, int h) {
  ScalarField f;
  f.w = w;
  f.h = h;
  f.values.resize(size_t(w) * size_t(h));
  auto m = core::make_model(core::ModelSpec{"complex_square"});
  core::Mat X = core::Mat::Zero(1, 1), F;
  core::Vec th(2);
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i) {
      th << kX0 + (i + 0.5) * (kX1 - kX0) / w, kY0 + (j + 0.5) * (kY1 - kY0) / h;
      m.value->f(X, th, F);
      const double a = F(0, 0) - 1.0, b = F(0, 1);
      f.values[size_t(j) * size_t(w) + size_t(i)] = float(0.5 * (a * a + b * b));
    }
  f.log = true;
  f.lo = -3.0f;
  f.hi = 1.5f;
  f.contours = 9;
  f.touch();
  return f;
}

// f_t of the lemniscate model (for the drawn curve), through the core model.
void lemniscate_point(const core::Model& m, double t, double& x, double& y) {
  core::Mat X = core::Mat::Zero(1, 1), F;
  core::Vec th(1);
  th << t;
  m.f(X, th, F);
  x = F(0, 0);
  y = F(0, 1);
}

struct Start {
  double re, im;
};

class Toy2d final : public Figure {
 public:
  Toy2d() {
    add_preset("default", "Inside the lobes",
               "Click anywhere in the θ-plane to launch a gradient flow; inside the lemniscate every path reaches ±1.");
    add_preset("saddle", "Start on the imaginary axis",
               "K = 9I is positive definite at θ₀ = 1.5i, yet the flow stalls at the saddle θ = 0 with L = ½.");
    add_preset("outside", "Outside the lemniscate",
               "Starts outside {L < ½} still converge here, but the Rayleigh argument guarantees nothing there.");
    add_preset("near_max", "Lemniscate curve: start near the top",
               "Start (b) at t₀ = 0.02, next to the loss maximum: R is tiny at first, then L decays like exp(−t).");
    curve_model_ = std::move(core::make_model(core::ModelSpec{"lemniscate"}).value);
    field_ = square_landscape(256, 208);
    fields_.text(
        "z", "starts θ₀ of the square model, re:im separated by commas", [this] { return z_text(); },
        [this](std::string_view z) { return set_z(z); });
    fields_.real("s0", "start t₀ of the lemniscate curve", s0_, -3.2, 3.2);
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    s0_ = 0.2;
    if (name == "saddle")
      starts_ = {{0.0, 1.5}, {0.0, 0.5}, {0.3, 0.2}};
    else if (name == "outside")
      starts_ = {{1.2, 1.0}, {-1.5, -0.8}, {0.05, 1.4}};
    else if (name == "near_max") {
      starts_ = {{0.3, 0.2}};
      s0_ = 0.02;
    } else
      starts_ = {{0.3, 0.2}, {-0.4, 0.1}, {0.8, -0.9}};
  }
  void restart() override {
    paths_.clear();
    for (const Start& s : starts_) launch(s, false);
    lem_.start(lemniscate_params(s0_));
  }
  void advance(Budget& b) override {
    // Equal shares of the frame's budget: the k-th of m runs gets 1/(m − k) of what is left.
    const size_t m = paths_.size() + 1;
    size_t k = 0;
    for (Run& r : paths_) {
      Budget part = b.part(1.0 / double(m - k++));
      r.advance(part);
    }
    lem_.advance(b);
  }
  void step_once() override {
    for (Run& r : paths_) r.step_checkpoint();
    lem_.step_checkpoint();
  }
  double t_live() const override {
    double t = lem_.t_live();
    for (const Run& r : paths_) t = std::min(t, r.t_live());
    return t;
  }
  double t_end() const override { return kTEnd; }
  bool finished() const override {
    for (const Run& r : paths_)
      if (!r.finished()) return false;
    return lem_.finished();
  }
  std::string z_text() const {
    std::string z;
    for (const Start& s : starts_) {
      // Appended piece by piece: `"…" + std::string` here trips GCC 12's false -Wrestrict (its bug 105329).
      if (!z.empty()) z += ',';
      z += core::format_double(s.re);
      z += ':';
      z += core::format_double(s.im);
    }
    return z;
  }
  // "re:im,re:im,…", each number read by core::parse_number (the state's number parser).
  std::string set_z(std::string_view z) {
    std::vector<Start> v;
    bool ok = !z.empty();
    while (ok && !z.empty()) {
      const size_t c = z.find(',');
      const std::string_view item = z.substr(0, c);
      const size_t colon = item.find(':');
      double re = 0, im = 0;
      ok = colon != std::string_view::npos && core::parse_number(item.substr(0, colon), re) &&
           core::parse_number(item.substr(colon + 1), im) && std::abs(re) <= 10 && std::abs(im) <= 10;
      if (ok) v.push_back({re, im});
      if (c == std::string_view::npos) break;
      z.remove_prefix(c + 1);
      ok = ok && !z.empty();  // no trailing comma
    }
    if (!ok || v.size() > kMaxPaths)
      return "expected up to 8 starts re:im (|re|,|im| ≤ 10) separated by commas; kept the preset's";
    starts_ = v;
    return "";
  }
  std::string status() const override {
    for (const Run& r : paths_)
      if (r.diverged() || !r.valid()) return r.status_text();
    if (!lem_.valid() || lem_.diverged()) return lem_.status_text();
    return "";
  }
  std::vector<const Run*> runs() const override {
    std::vector<const Run*> v;
    for (const Run& r : paths_) v.push_back(&r);
    v.push_back(&lem_);
    return v;
  }
  std::vector<Table> tables() const override {
    std::vector<Table> out;
    auto add = [&](const Run& r, std::string name, bool two) {
      if (!r.valid()) return;
      Table t{std::move(name), {"t", two ? "theta1" : "theta", "loss", "R", "lambda_min", "lambda_max"}, {}};
      if (two) t.columns.insert(t.columns.begin() + 2, "theta2");
      auto col = [&](core::Col c) {
        auto s = r.col(c);
        return std::vector<double>(s.begin(), s.end());
      };
      t.data.push_back(col(core::Col::t));
      std::vector<double> a, b;
      for (const core::Vec& th : r.thetas()) {
        a.push_back(th[0]);
        if (two) b.push_back(th[1]);
      }
      t.data.push_back(a);
      if (two) t.data.push_back(b);
      t.data.push_back(col(core::Col::loss));
      t.data.push_back(col(core::Col::R));
      t.data.push_back(col(core::Col::lambda_min));
      t.data.push_back(col(core::Col::lambda_max));
      out.push_back(std::move(t));
    };
    for (size_t i = 0; i < paths_.size(); ++i) add(paths_[i], "complex_square path " + std::to_string(i), true);
    add(lem_, "lemniscate curve", false);
    return out;
  }

  void draw_body(ImVec2 size) override {
    const float s = ImGui::GetFontSize() / 15.0f;
    const float gap = 10 * s;
    const float colw = (size.x - gap) * 0.5f;
    const float top_h = std::max(120.0f, (size.y - ImGui::GetFrameHeightWithSpacing()) * 0.66f);
    const float bot_h = std::max(80.0f, size.y - top_h - 2 * ImGui::GetTextLineHeightWithSpacing() - 6 * s);
    const double t = view_t();
    if (narrow(size.x)) {  // stacked: (a) above (b), heights from the width
      ImGui::TextWrapped("(a) f(θ) = θ² in ℂ ≅ ℝ², target y = 1");
      draw_plane(ImVec2(size.x, size.x * 0.85f), t);
      draw_square_time(ImVec2(size.x, size.x * 0.45f), t);
      ImGui::TextWrapped("(b) one parameter, f_t on Bernoulli's lemniscate, target y = 0");
      draw_curve(ImVec2(size.x, size.x * 0.7f), t);
      draw_curve_time(ImVec2(size.x, size.x * 0.45f), t);
      return;
    }
    ImGui::BeginGroup();
    ImGui::TextUnformatted("(a) f(θ) = θ² in ℂ ≅ ℝ², target y = 1");
    draw_plane(ImVec2(colw, top_h), t);
    draw_square_time(ImVec2(colw, bot_h), t);
    ImGui::EndGroup();
    ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::TextUnformatted("(b) one parameter, f_t on Bernoulli's lemniscate, target y = 0");
    draw_curve(ImVec2(colw, top_h), t);
    draw_curve_time(ImVec2(colw, bot_h), t);
    ImGui::EndGroup();
  }

 private:
  void launch(const Start& st, bool record) {
    if (record) {
      if (starts_.size() >= kMaxPaths) {
        starts_.erase(starts_.begin());
        paths_.erase(paths_.begin());
      }
      starts_.push_back(st);
    }
    paths_.emplace_back();
    paths_.back().start(square_params(st.re, st.im));
  }

  void draw_plane(ImVec2 size, double t) {
    Axis ax{"Re θ", false, true, kX0, kX1}, ay{"Im θ", false, true, kY0, kY1};
    plane_.begin("plane", size, ax, ay, true);
    plane_.field(field_, kX0, kX1, kY0, kY1);
    plane_.colorbar({"L(θ) = ½|θ² − 1|²", field_.lo, field_.hi, true, Colormap::viridis});
    plane_.legend(Legend::none);
    plane_.overlay([this, t](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      const Palette& pal = palette();
      // The lemniscate {L = ½} = {|θ² − 1| = 1}: polar r² = 2 cos 2φ.
      for (int lobe = 0; lobe < 2; ++lobe) {
        std::vector<ImVec2> pts;
        for (int k = 0; k <= 120; ++k) {
          const double phi = -M_PI / 4 + M_PI / 2 * k / 120.0 + lobe * M_PI;
          const double r = std::sqrt(std::max(0.0, 2 * std::cos(2 * phi)));
          pts.push_back(p.to_px(r * std::cos(phi), r * std::sin(phi)));
        }
        dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(255, 255, 255, 230), 0, 2.2f * s);
      }
      for (double m : {-1.0, 1.0}) {  // global minima
        const ImVec2 c = p.to_px(m, 0);
        dl->AddCircle(c, 5 * s, IM_COL32(255, 255, 255, 255), 16, 2 * s);
      }
      const ImVec2 z = p.to_px(0, 0);
      dl->AddText(ImVec2(z.x + 6 * s, z.y + 2 * s), IM_COL32(255, 255, 255, 255), "saddle");
      // Paths coloured by R = 4|θ|², drawn up to the viewed time.
      for (size_t i = 0; i < paths_.size(); ++i) {
        const Run& r = paths_[i];
        const int n = r.index_at(t);
        if (n < 0) continue;
        const auto R = r.col(core::Col::R);
        const auto& th = r.thetas();
        for (int k = 1; k <= n && k < int(th.size()); ++k) {
          const ImVec2 a = p.to_px(th[k - 1][0], th[k - 1][1]), b = p.to_px(th[k][0], th[k][1]);
          dl->AddLine(a, b, IM_COL32(0, 0, 0, 110), 5.0f * s);
          dl->AddLine(a, b, colormap_u32(Colormap::warm, float(R[k] / kRMax)), 3.0f * s);
        }
        const ImVec2 st = p.to_px(th[0][0], th[0][1]);
        dl->AddCircle(st, 4 * s, series_color(int(i)), 12, 2 * s);
        const core::Vec& cur = th[std::min<size_t>(size_t(n), th.size() - 1)];
        const ImVec2 c = p.to_px(cur[0], cur[1]);
        // Kernel at the current point of the newest path: K = 4|θ|² I → a circle of radius ∝ √λ.
        if (i + 1 == paths_.size()) {
          const double l = 4 * (cur[0] * cur[0] + cur[1] * cur[1]);
          kernel_ellipse(dl, c, l, 0, l, float(p.px_per_unit_x()), 0.12, IM_COL32(255, 255, 255, 255),
                         IM_COL32(255, 255, 255, 40));
        }
        dl->AddCircleFilled(c, 5 * s, series_color(int(i)));
        dl->AddCircle(c, 5 * s, IM_COL32(255, 255, 255, 255), 12, 1.5f * s);
      }
      // R colour key (bottom-left).
      const ImVec2 o(p.area_min().x + 10 * s, p.area_max().y - 34 * s);
      const float w = 110 * s;
      dl->AddRectFilled(ImVec2(o.x - 6 * s, o.y - 20 * s), ImVec2(o.x + w + 40 * s, o.y + 26 * s), pal.legend_bg,
                        3 * s);
      dl->AddText(ImVec2(o.x, o.y - 18 * s), pal.text, "path colour: R = 4|θ|²");
      for (int k = 0; k < 32; ++k)
        dl->AddRectFilled(ImVec2(o.x + w * k / 32, o.y), ImVec2(o.x + w * (k + 1) / 32 + 0.5f, o.y + 8 * s),
                          colormap_u32(Colormap::warm, (k + 0.5f) / 32));
      dl->AddText(ImVec2(o.x, o.y + 9 * s), pal.text_dim, "0");
      char b[16];
      std::snprintf(b, sizeof b, "≥ %g", kRMax);
      dl->AddText(ImVec2(o.x + w - 10 * s, o.y + 9 * s), pal.text_dim, b);
    });
    plane_.end();
    double x, y;
    if (plane_.clicked(x, y)) {
      launch({x, y}, true);
      playing_ = true;
      user_played_ = true;  // a click is an explicit request to animate (also under reduced motion)
      follow_ = true;
    }
    if (plane_.hovered()) {
      double hx, hy;
      plane_.from_px(ImGui::GetIO().MousePos, hx, hy);
      const double a = hx * hx - hy * hy - 1, b = 2 * hx * hy;
      ImGui::SetTooltip("θ = %s %s %si\nL(θ) = %s\nR(θ) = λ_min(K) = 4|θ|² = %s\nclick: launch a gradient flow here",
                        fmt_sci(hx).c_str(), hy < 0 ? "−" : "+", fmt_sci(std::abs(hy)).c_str(),
                        fmt_exact(0.5 * (a * a + b * b)).c_str(), fmt_exact(4 * (hx * hx + hy * hy)).c_str());
    }
  }

  void draw_square_time(ImVec2 size, double t) {
    Axis ax{"t", false, true, 0, kTEnd}, ay{"loss L(θ_t)", true};
    sq_time_.begin("sqt", size, ax, ay);
    for (size_t i = 0; i < paths_.size(); ++i) {
      const Run& r = paths_[i];
      if (!r.valid()) continue;
      const auto& th0 = r.thetas().front();
      char lab[64];
      std::snprintf(lab, sizeof lab, "θ₀ = %.2f %s %.2fi", th0[0], th0[1] < 0 ? "−" : "+", std::abs(th0[1]));
      sq_time_.line(r.col(core::Col::t), r.col(core::Col::loss), series_color(int(i)), lab);
    }
    sq_time_.hline(0.5, palette().text_dim, "L = ½ (saddle level)");
    sq_time_.cursor(t);
    sq_time_.end();
  }

  void draw_curve(ImVec2 size, double t) {
    Axis ax{"f₁", false, true, -1.15, 1.15}, ay{"f₂", false, true, -0.55, 0.55};
    curve_.begin("curve", size, ax, ay, true);
    curve_.legend(Legend::none);
    curve_.overlay([this, t](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      const Palette& pal = palette();
      std::vector<ImVec2> pts;
      for (int k = 0; k <= 400; ++k) {
        double x, y;
        lemniscate_point(*curve_model_, 2 * M_PI * k / 400.0, x, y);
        pts.push_back(p.to_px(x, y));
      }
      dl->AddPolyline(pts.data(), int(pts.size()), pal.axis, 0, 2.0f * s);
      const ImVec2 o = p.to_px(0, 0);
      dl->AddCircle(o, 6 * s, pal.highlight, 16, 2 * s);
      dl->AddText(ImVec2(o.x + 8 * s, o.y + 4 * s), pal.text, "target y = 0");
      const int n = lem_.index_at(t);
      if (n < 0) return;
      const core::Vec& th = lem_.thetas()[size_t(n)];
      // f, f' = Df (J), residual −∇ℓ = −(f − y), velocity ḟ = −K∇ℓ = −f'(f'·f).
      core::Mat X = core::Mat::Zero(1, 1), F, J;
      curve_model_->f(X, th, F);
      curve_model_->J(X, th, J);
      const double f1 = F(0, 0), f2 = F(0, 1), d1 = J(0, 0), d2 = J(1, 0);
      const double dot = d1 * f1 + d2 * f2;
      const ImVec2 c = p.to_px(f1, f2);
      const float ppu = float(p.px_per_unit_x());
      kernel_ellipse(dl, c, d1 * d1, d1 * d2, d2 * d2, ppu, 0.35, series_color(2), 0);
      arrow(dl, c, p.to_px(0, 0), series_color(1), 2.2f * s);
      arrow(dl, c, p.to_px(f1 - d1 * dot, f2 - d2 * dot), series_color(0), 2.6f * s);
      dl->AddCircleFilled(c, 5.5f * s, pal.text);
      // Key.
      const ImVec2 k(p.area_min().x + 8 * s, p.area_min().y + 6 * s);
      const char* lines[3] = {"residual −∇ℓ = y − f", "velocity df/dt = −K∇ℓ (projection on the tangent)",
                              "K = f′ ⊗ f′: rank 1 (segment), λ_min(K) = 0"};
      if (ImGui::CalcTextSize(lines[1]).x + 30 * s > p.area_max().x - p.area_min().x) {  // narrow: short key
        lines[1] = "velocity df/dt = −K∇ℓ";
        lines[2] = "K = f′ ⊗ f′ (rank 1)";
      }
      const ImU32 cols[3] = {series_color(1), series_color(0), series_color(2)};
      for (int i = 0; i < 3; ++i) {
        const float y = k.y + i * (ImGui::GetFontSize() + 2 * s);
        dl->AddLine(ImVec2(k.x, y + 8 * s), ImVec2(k.x + 16 * s, y + 8 * s), cols[i], 3 * s);
        dl->AddText(ImVec2(k.x + 22 * s, y), pal.text, lines[i]);
      }
    });
    curve_.end();
    double x, y;
    if (curve_.clicked(x, y)) {  // start (b) at the curve point nearest to the click
      double best = 1e30, bt = s0_;
      for (int k = 0; k < 720; ++k) {
        const double tt = -M_PI + 2 * M_PI * k / 720.0;
        double cx, cy;
        lemniscate_point(*curve_model_, tt, cx, cy);
        const double d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
        if (d < best) {
          best = d;
          bt = tt;
        }
      }
      s0_ = bt;
      lem_.start(lemniscate_params(s0_));
      playing_ = true;
      user_played_ = true;
      follow_ = true;
    }
  }

  void draw_curve_time(ImVec2 size, double t) {
    Axis ax{"t", false, true, 0, kTEnd}, ay{"L(θ_t) and R(θ_t)", true};
    cv_time_.begin("cvt", size, ax, ay);
    if (lem_.valid()) {
      cv_time_.line(lem_.col(core::Col::t), lem_.col(core::Col::loss), series_color(1), "loss L");
      cv_time_.line(lem_.col(core::Col::t), lem_.col(core::Col::R), series_color(0),
                    "R(θ_t) (λ_min(K) = 0 throughout)");
      cv_time_.hline(0.5, palette().text_dim, "R → ‖f′(π/2)‖² = ½");
    }
    cv_time_.cursor(t);
    cv_time_.end();
  }

  std::vector<Start> starts_;
  double s0_ = 0.2;
  std::vector<Run> paths_;
  Run lem_;
  std::unique_ptr<core::Model> curve_model_;
  ScalarField field_;
  Plot plane_, sq_time_, curve_, cv_time_;
};

}  // namespace

std::unique_ptr<Figure> make_toy2d() { return std::make_unique<Toy2d>(); }

}  // namespace ui
