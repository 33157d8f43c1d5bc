#include "ui/plot.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <unordered_set>
#include <cmath>
#include <limits>

#include "ui/format.hpp"
#include "ui/theme.hpp"

namespace ui {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

float S() { return ImGui::GetFontSize() / 15.0f; }  // layout unit: scales with the font (DPI)

double nice_step(double range, double target_count) {
  if (!(range > 0) || !(target_count > 0)) return 1.0;
  const double raw = range / target_count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  return (r < 1.5 ? 1.0 : r < 3.5 ? 2.0 : r < 7.5 ? 5.0 : 10.0) * mag;
}

void dashed_segment(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float th, float dash, float& phase) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  float s = 0;
  while (s < len) {
    const float period = 2 * dash, in = std::fmod(phase, period);
    const bool on = in < dash;
    const float step = std::min(len - s, (on ? dash : period) - in);
    if (on)
      dl->AddLine(ImVec2(a.x + dx * s / len, a.y + dy * s / len),
                  ImVec2(a.x + dx * (s + step) / len, a.y + dy * (s + step) / len), col, th);
    s += step;
    phase += step;
  }
}

ImU32 with_alpha(ImU32 c, float a) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  v.w *= a;
  return ImGui::ColorConvertFloat4ToU32(v);
}

bool monotone(std::span<const double> x) {
  for (size_t i = 1; i < x.size(); ++i)
    if (!(x[i] >= x[i - 1])) return false;
  return true;
}

}  // namespace

double Plot::fx(double x) const { return ax_.log ? (x > 0 ? std::log10(x) : -kInf) : x; }
double Plot::fy(double y) const { return ay_.log ? (y > 0 ? std::log10(y) : -kInf) : y; }

ImVec2 Plot::to_px(double x, double y) const {
  const double tx = (fx(x) - vx0_) / (vx1_ - vx0_), ty = (fy(y) - vy0_) / (vy1_ - vy0_);
  auto clampf = [](double v) { return float(std::clamp(v, -1e6, 1e6)); };
  return ImVec2(clampf(a0_.x + tx * (a1_.x - a0_.x)), clampf(a1_.y - ty * (a1_.y - a0_.y)));
}

void Plot::from_px(ImVec2 p, double& x, double& y) const {
  const double tx = vx0_ + (p.x - a0_.x) / double(a1_.x - a0_.x) * (vx1_ - vx0_);
  const double ty = vy0_ + (a1_.y - p.y) / double(a1_.y - a0_.y) * (vy1_ - vy0_);
  x = ax_.log ? std::pow(10.0, tx) : tx;
  y = ay_.log ? std::pow(10.0, ty) : ty;
}

double Plot::px_per_unit_x() const { return (a1_.x - a0_.x) / (vx1_ - vx0_); }

void Plot::begin(const char* id, ImVec2 size, const Axis& x, const Axis& y, bool equal_aspect) {
  ax_ = x;
  ay_ = y;
  equal_ = equal_aspect;
  series_.clear();
  overlays_.clear();
  fields_.clear();
  cursors_.clear();
  has_colorbar_ = false;
  legend_ = Legend::best;
  click_ = false;
  size.x = std::max(size.x, 60.0f);
  size.y = std::max(size.y, 60.0f);
  p0_ = ImGui::GetCursorScreenPos();
  p1_ = ImVec2(p0_.x + size.x, p0_.y + size.y);
  ImGui::InvisibleButton(id, size);
  const ImGuiIO& io = ImGui::GetIO();
  mouse_ = io.MousePos;
  hovered_ = ImGui::IsItemHovered();
  wheel_ = hovered_ ? io.MouseWheel : 0.0f;
  if (ImGui::IsItemActivated()) {
    click_px_ = mouse_;
    drag_last_ = mouse_;
    dragging_ = false;
  }
  active_ = ImGui::IsItemActive();
  if (active_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f * S())) dragging_ = true;
  if (ImGui::IsItemDeactivated() && !dragging_) click_ = true;
  if (hovered_ && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    zoomed_ = false;
    click_ = false;
  }
}

