// Figure "witness": witness directions (paper-notes L3, L4, E-E, E-F). For any v ≠ 0,
// R(θ) ≥ ⟨∇ℓ, Df_θ v⟩² / (‖v‖²‖∇ℓ‖²), with equality for v ∝ ∇L. The reader picks a witness —
// the teacher direction θ − θ*, θ itself (Euler: Jθ = p·f for p-homogeneous models), the last-layer
// block (L4: R ≥ R^(a)), or a fixed random direction — and compares its lower bound with the true
// R along a gradient-flow run. All four are drawn; the chosen one is highlighted with the gap to R.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/fig_witness_logic.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

using logic::Witness;

const std::vector<std::string> kWitnessNames = {"teacher", "euler", "last_layer", "random"};
const char* kWitnessLabels[4] = {"teacher direction v = θ − θ* (θ* up to unit permutations/sign flips)",
                                 "Euler witness v = θ", "last layer block R^(a)", "random direction v"};

class WitnessFig final : public Figure {
 public:
  WitnessFig() {
    add_preset(
        "default", "Teacher direction, small tanh net (realizable)",
        "Df(θ − θ*) ≈ f − f* near the teacher: the teacher witness (θ* matched up to the net's symmetries) starts loose, then becomes tight (bound/R → 1) as θ approaches the teacher.");
    add_preset(
        "euler", "Euler witness, ReLU net without bias (2-homogeneous)",
        "Jθ = 2f for this model: the witness θ only sees the scale direction, so it is loose once the scale is right.");
    add_preset("last_layer", "Last layer, wide tanh net (m = 16)",
               "R ≥ R^(a): with 16 hidden features the output layer alone already explains most of R.");
    add_preset("random", "Random direction",
               "A random v is a valid witness but a poor one: its bound is orders of magnitude below R.");
    fields_.choice("witness", "the witness direction v", w_, kWitnessNames);
    fields_.integer("seed", "seed of data and initialisation", p_.seed, 0, 1000000).param = "seed";
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    p_ = core::Params{};
    p_.model = "two_layer";
    p_.data = "bench";
    p_.loss = "squared";
    p_.sigma = "tanh";
    p_.d = 2;
    p_.width = 2;
    p_.teacher_width = 2;
    p_.n = 40;
    p_.seed = 6;
    p_.method = "dopri5";
    p_.eta = 0;
    p_.t_end = 2000;
    p_.checkpoints = 121;
    p_.spacing = "log";
    w_ = Witness::teacher;
    if (name == "euler") {
      // ReLU's kinks make the adaptive integrator crawl: plain gradient-descent steps (explicit Euler) instead.
      p_.d = 3;
      p_.seed = 16;
      p_.sigma = "relu";
      p_.width = 8;
      p_.teacher_width = 4;
      p_.n = 64;
      p_.t_end = 1000;
      p_.method = "euler";
      p_.eta = 0.25;
      w_ = Witness::euler;
    } else if (name == "last_layer") {
      p_.d = 3;
      p_.seed = 16;
      p_.width = 16;
      p_.teacher_width = 4;
      p_.n = 64;
      p_.t_end = 1000;
      w_ = Witness::last_layer;
    } else if (name == "random")
      w_ = Witness::random;
  }
  void restart() override {
    vals_.clear();
    built_ = -1;
    run_.start(p_, false);
    if (run_.valid()) vrand_ = logic::random_direction(run_.exp().model().P(), p_.seed);
  }
  // The run and the witness values of its new checkpoints share the frame's budget.
  void advance(Budget& b) override {
    if (!run_.finished()) {
      Budget part = b.part(0.5);
      run_.advance(part);
    }
    sync(b);
  }
  void step_once() override {
    run_.step_checkpoint();
    Budget all(1e9);
    sync(all);
  }
  double t_live() const override { return run_.t_live(); }
  double t_end() const override { return p_.t_end; }
  bool finished() const override { return run_.finished() && vals_.size() == size_t(run_.size()); }
  void draw_controls() override {
    for (int k = 0; k < 4; ++k) {
      // The teacher label's note is dropped when it would not fit the row (phones).
      const char* label = kWitnessLabels[k];
      if (k == 0 && ImGui::GetFrameHeight() + label_width(label) > ImGui::GetContentRegionAvail().x)
        label = "teacher direction v = θ − θ*";
      if (k) flow_radio(label);
      if (ImGui::RadioButton(label, w_ == Witness(k))) w_ = Witness(k);  // display only: no new run
    }
    flow_item(100 * unit(), "seed");
    if (input_int("seed", "seed")) changed();
  }
  std::string status() const override {
    if (!run_.valid() || run_.diverged()) return run_.status_text();
    const auto& m = run_.exp().model();
    std::string s = "two-layer " + p_.sigma + " net" + (p_.method == "euler" ? " (gradient descent, η = 0.25)" : "") +
                    ", width " + std::to_string(p_.width) + ", P = " + std::to_string(m.P()) +
                    ", N = " + std::to_string(run_.exp().data().N());
    s += m.homogeneity()
             ? " · " + std::to_string(m.homogeneity()) + "-homogeneous (Jθ = " + std::to_string(m.homogeneity()) + "f)"
             : " · not homogeneous (the θ witness is still a valid bound, without Euler's identity)";
    if (run_.exp().theta_star().size() != m.P()) s += " · no teacher in the student's space: teacher witness n/a";
    return s + " · " + run_.status_text();
  }
  std::vector<const Run*> runs() const override { return {&run_}; }
  std::vector<Table> tables() const override {
    Table t{"witness", {"t", "R", "teacher", "euler", "last_layer", "random"}, {}};
    t.data.resize(6);
    for (size_t i = 0; i < vals_.size(); ++i) {
      const auto& v = vals_[i];
      const double row[6] = {run_.col(core::Col::t)[i], v.R, v.teacher, v.euler, v.last_layer, v.random};
      for (int c = 0; c < 6; ++c) t.data[size_t(c)].push_back(row[c]);
    }
    return {t};
  }

