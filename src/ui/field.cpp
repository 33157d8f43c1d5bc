#include "ui/field.hpp"

#include <algorithm>
#include <cmath>

namespace ui {
namespace {
FieldRenderer g_renderer = nullptr;

// No GPU: 48×48 coloured cells (enough to see the picture in tests and fallbacks).
void draw_cpu(ImDrawList* dl, const ScalarField& f, ImVec2 p0, ImVec2 p1) {
  if (f.w <= 0 || f.h <= 0) return;
  const int nx = std::min(f.w, 48), ny = std::min(f.h, 48);
  const float cw = (p1.x - p0.x) / float(nx), ch = (p1.y - p0.y) / float(ny);
  for (int b = 0; b < ny; ++b)
    for (int a = 0; a < nx; ++a) {
      const int i = (a * f.w) / nx, j = (b * f.h) / ny;
      const ImVec2 q0(p0.x + a * cw, p1.y - (b + 1) * ch);
      dl->AddRectFilled(q0, ImVec2(q0.x + cw + 0.5f, q0.y + ch + 0.5f), colormap_u32(f.map, f.t_of(f.value(i, j))));
    }
}
}  // namespace

float ScalarField::t_of(float v) const {
  if (log) v = v > 0 ? std::log10(v) : -30.0f;
  const float d = hi - lo;
  return d > 0 ? std::clamp((v - lo) / d, 0.0f, 1.0f) : 0.5f;
}

void ScalarField::touch() {
  static unsigned counter = 0;
  version = ++counter;
}

void set_field_renderer(FieldRenderer r) { g_renderer = r; }

void draw_field(ImDrawList* dl, const ScalarField& f, ImVec2 p0, ImVec2 p1) {
  if (f.w <= 0 || f.h <= 0 || f.values.size() != size_t(f.w) * size_t(f.h)) return;
  if (g_renderer)
    g_renderer(dl, f, p0, p1);
  else
    draw_cpu(dl, f, p0, p1);
}

}  // namespace ui
