// Pixel work for the page's own presentation of the canvas without a GPU (web/loader.js,
// "presenting the canvas without a GPU"): the WebGL drawing buffer holds premultiplied colours,
// a 2D canvas's ImageData wants them straight. Here rather than in JavaScript because the page
// calls it a few times a second at most, too rarely for the JIT to optimize a per-pixel loop
// (measured in headless Chromium: 8–41 ms for 1.15 Mpx in JavaScript).
#include <cstdint>

#include <emscripten/emscripten.h>

#include "web/channel.hpp"

namespace {
// 2¹⁶·255/a, rounded: straight = (premultiplied·inv[a] + 2¹⁵) >> 16.
struct Inverse {
  std::uint32_t v[256] = {};
  Inverse() {
    for (std::uint32_t a = 1; a < 256; ++a) v[a] = (255u * 65536u + a / 2) / a;
  }
};
const Inverse kInv;
}  // namespace

extern "C" {
// rgba: `pixels` RGBA pixels, premultiplied; made straight in place. Fully transparent and fully
// opaque pixels (most of them) are left as they are.
EMSCRIPTEN_KEEPALIVE void xp_unpremultiply(std::uint8_t* rgba, int pixels) {
  for (int i = 0; i < pixels; ++i) {
    std::uint8_t* p = rgba + 4 * i;
    const std::uint32_t a = p[3];
    if (a == 0 || a == 255) continue;
    for (int c = 0; c < 3; ++c) {
      const std::uint32_t v = (p[c] * kInv.v[a] + 32768u) >> 16;
      p[c] = std::uint8_t(v > 255 ? 255 : v);
    }
  }
}
}