  void draw_body(ImVec2 size) override {
    if (!run_.valid()) {
      ImGui::TextDisabled("%s", run_.status_text().c_str());
      return;
    }
    if (vals_.empty()) {
      ImGui::TextDisabled("starting…");
      return;
    }
    const float s = ImGui::GetFontSize() / 15.0f;
    const double t = view_t(), t0 = p_.t_end * 1e-4;
    const int i = std::clamp(run_.index_at(t), 0, int(vals_.size()) - 1);
    const auto& v = vals_[size_t(i)];
    ImGui::TextWrapped("t = %s:  R = %s   ·   %s ≥ %s  (bound/R = %s)", fmt_sci(run_.col(core::Col::t)[i]).c_str(),
                       fmt_exact(v.R).c_str(), kWitnessLabels[int(w_)], fmt_exact(v.of(w_)).c_str(),
                       v.R > 0 ? fmt_exact(v.of(w_) / v.R).c_str() : "—");
    const float avail = size.y - ImGui::GetTextLineHeightWithSpacing() - 4 * s;
    const bool nar = narrow(size.x);
    const float top = nar ? size.x * 0.8f : std::max(120.0f, avail * 0.68f);
    Axis ax{"t (log scale)", true, true, t0 * 0.8, p_.t_end * 1.25};
    Axis ay{"Rayleigh quotient and its witness lower bounds", true, true, floor_, top_};
    plot_.begin("witness", ImVec2(size.x, top), ax, ay);
    for (int k = 0; k < 4; ++k) {
      if (Witness(k) == w_ || !avail_[k]) continue;
      plot_.line(T_, B_[size_t(k)], alpha_color(k, 0.55f), kWitnessLabels[k], 1.5f, true);
    }
    const int c = int(w_);
    if (avail_[c]) {
      plot_.band(T_, B_[size_t(c)], R_, alpha_color(c, 0.18f), "");
      plot_.line(T_, B_[size_t(c)], color_of(c), std::string(kWitnessLabels[c]) + " (selected)", 3.0f);
    }
    plot_.line(T_, R_, palette().text, "true R(θ_t)", 3.0f);
    plot_.cursor(std::max(t, t0));
    if (!avail_[c]) {
      plot_.overlay([](const Plot& p, ImDrawList* dl) {
        dl->AddText(ImVec2(p.area_min().x + 12, p.area_min().y + 10), palette().warn,
                    "The teacher witness needs θ* in the student's parameter space (teacher width = student width).");
      });
    }
    plot_.legend(Legend::bottom_left);
    plot_.end();
    Axis ay2{"bound / R  (1 = tight)", false, true, 0, 1.05};
    ratio_.begin("ratio", ImVec2(size.x, nar ? size.x * 0.4f : std::max(70.0f, avail - top - 4 * s)), ax, ay2);
    for (int k = 0; k < 4; ++k)
      if (avail_[k])
        ratio_.line(T_, Q_[size_t(k)], Witness(k) == w_ ? color_of(k) : alpha_color(k, 0.5f), kWitnessLabels[k],
                    Witness(k) == w_ ? 3.0f : 1.5f, Witness(k) != w_);
    ratio_.hline(1.0, palette().text_dim, "", true);
    ratio_.cursor(std::max(t, t0));
    ratio_.legend(Legend::none);
    ratio_.end();
  }

