// Figure "headline": beyond the over-parameterized regime (paper-notes §0 items 6–8, §6 proposal 1).
// Teacher–student two-layer tanh network (student width = teacher width, so the target is
// realizable). The reader slides the number of samples N across the number of parameters P. Left:
// the whole nonzero spectrum of the tangent kernel K over time (log scale) with R(t), λ_max(t) and
// λ_min(t) — λ_min(K) is exactly 0 as soon as N > P (rank K ≤ P) and is drawn on the floor, labelled
// "0". Right: the loss, which converges either way. Bottom: the spectrum at the cursor time.
// View "guarantees" (the main result's hypotheses checked along the same run, paper-notes T2/L2):
// ‖θ_t − θ₀‖ and the path length against the radii of the path-length bound — 2√(L₀/λ₀) for the
// classical hypothesis (λ₀ = λ_min(K_θ₀), infinite once N > P) and √(2/ρ)(√L₀ − √L_t) with ρ the
// running minimum of R — and the kernel drift ‖K_θt − K_θ₀‖_op against λ₀/2.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/fig_headline_logic.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

using logic::HeadlineConfig;

ImU32 alpha(ImU32 c, float a) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w *= a;
  return ImGui::ColorConvertFloat4ToU32(v);
}

class Headline final : public Figure {
 public:
  Headline() {
    add_preset(
        "default", "N = 36 samples > P = 12 parameters",
        "Under-parameterized: λ_min(K) sits on the floor at 0 for the whole run; R(t) stays orders of magnitude above it (and above the smallest nonzero eigenvalue) and the loss falls to 1e-7.");
    add_preset(
        "over", "N = 6 < P = 12 (over-parameterized)",
        "Classical NTK regime: all N eigenvalues are positive and λ_min(K) > 0. Now slide N past the red P mark.");
    add_preset("edge", "N = P = 12 (the edge)",
               "At N = P the kernel is square and barely invertible: its smallest eigenvalue hugs 1e-8.");
    add_preset(
        "many", "N = 384 = 32·P",
        "32 times more samples than parameters: 372 eigenvalues are exactly 0, and training converges all the same.");
    add_preset("wide", "Width 5: P = 20, N = 60",
               "A wider teacher and student: more eigenvalue lines, same story — what matters is R(t), not λ_min(K).");
    add_preset(
        "guarantees", "Hypotheses along the run: N = 36 > P = 12",
        "λ₀ = 0, so the classical radius 2√(L₀/λ₀) is infinite and the drift bound λ₀/2 = 0 fails at once; R stays ≥ ρ > 0 and the run stays inside √(2L₀/ρ).");
    add_preset(
        "guarantees_over", "Hypotheses along the run: N = 6 < P = 12",
        "λ₀ > 0 now: watch the kernel drift cross λ₀/2 — for this narrow net the classical hypothesis fails along the run, while R ≥ ρ still holds.");
    add_preset(
        "guarantees_wide", "Hypotheses along the run: width 8, N = 2",
        "A wider teacher and student on two samples: the drift stays below λ₀/2 and the run stays inside 2√(L₀/λ₀) — the classical (NTK) instance of the main result.");
    fields_.choice("view", "view: the spectrum, or the main result's hypotheses along the run", guar_,
                   {"spectrum", "guarantees"});
    fields_.integer("N", "number of samples N", cfg_.N, 2, 512).param = "n";
    fields_.integer("m", "width m of teacher and student", cfg_.width, 1, 12).param = "width";  // and teacher_width
    fields_.integer("seed", "seed of data and initialisation", cfg_.seed, 0, 1000000).param = "seed";
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    cfg_ = HeadlineConfig{};
    guar_ = name.rfind("guarantees", 0) == 0;
    if (name == "guarantees_over")
      cfg_.N = 6;
    else if (name == "guarantees_wide") {
      cfg_.width = 8;
      cfg_.N = 2;
    } else if (name == "over")
      cfg_.N = 6;
    else if (name == "edge")
      cfg_.N = 12;
    else if (name == "many")
      cfg_.N = 384;
    else if (name == "wide") {
      cfg_.width = 5;
      cfg_.N = 60;
    }
  }
  // Builds the run and its t = 0 checkpoint only; the spectra and series follow in advance().
  void restart() override {
    spec_.clear();
    series_ = {};
    guarantees_ = {};
    run_.start(logic::headline_params(cfg_), /*spectrum=*/true, /*keep_spectra=*/true,
               /*keep_thetas=*/true);  // θ: the guarantees view
  }
  // One budget for the run, the spectra of its checkpoints and the series: first the spectra of the
  // checkpoints recorded so far (each appended to the series; at most half the budget), then the run
  // with all that is left. The frame's budget is used in full (every computing frame is redrawn, and
  // without a GPU each redraw costs the main thread a read-back), and a spectrum lags its
  // checkpoint by a frame at most.
  void advance(Budget& b) override {
    {
      Budget part = b.part(0.5);
      sync(part);
    }
    if (!run_.finished())
      run_.advance(b);
    else
      sync(b);
  }
  void step_once() override {
    run_.step_checkpoint();
    Budget all(1e9);
    sync(all);
  }
  double t_live() const override { return run_.t_live(); }
  double t_end() const override { return cfg_.t_end; }
  bool finished() const override { return run_.finished() && spec_.size() == available(); }
  std::string status() const override {
    if (!run_.valid() || run_.diverged()) return run_.status_text();
    const int P = logic::headline_P(cfg_);
    std::string s = "teacher–student two-layer tanh net, d = " + std::to_string(cfg_.d) +
                    ", width m = " + std::to_string(cfg_.width) +
                    " (student = teacher) · N = " + std::to_string(cfg_.N) + ", P = " + std::to_string(P) +
                    (cfg_.N > P    ? " (under-parameterized)"
                     : cfg_.N == P ? " (N = P)"
                                   : " (over-parameterized)");
    return s + " · " + run_.status_text();
  }
  std::vector<const Run*> runs() const override { return {&run_}; }
  std::vector<Table> tables() const override {
    if (!run_.valid()) return {};
    Table t{"headline", {"t", "loss", "R", "lambda_min_K", "lambda_max", "forced_zero_eigenvalues"}, {}};
    t.data.resize(t.columns.size());
    const size_t r = spec_.empty() ? 0 : spec_[0].eigs.size();
    for (size_t k = 0; k < r; ++k) t.columns.push_back("eig_" + std::to_string(k + 1));
    t.data.resize(t.columns.size());
    for (size_t i = 0; i < spec_.size(); ++i) {
      t.data[0].push_back(run_.col(core::Col::t)[i]);
      t.data[1].push_back(run_.col(core::Col::loss)[i]);
      t.data[2].push_back(run_.col(core::Col::R)[i]);
      t.data[3].push_back(spec_[i].lambda_min_K);
      t.data[4].push_back(spec_[i].lambda_max);
      t.data[5].push_back(double(spec_[i].forced_zeros));
      for (size_t k = 0; k < r; ++k) t.data[6 + k].push_back(k < spec_[i].eigs.size() ? spec_[i].eigs[k] : 0.0);
    }
    const logic::Guarantees& g = guarantees_;
    Table u{"guarantees",
            {"t", "loss", "R", "dist_theta0", "path_length", "kernel_drift", "rho_running_min_R", "radius_R", "lambda0",
             "half_lambda0", "radius_ntk"},
            {}};
    u.data.resize(u.columns.size());
    for (size_t i = 0; i < g.size(); ++i) {
      const double vals[] = {g.t[i],   g.loss[i], g.R[i],    g.dist[i],     g.path[i], g.drift[i],
                             g.rho[i], g.r_R[i],  g.lambda0, g.lambda0 / 2, g.r_ntk};
      for (size_t c = 0; c < u.columns.size(); ++c) u.data[c].push_back(vals[c]);
    }
    return {t, u};
  }

