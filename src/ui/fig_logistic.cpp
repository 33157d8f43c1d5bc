// Figure "logistic": the multiclass logistic-regression experiment of the paper's appendix A.5.6
// (paper-notes §4, exactly): full-batch gradient descent at η = 0.1 on a linear softmax model,
// plotted like the authors' plot_data.py — left, the loss against the iteration count with the
// predicted upper bound Φ⁻¹(Φ(L₀) − (ε/n)²·t), t = η·(iteration − 1), L₀ the loss after the first
// update; right, the local decrease (L_k − L_{k+1})/(Δiter·η) against L with the predicted lower
// bound (ε/n)²(1 − e^−L)², both log–log. E1 is the paper's exact configuration; E2 is drawn from
// OUR seeded generator (the JAX PRNGKey(1) stream cannot be reproduced) and is labelled so.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/ntk/bounds.hpp"
#include "ui/fig_logistic_logic.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr double kEta = 0.1;
const std::vector<double> kIters = {1e4, 1e5, 1e6, 2e6, 4e6, 1e7};

class Logistic final : public Figure {
 public:
  Logistic() {
    add_preset(
        "default", "E1: the paper's hand-built instance (n = 3)",
        "Three phases: one step fits x₁, x₂; then a linear phase where the bound is 93% tight; near iteration 2.4·10⁶ the margin flips and the loss falls as 1/t.");
    add_preset(
        "E2", "E2-like: random instance, OUR seed (n = 100)",
        "A random separable problem: the measured loss is far below the bound — the margin ε is small and the bound loses a factor n².");
    add_preset("E1_short", "E1, first 10⁵ iterations",
               "Only the linear phase: measured decrease 1/6 per unit time against the predicted (ε/n)² = 0.154.");
    fields_.integer("iters", "gradient-descent iterations", iters_, 100, 10000000);
    fields_.integer("seed", "seed of the E2-like instance (our generator)", seed_, 0, 1000000).param = "seed";
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    e2_ = name == "E2";
    seed_ = 1;
    iters_ = e2_ ? 1e5 : name == "E1_short" ? 1e5 : 4e6;
  }
  void restart() override {
    run_.start(logic::logistic_params(e2_, seed_, iters_, kEta), /*spectrum=*/false, /*keep_spectra=*/false,
               /*keep_thetas=*/false);  // plots the trace's loss only
    series_.reset({}, kEta);
    if (run_.valid()) {
      // Iterations 1 … (first checkpoint − 1) by the same GD map: the log axis starts at iteration 1.
      series_.reset(logic::logistic_prefix(run_.exp(), kEta), kEta);
      const double n = double(run_.exp().data().N());
      kappa_ = std::pow(run_.exp().margin() / n, 2);
    }
    built_ = -1;
    range_key_ = {NAN, NAN};
    rebuild();
  }
  void advance(Budget& b) override {
    run_.advance(b);
    rebuild();
  }
  void step_once() override {
    run_.step_checkpoint();
    rebuild();
  }
  double t_live() const override { return run_.t_live(); }
  double t_end() const override { return iters_ * kEta; }
  bool finished() const override { return run_.finished(); }
  void draw_controls() override {
    const float s = unit();
    ImGui::SetNextItemWidth(std::min(200 * s, ImGui::GetContentRegionAvail().x));
    char cur[48];
    std::snprintf(cur, sizeof cur, "%s iterations", fmt_sci(iters_).c_str());
    if (ImGui::BeginCombo("##iters", cur)) {
      for (double v : kIters) {
        char b[48];
        std::snprintf(b, sizeof b, "%s iterations", fmt_sci(v).c_str());
        if (ImGui::Selectable(b, v == iters_)) {
          iters_ = v;
          changed();
        }
      }
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(
          "E1 needs about 4·10⁶ iterations for its three phases; the run is time-sliced and shows what is reached.");
    if (e2_) {
      flow_item(100 * s, "seed (our generator)");
      if (input_int("seed", "seed (our generator)")) changed();
    }
  }
  std::string status() const override {
    if (!run_.valid() || run_.diverged()) return run_.status_text();
    const double done = series_.it.empty() ? 0 : series_.it.back();
    std::string s = e2_ ? "E2-like instance from OUR seeded generator (seed " + std::to_string(seed_) +
                              "), not the paper's JAX draw"
                        : "E1, the paper's exact configuration";
    s += " · n = " + std::to_string(run_.exp().data().N()) + ", ε = " + fmt_exact(run_.exp().margin()) +
         ", (ε/n)² = " + fmt_exact(kappa_) + ", η = 0.1 · iteration " + fmt_sci(done) + " of " + fmt_sci(iters_) +
         " · " + run_.status_text();
    return s;
  }
  std::vector<const Run*> runs() const override { return {&run_}; }
  std::vector<Table> tables() const override {
    Table a{"loss", {"iteration", "loss", "predicted_upper_bound"}, {series_.it, series_.L, {}}};
    for (double k : series_.it)
      a.data[2].push_back(L1() > 0 ? core::logistic_phi_bound(L1(), kappa_, (k - 1) * kEta) : 0.0);
    Table b{"local_decrease", {"loss", "local_decrease", "predicted_lower_bound"}, {series_.dx, series_.dy, {}}};
    for (double L : series_.dx) b.data[2].push_back(core::logistic_decrease_bound(kappa_, L));
    return {a, b};
  }

  void draw_body(ImVec2 size) override {
    if (!run_.valid()) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    const std::vector<double>&its = series_.it, &Ls = series_.L;
    if (its.empty()) {
      ImGui::TextDisabled("starting…");
      return;
    }
    const float s = ImGui::GetFontSize() / 15.0f, gap = 12 * s;
    const double k = std::max(1.0, view_t() / kEta);
    const size_t i =
        size_t(std::max<long>(0, long(std::upper_bound(its.begin(), its.end(), k + 0.5) - its.begin()) - 1));
    const double L = Ls[i], bnd = core::logistic_phi_bound(L1(), kappa_, (its[i] - 1) * kEta);
    const double grad_bound = core::logistic_decrease_bound(kappa_, L);
    // The measured local decrease at the cursor (nearest recorded pair).
    double dec = 0;
    if (i + 1 < its.size())
      dec = (Ls[i] - Ls[i + 1]) / ((its[i + 1] - its[i]) * kEta);
    else if (i > 0)
      dec = (Ls[i - 1] - Ls[i]) / ((its[i] - its[i - 1]) * kEta);
    ImGui::TextWrapped(
        "iteration %s:  loss %s  ≤  bound %s (ratio %s)   ·   local decrease %s  ≥  (ε/n)²(1−e^−L)² = %s (ratio %s)",
        fmt_sci(its[i]).c_str(), fmt_exact(L).c_str(), fmt_exact(bnd).c_str(), fmt_sci(bnd / L).c_str(),
        fmt_exact(dec).c_str(), fmt_exact(grad_bound).c_str(),
        grad_bound > 0 ? fmt_sci(dec / grad_bound).c_str() : "—");
    if (narrow(size.x)) {
      draw_loss(ImVec2(size.x, size.x * 0.75f), its[i]);
      draw_decrease(ImVec2(size.x, size.x * 0.75f), L);
      return;
    }
    const float h = std::max(120.0f, size.y - 2 * ImGui::GetTextLineHeightWithSpacing() - 2 * s);
    const float w1 = (size.x - gap) * 0.5f;
    draw_loss(ImVec2(w1, h), its[i]);
    ImGui::SameLine(0, gap);
    draw_decrease(ImVec2(size.x - gap - w1, h), L);
  }

 private:
  // L₁: the loss after the first update (the prefix's first record, else the first checkpoint's).
  double L1() const { return series_.L.empty() ? 0.0 : series_.L[0]; }

  void rebuild() {
    if (!run_.valid()) return;
    const long n = long(run_.size());
    if (n == built_) return;
    built_ = n;
    // Only the checkpoints added since the last frame are appended (logic::LogisticSeries).
    series_.append(run_.col(core::Col::t), run_.col(core::Col::loss));
    // Predicted upper bound over [1, x_max], x_max as in plot_data.py: max(2·last, where the bound hits 1e-5).
    // It depends on L₁, κ and the run's length only, so it is computed once per run (600 inversions of
    // Φ: ≈ 7 ms natively, too much to repeat in every frame that adds a checkpoint).
    const std::array<double, 3> key{L1(), kappa_, iters_};
    if (key != bound_key_) {
      bound_key_ = key;
      const double hit = logic::phi_bound_iteration(L1(), kappa_, kEta, 1e-5);
      xmax_ =
          std::max(2.0 * iters_, std::min(hit * 1.2, 20.0 * iters_));  // capped: a tiny margin would push it to 1e12
      logic::phi_bound_curve(L1(), kappa_, kEta, xmax_, 600, bit_, bL_);
    }
    // The decrease bound over the range of the measured losses: again only when that range moved.
    const double lo = series_.lo, hi = series_.hi;
    const std::array<double, 2> range{lo, hi};
    if (range == range_key_) return;
    range_key_ = range;
    bx_.clear();
    by_.clear();
    if (hi > 0) {
      const double a = std::log10(0.5 * lo), b = std::log10(2 * hi);
      for (int j = 0; j <= 300; ++j) {
        const double x = std::pow(10.0, a + (b - a) * j / 300.0);
        bx_.push_back(x);
        by_.push_back(core::logistic_decrease_bound(kappa_, x));
      }
    }
  }

  void draw_loss(ImVec2 size, double k) {
    double lo = series_.lo, hi = series_.hi;  // the positive losses' range
    for (double v : bL_)
      if (v > 0) hi = std::max(hi, v);
    lo = std::max(std::min(lo, 1e-5), 1e-300);
    Axis ax{"iteration", true, true, 1, xmax_}, ay{"loss", true, true, lo * 0.5, hi * 3};
    lp_.begin("loss", size, ax, ay);
    lp_.line(bit_, bL_, series_color(3), "predicted loss upper bound Φ⁻¹(Φ(L₀) − (ε/n)²t)", 2.5f, true);
    lp_.line(series_.it, series_.L, series_color(0),
             std::string("measurements (") + (e2_ ? "E2-like, our seed" : "E1") + ")", 2.5f);
    lp_.cursor(k);
    const double reached = series_.it.empty() ? 1 : series_.it.back();
    const bool running = !run_.finished();
    lp_.overlay([reached, running, this](const Plot& p, ImDrawList* dl) {
      if (!running) return;
      // The part of the axis not computed yet.
      const ImVec2 a = p.to_px(reached, 1), b = p.area_max();
      const float s = ImGui::GetFontSize() / 15.0f;
      dl->AddRectFilled(ImVec2(a.x, p.area_min().y), b, (palette().grid & 0x00FFFFFF) | 0x30000000);
      char buf[96];
      std::snprintf(buf, sizeof buf, "computing… (%s of %s)", fmt_sci(reached).c_str(), fmt_sci(iters_).c_str());
      dl->AddText(ImVec2(a.x + 6 * s, p.area_min().y + 6 * s), palette().text_dim, buf);
    });
    lp_.legend(Legend::bottom_left);
    lp_.end();
  }

  void draw_decrease(ImVec2 size, double L) {
    Axis ax{"loss value L", true}, ay{"local loss decrease (L_k − L_{k+1})/(Δiter·η)", true};
    dp_.begin("decrease", size, ax, ay);
    dp_.line(bx_, by_, series_color(3), "predicted decrease lower bound (ε/n)²(1 − e^−L)²", 2.5f, true);
    dp_.scatter(series_.dx, series_.dy, series_color(0),
                std::string("measurements (") + (e2_ ? "E2-like, our seed" : "E1") + ")", 1.8f);
    dp_.vline(L, palette().cursor, "", true);
    dp_.legend(Legend::bottom_right);
    dp_.end();
    if (series_.skipped > 0) {
      ImGui::SetCursorScreenPos(
          ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y));
      ImGui::TextDisabled("(%d non-decreasing steps not shown on the log axis)", series_.skipped);
    }
  }

  bool e2_ = false;
  int seed_ = 1;
  double iters_ = 4e6;
  double kappa_ = 0, xmax_ = 10;
  Run run_;
  logic::LogisticSeries series_;  // measured loss and local decrease, appended checkpoint by checkpoint
  long built_ = -1;
  std::array<double, 3> bound_key_{NAN, NAN, NAN};  // (L₁, κ, iterations) of bit_/bL_ (NaN: none yet)
  std::array<double, 2> range_key_{NAN, NAN};       // (lo, hi) of bx_/by_ (NaN: none yet)
  std::vector<double> bit_, bL_, bx_, by_;
  Plot lp_, dp_;
};

}  // namespace

std::unique_ptr<Figure> make_logistic() { return std::make_unique<Logistic>(); }

}  // namespace ui
