#include "render/redraw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "render/field_renderer.hpp"
#include "render/gl.hpp"

namespace render::redraw {
namespace {

constexpr int kTile = 32;          // tile size in framebuffer pixels
constexpr int kMaxRects = 8;       // more damaged rectangles than this: one full redraw
constexpr double kMaxShare = 0.6;  // damaged share of the canvas above which a full redraw is cheaper

struct Rect {  // framebuffer pixels, top-down, half-open
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  long area() const { return empty() ? 0 : long(x1 - x0) * (y1 - y0); }
};
Rect meet(const Rect& a, const Rect& b) {
  return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}
Rect join(const Rect& a, const Rect& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

struct State {
  bool preserved = false;
  bool valid = false;  // prev describes what the drawing buffer shows
  int w = 0, h = 0, cols = 0, rows = 0;
  std::vector<std::uint64_t> prev, cur;
  std::vector<std::vector<Rect>> boxes;  // per draw list: per triangle, its pixels' bounding box (clipped)
  std::vector<ImDrawList*> scratch;
  std::vector<ImDrawList*> padded;  // callback-only lists given one dummy vertex and triangle (render_lists)
};
State& S() {
  static State s;
  return s;
}

inline std::uint64_t mix(std::uint64_t x, std::uint64_t v) {
  x = (x ^ v) * 0xBF58476D1CE4E5B9ull;
  return x ^ (x >> 31);
}
std::uint64_t mix_bytes(std::uint64_t x, const void* p, size_t n) {
  const unsigned char* c = static_cast<const unsigned char*>(p);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t v;
    std::memcpy(&v, c + i, 8);
    x = mix(x, v);
  }
  std::uint64_t t = n;
  for (; i < n; ++i) t = (t << 8) | c[i];
  return mix(x, t);
}

// The pixels a command may touch: the scissor box ImGui's OpenGL3 backend (and the heatmap
// callback) derive from its clip rectangle, in top-down framebuffer rows.
Rect scissor_of(const ImDrawCmd& c, int fb_h) {
  const float x0 = c.ClipRect.x, y0 = c.ClipRect.y, x1 = c.ClipRect.z, y1 = c.ClipRect.w;
  if (x1 <= x0 || y1 <= y0) return {};
  const int gx = int(x0), gy = int(float(fb_h) - y1), gw = int(x1 - x0), gh = int(y1 - y0);
  return {gx, fb_h - gy - gh, gx + gw, fb_h - gy};
}

void add_to_tiles(State& s, const Rect& r, std::uint64_t h) {
  const Rect c = meet(r, {0, 0, s.w, s.h});
  if (c.empty()) return;
  for (int ty = c.y0 / kTile; ty <= (c.y1 - 1) / kTile; ++ty)
    for (int tx = c.x0 / kTile; tx <= (c.x1 - 1) / kTile; ++tx) {
      std::uint64_t& t = s.cur[size_t(ty) * s.cols + tx];
      t = mix(t, h);
    }
}

// Hashes the frame into s.cur and records every triangle's clipped bounding box.
void hash_frame(State& s, const ImDrawData* dd) {
  s.cur.assign(size_t(s.cols) * s.rows, 0x9E3779B97F4A7C15ull);
  s.boxes.resize(size_t(dd->CmdListsCount));
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    const ImDrawList* dl = dd->CmdLists[l];
    std::vector<Rect>& boxes = s.boxes[size_t(l)];
    boxes.assign(size_t(dl->IdxBuffer.Size / 3), Rect{});
    for (const ImDrawCmd& c : dl->CmdBuffer) {
      const Rect sc = scissor_of(c, s.h);
      if (c.UserCallback) {
        if (c.UserCallback == ImDrawCallback_ResetRenderState) continue;
        std::uint64_t h =
            mix(0x51ED270B27D5B1A3ull,
                render::field_draw_hash(reinterpret_cast<const void*>(c.UserCallback), c.UserCallbackData));
        h = mix_bytes(h, &sc, sizeof sc);
        add_to_tiles(s, sc, h);
        continue;
      }
      if (sc.empty()) continue;
      std::uint64_t base = mix(reinterpret_cast<std::uintptr_t>(c.TextureId), 0x94D049BB133111EBull);
      base = mix_bytes(base, &sc, sizeof sc);
      for (unsigned i = c.IdxOffset; i + 2 < c.IdxOffset + c.ElemCount; i += 3) {
        const ImDrawVert* v[3];
        float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
        for (int k = 0; k < 3; ++k) {
          v[k] = &dl->VtxBuffer.Data[dl->IdxBuffer.Data[i + k] + c.VtxOffset];
          x0 = std::min(x0, v[k]->pos.x);
          x1 = std::max(x1, v[k]->pos.x);
          y0 = std::min(y0, v[k]->pos.y);
          y1 = std::max(y1, v[k]->pos.y);
        }
        // Pixels whose centre is inside the triangle, with a pixel of margin for rounding.
        const Rect box = meet({int(std::floor(std::max(x0, -1e6f))) - 1, int(std::floor(std::max(y0, -1e6f))) - 1,
                               int(std::ceil(std::min(x1, 1e6f))) + 1, int(std::ceil(std::min(y1, 1e6f))) + 1},
                              sc);
        boxes[i / 3] = box;
        if (box.empty()) continue;
        std::uint64_t h = base;
        for (int k = 0; k < 3; ++k) h = mix_bytes(h, v[k], sizeof(ImDrawVert));
        add_to_tiles(s, box, h);
      }
    }
  }
}

// Damaged tiles merged into rectangles: runs along each row, joined with the same run of the
// row above; then, while there are too many, the pair whose union adds the least area.
std::vector<Rect> damage(const State& s) {
  std::vector<Rect> rects, open;
  for (int ty = 0; ty < s.rows; ++ty) {
    std::vector<Rect> runs;
    for (int tx = 0; tx < s.cols;) {
      const size_t i = size_t(ty) * s.cols + tx;
      if (s.cur[i] == s.prev[i]) {
        ++tx;
        continue;
      }
      int e = tx;
      while (e < s.cols && s.cur[size_t(ty) * s.cols + e] != s.prev[size_t(ty) * s.cols + e]) ++e;
      runs.push_back({tx, ty, e, ty + 1});
      tx = e;
    }
    std::vector<Rect> next;
    for (Rect r : runs) {
      auto it = std::find_if(open.begin(), open.end(), [&](const Rect& o) { return o.x0 == r.x0 && o.x1 == r.x1; });
      if (it != open.end()) {
        r.y0 = it->y0;
        open.erase(it);
      }
      next.push_back(r);
    }
    rects.insert(rects.end(), open.begin(), open.end());
    open = next;
  }
  rects.insert(rects.end(), open.begin(), open.end());
  while (int(rects.size()) > kMaxRects) {
    size_t bi = 0, bj = 1;
    long best = -1;
    for (size_t i = 0; i < rects.size(); ++i)
      for (size_t j = i + 1; j < rects.size(); ++j) {
        const long extra = join(rects[i], rects[j]).area() - rects[i].area() - rects[j].area();
        if (best < 0 || extra < best) {
          best = extra;
          bi = i;
          bj = j;
        }
      }
    rects[bi] = join(rects[bi], rects[bj]);
    rects.erase(rects.begin() + long(bj));
  }
  for (Rect& r : rects) r = meet({r.x0 * kTile, r.y0 * kTile, r.x1 * kTile, r.y1 * kTile}, {0, 0, s.w, s.h});
  return rects;
}

// ImGui_ImplOpenGL3_RenderDrawData, never with a list whose vertex or index buffer is empty.
// ImGui 1.86's backend uploads every list's buffers with glBufferSubData(target, 0, size, data),
// even when size is 0; Emscripten 3.1.6 passes that on as WebGL 2's
// bufferSubData(target, 0, HEAPU8, data, 0), and there a length of 0 means "everything from data
// to the end of the source view": the rest of the wasm heap (megabytes), larger than the buffer,
// so WebGL logs "INVALID_VALUE: bufferSubData: buffer overflow" (on desktop GL a size of 0 is a
// no-op). Partial redraws make such lists all the time (a list none of whose triangles touches the
// redrawn rectangle), and a list holding only a heatmap callback has no geometry at all. A list with
// nothing but empty draw commands is left out; one with callbacks is drawn from a copy whose
// buffers hold one dummy vertex and triangle that no command draws.
void render_lists(State& s, ImDrawData* dd) {
  std::vector<ImDrawList*> lists;
  lists.reserve(size_t(dd->CmdListsCount));
  size_t pads = 0;
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    ImDrawList* src = dd->CmdLists[l];
    if (src->VtxBuffer.Size > 0 && src->IdxBuffer.Size > 0) {
      lists.push_back(src);
      continue;
    }
    bool callbacks = false;
    for (const ImDrawCmd& c : src->CmdBuffer)
      callbacks |= c.UserCallback != nullptr && c.UserCallback != ImDrawCallback_ResetRenderState;
    if (!callbacks) continue;
    if (s.padded.size() <= pads) s.padded.push_back(IM_NEW(ImDrawList)(ImGui::GetDrawListSharedData()));
    ImDrawList* p = s.padded[pads++];
    p->CmdBuffer.resize(0);
    for (const ImDrawCmd& c : src->CmdBuffer)
      if (c.UserCallback) p->CmdBuffer.push_back(c);  // no geometry: only the callbacks draw
    p->VtxBuffer.resize(1);
    p->VtxBuffer[0] = ImDrawVert{};
    p->IdxBuffer.resize(3);
    p->IdxBuffer[0] = p->IdxBuffer[1] = p->IdxBuffer[2] = 0;
    lists.push_back(p);
  }
  if (lists.empty()) return;
  ImDrawData part = *dd;
  part.CmdLists = lists.data();
  part.CmdListsCount = int(lists.size());
  ImGui_ImplOpenGL3_RenderDrawData(&part);
}

