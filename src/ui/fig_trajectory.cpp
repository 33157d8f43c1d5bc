// Figure "trajectory": parameter-space paths θ(t) of several initialisations of the same problem,
// projected on the top two principal directions of all the paths (PCA) or on two chosen
// coordinates, over the loss landscape of that plane (L(c + a·u + b·v), drawn by the heatmap shader
// through ui::ScalarField; computed progressively, a few rows per frame). Unless P = 2 the paths leave
// the plane, so the landscape is a slice, not the surface the flow runs on — the figure says so.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/models/data.hpp"
#include "ui/fig_trajectory_logic.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr int kGrid = 56;
constexpr int kMaxInits = 6;

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

class Trajectory final : public Figure {
 public:
  Trajectory() {
    add_preset(
        "default", "Two-layer tanh net, 4 initialisations, PCA plane",
        "Different starts, one teacher: the paths bend towards the same low-loss valley; hover the map for the loss of the slice.");
    add_preset(
        "square", "Complex-square model θ² (P = 2, exact plane)",
        "With P = 2 the plane is the whole parameter space: starts inside the lemniscate lobes reach ±1, the one on the imaginary axis stalls at the saddle 0.");
    add_preset("coords", "Two-layer net on coordinates (a₁, a₂)",
               "The output weights of two hidden units: a coordinate slice through the mean of the paths.");
    fields_.choice("proj", "plane of the map: the paths' principal directions or two coordinates", pca_,
                   {"coords", "pca"});
    // The coordinates' upper limit is P − 1, P of the preset's model (read after the preset).
    fields_.integer("i", "first coordinate θ_i of the plane", ci_, 0, 11).hi_now = [this] { return P() - 1.0; };
    fields_.integer("j", "second coordinate θ_j of the plane", cj_, 0, 11).hi_now = [this] { return P() - 1.0; };
    fields_.integer("inits", "number of initialisations", inits_, 1, kMaxInits);
    fields_.integer("seed", "seed of the perturbed initialisations", seed_, 0, 1000000);
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    square_ = name == "square";
    pca_ = name != "coords" && !square_;
    inits_ = 4;
    seed_ = 16;
    ci_ = 9;  // a₁ (two_layer packing: W row-major (3×3), then a)
    cj_ = 10;
    if (square_) {
      ci_ = 0;
      cj_ = 1;
    }
  }
  core::Params base() const {
    core::Params p;
    if (square_) {
      p.model = "complex_square";
      p.data = "point";
      p.t_end = 6;
      p.checkpoints = 241;
    } else {
      p.model = "two_layer";
      p.data = "bench";
      p.d = 3;
      p.width = 3;
      p.teacher_width = 3;
      p.n = 36;
      p.t_end = 3000;
      p.checkpoints = 241;
      p.spacing = "log";
    }
    p.seed = std::uint64_t(seed_);
    p.method = "dopri5";
    p.eta = 0;
    return p;
  }
  void restart() override {
    runs_.clear();
    runs_.resize(size_t(inits_));
    static const double sq[kMaxInits][2] = {{0.3, 0.2}, {-0.4, 0.1},  {0.0, 1.5},
                                            {1.2, 1.0}, {-1.3, -0.8}, {0.05, -1.2}};
    for (int k = 0; k < inits_; ++k) {
      core::Params p = base();
      if (square_)
        p.theta0 = {sq[k][0], sq[k][1]};
      else if (k > 0 && runs_[0].valid()) {
        // Same data and teacher; the start of run 1 perturbed by 0.5·N(0, I) from a seeded stream.
        const core::Vec& base0 = runs_[0].exp().theta0();
        auto th = core::random_theta(base0.size(), 0.5, std::uint64_t(seed_) * 1000 + std::uint64_t(k));
        if (th.ok()) {
          const core::Vec t0 = base0 + th.value;
          p.theta0.assign(t0.data(), t0.data() + t0.size());
        }
      }
      const std::string e = runs_[size_t(k)].start(p, false);
      if (!e.empty()) err_ = e;
    }
    plane_ = logic::Plane{};
    plane_n_ = 0;
    plane_final_ = false;
    field_row_ = 0;
    field_.values.clear();
    update_plane(true);
  }
  void advance(Budget& b) override {
    int open = 0;
    for (auto& r : runs_) open += !r.finished();
    {  // 70 % of the frame for the runs, in equal shares; the landscape gets the rest
      Budget runs = b.part(0.7);
      for (auto& r : runs_)
        if (!r.finished()) {
          Budget part = runs.part(1.0 / double(std::max(1, open--)));
          r.advance(part);
        }
    }
    update_plane(false);
    // At least 1 ms for the landscape, also when the runs overran their share (four runs, one chunk
    // each past it): else it starves while they run.
    if (b.items_left() > 0) {
      fill_field(std::max(1.0, b.ms_left()));
      b.spend();
    }
  }
  void step_once() override {
    for (auto& r : runs_) r.step_checkpoint();
    update_plane(false);
  }
  double t_live() const override {
    double t = HUGE_VAL;
    for (auto& r : runs_) t = std::min(t, r.t_live());
    return std::isfinite(t) ? t : 0.0;
  }
  double t_end() const override { return base().t_end; }
  // Finished when every run is done and the landscape is complete.
  bool finished() const override {
    for (auto& r : runs_)
      if (!r.finished()) return false;
    return field_row_ >= field_.h;
  }
  int P() const { return square_ ? 2 : 12; }
  void draw_controls() override {
    const float s = unit();
    bool plane_changed = false;
    if (ImGui::RadioButton("top-2 principal directions of the paths", pca_)) {
      pca_ = true;
      plane_changed = true;
    }
    flow_radio("coordinates");
    if (ImGui::RadioButton("coordinates", !pca_)) {
      pca_ = false;
      plane_changed = true;
    }
    if (!pca_) {
      flow_item(80 * s, "##i");
      plane_changed |= slider_int("i", "θ_%d");
      flow_item(80 * s, "##j");
      plane_changed |= slider_int("j", "θ_%d");
    }
    flow_item(130 * s, "##inits");
    if (slider_int("inits", "%d initialisations")) changed();
    if (!square_) {
      flow_item(100 * s, "seed");
      if (input_int("seed", "seed")) changed();
    }
    if (plane_changed) update_plane(true);
  }
  std::string status() const override {
    if (!err_.empty()) return "error: " + err_;
    std::string s =
        square_
            ? "complex-square model f(θ) = θ², target 1 (illustrative, our construction) · P = 2"
            : "teacher–student two-layer tanh net, P = 12, N = 36; run 1 starts at the bench θ₀, the others at θ₀ + 0.5·N(0, I)";
    int bad = 0;
    for (auto& r : runs_) bad += r.diverged();
    if (bad) s += " · " + std::to_string(bad) + " run(s) diverged";
    if (field_row_ < field_.h) s += " · landscape " + std::to_string(100 * field_row_ / std::max(1, field_.h)) + "%";
    return s;
  }
  std::vector<const Run*> runs() const override {
    std::vector<const Run*> v;
    for (auto& r : runs_) v.push_back(&r);
    return v;
  }
  std::vector<Table> tables() const override {
    std::vector<Table> out;
    for (size_t k = 0; k < runs_.size(); ++k) {
      if (!runs_[k].valid()) continue;
      Table t{"path_" + std::to_string(k + 1), {"t", "loss", "a", "b"}, {}};
      t.data.resize(4);
      const auto T = runs_[k].col(core::Col::t), L = runs_[k].col(core::Col::loss);
      for (size_t i = 0; i < runs_[k].thetas().size() && i < T.size(); ++i) {
        double a = 0, b = 0;
        if (plane_.ok()) logic::project(plane_, runs_[k].thetas()[i], a, b);
        t.data[0].push_back(T[i]);
        t.data[1].push_back(L[i]);
        t.data[2].push_back(a);
        t.data[3].push_back(b);
      }
      out.push_back(std::move(t));
    }
    return out;
  }