void Plot::line(std::span<const double> x, std::span<const double> y, ImU32 col, std::string label, float th,
                bool dashed) {
  series_.push_back(
      {Series::line, x, y.subspan(0, std::min(x.size(), y.size())), {}, 0, col, std::move(label), th, dashed});
}
void Plot::scatter(std::span<const double> x, std::span<const double> y, ImU32 col, std::string label, float r) {
  series_.push_back(
      {Series::scatter, x, y.subspan(0, std::min(x.size(), y.size())), {}, 0, col, std::move(label), r, false});
}
void Plot::band(std::span<const double> x, std::span<const double> lo, std::span<const double> hi, ImU32 col,
                std::string label) {
  const size_t n = std::min({x.size(), lo.size(), hi.size()});
  series_.push_back(
      {Series::band, x.subspan(0, n), lo.subspan(0, n), hi.subspan(0, n), 0, col, std::move(label), 0, false});
}
void Plot::hline(double y, ImU32 col, std::string label, bool dashed) {
  series_.push_back({Series::hline, {}, {}, {}, y, col, std::move(label), 1.5f, dashed});
}
void Plot::vline(double x, ImU32 col, std::string label, bool dashed) {
  series_.push_back({Series::vline, {}, {}, {}, x, col, std::move(label), 1.5f, dashed});
}
void Plot::cursor(double x) { cursors_.push_back(x); }
void Plot::field(const ScalarField& f, double x0, double x1, double y0, double y1) {
  fields_.push_back({&f, x0, x1, y0, y1});
}
void Plot::colorbar(const ColorbarSpec& spec) {
  has_colorbar_ = true;
  cbar_ = spec;
}
void Plot::overlay(std::function<void(const Plot&, ImDrawList*)> fn) { overlays_.push_back(std::move(fn)); }

bool Plot::clicked(double& x, double& y) const {
  if (!click_) return false;
  if (click_px_.x < a0_.x || click_px_.x > a1_.x || click_px_.y < a0_.y || click_px_.y > a1_.y) return false;
  from_px(click_px_, x, y);
  return true;
}

// Axis ranges from the data (transformed units), unless fixed or zoomed.
void Plot::fit() {
  double x0 = kInf, x1 = -kInf, y0 = kInf, y1 = -kInf;
  auto addx = [&](double v) {
    v = fx(v);
    if (std::isfinite(v)) {
      x0 = std::min(x0, v);
      x1 = std::max(x1, v);
    }
  };
  auto addy = [&](double v) {
    v = fy(v);
    if (std::isfinite(v)) {
      y0 = std::min(y0, v);
      y1 = std::max(y1, v);
    }
  };
  for (const Series& s : series_) {
    switch (s.kind) {
      case Series::line:
      case Series::scatter:
        for (size_t i = 0; i < s.y.size(); ++i)
          if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) {
            addx(s.x[i]);
            addy(s.y[i]);
          }
        break;
      case Series::band:
        for (size_t i = 0; i < s.x.size(); ++i) {
          addx(s.x[i]);
          addy(s.y[i]);
          addy(s.y2[i]);
        }
        break;
      case Series::hline: addy(s.v); break;
      case Series::vline: addx(s.v); break;
    }
  }
  for (const FieldRef& f : fields_) {
    addx(f.x0);
    addx(f.x1);
    addy(f.y0);
    addy(f.y1);
  }
  if (ax_.include_zero && !ax_.log) {
    x0 = std::min(x0, 0.0);
    x1 = std::max(x1, 0.0);
  }
  if (ay_.include_zero && !ay_.log) {
    y0 = std::min(y0, 0.0);
    y1 = std::max(y1, 0.0);
  }
  auto finish = [](double& lo, double& hi, bool log) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
      lo = 0;
      hi = 1;
      return;
    }
    if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
      const double d = log ? 0.5 : std::max(std::abs(hi) * 0.1, 1e-9);
      lo -= d;
      hi += d;
    }
    const double pad = 0.04 * (hi - lo);
    lo -= pad;
    hi += pad;
  };
  const bool fit_x = !ax_.fixed, fit_y = !ay_.fixed;
  if (fit_x)
    finish(x0, x1, ax_.log);
  else {
    x0 = fx(ax_.lo);
    x1 = fx(ax_.hi);
  }
  if (fit_y)
    finish(y0, y1, ay_.log);
  else {
    y0 = fy(ay_.lo);
    y1 = fy(ay_.hi);
  }
  if (!(x1 > x0)) {
    x0 = 0;
    x1 = 1;
  }
  if (!(y1 > y0)) {
    y0 = 0;
    y1 = 1;
  }
  vx0_ = x0;
  vx1_ = x1;
  vy0_ = y0;
  vy1_ = y1;
  if (equal_ && !ax_.log && !ay_.log) {  // grow the short side so one unit is the same length on both axes
    const double w = a1_.x - a0_.x, h = a1_.y - a0_.y;
    const double ux = (vx1_ - vx0_) / w, uy = (vy1_ - vy0_) / h, u = std::max(ux, uy);
    const double cx = 0.5 * (vx0_ + vx1_), cy = 0.5 * (vy0_ + vy1_);
    vx0_ = cx - 0.5 * u * w;
    vx1_ = cx + 0.5 * u * w;
    vy0_ = cy - 0.5 * u * h;
    vy1_ = cy + 0.5 * u * h;
  }
}

