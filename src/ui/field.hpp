// A scalar field on a rectangle of the plane (e.g. the loss over a 2-D parameter slice), drawn
// by the GPU shader shaders/heatmap.frag through an ImDrawList callback. ui/ stays GL-free:
// the renderer is a hook that render/ installs at start-up; without it (tests, GL failure) a
// coarse CPU fallback of coloured cells is drawn instead.
#pragma once

#include <vector>

#include "imgui.h"
#include "ui/colormap.hpp"

namespace ui {

struct ScalarField {
  int w = 0, h = 0;           // samples; value(i, j) at the centre of cell (i, j), j = 0 at the bottom
  std::vector<float> values;  // w·h, row-major from the bottom row
  unsigned version = 0;       // call touch() after changing values (the renderer re-uploads)
  // Colour mapping: t = (v − lo)/(hi − lo), with v = log10(value) when log is set.
  float lo = 0.0f, hi = 1.0f;
  bool log = false;
  Colormap map = Colormap::viridis;
  int contours = 0;  // iso-lines at t = k/contours (0: none)
  float value(int i, int j) const { return values[size_t(j) * size_t(w) + size_t(i)]; }
  float t_of(float v) const;  // colour coordinate of a raw value (what the colorbar shows)
  void touch();               // new globally unique version (never reused, even across fields)
};

// Draws `f` stretched over the screen rectangle [p0, p1] (p0 = top-left) under the current clip rect.
using FieldRenderer = void (*)(ImDrawList* dl, const ScalarField& f, ImVec2 p0, ImVec2 p1);
void set_field_renderer(FieldRenderer r);
void draw_field(ImDrawList* dl, const ScalarField& f, ImVec2 p0, ImVec2 p1);

}  // namespace ui