void draw_full(State& s, ImDrawData* dd, int w, int h) {
  glDisable(GL_SCISSOR_TEST);
  glViewport(0, 0, w, h);
  glClearColor(0.0f, 0.0f, 0.0f, 0.0f);  // the page shows through outside the figures
  glClear(GL_COLOR_BUFFER_BIT);
  render_lists(s, dd);
}

// Clears r and draws again every command and triangle that touches it, clipped to it.
void draw_rect(State& s, ImDrawData* dd, const Rect& r) {
  while (int(s.scratch.size()) < dd->CmdListsCount)
    s.scratch.push_back(IM_NEW(ImDrawList)(ImGui::GetDrawListSharedData()));
  std::vector<ImDrawList*> lists(size_t(dd->CmdListsCount));
  for (int l = 0; l < dd->CmdListsCount; ++l) {
    ImDrawList* src = dd->CmdLists[l];
    ImDrawList* dst = s.scratch[size_t(l)];
    dst->CmdBuffer.resize(0);
    dst->IdxBuffer.resize(0);
    const std::vector<Rect>& boxes = s.boxes[size_t(l)];
    for (const ImDrawCmd& c : src->CmdBuffer) {
      if (c.UserCallback == ImDrawCallback_ResetRenderState) {
        dst->CmdBuffer.push_back(c);
        continue;
      }
      const Rect clip = meet(scissor_of(c, s.h), r);
      if (clip.empty()) continue;
      ImDrawCmd n = c;
      // Integer clip rectangle: the backend's scissor is then exactly clip (display offset 0, scale 1).
      n.ClipRect = ImVec4(float(clip.x0), float(clip.y0), float(clip.x1), float(clip.y1));
      if (!c.UserCallback) {
        n.IdxOffset = unsigned(dst->IdxBuffer.Size);
        for (unsigned i = c.IdxOffset; i + 2 < c.IdxOffset + c.ElemCount; i += 3) {
          if (meet(boxes[i / 3], clip).empty()) continue;
          for (int k = 0; k < 3; ++k) dst->IdxBuffer.push_back(src->IdxBuffer.Data[i + k]);
        }
        n.ElemCount = unsigned(dst->IdxBuffer.Size) - n.IdxOffset;
        if (n.ElemCount == 0) continue;
      }
      dst->CmdBuffer.push_back(n);
    }
    dst->VtxBuffer.swap(src->VtxBuffer);  // the same vertices, without a copy (swapped back below)
    lists[size_t(l)] = dst;
  }
  ImDrawData part = *dd;
  part.CmdLists = lists.data();
  glEnable(GL_SCISSOR_TEST);
  glScissor(r.x0, s.h - r.y1, r.x1 - r.x0, r.y1 - r.y0);
  glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  render_lists(s, &part);
  for (int l = 0; l < dd->CmdListsCount; ++l) s.scratch[size_t(l)]->VtxBuffer.swap(dd->CmdLists[l]->VtxBuffer);
}

}  // namespace