void Plot::draw_axes(ImDrawList* dl) {
  const Palette& pal = palette();
  const float s = S(), fs = ImGui::GetFontSize();
  // Not when it is the colour of the window around it (light theme): the same picture, fewer pixels
  // to fill (a GPU-less browser rasterizes every one on the CPU).
  if (pal.plot_bg != ImGui::GetColorU32(ImGuiCol_WindowBg)) dl->AddRectFilled(a0_, a1_, pal.plot_bg);
  // x ticks
  auto ticks = [&](bool is_x) {
    const bool log = is_x ? ax_.log : ay_.log;
    const double lo = is_x ? vx0_ : vy0_, hi = is_x ? vx1_ : vy1_;
    const float len = is_x ? a1_.x - a0_.x : a1_.y - a0_.y;
    auto pos = [&](double v) {
      return is_x ? a0_.x + float((v - lo) / (hi - lo)) * len : a1_.y - float((v - lo) / (hi - lo)) * len;
    };
    auto grid = [&](double v, ImU32 c) {
      const float p = pos(v);
      if (is_x)
        dl->AddLine(ImVec2(p, a0_.y), ImVec2(p, a1_.y), c);
      else
        dl->AddLine(ImVec2(a0_.x, p), ImVec2(a1_.x, p), c);
    };
    auto label = [&](double v, const std::string& t) {
      const float p = pos(v);
      const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
      if (is_x) {
        if (p < a0_.x - 1 || p > a1_.x + 1) return;
        dl->AddLine(ImVec2(p, a1_.y), ImVec2(p, a1_.y + 4 * s), pal.axis);
        dl->AddText(ImVec2(std::clamp(p - ts.x / 2, p0_.x, p1_.x - ts.x), a1_.y + 5 * s), pal.text_dim, t.c_str());
      } else {
        if (p < a0_.y - 1 || p > a1_.y + 1) return;
        dl->AddLine(ImVec2(a0_.x - 4 * s, p), ImVec2(a0_.x, p), pal.axis);
        dl->AddText(ImVec2(a0_.x - 6 * s - ts.x, p - ts.y / 2), pal.text_dim, t.c_str());
      }
    };
    const double target = std::max(2.0, double(len) / (is_x ? 90.0 * s : 42.0 * s));
    if (log) {
      const int e0 = int(std::floor(lo)), e1 = int(std::ceil(hi));
      const int span = e1 - e0;
      int every = 1;  // label decades at multiples of 1, 2, 3, 5 or 10 (absolute exponents)
      for (int c : {1, 2, 3, 5, 10, 20, 50})
        if (span / double(c) <= target) {
          every = c;
          break;
        }
      int labelled = 0;
      for (int e = e0; e <= e1; ++e) labelled += double(e) >= lo && double(e) <= hi && e % every == 0;
      for (int e = e0; e <= e1; ++e) {
        if (span <= 12)
          for (int m = 2; m <= 9; ++m) {
            const double v = e + std::log10(double(m));
            if (v > lo && v < hi) grid(v, pal.grid_minor);
          }
        if (double(e) < lo || double(e) > hi) continue;
        if (e % every == 0) {
          grid(e, pal.grid);
          label(e, fmt_decade(e));
        }
      }
      if (labelled < 3 && span <= 3) {  // few decades visible: label 2 and 5 as well
        for (int e = e0 - 1; e <= e1; ++e)
          for (int m : {2, 5}) {
            const double v = e + std::log10(double(m));
            if (v > lo && v < hi) {
              label(v, fmt_sci(m * std::pow(10.0, e)));
              ++labelled;
            }
          }
      }
      if (labelled < 2 && hi - lo < 1.0) {  // less than a factor ~2.5 visible: evenly spaced values
        const double a = std::pow(10.0, lo), b = std::pow(10.0, hi);
        const double step = nice_step(b - a, std::min(target, 5.0));
        for (double v = std::ceil(a / step) * step; v <= b * (1 + 1e-12); v += step) {
          if (!(v > 0)) continue;
          grid(std::log10(v), pal.grid);
          label(std::log10(v), fmt_tick(v, step));
        }
      }
    } else {
      const double step = nice_step(hi - lo, target);
      for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) {
        grid(v, pal.grid);
        label(v, fmt_tick(v, step));
      }
    }
  };
  ticks(true);
  ticks(false);
  dl->AddRect(a0_, a1_, pal.frame);
  if (!ax_.label.empty()) {
    const ImVec2 ts = ImGui::CalcTextSize(ax_.label.c_str());
    dl->AddText(ImVec2(0.5f * (a0_.x + a1_.x) - ts.x / 2, a1_.y + 7 * s + fs), pal.text, ax_.label.c_str());
  }
  if (!ay_.label.empty())
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p0_.x + 2 * s, p0_.y), pal.text, ay_.label.c_str(),
                nullptr, ylabel_wrap());
}

