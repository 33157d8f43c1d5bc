// CPU copies of the colormaps in shaders/heatmap.frag (same coefficients), for colorbars,
// path colouring and the no-GL fallback. t is clamped to [0,1].
#pragma once

#include "imgui.h"

namespace ui {

enum class Colormap { viridis = 0, diverging = 1, warm = 2 };  // warm: CPU only (paths over a viridis field)

ImVec4 colormap_rgb(Colormap m, float t);
ImU32 colormap_u32(Colormap m, float t, float alpha = 1.0f);

}  // namespace ui
