// Figure "factorisation": the exact identity ‖∇L‖² = R · ‖∇ℓ‖²_H (paper-notes L1) live along a run,
// for any model preset. On a log axis multiplication is addition, so the R arrow followed by the
// ‖∇ℓ‖² arrow ends exactly where the ‖∇L‖² arrow ends. Below: the three quantities over time,
// with λ_min(K) ≤ R ≤ λ_max(K).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/flow/params.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/glyphs.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/run_figure.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

core::Params preset_params(const std::string& name) {
  core::Params p;
  p.method = "dopri5";
  p.eta = 0;
  p.checkpoints = 161;
  p.seed = 1;
  if (name == "complex_square") {
    p.model = "complex_square";
    p.data = "point";
    p.theta0 = {0.3, 0.2};
    p.t_end = 4;
  } else if (name == "lemniscate") {
    p.model = "lemniscate";
    p.data = "point";
    p.theta0 = {0.2};
    p.t_end = 8;
  } else if (name == "population") {
    p.model = "poly";
    p.degree = 3;
    p.data = "population";
    p.n = 32;
    p.range = 1.5;
    p.t_end = 20;
  } else if (name == "deep_linear") {
    p.model = "deep_linear";
    p.d = 4;
    p.k = 1;
    p.width = 4;
    p.depth = 3;
    p.data = "gaussian";
    p.n = 32;
    p.teacher_width = 4;
    p.init_scale = 0.7;
    p.t_end = 30;
  } else if (name == "logistic") {
    p.model = "softmax_linear";
    p.loss = "cross_entropy";
    p.data = "logistic_e2";
    p.t_end = 200;
    p.spacing = "log";
  } else {  // two_layer
    p.model = "two_layer";
    p.data = "bench";
    p.n = 64;
    p.d = 4;
    p.width = 16;
    p.teacher_width = 4;
    p.t_end = 100;
  }
  return p;
}

class Factorisation final : public RunFigure {
 public:
  Factorisation() {
    add_preset("default", "Two-layer tanh net (N = 64, P = 80)",
               "R moves between λ_min(K) and λ_max(K); the two short arrows always add up to the long one.");
    add_preset("complex_square", "f(θ) = θ² (P = 2)",
               "Here K = 4|θ|² I, so R = λ_min = λ_max: the band collapses onto R.");
    add_preset("lemniscate", "Lemniscate curve (P = 1 < 2)",
               "λ_min(K) = 0 all along, yet R → ½ and ‖∇L‖² → 0 only because ‖∇ℓ‖² → 0.");
    add_preset("population", "Cubic features, population (P = 4)",
               "K acts on L²(U[−a,a]): λ_min = 0, but R stays above the smallest eigenvalue of G.");
    add_preset("deep_linear", "Deep linear net, depth 3", "A 3-homogeneous model: R grows as the weights grow.");
    add_preset("logistic", "Softmax regression (E2-like, cross-entropy)",
               "With cross-entropy, ‖∇ℓ‖² → 0 and R stays bounded: the O(1/t) regime.");
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    params_ = preset_params(name == "default" ? "two_layer" : name);
  }
  std::vector<Table> tables() const override {
    if (!run_.valid()) return {};
    Table t{"factorisation", {"t", "grad_L2", "R", "grad_ell2", "lambda_min", "lambda_max", "loss"}, {}};
    for (core::Col c : {core::Col::t, core::Col::grad2, core::Col::R, core::Col::ell_grad2, core::Col::lambda_min,
                        core::Col::lambda_max, core::Col::loss}) {
      auto s = run_.col(c);
      t.data.emplace_back(s.begin(), s.end());
    }
    return {t};
  }

  void draw_body(ImVec2 size) override {
    const float s = ImGui::GetFontSize() / 15.0f;
    const double t = view_t();
    const int i = run_.index_at(t);
    if (i < 0) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    const double g2 = run_.col(core::Col::grad2)[i], R = run_.col(core::Col::R)[i],
                 e2 = run_.col(core::Col::ell_grad2)[i];
    const double mismatch = g2 > 0 ? std::abs(R * e2 - g2) / g2 : 0.0;
    ImGui::TextWrapped("t = %s:   ‖∇L‖² = %s   =   R %s   ×   ‖∇ℓ‖²_H %s", fmt_sci(run_.col(core::Col::t)[i]).c_str(),
                       fmt_exact(g2).c_str(), fmt_exact(R).c_str(), fmt_exact(e2).c_str());
    dim_wrapped("relative mismatch of the identity at this checkpoint: %s (round-off)", fmt_sci(mismatch).c_str());
    const bool nar = narrow(size.x);
    const float bars_h = nar ? std::max(110.0f * s, size.x * 0.45f) : std::max(110.0f * s, size.y * 0.36f);
    draw_bars(ImVec2(size.x, bars_h), g2, R, e2);
    if (nar) {
      draw_time(ImVec2(size.x, size.x * 0.75f), t);
      return;
    }
    draw_time(ImVec2(size.x, std::max(80.0f, size.y - bars_h - 2 * ImGui::GetTextLineHeightWithSpacing() - 8 * s)), t);
  }