  void draw_body(ImVec2 size) override {
    if (runs_.empty() || !runs_[0].valid()) {
      ImGui::TextDisabled("%s", err_.c_str());
      return;
    }
    const double t = view_t();
    const float y_top = ImGui::GetCursorPos().y;
    if (pca_ && plane_.var_total > 0)
      dim_wrapped(
          "Plane through the mean of the paths; the two directions explain %.1f%% of the paths' variance. "
          "Colour: loss on this plane (log scale) — the paths leave it, so they need not follow its contours.",
          100.0 * (plane_.var_u + plane_.var_v) / plane_.var_total);
    else if (square_)
      dim_wrapped(
          "P = 2: the plane is the whole parameter space and the colour is the exact loss ½|θ² − 1|² (log scale).");
    else
      dim_wrapped(
          "Coordinate slice (θ_%d, θ_%d) through the mean of the paths; the other coordinates are held at their mean.",
          ci_, cj_);
    Axis ax{pca_ ? "first principal direction" : "θ_" + std::to_string(ci_), false, true, x0_, x1_};
    Axis ay{pca_ ? "second principal direction" : "θ_" + std::to_string(cj_), false, true, y0_, y1_};
    const float used = ImGui::GetCursorPos().y - y_top;
    plot_.begin("traj", ImVec2(size.x, narrow(size.x) ? size.x : size.y - used), ax, ay, true);
    if (field_row_ > 0) {
      plot_.field(field_, x0_, x1_, y0_, y1_);
      plot_.colorbar({"loss on the plane", field_.lo, field_.hi, true, Colormap::viridis});  // log: exponents
    }
    px_.assign(runs_.size(), {});
    py_.assign(runs_.size(), {});
    cx_.assign(runs_.size(), 0);
    cy_.assign(runs_.size(), 0);
    for (size_t k = 0; k < runs_.size(); ++k) {
      const auto& th = runs_[k].thetas();
      const int ic = runs_[k].index_at(t);
      for (size_t i = 0; i < th.size(); ++i) {
        double a = 0, b = 0;
        logic::project(plane_, th[i], a, b);
        px_[k].push_back(a);
        py_[k].push_back(b);
        if (int(i) == ic) {
          cx_[k] = a;
          cy_[k] = b;
        }
      }
      plot_.line(px_[k], py_[k], path_color(int(k)), "initialisation " + std::to_string(k + 1), 2.5f);
    }
    plot_.overlay([this](const Plot& p, ImDrawList* dl) {
      const float s = ImGui::GetFontSize() / 15.0f;
      for (size_t k = 0; k < px_.size(); ++k) {
        if (px_[k].empty()) continue;
        const ImU32 c = path_color(int(k));
        const ImVec2 a = p.to_px(px_[k].front(), py_[k].front());
        dl->AddCircleFilled(a, 5 * s, IM_COL32(255, 255, 255, 230));
        dl->AddCircle(a, 5 * s, c, 16, 2 * s);
        const ImVec2 q = p.to_px(cx_[k], cy_[k]);
        dl->AddCircleFilled(q, 6 * s, c);
        dl->AddCircle(q, 6 * s, IM_COL32(255, 255, 255, 255), 16, 1.5f * s);
      }
    });
    plot_.legend(Legend::top_right);
    plot_.end();
    const ImVec2 a = plot_.area_min(), b = plot_.area_max();
    if (b.y - a.y > 20 && b.x - a.x > 20) {
      aspect_ = double(b.x - a.x) / double(b.y - a.y);
      if (std::abs(aspect_ / box_aspect_ - 1) > 0.04 && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) update_plane(true);
    }
  }