  void draw_controls() override {
    if (ImGui::RadioButton("spectrum", !guar_)) guar_ = false;
    flow_radio("hypotheses along the run");
    if (ImGui::RadioButton("hypotheses along the run", guar_)) guar_ = true;
    draw_n_slider();
    const float s = unit();
    flow_item(120 * s, "##m");
    if (slider_int("m", "width m = %d")) changed();
    flow_item(100 * s, "seed");
    if (input_int("seed", "seed")) changed();
  }

  void draw_body(ImVec2 size) override {
    if (!run_.valid()) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    if (spec_.empty()) {
      ImGui::TextDisabled("starting…");
      return;
    }
    const float s = ImGui::GetFontSize() / 15.0f, gap = 10 * s;
    const double t = view_t();
    const int i = std::clamp(run_.index_at(t), 0, int(spec_.size()) - 1);
    if (guar_) {
      draw_guarantees(size, t, std::min(i, int(guarantees_.size()) - 1));
      return;
    }
    draw_readout(i);
    if (narrow(size.x)) {  // stacked: heights follow from the width
      draw_spectrum(ImVec2(size.x, size.x * 0.8f), t);
      draw_loss(ImVec2(size.x, size.x * 0.55f), t);
      draw_snapshot(ImVec2(size.x, size.x * 0.5f), i);
      return;
    }
    const float avail = size.y - ImGui::GetTextLineHeightWithSpacing() - 4 * s;
    const float top = std::max(140.0f, avail * 0.70f);
    const float w1 = (size.x - gap) * 0.62f, w2 = size.x - gap - w1;
    draw_spectrum(ImVec2(w1, top), t);
    ImGui::SameLine(0, gap);
    draw_loss(ImVec2(w2, top), t);
    draw_snapshot(ImVec2(size.x, std::max(80.0f, avail - top - 4 * s)), i);
  }

