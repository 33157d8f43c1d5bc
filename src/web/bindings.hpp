// Web build only: the bridge between the page (web/*.js) and the app. JS calls the C ABI
// functions xp_* (docs/figure-contract.md) and reads window.rqStatus / window.rqFigureFrames.
#pragma once

struct GLFWwindow;

namespace web {

void init();                          // before the main loop starts
void before_frame(GLFWwindow* window);  // canvas backing size = CSS size × dpr
// What a frame hands the page. All of it goes over in the frame's one call into JS after the frame
// (after_frame); the frame's other call, before it draws, reads the page's requests (main.cpp).
struct FrameReport {
  bool drawn = false;       // the canvas was drawn, not skipped as unchanged or while the page's presenter waits
  double compute_ms = 0;    // the figures' computation (window.rqFrameCompute: interactive benchmark)
  double render_ms = 0;     // the GL drawing, 0 when not drawn (window.rqFrameRender: interactive benchmark)
  double pixels = 0;        // pixels cleared and drawn again (added to window.rqRedrawPixels when drawn)
  int box[4] = {0, 0, 0, 0};  // x0, y0, x1, y1 drawn again (window.rqDamage when not empty: web/loader.js)
};
void after_frame(long frame, const FrameReport& r);  // after each frame, drawn or skipped
float device_pixel_ratio();
// WebGL context loss: GPU resources are dropped when the context goes and re-created when the
// browser restores it. While lost, frames are skipped (figures pause; the page shows the
// static images).
bool context_lost();
// Wheel events: Emscripten 3.1.6's GLFW passes the DOM deltaY (pixels, down = positive) to the
// scroll callback; ImGui wants notches, up = positive. Pinch (ctrl+wheel from the page) is fractional.
void install_input_fixes(GLFWwindow* window);

}  // namespace web
