// Web build only: what the browser has and the desktop has not — the canvas sized by the page,
// the device pixel ratio, wheel events in pixels, WebGL context loss, downloads, the start-up
// worker. The channel with the page itself (xp_*, window.rq*) is web/channel.hpp.
#pragma once

#include <string>

struct GLFWwindow;

namespace web {

void init();                            // before the main loop starts (export sink, start-up worker)
void before_frame(GLFWwindow* window);  // canvas backing size = CSS size × dpr
float device_pixel_ratio();
// WebGL context loss: GPU resources are dropped when the context goes and re-created when the
// browser restores it. While lost, frames are skipped (figures pause; the page shows the
// static images).
bool context_lost();
// Wheel events: Emscripten 3.1.6's GLFW passes the DOM deltaY (pixels, down = positive) to the
// scroll callback; ImGui wants notches, up = positive. Pinch (ctrl+wheel from the page) is fractional.
void install_input_fixes(GLFWwindow* window);
// The start-up worker (threaded build) has run a task: pthreads work on this page.
bool worker_done();
void console_warn(const std::string& message);

}  // namespace web
