// The channel between the module and the page: every name one side uses of the other is here, and
// in its JavaScript half, web/xp.js. Contract and meanings: docs/figure-contract.md.
//
//   page → module   the C ABI functions xp_* (EMSCRIPTEN_KEEPALIVE; xp.js wraps them), and two
//                   flags read once per frame: window.rqForceDraw, window.rqGpuBusy (read_requests)
//   module → page   window.rqStatus, rqFigureFrames, rqCanvasDraws, rqFrameCompute, rqFrameRender,
//                   rqRedrawPixels, rqDamage, written after frames (publish_frame), and
//                   window.rqForceDraw = 1 when the module itself needs a full frame (request_full_frame)
//
// Strings returned by xp_* stay valid until the next xp_ call.
#pragma once

#include <cstdint>

extern "C" {
int xp_threads();
int xp_figure_count();
const char* xp_figure_id(int i);
const char* xp_figure_title(int i);
void xp_set_view(const char* json);
const char* xp_get_state(const char* id);
const char* xp_set_state(const char* id, const char* query);
const char* xp_command(const char* id, const char* cmd);
const char* xp_presets(const char* id);
double xp_layout(const char* id);
const char* xp_describe(const char* id);
const char* xp_export(const char* id, const char* kind);
void xp_unpremultiply(std::uint8_t* rgba, int pixels);  // web/present.cpp
}

namespace web {

// What the page asks of the next frame: draw it even if unchanged (the page reads the canvas back;
// the flag is cleared here), or draw nothing while its own presentation waits for the rasterizer.
struct Requests {
  bool force_draw = false;
  bool gpu_busy = false;
};
Requests read_requests();
// The module's own request for a full frame (e.g. the WebGL context was restored: the canvas is empty).
void request_full_frame();

// What a frame hands the page, in the frame's one call into JavaScript after it.
struct FrameReport {
  bool drawn = false;         // the canvas was drawn, not skipped as unchanged or while the page's presenter waits
  double compute_ms = 0;      // the figures' computation (window.rqFrameCompute: interactive benchmark)
  double render_ms = 0;       // the GL drawing, 0 when not drawn (window.rqFrameRender: interactive benchmark)
  double pixels = 0;          // pixels cleared and drawn again (added to window.rqRedrawPixels when drawn)
  int box[4] = {0, 0, 0, 0};  // x0, y0, x1, y1 drawn again (window.rqDamage when not empty: web/loader.js)
};
// After each frame, drawn or skipped; also window.rqStatus after 30 frames (and again once the
// start-up worker finished).
void publish_frame(long frame, const FrameReport& r);

}  // namespace web
