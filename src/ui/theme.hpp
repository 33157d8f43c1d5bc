// One theme for every figure: colours, fonts and spacing matching the article (light and dark).
#pragma once

#include "imgui.h"

namespace ui {

enum class Theme { light, dark };

void apply_theme(Theme theme);
Theme current_theme();
// DejaVu Sans (embedded, subset) with Greek and math ranges, rasterized at 16·scale pixels; all
// style sizes are scaled too. scale = device pixel ratio when ImGui works in device pixels (web),
// or the monitor content scale on the desktop. Call before the font texture is (re)created.
void load_fonts(float scale);
float ui_scale();  // the scale passed to load_fonts (1 before)
// Categorical series colours (colour-blind safe, Okabe–Ito order), tuned per theme.
ImU32 series_color(int i);

// Plot colours for the current theme.
struct Palette {
  ImU32 plot_bg, frame, grid, grid_minor, axis, text, text_dim, legend_bg, cursor, highlight, warn;
};
const Palette& palette();

}  // namespace ui