void Plot::draw_series(ImDrawList* dl, const Series& s) {
  const float sc = S();
  switch (s.kind) {
    case Series::line: {
      // Polyline through finite points; a non-finite value (or ≤ 0 on a log axis) breaks the line.
      std::vector<ImVec2> run;
      float phase = 0;
      auto flush = [&] {
        if (run.size() >= 2) {
          if (s.dashed)
            for (size_t i = 1; i < run.size(); ++i)
              dashed_segment(dl, run[i - 1], run[i], s.col, s.size * sc, 6 * sc, phase);
          else
            dl->AddPolyline(run.data(), int(run.size()), s.col, 0, s.size * sc);
        } else if (run.size() == 1)
          dl->AddCircleFilled(run[0], 1.5f * s.size * sc, s.col);
        run.clear();
      };
      for (size_t i = 0; i < s.y.size(); ++i) {
        if (!std::isfinite(fx(s.x[i])) || !std::isfinite(fy(s.y[i]))) {
          flush();
          continue;
        }
        const ImVec2 p = to_px(s.x[i], s.y[i]);
        if (!run.empty() && std::abs(p.x - run.back().x) < 0.4f && std::abs(p.y - run.back().y) < 0.4f) continue;
        run.push_back(p);
      }
      flush();
      break;
    }
    case Series::scatter: {
      // Thousands of points (e.g. every logistic step) would overflow ImGui's 16-bit vertex
      // indices (WebGL has no base-vertex draws), which shows as garbage triangles: a point is
      // skipped when one was already drawn in its cell (a third of the dot), small dots get fewer
      // segments, and drawing stops before the window's draw list gets near 65536 vertices.
      const float r = s.size * sc, cell = std::max(1.0f, 0.35f * r);
      const int segs = r < 4 ? 6 : 10;
      std::unordered_set<std::uint64_t> seen;
      for (size_t i = 0; i < s.y.size(); ++i) {
        if (!std::isfinite(fx(s.x[i])) || !std::isfinite(fy(s.y[i]))) continue;
        const ImVec2 p = to_px(s.x[i], s.y[i]);
        if (p.x < a0_.x - r || p.x > a1_.x + r || p.y < a0_.y - r || p.y > a1_.y + r) continue;
        const std::uint64_t key =
            (std::uint64_t(std::uint32_t(int(p.x / cell))) << 32) | std::uint32_t(int(p.y / cell));
        if (!seen.insert(key).second) continue;
        if (dl->_VtxCurrentIdx > 60000) break;
        dl->AddCircleFilled(p, r, s.col, segs);
      }
      break;
    }
    case Series::band: {
      const ImU32 c = with_alpha(s.col, 0.22f);
      for (size_t i = 1; i < s.x.size(); ++i) {
        const double xa = s.x[i - 1], xb = s.x[i];
        if (!std::isfinite(fy(s.y[i - 1])) || !std::isfinite(fy(s.y2[i - 1])) || !std::isfinite(fy(s.y[i])) ||
            !std::isfinite(fy(s.y2[i])))
          continue;
        const ImVec2 q[4] = {to_px(xa, s.y[i - 1]), to_px(xb, s.y[i]), to_px(xb, s.y2[i]), to_px(xa, s.y2[i - 1])};
        dl->AddConvexPolyFilled(q, 4, c);
      }
      break;
    }
    case Series::hline:
    case Series::vline: {
      const bool h = s.kind == Series::hline;
      if (!std::isfinite(h ? fy(s.v) : fx(s.v))) break;
      const ImVec2 p = h ? to_px(0, s.v) : to_px(s.v, 0);
      const ImVec2 a = h ? ImVec2(a0_.x, p.y) : ImVec2(p.x, a0_.y), b = h ? ImVec2(a1_.x, p.y) : ImVec2(p.x, a1_.y);
      float phase = 0;
      if (s.dashed)
        dashed_segment(dl, a, b, s.col, s.size * sc, 5 * sc, phase);
      else
        dl->AddLine(a, b, s.col, s.size * sc);
      break;
    }
  }
}

