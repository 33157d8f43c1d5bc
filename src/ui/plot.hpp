// 2-D plots drawn on ImDrawList: line/scatter series, shaded bands, reference lines, a time
// cursor, heatmaps (ui::ScalarField) with a colorbar, linear or log axes with readable ticks,
// a legend, an exact-value hover read-out and zoom/pan (drag / wheel; double-click resets).
//
// Immediate mode in two phases: begin() reserves the area and reads input; series calls record
// spans (the data must stay alive until end()); end() fits the axes, draws everything and the
// read-out. A Plot object persists across frames only to remember the user's zoom.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/colormap.hpp"
#include "ui/field.hpp"

namespace ui {

struct Axis {
  std::string label;  // may contain math glyphs (θ, ‖∇L‖², …)
  bool log = false;
  bool fixed = false;  // use [lo, hi] instead of fitting the data
  double lo = 0, hi = 1;
  bool include_zero = false;  // linear fit: keep 0 in range
};

enum class Legend {
  best,
  top_right,
  top_left,
  bottom_left,
  bottom_right,
  none
};  // best: corner covering fewest points

struct ColorbarSpec {
  std::string label;
  double lo = 0, hi = 1;  // in data units (log10 applied when log)
  bool log = false;
  Colormap map = Colormap::viridis;
};

class Plot {
 public:
  // Reserves `size` at the cursor (an ImGui item). equal_aspect: same data units per pixel on x and y.
  void begin(const char* id, ImVec2 size, const Axis& x, const Axis& y, bool equal_aspect = false);

  void line(std::span<const double> x, std::span<const double> y, ImU32 col, std::string label, float thickness = 2.0f,
            bool dashed = false);
  void scatter(std::span<const double> x, std::span<const double> y, ImU32 col, std::string label, float radius = 3.0f);
  void band(std::span<const double> x, std::span<const double> lo, std::span<const double> hi, ImU32 col,
            std::string label);
  void hline(double y, ImU32 col, std::string label, bool dashed = true);
  void vline(double x, ImU32 col, std::string label, bool dashed = true);
  void cursor(double x);  // vertical time cursor
  // A field covering the data rectangle [x0,x1]×[y0,y1]; counts for auto-fit.
  void field(const ScalarField& f, double x0, double x1, double y0, double y1);
  void colorbar(const ColorbarSpec& spec);
  // Custom drawing after the axes are known (arrows, ellipses, annotations); clipped to the plot area.
  void overlay(std::function<void(const Plot&, ImDrawList*)> fn);
  void legend(Legend where) { legend_ = where; }
  void end();

  // Valid inside overlay() and after end(): data ↔ screen.
  ImVec2 to_px(double x, double y) const;
  void from_px(ImVec2 p, double& x, double& y) const;
  double px_per_unit_x() const;  // linear axes only
  ImVec2 area_min() const { return a0_; }
  ImVec2 area_max() const { return a1_; }

  // Input of this frame (valid after begin()): a click (press+release without dragging), in data units.
  bool clicked(double& x, double& y) const;
  bool hovered() const { return hovered_; }
  void reset_view() { zoomed_ = false; }
  bool zoomed() const { return zoomed_; }

 private:
  struct Series {
    enum Kind { line, scatter, band, hline, vline } kind;
    std::span<const double> x, y, y2;
    double v = 0;
    ImU32 col;
    std::string label;
    float size;
    bool dashed;
  };
  double fx(double x) const;  // axis transform (log10 on log axes)
  double fy(double y) const;
  void fit();
  void draw_axes(ImDrawList* dl);
  void draw_series(ImDrawList* dl, const Series& s);
  void draw_legend(ImDrawList* dl);
  void draw_colorbar(ImDrawList* dl);
  void hover_readout(ImDrawList* dl);
  float ylabel_wrap() const;

  Axis ax_, ay_;
  bool equal_ = false;
  std::vector<Series> series_;
  std::vector<std::function<void(const Plot&, ImDrawList*)>> overlays_;
  struct FieldRef {
    const ScalarField* f;
    double x0, x1, y0, y1;
  };
  std::vector<FieldRef> fields_;
  std::vector<double> cursors_;
  bool has_colorbar_ = false;
  ColorbarSpec cbar_;
  Legend legend_ = Legend::best;

  ImVec2 p0_, p1_;                                // whole item
  ImVec2 a0_, a1_;                                // plot area (inside axes)
  double vx0_ = 0, vx1_ = 1, vy0_ = 0, vy1_ = 1;  // current view, transformed units
  // persistent zoom
  bool zoomed_ = false;
  double zx0_ = 0, zx1_ = 1, zy0_ = 0, zy1_ = 1;
  bool hovered_ = false, click_ = false, dragging_ = false, active_ = false;
  ImVec2 click_px_;
  ImVec2 drag_last_;
  float wheel_ = 0;
  ImVec2 mouse_;
};

}  // namespace ui
