// Figure "phase": a phase diagram over widths × sample sizes. Every cell is one gradient-flow run
// of a two-layer tanh student (width m, P = m·(d+1)) on N samples of a fixed width-2 teacher; the
// colour is the final loss, the minimum of R(θ_t) over the run, or λ_min(K) at the end. The line
// N = P is drawn (P across, N up): above it λ_min(K) is exactly 0 (rank K ≤ P < N), while R stays positive.
// Cells run in parallel on a core::ThreadPool (native, web-mt) or time-sliced on the main thread
// (web-st); they fill in progressively.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <thread>

#include "core/util/thread_pool.hpp"
#include "ui/fig_phase_logic.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/plot.hpp"
#include "ui/registry.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

int worker_count() {
#if defined(__EMSCRIPTEN__)
#if defined(__EMSCRIPTEN_PTHREADS__)
  return 2;  // the threads web-mt computes with (app::build_info; its pool has 4 workers, CMakeLists.txt)
#else
  return 1;
#endif
#else
  return int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
#endif
}

enum class Colour { loss = 0, min_R = 1, lambda_min = 2 };
const std::vector<std::string> kColourNames = {"loss", "min_R", "lambda_min"};
const char* kColourLabels[3] = {"final loss", "min over the run of R(θ_t)", "λ_min(K) at the end"};

struct Cell {
  int width = 0, N = 0;
  std::unique_ptr<core::Experiment> exp;
  std::string error;
  logic::PhaseCell result;
  bool done = false;
};

class Phase final : public Figure {
 public:
  Phase() : pool_(std::make_unique<core::ThreadPool>(worker_count())) {
    add_preset(
        "default", "Widths 1…16 × N = 4…256, colour = λ_min(K)",
        "Above the line N = P (more samples than parameters) every cell is λ_min(K) = 0 (grey): the classical NTK argument says nothing there.");
    add_preset("min_R", "Same grid, colour = min R",
               "Now colour by the Rayleigh quotient: it stays positive on both sides of N = P.");
    add_preset(
        "loss", "Same grid, colour = final loss",
        "At t = 1500, widths ≥ 2 (which can represent the width-2 teacher) are below 5e-4 on both sides of N = P; width 1 cannot, and from N = 64 on it ends highest, above 1e-3.");
    fields_.choice("colour", "what colours the cells", colour_, kColourNames);
    fields_.integer("seed", "seed of data and initialisations", cfg_.seed, 0, 1000000).param = "seed";
    load_preset("default");
    restart();
  }

