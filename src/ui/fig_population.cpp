// Figure "population": finitely many parameters, infinitely many samples (paper-notes §3 E-D, [I]).
// f_θ(x) = θ₁ + θ₂x on x ~ U[−a, a] (half-width a: R is the Rayleigh quotient everywhere else),
// realizable target θ*. The population flow has the closed
// form L_t = ½(Δ₁²e^{−2t} + (a²/3)Δ₂²e^{−2a²t/3}) ≤ L₀e^{−2 min(1, a²/3) t}, Δ = θ₀ − θ*,
// although the kernel on L²(μ) has rank P = 2 and λ_min = 0. Toggle: population (Gauss–Legendre,
// exact here) or N samples (the same picture: rank 2 whatever N).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr int kQuadNodes = 16;  // Gauss–Legendre nodes: exact for the degree-2 integrands here

// Helper (not in core): population loss ½E[(Δ₁ + Δ₂x)²] = ½(Δ₁² + (a²/3)Δ₂²) of any θ.
double population_loss(double d1, double d2, double a) { return 0.5 * (d1 * d1 + a * a / 3.0 * d2 * d2); }
// Closed-form population flow (T6 / E-D).
double closed_form(double d1, double d2, double a, double t) {
  return 0.5 * (d1 * d1 * std::exp(-2 * t) + a * a / 3.0 * d2 * d2 * std::exp(-2 * a * a * t / 3.0));
}

class Population final : public Figure {
 public:
  Population() {
    add_preset(
        "default", "Population, a = 1.5",
        "The measured population loss sits on the closed form; the bound L₀·exp(−2 min(1, a²/3) t) is tight at the slow rate.");
    add_preset("narrow", "Population, a = 0.5 (slow direction)",
               "With a²/3 < 1 the slope θ₂ is learnt slowly: the bound follows the slow mode.");
    add_preset("samples", "N = 200 samples",
               "Finite data: K is 200×200 but still has rank 2 = P; training and test losses both converge.");
    add_preset("few", "N = 3 samples", "Just above P = 2: λ_min(K) is already 0 and convergence is unaffected.");
    fields_.choice("data", "the population (quadrature) or N samples", population_, {"samples", "population"});
    fields_.integer("N", "number of samples N", N_, 3, 5000).param = "n";  // with data=samples
    StateField& a = fields_.real("a", "half-width a of the interval [−a, a]", a_, 0.1, 4.0);
    a.alias = "R";  // links made before the rename
    a.param = "range";
    fields_.integer("seed", "seed of the samples", seed_, 0, 1000000).param = "seed";
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    population_ = !(name == "samples" || name == "few");
    a_ = name == "narrow" ? 0.5 : 1.5;
    N_ = name == "few" ? 3 : 200;
    seed_ = 3;
  }
  void restart() override { run_.start(params()); }
  void advance(Budget& b) override { run_.advance(b); }
  void step_once() override { run_.step_checkpoint(); }
  double t_live() const override { return run_.t_live(); }
  double t_end() const override { return t_end_value(); }
  bool finished() const override { return run_.finished(); }
  void draw_controls() override {
    const float s = unit();
    bool ch = false;
    if (ImGui::RadioButton("population (Gauss–Legendre)", population_)) {
      population_ = true;
      ch = true;
    }
    flow_radio("N samples");
    if (ImGui::RadioButton("N samples", !population_)) {
      population_ = false;
      ch = true;
    }
    if (!population_) {
      flow_item(130 * s, "##N");
      ch |= slider_int("N", "N = %d", ImGuiSliderFlags_Logarithmic);
    }
    flow_item(150 * s, "##a");
    ch |= slider_real("a", "half-width a = %.2f");
    flow_item(100 * s, "seed");
    ch |= input_int("seed", "seed");
    if (ch) changed();
  }
  std::string status() const override {
    if (!run_.valid() || run_.diverged()) return run_.status_text();
    return "Illustrative example (our construction): features (1, x), P = 2, realizable target. " + run_.status_text();
  }
  std::vector<const Run*> runs() const override { return {&run_}; }
  std::vector<Table> tables() const override {
    if (!run_.valid()) return {};
    Table t{"population",
            {"t", "theta1", "theta2", "loss", "population_loss", "closed_form", "bound", "rank", "lambda_max",
             "lambda_min_pos"},
            {}};
    t.data.resize(t.columns.size());
    const auto T = run_.col(core::Col::t);
    for (size_t i = 0; i < T.size(); ++i) {
      const core::Vec& th = run_.thetas()[i];
      const double d1 = th[0] - star()[0], d2 = th[1] - star()[1];
      const double vals[] = {T[i],
                             th[0],
                             th[1],
                             run_.col(core::Col::loss)[i],
                             population_loss(d1, d2, a_),
                             closed_form(delta0(0), delta0(1), a_, T[i]),
                             bound(T[i]),
                             run_.col(core::Col::rank)[i],
                             run_.col(core::Col::lambda_max)[i],
                             run_.col(core::Col::lambda_min_pos)[i]};
      for (size_t c = 0; c < t.columns.size(); ++c) t.data[c].push_back(vals[c]);
    }
    return {t};
  }