void Plot::draw_legend(ImDrawList* dl) {
  if (legend_ == Legend::none) return;
  const Palette& pal = palette();
  const float s = S(), fs = ImGui::GetFontSize();
  std::vector<const Series*> items;
  for (const Series& se : series_) {
    if (se.label.empty()) continue;
    bool dup = false;
    for (const Series* o : items) dup |= o->label == se.label;
    if (!dup) items.push_back(&se);
  }
  if (items.empty()) return;
  // On a narrow plot the legend shrinks its text (down to 75 %) and then shortens labels with "…"
  // so the box stays inside the plot area.
  ImFont* font = ImGui::GetFont();
  const float m = 8 * s;
  float w = 0;
  for (const Series* it : items) w = std::max(w, ImGui::CalcTextSize(it->label.c_str()).x);
  float sw = 20 * s, pad = 6 * s;
  const float room = (a1_.x - a0_.x) - 2 * m - (pad * 2 + sw + 6 * s);
  float k = 1.0f;
  if (w > room && room > 0) {
    k = std::max(0.75f, room / w);
    sw *= k;
  }
  const float lfs = fs * k, row = lfs + 3 * s;
  std::vector<std::string> text;
  float tw = 0;
  for (const Series* it : items) {
    std::string t = it->label;
    auto width = [&](const std::string& x) { return font->CalcTextSizeA(lfs, FLT_MAX, 0.0f, x.c_str()).x; };
    if (room > 0 && width(t) > room) {
      while (!t.empty() && width(t + "…") > room) {
        t.pop_back();
        while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80)
          t.pop_back();  // whole UTF-8 characters
        if (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0xC0) t.pop_back();
      }
      t += "…";
    }
    tw = std::max(tw, width(t));
    text.push_back(std::move(t));
  }
  w = tw;
  const ImVec2 size(pad * 2 + sw + 6 * s + w, pad * 2 + row * items.size() - 3 * s);
  ImVec2 o;
  Legend where = legend_;
  if (where == Legend::best) {  // the corner whose box covers the fewest data points
    int best_n = -1;
    for (Legend c : {Legend::top_right, Legend::top_left, Legend::bottom_left, Legend::bottom_right}) {
      const float x0 = (c == Legend::top_left || c == Legend::bottom_left) ? a0_.x + m : a1_.x - m - size.x;
      const float y0 = (c == Legend::top_left || c == Legend::top_right) ? a0_.y + m : a1_.y - m - size.y;
      int n = 0;
      for (const Series& se : series_) {
        if (se.kind != Series::line && se.kind != Series::scatter) continue;
        const size_t stride = std::max<size_t>(1, se.y.size() / 400);
        for (size_t i = 0; i < se.y.size(); i += stride) {
          if (!std::isfinite(fx(se.x[i])) || !std::isfinite(fy(se.y[i]))) continue;
          const ImVec2 p = to_px(se.x[i], se.y[i]);
          n += p.x >= x0 && p.x <= x0 + size.x && p.y >= y0 && p.y <= y0 + size.y;
        }
      }
      if (best_n < 0 || n < best_n) {
        best_n = n;
        where = c;
      }
    }
  }
  switch (where) {
    case Legend::top_left: o = ImVec2(a0_.x + m, a0_.y + m); break;
    case Legend::bottom_left: o = ImVec2(a0_.x + m, a1_.y - m - size.y); break;
    case Legend::bottom_right: o = ImVec2(a1_.x - m - size.x, a1_.y - m - size.y); break;
    default: o = ImVec2(a1_.x - m - size.x, a0_.y + m); break;
  }
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), pal.legend_bg, 3 * s);
  dl->AddRect(o, ImVec2(o.x + size.x, o.y + size.y), with_alpha(pal.frame, 0.5f), 3 * s);
  for (size_t i = 0; i < items.size(); ++i) {
    const Series& it = *items[i];
    const float y = o.y + pad + row * i, cy = y + lfs * 0.5f;
    const ImVec2 a(o.x + pad, cy), b(o.x + pad + sw, cy);
    float phase = 0;
    if (it.kind == Series::band)
      dl->AddRectFilled(ImVec2(a.x, cy - 5 * s), ImVec2(b.x, cy + 5 * s), with_alpha(it.col, 0.3f));
    else if (it.kind == Series::scatter)
      dl->AddCircleFilled(ImVec2(0.5f * (a.x + b.x), cy), 3.5f * s, it.col);
    else if (it.dashed)
      dashed_segment(dl, a, b, it.col, 2 * s, 4 * s, phase);
    else
      dl->AddLine(a, b, it.col, 2.5f * s);
    dl->AddText(font, lfs, ImVec2(b.x + 6 * s, y), pal.text, text[i].c_str());
  }
}

