#include "render/draw_hash.hpp"

#include <cstdint>
#include <cstring>

#include "imgui.h"
#include "render/field_renderer.hpp"

namespace render {

unsigned long long draw_data_hash(const ImDrawData* dd, int w, int h) {
  unsigned long long x = 0x9E3779B97F4A7C15ull ^ (static_cast<unsigned long long>(w) << 32) ^ static_cast<unsigned>(h);
  auto mix = [&](unsigned long long v) {
    x = (x ^ v) * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
  };
  auto bytes = [&](const void* p, size_t n) {
    const unsigned char* c = static_cast<const unsigned char*>(p);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      unsigned long long v;
      std::memcpy(&v, c + i, 8);
      mix(v);
    }
    unsigned long long t = n;
    for (; i < n; ++i) t = (t << 8) | c[i];
    mix(t);
  };
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* dl = dd->CmdLists[l];
    bytes(dl->VtxBuffer.Data, size_t(dl->VtxBuffer.Size) * sizeof(ImDrawVert));
    bytes(dl->IdxBuffer.Data, size_t(dl->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : dl->CmdBuffer) {
      bytes(&c.ClipRect, sizeof c.ClipRect);
      mix(reinterpret_cast<std::uintptr_t>(c.TextureId));
      mix((static_cast<unsigned long long>(c.IdxOffset) << 32) | c.ElemCount);
      mix(c.VtxOffset);
      if (c.UserCallback) mix(field_draw_hash(reinterpret_cast<const void*>(c.UserCallback), c.UserCallbackData) + 7);
    }
  }
  return x;
}

}  // namespace render