 private:
  // The spectra of the new checkpoints (computed by the experiment as it recorded them), one
  // budget item apiece, each appended to the plotted series.
  // Checkpoints with both a trace row and a spectrum (a checkpoint whose row was not finite has no row).
  size_t available() const { return std::min(run_.spectra().size(), size_t(run_.size())); }
  void sync(Budget& b) {
    if (!run_.valid()) return;
    while (spec_.size() < available() && b.left()) {
      const size_t i = spec_.size();
      spec_.push_back(logic::kernel_spectrum(run_.spectra()[i]));
      series_.append(run_.col(core::Col::t)[i], run_.col(core::Col::loss)[i], run_.col(core::Col::R)[i], spec_.back());
      if (i < run_.thetas().size()) {
        if (i == 0) guarantees_.reset(run_.col(core::Col::loss)[0], spec_[0].lambda_min_K);
        guarantees_.append(run_.exp(), run_.thetas()[i], run_.col(core::Col::t)[i], run_.col(core::Col::loss)[i],
                           run_.col(core::Col::R)[i]);
      }
      b.spend();
    }
  }

  // N slider on a log scale with a marker at N = P.
  void draw_n_slider() {
    const float s = ImGui::GetFontSize() / 15.0f;
    const int P = logic::headline_P(cfg_);
    ImGui::SetNextItemWidth(std::min(260 * s, ImGui::GetContentRegionAvail().x));
    const StateField& fN = fields_.at("N");
    char fmt[64];
    std::snprintf(fmt, sizeof fmt, "N = %%d samples (P = %d)", P);
    const bool ch = slider_int("N", fmt, ImGuiSliderFlags_Logarithmic);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    // Marker at N = P, placed like ImGui's logarithmic slider (grab centre over the inner track).
    const float grab = ImGui::GetStyle().GrabMinSize, pad = ImGui::GetStyle().FramePadding.x;
    const float x0 = a.x + pad + grab * 0.5f, x1 = b.x - pad - grab * 0.5f;
    const double u = (std::log(double(P)) - std::log(fN.lo)) / (std::log(fN.hi) - std::log(fN.lo));
    const float x = x0 + float(std::clamp(u, 0.0, 1.0)) * (x1 - x0);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 c = palette().warn;
    dl->AddLine(ImVec2(x, a.y - 1), ImVec2(x, b.y + 1), c, 2.0f * s);
    dl->AddTriangleFilled(ImVec2(x - 4 * s, a.y - 5 * s), ImVec2(x + 4 * s, a.y - 5 * s), ImVec2(x, a.y), c);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Red mark: N = P = %d. Right of it the kernel K (N×N) has rank ≤ P < N, so λ_min(K) = 0.", P);
    if (ch) changed();
  }