 protected:
  void load_preset(const std::string& name) override {
    cfg_ = logic::PhaseConfig{};
    colour_ = name == "min_R" ? Colour::min_R : name == "loss" ? Colour::loss : Colour::lambda_min;
  }
  // Only lays out the grid: each cell's experiment is built when the cell is first advanced, so the
  // set-up of 56 runs is spread over the frames like their computation.
  void restart() override {
    cells_.clear();
    for (int N : cfg_.Ns)
      for (int m : cfg_.widths) {
        Cell c;
        c.width = m;
        c.N = N;
        cells_.push_back(std::move(c));
      }
    next_ = 0;
    elapsed_ms_ = 0;
  }
  // Until the budget is spent or a cell is finished: the pool advances up to `workers` unfinished
  // cells in parallel, each for what is left of the budget (one item per chunk of steps), then takes
  // the next cells (a cell's set-up alone does not end the frame).
  void advance(Budget& b) override {
    const double t0 = now_ms();
    while (b.left()) {
      std::vector<Cell*> batch;
      for (size_t k = 0; k < cells_.size() && int(batch.size()) < pool_->size(); ++k) {
        Cell& c = cells_[(next_ + k) % cells_.size()];
        if (!c.done) batch.push_back(&c);
      }
      if (batch.empty()) break;
      // Each worker gets the same slice of wall time and of items (the items of one batch are
      // charged once, so a cap of k items allows k chunks per cell at most).
      const double slice = b.ms_left() * 0.9;
      const long items = b.items_left();
      std::vector<long> used(batch.size(), 0);
      pool_->run(core::Index(batch.size()), [&](core::Index i) {
        Cell& c = *batch[size_t(i)];
        long& n = used[size_t(i)];
        if (!c.exp) {  // first visit: build the cell's experiment (one item)
          auto r = core::Experiment::create(logic::phase_params(cfg_, c.width, c.N));
          ++n;
          if (r.ok())
            c.exp = std::move(r.value);
          else {
            c.error = r.error;
            c.result.status = r.error;
            c.done = true;
            return;
          }
        }
        // Chunks of up to 8 steps, each ended early by a checkpoint (a Jacobian and a spectrum of
        // up to 68×68, the price of many steps): the clock is read between them.
        const double a = now_ms();
        while (!c.exp->finished() && n < items && now_ms() - a < slice) {
          const core::Index n0 = c.exp->trace().size();
          for (int k = 0; k < 8 && !c.exp->finished() && c.exp->trace().size() == n0; ++k) c.exp->advance(1);
          ++n;
        }
        if (c.exp->finished()) {
          c.result = logic::summarize_cell(*c.exp, c.width, c.N);
          c.done = true;
          c.exp.reset();  // keep only the summary
        }
      });
      b.spend(std::max(1L, *std::max_element(used.begin(), used.end())));
      // Cells are taken in order, so they fill in row by row.
      while (next_ < cells_.size() && cells_[next_].done) ++next_;
      // A finished cell changes the picture: this frame redraws it (in a browser without a GPU the
      // rasterizer fills those pixels on the main thread's critical path), so its computation ends here.
      if (std::any_of(batch.begin(), batch.end(), [](const Cell* c) { return c->done; })) break;
    }
    elapsed_ms_ += now_ms() - t0;
  }
  void step_once() override {
    Budget b(50);
    advance(b);
  }
  double t_live() const override { return double(done_count()); }
  double t_end() const override { return double(cells_.size()); }
  bool finished() const override { return done_count() == int(cells_.size()); }
  void draw_controls() override {
    for (int k = 0; k < 3; ++k) {
      if (k) flow_radio(kColourLabels[k]);
      if (ImGui::RadioButton(kColourLabels[k], colour_ == Colour(k))) colour_ = Colour(k);
    }
    flow_item(100 * unit(), "seed");
    if (input_int("seed", "seed")) changed();
  }
  std::string describe_now() const override {
    return std::to_string(done_count()) + " of " + std::to_string(cells_.size()) +
           " cells computed; colour = " + kColourLabels[int(colour_)] + "; line N = P drawn";
  }
  std::string status() const override {
    char b[200];
    std::snprintf(
        b, sizeof b,
        "%d of %d cells · %d worker thread%s · each cell: two-layer tanh student, d = %d, teacher width %d, t = %g",
        done_count(), int(cells_.size()), pool_->size(), pool_->size() > 1 ? "s" : " (time-sliced)", cfg_.d,
        cfg_.teacher_width, cfg_.t_end);
    return b;
  }
  std::vector<Table> tables() const override {
    Table t{"phase", {"width", "P", "N", "final_loss", "min_R", "lambda_min_K", "lambda_min_nonzero", "done"}, {}};
    t.data.resize(8);
    for (const Cell& c : cells_) {
      const double row[8] = {double(c.width),         double(P_of(c.width)), double(c.N),
                             c.result.final_loss,     c.result.min_R,        c.result.lambda_min,
                             c.result.lambda_min_pos, c.done ? 1.0 : 0.0};
      for (int k = 0; k < 8; ++k) t.data[size_t(k)].push_back(row[k]);
    }
    return {t};
  }

