// Partial redraws of the web canvas: only the parts of the picture that changed since the last
// drawn frame are cleared and drawn again; the rest of the drawing buffer (kept with WebGL's
// preserveDrawingBuffer) already shows them.
//
// Why: a browser without a GPU rasterizes WebGL on the CPU (SwiftShader), and with its software
// compositor it waits for that on the main thread after every frame that drew the canvas. While
// a figure computes, most of what changes per frame is small (a finished cell of the phase grid,
// a status line), but a full redraw fills every pixel of the figure again (docs/performance.md,
// "Drawing in the browser").
//
// How: the canvas is cut into 32-pixel tiles. Every triangle of ImGui's draw data (its vertices,
// texture and scissor rectangle) and every heatmap draw is hashed, in drawing order, into the tiles
// its bounding box touches. Tiles whose hash differs from the last drawn frame are merged into a
// few rectangles; for each, the rectangle is cleared and every triangle that touches it is drawn
// again, clipped to it, in the original order. A pixel's value depends only on the ordered list of
// the triangles covering it, so the result is the same picture as a full redraw.
#pragma once

struct ImDrawData;

namespace render::redraw {

// Whether the drawing buffer keeps its pixels between frames (WebGL preserveDrawingBuffer).
// Without it every frame is drawn in full.
void set_preserved(bool preserved);

// The next frame is drawn in full (font texture rebuilt, context restored, canvas read back).
void invalidate();

// Framebuffer pixels, top-down, half-open.
struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// Draws ImGui's draw data (after ImGui::Render) into the current framebuffer of fb_w × fb_h
// pixels, clearing to transparent: in full or only where the picture changed. Returns the number
// of pixels cleared and drawn again; `drawn`, if given, receives their bounding box (the page
// copies only that part when it presents the canvas itself, web/loader.js).
long render(ImDrawData* dd, int fb_w, int fb_h, Box* drawn = nullptr);

}  // namespace render::redraw