  void draw_readout(int i) {
    const int P = logic::headline_P(cfg_);
    const double R = run_.col(core::Col::R)[i], L = run_.col(core::Col::loss)[i];
    double minR = R;
    for (int j = 0; j <= i; ++j) minR = std::min(minR, run_.col(core::Col::R)[j]);
    const auto& sp = spec_[size_t(i)];
    if (cfg_.N > P)
      ImGui::TextWrapped(
          "t = %s:  λ_min(K) = 0 exactly (%lld of %d eigenvalues, since N > P)   ·   R(t) = %s  (min so far %s)   ·   loss %s",
          fmt_sci(run_.col(core::Col::t)[i]).c_str(), sp.forced_zeros, cfg_.N, fmt_exact(R).c_str(),
          fmt_exact(minR).c_str(), fmt_exact(L).c_str());
    else
      ImGui::TextWrapped("t = %s:  λ_min(K) = %s > 0 (N ≤ P)   ·   R(t) = %s  (min so far %s)   ·   loss %s",
                         fmt_sci(run_.col(core::Col::t)[i]).c_str(), fmt_exact(sp.lambda_min_K).c_str(),
                         fmt_exact(R).c_str(), fmt_exact(minR).c_str(), fmt_exact(L).c_str());
  }

  void draw_spectrum(ImVec2 size, double t) {
    const int P = logic::headline_P(cfg_);
    const double t0 = cfg_.t_end * 1e-4;
    Axis ax{"t (log scale)", true, true, t0 * 0.8, cfg_.t_end * 1.25};
    const logic::HeadlineSeries& sr = series_;
    Axis ay{"eigenvalues of the tangent kernel K(θ_t) = JJᵀ/N", true, true, sr.floor, sr.top};
    spectrum_.begin("spectrum", size, ax, ay);
    const size_t r = sr.floored.size();
    for (size_t k = 0; k < r; ++k) {
      const float u = r > 1 ? float(k) / float(r - 1) : 0.0f;
      spectrum_.line(sr.T, sr.floored[k], colormap_u32(Colormap::viridis, 0.15f + 0.75f * u, 0.75f),
                     "λ_" + std::to_string(k + 1) + "(K)", 1.3f);
    }
    spectrum_.line(sr.T, sr.lmax, series_color(4), "λ_max(K)", 2.0f, true);
    if (cfg_.N <= P) spectrum_.line(sr.T, sr.lmin, series_color(5), "λ_min(K)", 2.5f, true);
    spectrum_.line(sr.T, sr.R, series_color(1), "R(θ_t), the Rayleigh quotient", 3.5f);
    spectrum_.cursor(std::max(t, t0));
    const bool zero = cfg_.N > P;
    const long long zeros = spec_.empty() ? 0 : spec_.back().forced_zeros;
    const double fl = sr.floor;
    spectrum_.overlay([zero, zeros, fl, P](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      const Palette& pal = palette();
      const ImVec2 a = p.area_min(), b = p.area_max();
      if (zero) {
        // λ_min(K) = 0: a thick dashed line on the floor, a "0" tick and a label.
        const ImU32 c = series_color(5);
        const float y = b.y - 2 * s;
        for (float x = a.x; x < b.x; x += 12 * s)
          dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 7 * s, b.x), y), c, 3.0f * s);
        char buf[128];
        std::snprintf(buf, sizeof buf, "λ_min(K) = 0  (%lld zero eigenvalues: rank K ≤ P = %d < N)", zeros, P);
        if (ImGui::CalcTextSize(buf).x > b.x - a.x - 24 * s)  // narrow plot: the short form
          std::snprintf(buf, sizeof buf, "λ_min(K) = 0  (%lld zeros, rank ≤ P)", zeros);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        const ImVec2 tp(a.x + 18 * s, y - ts.y - 3 * s);
        dl->AddRectFilled(ImVec2(tp.x - 3 * s, tp.y - 1 * s), ImVec2(tp.x + ts.x + 3 * s, tp.y + ts.y + 1 * s),
                          alpha(pal.plot_bg, 0.85f), 3 * s);
        dl->AddText(tp, c, buf);
        dl->AddText(ImVec2(a.x + 4 * s, y - ImGui::GetFontSize() - 3 * s), c, "0");  // inside the (clipped) plot area
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (p.hovered() && m.x >= a.x && m.x <= b.x && std::abs(m.y - y) < 6 * s)
          ImGui::SetTooltip(
              "λ_min(K) = 0 exactly: K is N×N with rank ≤ P, so %lld of its eigenvalues vanish.\n"
              "Drawn at the floor of the log axis (%s).",
              zeros, fmt_sci(fl).c_str());
      }
    });
    // Own legend: the plot's would list every eigenvalue line (their labels serve the hover read-out).
    spectrum_.overlay([r, zero](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f, fs = ImGui::GetFontSize(), row = fs + 3 * s;
      const std::string eig = "λ_k(K), k = 1…" + std::to_string(r) + " (the nonzero spectrum)";
      const char* items[4] = {eig.c_str(), "R(θ_t), the Rayleigh quotient", "λ_max(K)",
                              zero ? "λ_min(K) = 0 (on the floor)" : "λ_min(K)"};
      float w = 0;
      for (const char* it : items) w = std::max(w, ImGui::CalcTextSize(it).x);
      const std::string eig_short = "λ_k(K), k = 1…" + std::to_string(r);
      if (w > p.area_max().x - p.area_min().x - 60 * s) {  // narrow plot: short labels
        items[0] = eig_short.c_str();
        items[1] = "R(θ_t)";
        w = 0;
        for (const char* it : items) w = std::max(w, ImGui::CalcTextSize(it).x);
      }
      // Bottom right, above the floor label row: the lines there are the smallest eigenvalues at late times.
      const ImVec2 o(p.area_max().x - w - 44 * s, p.area_max().y - 4 * row - fs - 12 * s);
      const Palette& pal = palette();
      dl->AddRectFilled(ImVec2(o.x - 6 * s, o.y - 5 * s), ImVec2(p.area_max().x - 8 * s, o.y + 4 * row + 2 * s),
                        pal.legend_bg, 4 * s);
      dl->AddRect(ImVec2(o.x - 6 * s, o.y - 5 * s), ImVec2(p.area_max().x - 8 * s, o.y + 4 * row + 2 * s), pal.frame,
                  4 * s);
      for (int j = 0; j < 4; ++j) {
        const float y = o.y + row * j + fs * 0.5f;
        if (j == 0)
          for (int q = 0; q < 5; ++q)
            dl->AddLine(ImVec2(o.x, y - 4 * s + 2 * s * q), ImVec2(o.x + 24 * s, y - 4 * s + 2 * s * q),
                        colormap_u32(Colormap::viridis, 0.15f + 0.75f * q / 4.0f), 1.3f * s);
        else if (j == 1)
          dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + 24 * s, y), series_color(1), 3.5f * s);
        else {
          const ImU32 c = series_color(j == 2 ? 4 : 5);
          dl->AddLine(ImVec2(o.x, y), ImVec2(o.x + 9 * s, y), c, 2.5f * s);
          dl->AddLine(ImVec2(o.x + 15 * s, y), ImVec2(o.x + 24 * s, y), c, 2.5f * s);
        }
        dl->AddText(ImVec2(o.x + 30 * s, o.y + row * j), pal.text, items[j]);
      }
    });
    spectrum_.legend(Legend::none);
    spectrum_.end();
  }

  void draw_loss(ImVec2 size, double t) {
    const double t0 = cfg_.t_end * 1e-4;
    Axis ax{"t (log scale)", true, true, t0 * 0.8, cfg_.t_end * 1.25}, ay{"training loss L(θ_t)", true};
    loss_.begin("loss", size, ax, ay);
    loss_.line(series_.T, series_.L, series_color(0), "loss", 2.5f);
    loss_.cursor(std::max(t, t0));
    loss_.legend(Legend::none);
    loss_.end();
  }

  // Spectrum at the cursor: one stem per eigenvalue (descending), zeros on the floor, R as a line.
  void draw_snapshot(ImVec2 size, int i) {
    const auto& sp = spec_[size_t(i)];
    const int P = logic::headline_P(cfg_);
    snap_x_.clear();
    snap_y_.clear();
    zx_.clear();
    zy_.clear();
    const int shown_zeros = int(std::min<long long>(sp.forced_zeros, 48));
    for (size_t k = 0; k < sp.eigs.size(); ++k) {
      if (sp.eigs[k] > sp.tol) {
        snap_x_.push_back(double(k + 1));
        snap_y_.push_back(sp.eigs[k]);
      } else {
        zx_.push_back(double(k + 1));
        zy_.push_back(series_.floor);
      }
    }
    for (int z = 0; z < shown_zeros; ++z) {
      zx_.push_back(double(sp.eigs.size() + z + 1));
      zy_.push_back(series_.floor);
    }
    const double xmax = double(sp.eigs.size() + shown_zeros) + 0.7;
    char lab[160];
    std::snprintf(lab, sizeof lab, "spectrum of K at t = %s (index k, descending)%s",
                  fmt_sci(run_.col(core::Col::t)[i]).c_str(),
                  sp.forced_zeros > shown_zeros ? " — zeros truncated" : "");
    Axis ax{lab, false, true, 0.3, std::max(xmax, 2.0)}, ay{"λ_k", true, true, series_.floor, series_.top};
    snap_.begin("snapshot", size, ax, ay);
    snap_.scatter(snap_x_, snap_y_, series_color(0), "λ_k(K) > 0", 3.5f);
    if (!zx_.empty()) snap_.scatter(zx_, zy_, series_color(5), "λ_k(K) = 0 (on the floor)", 3.0f);
    snap_.hline(run_.col(core::Col::R)[i], series_color(1), "R(θ_t)", false);
    if (P + 0.5 < xmax) snap_.vline(P + 0.5, palette().warn, "k = P", true);
    snap_.overlay([this](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      for (size_t k = 0; k < snap_x_.size(); ++k)
        dl->AddLine(p.to_px(snap_x_[k], series_.floor), p.to_px(snap_x_[k], snap_y_[k]), alpha(series_color(0), 0.6f),
                    2.0f * s);
    });
    snap_.legend(Legend::top_right);
    snap_.end();
  }

  // View "guarantees": the main result's two hypotheses checked along the run.
  void draw_guarantees(ImVec2 size, double t, int i) {
    const logic::Guarantees& g = guarantees_;
    if (i < 1 || g.size() < 2) {
      ImGui::TextDisabled("starting…");
      return;
    }
    const int P = logic::headline_P(cfg_);
    const std::string tf = g.ntk_fail >= 0 && g.ntk_fail <= i ? fmt_sci(g.t[size_t(g.ntk_fail)]) : "";
    if (g.lambda0 > 0)
      ImGui::TextWrapped(
          "Classical (NTK) hypothesis: λ₀ = λ_min(K_θ₀) = %s, radius 2√(L₀/λ₀) = %s; drift < λ₀/2 = %s along the run: %s",
          fmt_sci(g.lambda0).c_str(), fmt_sci(g.r_ntk).c_str(), fmt_sci(g.lambda0 / 2).c_str(),
          tf.empty() ? "holds so far" : ("fails at t = " + tf).c_str());
    else
      ImGui::TextWrapped(
          "Classical (NTK) hypothesis: λ₀ = λ_min(K_θ₀) = 0 (N = %d > P = %d), so the radius 2√(L₀/λ₀) is infinite and drift < λ₀/2 = 0 fails at t = 0",
          cfg_.N, P);
    const size_t k = size_t(i);
    ImGui::TextWrapped(
        "R-hypothesis at t = %s: R ≥ ρ = min R = %s > 0 along the run; ‖θ_t − θ₀‖ = %s ≤ path %s ≤ √(2/ρ)(√L₀ − √L_t) = %s",
        fmt_sci(g.t[k]).c_str(), fmt_sci(g.rho[k]).c_str(), fmt_sci(g.dist[k]).c_str(), fmt_sci(g.path[k]).c_str(),
        fmt_sci(g.r_R[k]).c_str());
    const float s = ImGui::GetFontSize() / 15.0f, gap = 10 * s;
    const bool nar = narrow(size.x);
    const float avail = size.y - 3 * ImGui::GetTextLineHeightWithSpacing() - 6 * s;
    const ImVec2 sz = nar ? ImVec2(size.x, size.x * 0.9f) : ImVec2((size.x - gap) * 0.5f, std::max(140.0f, avail));
    // Series from checkpoint 1 (t = 0 has no place on a log time axis; ‖θ₀ − θ₀‖ = 0 none on a log axis).
    gt_.assign(g.t.begin() + 1, g.t.end());
    auto tail = [](const std::vector<double>& v, std::vector<double>& out) { out.assign(v.begin() + 1, v.end()); };
    tail(g.dist, gd_);
    tail(g.path, gp_);
    tail(g.r_R, gr_);
    tail(g.drift, gk_);
    tail(g.R, gR_);
    const double t0 = cfg_.t_end * 1e-4;
    Axis ax{"t (log scale)", true, true, t0 * 0.8, cfg_.t_end * 1.25};
    double lo = HUGE_VAL, hi = 0;
    for (const auto* v : {&gd_, &gp_, &gr_})
      for (double x : *v)
        if (x > 0 && std::isfinite(x)) {
          lo = std::min(lo, x);
          hi = std::max(hi, x);
        }
    if (std::isfinite(g.r_ntk)) hi = std::max(hi, g.r_ntk);
    if (!(hi > 0)) hi = 1;
    if (!std::isfinite(lo)) lo = hi * 1e-3;
    Axis ay{"distance in parameter space", true, true, lo * 0.5, hi * 3};
    dist_.begin("dist", sz, ax, ay);
    if (std::isfinite(g.r_ntk))
      dist_.hline(g.r_ntk, series_color(5), nar ? "2√(L₀/λ₀)" : "classical radius 2√(L₀/λ₀)", true);
    dist_.line(gt_, gr_, series_color(1),
               nar ? "√(2/ρ)(√L₀ − √L_t)" : "path-length bound √(2/ρ)(√L₀ − √L_t), ρ = min R", 2.0f, true);
    dist_.line(gt_, gp_, series_color(4), nar ? "path length" : "path length (sum over checkpoints)", 1.5f);
    dist_.line(gt_, gd_, series_color(0), "‖θ_t − θ₀‖", 2.5f);
    dist_.cursor(std::max(t, t0));
    const bool inf = !std::isfinite(g.r_ntk);
    dist_.overlay([inf](const Plot& p, ImDrawList* dl) {
      if (!inf) return;
      const float s = ImGui::GetFontSize() / 15.0f;
      const char* txt = "classical radius 2√(L₀/λ₀) = ∞ (λ₀ = 0)";
      dl->AddText(ImVec2(p.area_min().x + 6 * s, p.area_min().y + 4 * s), series_color(5), txt);
    });
    dist_.legend(nar ? Legend::best : Legend::bottom_right);
    dist_.end();
    if (!nar) ImGui::SameLine(0, gap);
    double klo = HUGE_VAL, khi = 0;
    for (const auto* v : {&gk_, &gR_})
      for (double x : *v)
        if (x > 0 && std::isfinite(x)) {
          klo = std::min(klo, x);
          khi = std::max(khi, x);
        }
    if (g.lambda0 > 0) {
      klo = std::min(klo, g.lambda0 / 2);
      khi = std::max(khi, g.lambda0 / 2);
    }
    if (!(khi > 0)) khi = 1;
    if (!std::isfinite(klo)) klo = khi * 1e-3;
    Axis ay2{"kernel drift ‖K_θt − K_θ₀‖ and R(θ_t)", true, true, klo * 0.3, khi * 3};
    drift_.begin("drift", sz, ax, ay2);
    if (g.lambda0 > 0)
      drift_.hline(g.lambda0 / 2, series_color(5), nar ? "λ₀/2" : "λ₀/2 (classical: drift must stay below)", true);
    drift_.line(gt_, gR_, series_color(1), "R(θ_t)", 2.0f);
    drift_.line(gt_, gk_, series_color(3), "‖K_θt − K_θ₀‖_op", 2.5f);
    if (g.ntk_fail > 0)
      drift_.vline(g.t[size_t(g.ntk_fail)], palette().warn, nar ? "fails" : "classical hypothesis fails", true);
    drift_.cursor(std::max(t, t0));
    const bool zero = !(g.lambda0 > 0);
    drift_.overlay([zero](const Plot& p, ImDrawList* dl) {
      if (!zero) return;
      const float s = ImGui::GetFontSize() / 15.0f;
      dl->AddText(ImVec2(p.area_min().x + 6 * s, p.area_max().y - ImGui::GetFontSize() - 4 * s), series_color(5),
                  "λ₀/2 = 0: any drift breaks the classical hypothesis");
    });
    drift_.legend(nar ? Legend::best : Legend::top_left);
    drift_.end();
  }

  HeadlineConfig cfg_;
  bool guar_ = false;
  logic::Guarantees guarantees_;
  std::vector<double> gt_, gd_, gp_, gr_, gk_, gR_;
  Plot dist_, drift_;
  Run run_;
  std::vector<logic::KernelSpectrum> spec_;
  logic::HeadlineSeries series_;
  std::vector<double> snap_x_, snap_y_, zx_, zy_;
  Plot spectrum_, loss_, snap_;
};

}  // namespace

std::unique_ptr<Figure> make_headline() { return std::make_unique<Headline>(); }

}  // namespace ui