void Plot::draw_colorbar(ImDrawList* dl) {
  const Palette& pal = palette();
  const float s = S(), fs = ImGui::GetFontSize();
  const float x0 = a1_.x + 12 * s, x1 = x0 + 12 * s;
  const float y0 = a0_.y, y1 = a1_.y;
  const int n = 64;
  for (int i = 0; i < n; ++i) {
    const float ya = y1 - (y1 - y0) * float(i) / n, yb = y1 - (y1 - y0) * float(i + 1) / n;
    dl->AddRectFilled(ImVec2(x0, yb), ImVec2(x1, ya + 0.5f), colormap_u32(cbar_.map, (i + 0.5f) / n));
  }
  dl->AddRect(ImVec2(x0, y0), ImVec2(x1, y1), pal.frame);
  const double lo = cbar_.lo, hi = cbar_.hi;
  if (hi > lo) {
    auto tick = [&](double v, const std::string& t) {
      const float y = y1 - float((v - lo) / (hi - lo)) * (y1 - y0);
      dl->AddLine(ImVec2(x1, y), ImVec2(x1 + 3 * s, y), pal.axis);
      dl->AddText(ImVec2(x1 + 5 * s, y - fs / 2), pal.text_dim, t.c_str());
    };
    if (cbar_.log) {
      const int every = std::max(1, int(std::ceil((hi - lo) / 6.0)));
      for (int e = int(std::ceil(lo)); e <= int(std::floor(hi)); ++e)
        if (e % every == 0) tick(e, fmt_decade(e));
    } else {
      const double step = nice_step(hi - lo, std::max(2.0, (y1 - y0) / (40.0 * s)));
      for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) tick(v, fmt_tick(v, step));
    }
  }
  if (!cbar_.label.empty()) {
    const ImVec2 ts = ImGui::CalcTextSize(cbar_.label.c_str());
    dl->AddText(ImVec2(std::min(x0, p1_.x - ts.x), p0_.y), pal.text, cbar_.label.c_str());
  }
}

