// Web build only: the bridge between the page (web/*.js) and the app. JS calls the C ABI
// functions xp_* (figure-contract.md) and reads window.rqStatus / window.rqFigureFrames.
#pragma once

struct GLFWwindow;

namespace web {

void init();                          // before the main loop starts
void before_frame(GLFWwindow* window);  // canvas backing size = CSS size × dpr
void after_frame(long frame, bool drawn);  // after each frame (drawn: the canvas was drawn, not skipped as unchanged)
float device_pixel_ratio();
// WebGL context loss: GPU resources are dropped when the context goes and re-created when the
// browser restores it. While lost, frames are skipped (figures pause; the page shows the
// static images).
bool context_lost();
// Wheel events: Emscripten 3.1.6's GLFW passes the DOM deltaY (pixels, down = positive) to the
// scroll callback; ImGui wants notches, up = positive. Pinch (ctrl+wheel from the page) is fractional.
void install_input_fixes(GLFWwindow* window);

}  // namespace web
