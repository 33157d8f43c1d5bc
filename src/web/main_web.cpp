// Browser entry point (GLFW over WebGL2, Emscripten's main loop). A frame whose picture is the same
// as the last one is not drawn again: the browser keeps showing the last drawn canvas, so an idle
// page (finished runs, no input) costs no GPU work, no compositing of a new canvas frame and no
// battery. What changed is drawn with partial redraws (render/redraw.hpp). The desktop's entry
// point is app/main_desktop.cpp; the page's side of the channel is web/channel.hpp.
#include <emscripten/emscripten.h>

#include <cstdio>
#include <string>

#include "app/app.hpp"
#include "app/host.hpp"
#include "imgui.h"
#include "render/draw_hash.hpp"
#include "render/redraw.hpp"
#include "web/browser.hpp"
#include "web/channel.hpp"
#include <GLFW/glfw3.h>

namespace {

GLFWwindow* g_window = nullptr;
long g_frame = 0;
unsigned long long g_last_hash = 0;

void frame() {
  glfwPollEvents();
  if (web::context_lost()) return;  // nothing can be drawn; figures pause until the restore
  web::before_frame(g_window);
  int w = 0, h = 0;
  app::host_build_frame(g_window, w, h);
  web::FrameReport report;
  // For the interactive benchmark: the computation's part of this frame, and (below) the drawing's.
  report.compute_ms = app::last_compute_ms();
  // While the page's own presentation still waits for the rasterizer to finish an earlier frame
  // (web/loader.js) nothing is drawn: the commands would only queue up behind it, and once the
  // queue is full every GL call blocks the main thread. The next frame draws what changed.
  const web::Requests req = web::read_requests();
  bool skip = g_frame > 2 && !req.force_draw && req.gpu_busy;
  if (!skip) {
    const unsigned long long hash = render::draw_data_hash(ImGui::GetDrawData(), w, h);
    skip = g_frame > 2 && !req.force_draw && hash == g_last_hash;
    g_last_hash = hash;
  }
  if (!skip) {
    // Only what changed is drawn again; a read-back (force_draw) gets a full frame.
    if (req.force_draw) render::redraw::invalidate();
    const double r0 = emscripten_get_now();
    render::redraw::Box box;
    const long pixels = render::redraw::render(ImGui::GetDrawData(), w, h, &box);
    report.render_ms = emscripten_get_now() - r0;
    report.drawn = true;
    report.pixels = double(pixels);
    // What this frame drew again, for the page when it presents the canvas itself.
    report.box[0] = box.x0, report.box[1] = box.y0, report.box[2] = box.x1, report.box[3] = box.y1;
  }
  ++g_frame;
  if (!skip) glfwSwapBuffers(g_window);
  web::publish_frame(g_frame, report);
}

}  // namespace

int main() {
  app::HostOptions host;
  host.gles = true;
  host.cursor_changes = false;  // 3.1.6's GLFW turns cursor-shape updates into exitPointerLock calls every frame
  g_window = app::host_init(host);
  if (!g_window) return 1;
  web::install_input_fixes(g_window);
  app::AppOptions options;
  options.layout = app::Layout::page;
  options.ui_scale = web::device_pixel_ratio();
  const std::string msg = app::app_init(options);
  if (!msg.empty()) std::fprintf(stderr, "%s\n", msg.c_str());
  // The page asks for a drawing buffer that keeps its pixels between frames (web/loader.js), so
  // that frames can redraw only what changed; without it every frame is drawn in full.
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  render::redraw::set_preserved(EM_ASM_INT({
    var a = typeof GLctx !== 'undefined' && GLctx && GLctx.getContextAttributes ? GLctx.getContextAttributes() : null;
    return a && a.preserveDrawingBuffer ? 1 : 0;
  }) != 0);
  // clang-format on
  web::init();
  emscripten_set_main_loop(frame, 0, true);  // never blocks the browser thread
  return 0;
}