 private:
  static ImU32 path_color(int k) {
    static const int idx[kMaxInits] = {1, 0, 4, 5, 3, 6};
    return series_color(idx[k % kMaxInits]);
  }

  // Plane from the current paths; refit (and restart the landscape) when forced, or when the paths
  // have doubled in length since the last fit, or once when every run has finished.
  void update_plane(bool force) {
    size_t n = 0;
    bool all_done = true;
    for (auto& r : runs_) {
      n += r.thetas().size();
      all_done &= r.finished();
    }
    if (n == 0) return;
    const bool final_fit = all_done && !plane_final_;
    if (!force && !final_fit && plane_.ok() && n < 2 * plane_n_) return;
    plane_n_ = n;
    plane_final_ = all_done;
    std::vector<const std::vector<core::Vec>*> paths;
    for (auto& r : runs_)
      if (r.valid()) paths.push_back(&r.thetas());
    if (pca_)
      plane_ = logic::pca_plane(paths);
    else {
      logic::Plane pc = logic::pca_plane(paths);  // for its centre (mean of the paths)
      plane_ = logic::coordinate_plane(pc.c, ci_, cj_);
    }
    if (square_) plane_ = logic::coordinate_plane(core::Vec::Zero(2), ci_, cj_);
    // Box: all projected points plus a margin, made square-ish by the plot (equal aspect).
    double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
    for (auto* p : paths)
      for (const core::Vec& th : *p) {
        double a, b;
        logic::project(plane_, th, a, b);
        x0 = std::min(x0, a);
        x1 = std::max(x1, a);
        y0 = std::min(y0, b);
        y1 = std::max(y1, b);
      }
    const double mx = std::max(0.15 * (x1 - x0), 0.1), my = std::max(0.15 * (y1 - y0), 0.1);
    x0_ = x0 - mx;
    x1_ = x1 + mx;
    y0_ = y0 - my;
    y1_ = y1 + my;
    if (square_) {
      x0_ = std::min(x0_, -1.6);
      x1_ = std::max(x1_, 1.6);
      y0_ = std::min(y0_, -1.6);
      y1_ = std::max(y1_, 1.6);
    }
    // Grow the short side to the plot's aspect ratio (equal units on both axes): the landscape fills the plot.
    const double w = x1_ - x0_, h = y1_ - y0_, cx = 0.5 * (x0_ + x1_), cy = 0.5 * (y0_ + y1_);
    if (w / h < aspect_) {
      x0_ = cx - 0.5 * h * aspect_;
      x1_ = cx + 0.5 * h * aspect_;
    } else {
      y0_ = cy - 0.5 * w / aspect_;
      y1_ = cy + 0.5 * w / aspect_;
    }
    box_aspect_ = aspect_;
    field_.h = kGrid;
    field_.w = std::clamp(int(std::lround(kGrid * aspect_)), 8, 3 * kGrid);
    field_.values.assign(size_t(field_.w * field_.h), 0.0f);
    field_.log = true;
    field_.map = Colormap::viridis;
    field_.contours = 14;
    field_row_ = 0;
    fmin_ = HUGE_VAL;
    fmax_ = -HUGE_VAL;
  }