  void draw_body(ImVec2 size) override {
    // Colour range over the finished cells (log scale), zeros excluded.
    double lo = HUGE_VAL, hi = 0;
    for (const Cell& c : cells_) {
      if (!c.done || !c.error.empty()) continue;
      const double v = value(c);
      if (v > 0) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
    if (!(hi > 0)) {
      lo = 1e-6;
      hi = 1;
    }
    lo = std::pow(10.0, std::floor(std::log10(lo)));  // whole decades: the colorbar gets labelled ticks
    hi = std::pow(10.0, std::ceil(std::log10(hi)));
    if (hi < lo * 10) hi = lo * 10;
    lo_ = lo;
    hi_ = hi;
    const double pmin = P_of(cfg_.widths.front()), pmax = P_of(cfg_.widths.back());
    const double nmin = cfg_.Ns.front(), nmax = cfg_.Ns.back();
    const double ex = 1.45;  // half a cell on a geometric grid, roughly
    const bool nar = narrow(size.x);
    if (nar) size.y = size.x;  // a square grid, the page grows the placeholder to fit
    Axis ax{(nar ? "parameters P = m·(d + 1),  m = " : "number of parameters P = m·(d + 1)   (width m = ") +
                std::to_string(cfg_.widths.front()) + " … " + std::to_string(cfg_.widths.back()) + (nar ? "" : ")"),
            true, true, pmin / ex, pmax * ex};
    Axis ay{"number of samples N", true, true, nmin / ex, nmax * ex};
    diag_x_ = {pmin / ex, std::max(pmax, nmax) * ex};
    diag_y_ = diag_x_;
    plot_.begin("phase", size, ax, ay);
    plot_.line(diag_x_, diag_y_, palette().warn, "N = P", 2.5f, false);
    plot_.colorbar(
        {kColourLabels[int(colour_)], std::log10(lo_), std::log10(hi_), true, Colormap::viridis});  // log: exponents
    plot_.overlay([this](const Plot& p, ImDrawList* dl) { draw_cells(p, dl); });
    plot_.legend(Legend::none);  // the line is labelled in place
    plot_.end();
  }

 private:
  int P_of(int m) const { return m * (cfg_.d + 1); }
  int done_count() const {
    int n = 0;
    for (const Cell& c : cells_) n += c.done;
    return n;
  }
  double value(const Cell& c) const {
    switch (colour_) {
      case Colour::loss: return c.result.final_loss;
      case Colour::min_R: return c.result.min_R;
      case Colour::lambda_min: return c.result.lambda_min;
    }
    return 0;
  }
  // Cell edges: geometric midpoints between neighbouring grid values.
  static double edge(const std::vector<int>& v, size_t k, bool upper) {
    if (upper) return k + 1 < v.size() ? std::sqrt(double(v[k]) * v[k + 1]) : v[k] * std::sqrt(double(v[k]) / v[k - 1]);
    return k > 0 ? std::sqrt(double(v[k]) * v[k - 1]) : v[k] / std::sqrt(double(v[k + 1]) / v[k]);
  }

  void draw_cells(const Plot& p, ImDrawList* dl) {
    const float s = ImGui::GetFontSize() / 15.0f;
    std::vector<int> Ps;
    for (int m : cfg_.widths) Ps.push_back(P_of(m));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const Cell* hovered = nullptr;
    const size_t nw = cfg_.widths.size();
    for (size_t idx = 0; idx < cells_.size(); ++idx) {
      const Cell& c = cells_[idx];
      const size_t iw = idx % nw, in = idx / nw;
      const ImVec2 a = p.to_px(edge(Ps, iw, false), edge(cfg_.Ns, in, true));
      const ImVec2 b = p.to_px(edge(Ps, iw, true), edge(cfg_.Ns, in, false));
      const ImVec2 a1(a.x + 1.5f * s, a.y + 1.5f * s), b1(b.x - 1.5f * s, b.y - 1.5f * s);
      if (!c.done) {
        dl->AddRect(a1, b1, palette().grid, 2 * s, 0, 1.0f * s);
        if (idx == next_ || (idx > next_ && idx < next_ + size_t(pool_->size()))) {
          dl->AddRect(a1, b1, palette().text_dim, 2 * s, 0, 2.0f * s);
          dl->AddText(ImVec2(0.5f * (a1.x + b1.x) - 4 * s, 0.5f * (a1.y + b1.y) - 8 * s), palette().text_dim, "…");
        }
      } else if (!c.error.empty()) {
        dl->AddRectFilled(a1, b1, palette().warn, 2 * s);
      } else {
        const double v = value(c);
        if (v > 0) {
          const float t = float((std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_)));
          dl->AddRectFilled(a1, b1, colormap_u32(Colormap::viridis, t), 2 * s);
        } else {
          // Exactly zero (λ_min(K) when N > P): neutral grey with a "0".
          dl->AddRectFilled(a1, b1, IM_COL32(150, 150, 150, 200), 2 * s);
          const ImVec2 ts = ImGui::CalcTextSize("0");
          dl->AddText(ImVec2(0.5f * (a1.x + b1.x) - ts.x * 0.5f, 0.5f * (a1.y + b1.y) - ts.y * 0.5f),
                      IM_COL32(255, 255, 255, 255), "0");
        }
      }
      if (p.hovered() && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hovered = &c;
    }
    // The line N = P on top of the cells, labelled.
    {
      const ImVec2 a = p.to_px(diag_x_[0], diag_y_[0]), b = p.to_px(diag_x_[1], diag_y_[1]);
      dl->AddLine(a, b, IM_COL32(255, 255, 255, 200), 5.0f * s);
      dl->AddLine(a, b, palette().warn, 2.5f * s);
      const double q = std::sqrt(double(P_of(cfg_.widths.back())) * P_of(cfg_.widths[cfg_.widths.size() - 2]));
      const ImVec2 t = p.to_px(q, q);
      const char* lab = "N = P";
      const ImVec2 ts = ImGui::CalcTextSize(lab);
      // Right of the line, or left of it where the plot ends first (narrow plots).
      const float x0 = t.x + ts.x + 14 * s <= p.area_max().x ? t.x + 6 * s : t.x - ts.x - 14 * s;
      dl->AddRectFilled(ImVec2(x0, t.y - ts.y - 8 * s), ImVec2(x0 + ts.x + 8 * s, t.y - 4 * s), palette().legend_bg,
                        3 * s);
      dl->AddText(ImVec2(x0 + 4 * s, t.y - ts.y - 6 * s), palette().warn, lab);
    }
    if (hovered) {
      const Cell& c = *hovered;
      ImGui::BeginTooltip();
      ImGui::Text("width m = %d, P = %d, N = %d  (%s)", c.width, P_of(c.width), c.N,
                  c.N > P_of(c.width) ? "N > P" : "N ≤ P");
      if (!c.done)
        ImGui::TextDisabled("not computed yet");
      else if (!c.error.empty())
        ImGui::Text("error: %s", c.error.c_str());
      else {
        ImGui::Text("final loss = %s", fmt_exact(c.result.final_loss).c_str());
        ImGui::Text("min R over the run = %s", fmt_exact(c.result.min_R).c_str());
        ImGui::Text("λ_min(K) at the end = %s%s", fmt_exact(c.result.lambda_min).c_str(),
                    c.result.lambda_min == 0 ? " (exactly: rank K ≤ P < N)" : "");
        ImGui::Text("smallest nonzero eigenvalue = %s", fmt_exact(c.result.lambda_min_pos).c_str());
        ImGui::TextDisabled("run: %s", c.result.status.c_str());
      }
      ImGui::EndTooltip();
    }
  }

  logic::PhaseConfig cfg_;
  Colour colour_ = Colour::lambda_min;
  std::unique_ptr<core::ThreadPool> pool_;
  std::vector<Cell> cells_;
  size_t next_ = 0;
  double elapsed_ms_ = 0, lo_ = 1e-6, hi_ = 1;
  std::vector<double> diag_x_, diag_y_;
  Plot plot_;
};

}  // namespace

std::unique_ptr<Figure> make_phase() { return std::make_unique<Phase>(); }

}  // namespace ui
