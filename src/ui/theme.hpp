// One theme for every figure: colours, fonts and spacing matching the article (light and dark).
#pragma once

#include "imgui.h"

namespace ui {

enum class Theme { light, dark };

void apply_theme(Theme theme);
Theme current_theme();
// DejaVu Sans (embedded, subset) with Greek and math ranges; scale = device pixel ratio.
void load_fonts(float scale);
// Categorical series colours (colour-blind safe, Okabe–Ito order).
ImU32 series_color(int i);

}  // namespace ui