void Plot::hover_readout(ImDrawList* dl) {
  if (!hovered_ || active_) return;
  if (mouse_.x < a0_.x || mouse_.x > a1_.x || mouse_.y < a0_.y || mouse_.y > a1_.y) return;
  const float s = S();
  const Series* best = nullptr;
  size_t bi = 0;
  float bd = 14 * s;
  for (const Series& se : series_) {
    if (se.kind != Series::line && se.kind != Series::scatter) continue;
    for (size_t i = 0; i < se.y.size(); ++i) {
      if (!std::isfinite(fx(se.x[i])) || !std::isfinite(fy(se.y[i]))) continue;
      const ImVec2 p = to_px(se.x[i], se.y[i]);
      const float d = std::hypot(p.x - mouse_.x, p.y - mouse_.y);
      if (d < bd) {
        bd = d;
        best = &se;
        bi = i;
      }
    }
  }
  ImGui::BeginTooltip();
  if (best) {
    const double x = best->x[bi], y = best->y[bi];
    dl->AddCircle(to_px(x, y), 5 * s, palette().text, 16, 1.5f * s);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(best->col), "● %s",
                       best->label.empty() ? "value" : best->label.c_str());
    ImGui::Text("%s = %s", ax_.label.empty() ? "x" : ax_.label.c_str(), fmt_exact(x).c_str());
    ImGui::Text("y = %s", fmt_exact(y).c_str());
    // Other series at the same x (time series read-out).
    for (const Series& se : series_) {
      if (&se == best || se.kind != Series::line || se.label.empty() || se.x.empty() || !monotone(se.x)) continue;
      const auto it = std::lower_bound(se.x.begin(), se.x.end(), x);
      if (it == se.x.end()) continue;
      const size_t j = size_t(it - se.x.begin());
      if (std::abs(to_px(se.x[j], 1).x - to_px(x, 1).x) > 2 * s) continue;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(se.col), "● %s = %s", se.label.c_str(),
                         fmt_exact(se.y[j]).c_str());
    }
  } else {
    double x, y;
    from_px(mouse_, x, y);
    ImGui::TextDisabled("(%s, %s)", fmt_sci(x).c_str(), fmt_sci(y).c_str());
    for (const FieldRef& f : fields_) {
      if (x < std::min(f.x0, f.x1) || x > std::max(f.x0, f.x1) || y < std::min(f.y0, f.y1) || y > std::max(f.y0, f.y1))
        continue;
      const int i = std::clamp(int((x - f.x0) / (f.x1 - f.x0) * f.f->w), 0, f.f->w - 1);
      const int j = std::clamp(int((y - f.y0) / (f.y1 - f.y0) * f.f->h), 0, f.f->h - 1);
      ImGui::Text("%s ≈ %s (grid)", cbar_.label.empty() ? "value" : cbar_.label.c_str(),
                  fmt_exact(f.f->value(i, j)).c_str());
    }
  }
  ImGui::EndTooltip();
}

