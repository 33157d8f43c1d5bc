// Figure "bounds": bounds against reality (paper-notes T1/C1, T5, T7). For a squared-loss run:
// the measured loss, the exact identity L(0)·exp(−2∫R) (it coincides with the loss), the NTK
// bound L(0)·exp(−2t·min λ_min(K)) (vacuous once λ_min = 0), the running-min-R bound, and the
// Łojasiewicz envelope fitted to the recorded (L, ‖∇L‖²) pairs, integrated (kl_power_bound).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/ntk/bounds.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
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
  p.seed = 7;
  p.model = "two_layer";
  p.data = "bench";
  p.d = 4;
  p.teacher_width = 4;
  if (name == "over") {
    p.n = 16;
    p.width = 32;
    p.t_end = 30;
  } else if (name == "population") {
    p.model = "poly";
    p.degree = 3;
    p.data = "population";
    p.n = 32;
    p.range = 1.5;
    p.t_end = 20;
  } else if (name == "deep_linear") {
    p.model = "deep_linear";
    p.data = "gaussian";
    p.n = 32;
    p.width = 4;
    p.depth = 3;
    p.init_scale = 0.7;
    p.t_end = 30;
  } else {
    p.n = 128;
    p.width = 8;
    p.t_end = 60;
  }  // under-parameterized: N = 128 > P = 40
  return p;
}

class Bounds final : public RunFigure {
 public:
  Bounds() {
    add_preset("default", "Two-layer net, N = 128 > P = 40",
               "λ_min(K) = 0 makes the NTK bound flat (vacuous); the R-based bounds still decay.");
    add_preset("over", "Two-layer net, N = 16 < P = 160",
               "Over-parameterized: λ_min(K) > 0 and the NTK bound decays too, but it is far from tight.");
    add_preset("population", "Cubic features on the population",
               "The kernel on L²(μ) has rank 4; the running-min-R bound is the honest rate.");
    add_preset("deep_linear", "Deep linear net, depth 3",
               "The fitted KL envelope captures a rate the min-R bound misses early on.");
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override { params_ = preset_params(name); }
  void restart() override {
    kl_n_ = -1;
    RunFigure::restart();
  }
  std::vector<Table> tables() const override {
    if (!run_.valid()) return {};
    Table t{"bounds", {"t", "loss", "identity", "ntk_bound", "min_R_bound", "kl_bound", "R", "lambda_min"}, {}};
    const_cast<Bounds*>(this)->compute_kl();
    for (core::Col c :
         {core::Col::t, core::Col::loss, core::Col::bound_identity, core::Col::bound_ntk, core::Col::bound_rmin}) {
      auto s = run_.col(c);
      t.data.emplace_back(s.begin(), s.end());
    }
    t.data.push_back(kl_);
    for (core::Col c : {core::Col::R, core::Col::lambda_min}) {
      auto s = run_.col(c);
      t.data.emplace_back(s.begin(), s.end());
    }
    return {t};
  }

  void draw_body(ImVec2 size) override {
    if (!run_.valid()) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    const float s = ImGui::GetFontSize() / 15.0f;
    const double t = view_t();
    compute_kl();
    const int i = std::max(0, run_.index_at(t));
    const double L = run_.col(core::Col::loss)[i];
    auto ratio = [&](double b) { return L > 0 ? fmt_sci(b / L) : std::string("—"); };
    ImGui::TextWrapped(
        "at t = %s:  bound / loss —  identity %s,  min-R %s,  KL envelope %s,  NTK %s",
        fmt_sci(run_.col(core::Col::t)[i]).c_str(), ratio(run_.col(core::Col::bound_identity)[i]).c_str(),
        ratio(run_.col(core::Col::bound_rmin)[i]).c_str(), kl_.empty() ? "—" : ratio(kl_[size_t(i)]).c_str(),
        ratio(run_.col(core::Col::bound_ntk)[i]).c_str());
    if (kl_ok_)
      dim_wrapped("fitted Lojasiewicz (KL) envelope ‖∇L‖² ≥ c·L^(2α): c = %s, α = %s", fmt_sci(kl_c_).c_str(),
                  fmt_sci(kl_alpha_).c_str());
    else
      dim_wrapped("KL envelope: %s", kl_err_.c_str());
    const bool nar = narrow(size.x);
    const float top =
        nar ? size.x * 0.85f : std::max(120.0f, (size.y - 2 * ImGui::GetTextLineHeightWithSpacing()) * 0.68f);
    const auto T = run_.col(core::Col::t);
    Axis ax{"t", false, true, 0, params_.t_end}, ay{"loss (log scale)", true};
    plot_.begin("loss", ImVec2(size.x, top), ax, ay);
    plot_.line(T, run_.col(core::Col::bound_ntk), series_color(3), "NTK bound L₀·exp(−2t·min λ_min(K))", 2.0f, true);
    plot_.line(T, run_.col(core::Col::bound_rmin), series_color(4), "running-min-R bound L₀·exp(−2t·min R)", 2.0f,
               true);
    if (kl_ok_) plot_.line(T, kl_, series_color(2), "fitted KL envelope (integrated)", 2.0f, true);
    plot_.line(T, run_.col(core::Col::bound_identity), series_color(6), "exact identity L₀·exp(−2∫R)", 5.0f);
    plot_.line(T, run_.col(core::Col::loss), series_color(0), "loss L(θ_t) (measured)", 2.0f);
    plot_.cursor(t);
    plot_.end();
    Axis ay2{"R(θ_t) and λ_min(K_θt)", false, false, 0, 1, true};
    rplot_.begin(
        "R",
        ImVec2(size.x, nar ? size.x * 0.45f
                           : std::max(60.0f, size.y - top - 2 * ImGui::GetTextLineHeightWithSpacing() - 6 * s)),
        ax, ay2);
    rplot_.line(T, run_.col(core::Col::R), series_color(1), "R(θ_t)");
    rplot_.line(T, run_.col(core::Col::lambda_min), series_color(3), "λ_min(K)", 2.0f, true);
    rplot_.cursor(t);
    rplot_.end();
  }

 private:
  // Envelope from the recorded pairs so far (cheap: O(checkpoints)), recomputed when the trace grows.
  void compute_kl() {
    const core::Index n = run_.size();
    if (n == kl_n_) return;
    kl_n_ = n;
    kl_.clear();
    auto f = run_.exp().kl_fit();
    kl_ok_ = f.ok();
    kl_err_ = f.ok() ? "" : f.error;
    if (!kl_ok_) return;
    kl_c_ = f.value.c;
    kl_alpha_ = f.value.alpha;
    const auto T = run_.col(core::Col::t);
    const double L0 = run_.col(core::Col::loss)[0];
    for (double t : T) kl_.push_back(core::kl_power_bound(L0, kl_c_, kl_alpha_, t - T[0]));
  }

  Plot plot_, rplot_;
  std::vector<double> kl_;
  core::Index kl_n_ = -1;
  bool kl_ok_ = false;
  double kl_c_ = 0, kl_alpha_ = 0;
  std::string kl_err_;
};

}  // namespace

std::unique_ptr<Figure> make_bounds() { return std::make_unique<Bounds>(); }

}  // namespace ui