 private:
  // Number line in log10 units; fixed over the run so the arrows move, not the axis.
  void draw_bars(ImVec2 size, double g2, double R, double e2) {
    double lo = 0, hi = 0;
    for (core::Col c : {core::Col::grad2, core::Col::R, core::Col::ell_grad2})
      for (double v : run_.col(c))
        if (v > 0) {
          lo = std::min(lo, std::log10(v));
          hi = std::max(hi, std::log10(v));
        }
    lo = std::max(lo, hi - 30.0);  // keep the axis readable when a quantity reaches 0
    const double logR = R > 0 ? std::log10(R) : lo;
    const double x0 = std::pow(10.0, std::floor(lo - 0.3)), x1 = std::pow(10.0, std::ceil(hi + 0.3));
    Axis ax{"value (log scale: multiplying = adding lengths)", true, true, x0, x1}, ay{"", false, true, 0, 3};
    bars_.begin("bars", size, ax, ay);
    bars_.legend(Legend::none);
    bars_.vline(1.0, palette().text_dim, "", true);
    bars_.overlay([=](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      const Palette& pal = palette();
      auto X = [&](double lg) { return p.to_px(std::pow(10.0, lg), 1.0).x; };
      // Rows in data units (not pixels) so the three arrows and their labels fit any plot height.
      const float y1 = p.to_px(1, 2.3).y, y2 = p.to_px(1, 1.35).y, yb = p.to_px(1, 0.4).y;
      const float x_one = X(0);
      auto tag = [&](float x, float y, const char* text, ImU32 col) {
        const ImVec2 ts = ImGui::CalcTextSize(text);
        dl->AddText(ImVec2(std::clamp(x - ts.x / 2, p.area_min().x + 2, p.area_max().x - ts.x - 2), y - ts.y - 5 * s),
                    col, text);
      };
      char b[96];
      if (g2 > 0) {
        arrow(dl, ImVec2(x_one, y1), ImVec2(X(std::log10(g2)), y1), series_color(0), 7 * s);
        std::snprintf(b, sizeof b, "‖∇L‖² = %s", fmt_sci(g2).c_str());
        tag(0.5f * (x_one + X(std::log10(g2))), y1, b, pal.text);
      }
      if (R > 0) {
        arrow(dl, ImVec2(x_one, y2), ImVec2(X(logR), y2), series_color(1), 7 * s);
        std::snprintf(b, sizeof b, "R = %s", fmt_sci(R).c_str());
        tag(0.5f * (x_one + X(logR)), y2, b, pal.text);
      }
      if (e2 > 0 && R > 0) {
        arrow(dl, ImVec2(X(logR), yb), ImVec2(X(logR + std::log10(e2)), yb), series_color(2), 7 * s);
        std::snprintf(b, sizeof b, "× ‖∇ℓ‖² = %s", fmt_sci(e2).c_str());
        tag(0.5f * (X(logR) + X(logR + std::log10(e2))), yb, b, pal.text);
        // Where the chain ends = where ‖∇L‖² ends (the identity).
        if (g2 > 0) {
          const float xe = X(std::log10(g2));
          for (float y = y1; y < yb; y += 6 * s)
            dl->AddLine(ImVec2(xe, y), ImVec2(xe, std::min(y + 3 * s, yb)), pal.text_dim, 1.2f * s);
        }
      }
      dl->AddText(ImVec2(x_one + 3 * s, p.area_min().y + 2 * s), pal.text_dim, "1");
    });
    bars_.end();
  }

  void draw_time(ImVec2 size, double t) {
    Axis ax{"t", false, true, 0, params_.t_end}, ay{"‖∇L‖², R, ‖∇ℓ‖² along the run", true};
    if (params_.spacing == "log") {
      ax.log = true;
      ax.lo = params_.t_end * 1e-4;
    }
    time_.begin("time", size, ax, ay);
    const auto T = run_.col(core::Col::t);
    time_.line(T, run_.col(core::Col::grad2), series_color(0), "‖∇L‖²");
    time_.line(T, run_.col(core::Col::R), series_color(1), "R(θ_t)");
    time_.line(T, run_.col(core::Col::ell_grad2), series_color(2), "‖∇ℓ‖²_H");
    if (run_.trace().active(core::Col::lambda_max)) {
      time_.line(T, run_.col(core::Col::lambda_max), series_color(6), "λ_max(K)", 1.5f, true);
      const auto lmin = run_.col(core::Col::lambda_min);
      bool zero = true;
      for (double v : lmin) zero &= !(v > 0);
      if (zero)
        time_.line(T, lmin, series_color(6), "λ_min(K) = 0 (rank K ≤ P < N·k): not drawn on a log axis", 1.5f, true);
      else
        time_.line(T, lmin, series_color(3), "λ_min(K)", 1.5f, true);
    }
    time_.cursor(std::max(t, ax.log ? ax.lo : 0.0));
    time_.end();
  }

  Plot bars_, time_;
};

}  // namespace

std::unique_ptr<Figure> make_factorisation() { return std::make_unique<Factorisation>(); }

}  // namespace ui
