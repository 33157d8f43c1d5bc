#include "ui/colormap.hpp"

#include <algorithm>

namespace ui {

ImVec4 colormap_rgb(Colormap m, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  if (m == Colormap::warm) {  // light yellow → orange → deep red, readable over viridis
    const float a[3] = {1.0f, 0.95f, 0.55f}, b[3] = {0.98f, 0.55f, 0.15f}, c[3] = {0.65f, 0.05f, 0.20f};
    const float* x = t < 0.5f ? a : b;
    const float* y = t < 0.5f ? b : c;
    const float s = t < 0.5f ? 2.0f * t : 2.0f * t - 1.0f;
    return ImVec4(x[0] + s * (y[0] - x[0]), x[1] + s * (y[1] - x[1]), x[2] + s * (y[2] - x[2]), 1.0f);
  }
  if (m == Colormap::diverging) {
    const float b[3] = {0.230f, 0.299f, 0.754f}, w[3] = {0.865f, 0.865f, 0.865f}, r[3] = {0.706f, 0.016f, 0.150f};
    const float* a = t < 0.5f ? b : w;
    const float* c = t < 0.5f ? w : r;
    const float s = t < 0.5f ? 2.0f * t : 2.0f * t - 1.0f;
    return ImVec4(a[0] + s * (c[0] - a[0]), a[1] + s * (c[1] - a[1]), a[2] + s * (c[2] - a[2]), 1.0f);
  }
  // Polynomial fit of viridis (as in heatmap.frag).
  static const float c[7][3] = {{0.2777273272234177f, 0.005407344544966578f, 0.3340998053353061f},
                                {0.1050930431085774f, 1.404613529898575f, 1.384590162594685f},
                                {-0.3308618287255563f, 0.214847559468213f, 0.09509516302823659f},
                                {-4.634230498983486f, -5.799100973351585f, -19.33244095627987f},
                                {6.228269936347081f, 14.17993336680509f, 56.69055260068105f},
                                {4.776384997670288f, -13.74514537774601f, -65.35303263337234f},
                                {-5.435455855934631f, 4.645852612178535f, 26.3124352495832f}};
  float out[3];
  for (int k = 0; k < 3; ++k) {
    float v = c[6][k];
    for (int i = 5; i >= 0; --i) v = c[i][k] + t * v;
    out[k] = std::clamp(v, 0.0f, 1.0f);
  }
  return ImVec4(out[0], out[1], out[2], 1.0f);
}

ImU32 colormap_u32(Colormap m, float t, float alpha) {
  ImVec4 c = colormap_rgb(m, t);
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

}  // namespace ui