  // A few rows of the landscape per call (time-sliced).
  void fill_field(double budget_ms) {
    const int W = field_.w, H = field_.h;
    if (!plane_.ok() || field_row_ >= H || runs_.empty() || !runs_[0].valid()) return;
    const double t0 = now_ms();
    const core::Experiment& e = runs_[0].exp();
    while (field_row_ < H && now_ms() - t0 < budget_ms) {
      const int j = field_row_++;
      const double b = y0_ + (y1_ - y0_) * (j + 0.5) / H;
      for (int i = 0; i < W; ++i) {
        const double a = x0_ + (x1_ - x0_) * (i + 0.5) / W;
        const core::Vec th = plane_.c + a * plane_.u + b * plane_.v;
        double L = logic::loss_at(e, th);
        if (!std::isfinite(L)) L = 1e30;
        L = std::max(L, 1e-12);
        field_.values[size_t(j * W + i)] = float(L);
        fmin_ = std::min(fmin_, L);
        fmax_ = std::max(fmax_, L);
      }
    }
    // Rows not computed yet show the current minimum (dark), then the colour range is fitted.
    for (int j = field_row_; j < H; ++j)
      for (int i = 0; i < W; ++i) field_.values[size_t(j * W + i)] = float(fmin_);
    field_.lo = float(std::log10(fmin_));
    field_.hi = float(std::log10(std::max(fmax_, fmin_ * 10)));
    field_.touch();
  }

  bool pca_ = true, square_ = false, plane_final_ = false;
  int inits_ = 4, seed_ = 10, ci_ = 12, cj_ = 13;
  std::vector<Run> runs_;
  std::string err_;
  logic::Plane plane_;
  size_t plane_n_ = 0;
  ScalarField field_;
  int field_row_ = 0;
  double fmin_ = HUGE_VAL, fmax_ = -HUGE_VAL;
  double x0_ = -1, x1_ = 1, y0_ = -1, y1_ = 1;
  double aspect_ = 1.6, box_aspect_ = 1.6;  // width/height of the plot area (data box made to match)
  std::vector<std::vector<double>> px_, py_;
  std::vector<double> cx_, cy_;
  Plot plot_;
};

}  // namespace

std::unique_ptr<Figure> make_trajectory() { return std::make_unique<Trajectory>(); }

}  // namespace ui