 private:
  static ImU32 color_of(int k) { return series_color(k == 0 ? 2 : k == 1 ? 4 : k == 2 ? 0 : 5); }
  static ImU32 alpha_color(int k, float a) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(color_of(k));
    v.w *= a;
    return ImGui::ColorConvertFloat4ToU32(v);
  }

  void sync(Budget& b) {
    if (!run_.valid()) return;
    while (vals_.size() < size_t(run_.size()) && b.left()) {
      vals_.push_back(logic::witness_values(run_.exp(), run_.thetas()[vals_.size()], vrand_));
      b.spend();
    }
    if (long(vals_.size()) == built_) return;
    built_ = long(vals_.size());
    const auto T = run_.col(core::Col::t);
    T_.clear();
    R_.clear();
    for (auto& b : B_) b.clear();
    for (auto& q : Q_) q.clear();
    const auto& m = run_.exp().model();
    avail_[0] = run_.exp().theta_star().size() == m.P();
    avail_[1] = true;
    avail_[2] = m.name() == "two_layer";
    avail_[3] = true;
    double lo = HUGE_VAL, hi = 0;
    for (size_t i = 1; i < vals_.size(); ++i) {
      const auto& v = vals_[i];
      T_.push_back(T[i]);
      R_.push_back(v.R);
      hi = std::max(hi, v.R);
      if (v.R > 0) lo = std::min(lo, v.R);
      for (int k = 0; k < 4; ++k) {
        const double b = v.of(Witness(k));
        B_[size_t(k)].push_back(b);
        Q_[size_t(k)].push_back(v.R > 0 ? b / v.R : 0.0);
        if (b > 0 && avail_[k]) lo = std::min(lo, b);
      }
    }
    top_ = hi > 0 ? std::pow(10.0, std::ceil(std::log10(hi * 1.5))) : 1.0;
    floor_ = std::isfinite(lo) ? std::max(std::pow(10.0, std::floor(std::log10(lo))), top_ * 1e-12) : top_ * 1e-6;
  }

  core::Params p_;
  Witness w_ = Witness::teacher;
  Run run_;
  core::Vec vrand_;
  std::vector<logic::WitnessValues> vals_;
  long built_ = -1;
  bool avail_[4] = {true, true, true, true};
  std::vector<double> T_, R_;
  std::vector<double> B_[4], Q_[4];
  double floor_ = 1e-8, top_ = 1;
  Plot plot_, ratio_;
};

}  // namespace

std::unique_ptr<Figure> make_witness() { return std::make_unique<WitnessFig>(); }

}  // namespace ui