  void draw_body(ImVec2 size) override {
    if (!run_.valid()) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    const float s = ImGui::GetFontSize() / 15.0f, gap = 10 * s;
    const double t = view_t();
    const int i = std::max(0, run_.index_at(t));
    if (narrow(size.x)) {
      draw_fit(ImVec2(size.x, size.x * 0.7f), i);
      draw_loss(ImVec2(size.x, size.x * 0.6f), t);
      draw_kernel(ImVec2(size.x, size.x * 0.45f), i);
      return;
    }
    const float top = std::max(120.0f, size.y * 0.66f);
    const float w1 = (size.x - gap) * 0.42f, w2 = size.x - gap - w1;
    draw_fit(ImVec2(w1, top), i);
    ImGui::SameLine(0, gap);
    draw_loss(ImVec2(w2, top), t);
    draw_kernel(ImVec2(size.x, std::max(70.0f, size.y - top - 6 * s)), i);
  }

 private:
  core::Params params() const {
    core::Params p;
    p.model = "poly";
    p.degree = 1;
    p.data = population_ ? "population" : "uniform";
    p.n = population_ ? kQuadNodes : N_;
    p.range = a_;
    p.seed = std::uint64_t(seed_);
    p.teacher_scale = 1.0;
    p.init_scale = 1.0;
    p.method = "dopri5";
    p.eta = 0;
    p.t_end = t_end_value();
    p.checkpoints = 161;
    return p;
  }
  double t_end_value() const { return std::clamp(4.0 / std::min(1.0, a_ * a_ / 3.0), 4.0, 200.0); }
  const core::Vec& star() const { return run_.exp().theta_star(); }
  double delta0(int k) const { return run_.exp().theta0()[k] - star()[k]; }
  double bound(double t) const {
    return population_loss(delta0(0), delta0(1), a_) * std::exp(-2 * std::min(1.0, a_ * a_ / 3.0) * t);
  }

  void draw_fit(ImVec2 size, int i) {
    const core::Dataset& D = run_.exp().data();
    xs_.assign(D.X.data(), D.X.data() + D.N());
    ys_.assign(D.Y.data(), D.Y.data() + D.N());
    const core::Vec& th = run_.thetas()[size_t(i)];
    lx_ = {-a_, a_};
    teacher_ = {star()[0] - star()[1] * a_, star()[0] + star()[1] * a_};
    fit_ = {th[0] - th[1] * a_, th[0] + th[1] * a_};
    Axis ax{"x  (x ~ U[−a, a])", false, true, -a_ * 1.05, a_ * 1.05}, ay{"f(x)", false};
    fitplot_.begin("fit", size, ax, ay);
    if (population_)
      fitplot_.scatter(xs_, ys_, series_color(6), "target at the quadrature nodes", 2.5f);
    else
      fitplot_.scatter(xs_, ys_, series_color(6), "samples (x_i, y_i)", N_ > 300 ? 1.5f : 2.5f);
    fitplot_.line(lx_, teacher_, series_color(2), "target f*(x) = θ₁* + θ₂* x", 2.0f, true);
    fitplot_.line(lx_, fit_, series_color(0), "fit f_θt(x)", 2.5f);
    fitplot_.end();
  }