void set_preserved(bool preserved) {
  S().preserved = preserved;
  S().valid = false;
}

void invalidate() { S().valid = false; }

long render(ImDrawData* dd, int fb_w, int fb_h, Box* drawn) {
  State& s = S();
  if (drawn) *drawn = Box{0, 0, fb_w, fb_h};
  glViewport(0, 0, fb_w, fb_h);
  const bool exact = dd->DisplayPos.x == 0 && dd->DisplayPos.y == 0 && dd->FramebufferScale.x == 1 &&
                     dd->FramebufferScale.y == 1 && int(dd->DisplaySize.x) == fb_w && int(dd->DisplaySize.y) == fb_h;
  if (!s.preserved || !exact || fb_w <= 0 || fb_h <= 0) {
    s.valid = false;
    draw_full(s, dd, fb_w, fb_h);
    return long(fb_w) * fb_h;
  }
  if (fb_w != s.w || fb_h != s.h) {
    s.w = fb_w;
    s.h = fb_h;
    s.cols = (fb_w + kTile - 1) / kTile;
    s.rows = (fb_h + kTile - 1) / kTile;
    s.valid = false;
  }
  hash_frame(s, dd);
  long pixels = 0;
  if (s.valid && s.prev.size() == s.cur.size()) {
    const std::vector<Rect> rects = damage(s);
    for (const Rect& r : rects) pixels += r.area();
    if (pixels <= long(kMaxShare * double(fb_w) * fb_h)) {
      Rect box{fb_w, fb_h, 0, 0};
      for (const Rect& r : rects) {
        draw_rect(s, dd, r);
        box = join(box, r);
      }
      if (drawn) *drawn = box.empty() ? Box{} : Box{box.x0, box.y0, box.x1, box.y1};
      glDisable(GL_SCISSOR_TEST);
      s.prev.swap(s.cur);
      return pixels;
    }
  }
  draw_full(s, dd, fb_w, fb_h);
  s.prev.swap(s.cur);
  s.valid = true;
  return long(fb_w) * fb_h;
}

}  // namespace render::redraw