// Width the y label (the plot's title line) may take before it wraps: the plot's width, less the
// colorbar's label on the same line. Long titles wrap instead of running past the figure on phones.
float Plot::ylabel_wrap() const {
  const float s = S();
  float w = (p1_.x - p0_.x) - 4 * s;
  if (!cbar_.label.empty()) w -= ImGui::CalcTextSize(cbar_.label.c_str()).x + 12 * s;
  return std::max(w, 40 * s);
}

void Plot::end() {
  const float s = S(), fs = ImGui::GetFontSize();
  // Layout: y label on top (wrapped if long), tick labels left, x ticks + label below, optional colorbar right.
  const float left = ImGui::CalcTextSize("−0.000").x + 10 * s;
  const float right = has_colorbar_ ? 12 * s + 12 * s + ImGui::CalcTextSize("1e-10").x + 8 * s : 10 * s;
  const float title_h =
      ay_.label.empty() ? fs : std::max(fs, ImGui::CalcTextSize(ay_.label.c_str(), nullptr, false, ylabel_wrap()).y);
  a0_ = ImVec2(p0_.x + left, p0_.y + title_h + 6 * s);
  a1_ = ImVec2(p1_.x - right, p1_.y - (ax_.label.empty() ? 1.0f : 2.0f) * fs - 12 * s);
  if (a1_.x - a0_.x < 20) a1_.x = a0_.x + 20;
  if (a1_.y - a0_.y < 20) a1_.y = a0_.y + 20;
  fit();
  if (zoomed_) {
    vx0_ = zx0_;
    vx1_ = zx1_;
    vy0_ = zy0_;
    vy1_ = zy1_;
  }
  // Pan (drag) and zoom (wheel, around the mouse).
  const bool in_area = mouse_.x >= a0_.x && mouse_.x <= a1_.x && mouse_.y >= a0_.y && mouse_.y <= a1_.y;
  if (dragging_ && active_) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    const double ux = (vx1_ - vx0_) / (a1_.x - a0_.x), uy = (vy1_ - vy0_) / (a1_.y - a0_.y);
    vx0_ -= d.x * ux;
    vx1_ -= d.x * ux;
    vy0_ += d.y * uy;
    vy1_ += d.y * uy;
    zoomed_ = true;
  }
  if (wheel_ != 0 && in_area) {
    const double f = std::pow(0.85, double(wheel_));
    const double mx = vx0_ + (mouse_.x - a0_.x) / double(a1_.x - a0_.x) * (vx1_ - vx0_);
    const double my = vy0_ + (a1_.y - mouse_.y) / double(a1_.y - a0_.y) * (vy1_ - vy0_);
    vx0_ = mx + (vx0_ - mx) * f;
    vx1_ = mx + (vx1_ - mx) * f;
    vy0_ = my + (vy0_ - my) * f;
    vy1_ = my + (vy1_ - my) * f;
    zoomed_ = true;
  }
  if (zoomed_) {
    zx0_ = vx0_;
    zx1_ = vx1_;
    zy0_ = vy0_;
    zy1_ = vy1_;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_axes(dl);
  dl->PushClipRect(a0_, a1_, true);
  for (const FieldRef& f : fields_) {
    const ImVec2 q0 = to_px(f.x0, f.y1), q1 = to_px(f.x1, f.y0);
    draw_field(dl, *f.f, q0, q1);
  }
  for (const Series& se : series_)
    if (se.kind == Series::band) draw_series(dl, se);
  for (const Series& se : series_)
    if (se.kind != Series::band) draw_series(dl, se);
  for (auto& fn : overlays_) fn(*this, dl);
  for (double c : cursors_) {
    if (!std::isfinite(fx(c))) continue;
    const float x = to_px(c, 1).x;
    dl->AddLine(ImVec2(x, a0_.y), ImVec2(x, a1_.y), palette().cursor, 1.5f * s);
  }
  draw_legend(dl);
  dl->PopClipRect();
  if (has_colorbar_) draw_colorbar(dl);
  if (zoomed_) {
    const char* hint = "double-click: reset view";
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(a1_.x - ts.x - 4 * s, a1_.y - ts.y - 2 * s), palette().text_dim, hint);
  }
  hover_readout(dl);
}

}  // namespace ui