  void draw_loss(ImVec2 size, double t) {
    const auto T = run_.col(core::Col::t);
    pop_.clear();
    for (size_t k = 0; k < T.size(); ++k)
      pop_.push_back(population_loss(run_.thetas()[k][0] - star()[0], run_.thetas()[k][1] - star()[1], a_));
    tc_.clear();
    cf_.clear();
    bd_.clear();
    for (int k = 0; k <= 200; ++k) {
      const double tt = t_end_value() * k / 200.0;
      tc_.push_back(tt);
      cf_.push_back(closed_form(delta0(0), delta0(1), a_, tt));
      bd_.push_back(bound(tt));
    }
    Axis ax{"t", false, true, 0, t_end_value()}, ay{"loss", true};
    loss_.begin("loss", size, ax, ay);
    loss_.line(tc_, bd_, series_color(3), "bound L₀·exp(−2 min(1, a²/3) t)", 2.0f, true);
    loss_.line(tc_, cf_, series_color(6), "closed form ½(Δ₁²·exp(−2t) + (a²/3)Δ₂²·exp(−2a²t/3))", 4.0f);
    if (population_)
      loss_.line(T, run_.col(core::Col::loss), series_color(0), "population loss (measured)", 2.0f);
    else {
      loss_.line(T, run_.col(core::Col::loss), series_color(1), "training loss on N samples", 2.0f);
      loss_.line(T, pop_, series_color(0), "population (test) loss of θ_t", 2.0f);
    }
    loss_.cursor(t);
    loss_.end();
  }

  // Eigenvalues of K: two nonzero (= those of G = E[φφᵀ]), the rest exactly zero.
  void draw_kernel(ImVec2 size, int i) {
    const double lmax = run_.col(core::Col::lambda_max)[i], lpos = run_.col(core::Col::lambda_min_pos)[i];
    const int rank = int(run_.col(core::Col::rank)[i]);
    const int n = int(run_.exp().data().N());
    const int shown = std::min(n, 40);
    ex_.clear();
    ey_.clear();
    for (int k = 0; k < shown; ++k) {
      ex_.push_back(k + 1);
      ey_.push_back(k == 0 ? lmax : (k == 1 && rank >= 2) ? lpos : 0.0);
    }
    char lab[160];
    if (population_)
      std::snprintf(
          lab, sizeof lab,
          "eigenvalues of K on L²(μ) (%d quadrature nodes shown; the operator has infinitely many zeros): rank %d = P",
          n, rank);
    else
      std::snprintf(lab, sizeof lab, "eigenvalues of the %d×%d kernel K (first %d shown): rank %d = P, λ_min(K) = 0", n,
                    n, shown, rank);
    Axis ax{"", false, true, 0.3, shown + 0.7}, ay{lab, false, false, 0, 1, true};
    kplot_.begin("kernel", size, ax, ay);
    kplot_.scatter(ex_, ey_, series_color(0), "λ_k(K)  (nonzero: 1 and a²/3 for the population)", 3.5f);
    kplot_.hline(1.0, series_color(6), "", true);
    kplot_.hline(a_ * a_ / 3, series_color(6), "", true);
    kplot_.overlay([this](const Plot& p, ImDrawList* dl) {
      for (size_t k = 0; k < ex_.size(); ++k)
        dl->AddLine(p.to_px(ex_[k], 0), p.to_px(ex_[k], ey_[k]), series_color(0), 2.0f);
    });
    kplot_.end();
  }

  bool population_ = true;
  double a_ = 1.5;
  int N_ = 200, seed_ = 3;
  Run run_;
  Plot fitplot_, loss_, kplot_;
  std::vector<double> xs_, ys_, lx_, teacher_, fit_, pop_, tc_, cf_, bd_, ex_, ey_;
};

}  // namespace

std::unique_ptr<Figure> make_population() { return std::make_unique<Population>(); }

}  // namespace ui
