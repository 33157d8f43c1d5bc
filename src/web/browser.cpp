#include "web/browser.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <atomic>
#include <cmath>
#include <string>

#include "app/app.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "render/field_renderer.hpp"
#include "ui/figure.hpp"
#include "web/channel.hpp"
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <thread>
#endif

namespace web {
namespace {

std::atomic<int> g_worker_done{0};  // 1 once a pool worker has run a task (threaded build)
#if defined(__EMSCRIPTEN_PTHREADS__)
std::thread g_probe;
#endif
// Browser download of an exported file (the figure's CSV/JSON buttons).
void download(const std::string& name, const std::string& content) {
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  EM_ASM(
      {
        var blob = new Blob([UTF8ToString($1)], {type : "text/plain"});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString($0);
        document.body.appendChild(a);
        a.click();
        setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      },
      name.c_str(), content.c_str());
  // clang-format on
}

bool g_lost = false;

// GL calls on a lost context are silent no-ops, so the old objects are released here. The
// whole ImGui GL backend is shut down and initialised again on restore (not just its device
// objects: 1.86 keeps the old vertex/index buffer sizes and would then overflow the new, empty
// buffers); it re-creates its program, buffers and font atlas at the next NewFrame, and the field
// renderer its program and textures on first use.
EM_BOOL on_context_lost(int, const void*, void*) {
  if (g_lost) return EM_TRUE;
  g_lost = true;
  ImGui_ImplOpenGL3_Shutdown();
  render::shutdown_field_renderer();
  console_warn("WebGL context lost: figures paused until the browser restores it");
  return EM_TRUE;  // preventDefault: lets the browser restore the context
}

EM_BOOL on_context_restored(int, const void*, void*) {
  if (!g_lost) return EM_TRUE;
  g_lost = false;
  render::install_field_renderer();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  request_full_frame();  // the restored canvas is empty: draw even an unchanged frame
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  EM_ASM({ console.log("WebGL context restored: GPU resources re-created"); });
  // clang-format on
  return EM_TRUE;
}

void on_scroll(GLFWwindow*, double dx, double dy) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += float(-dx / 100.0);
  io.MouseWheel += float(-dy / 100.0);
}

}  // namespace

bool context_lost() { return g_lost; }

bool worker_done() { return g_worker_done.load() != 0; }

void console_warn(const std::string& m) {
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  EM_ASM({ console.warn(UTF8ToString($0)); }, m.c_str());
  // clang-format on
}

void install_input_fixes(GLFWwindow* window) {
  glfwSetScrollCallback(window, on_scroll);  // replaces ImGui's (which adds raw pixels)
  emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_TRUE, on_context_lost);
  emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_TRUE, on_context_restored);
}

float device_pixel_ratio() {
  const double d = emscripten_get_device_pixel_ratio();
  return d > 0.25 && d < 8 ? float(d) : 1.0f;
}

void init() {
  ui::set_export_sink(download);
#if defined(__EMSCRIPTEN_PTHREADS__)
  // Taken from the pre-spawned pool (-sPTHREAD_POOL_SIZE), so it starts without yielding to JS.
  // Never join() on the browser thread: the frame loop polls g_worker_done instead.
  g_probe = std::thread([] {
    volatile double s = 0;
    for (int i = 1; i < 200000; ++i) s = s + std::sqrt(static_cast<double>(i));
    g_worker_done.store(1);
  });
  g_probe.detach();
#endif
}

// Emscripten 3.1.6's GLFW has no hi-DPI support: we size the backing store ourselves
// (CSS size × dpr) and ImGui works in device pixels (fonts are rasterized at dpr).
void before_frame(GLFWwindow* window) {
  double css_w = 0, css_h = 0;
  if (emscripten_get_element_css_size("#canvas", &css_w, &css_h) != EMSCRIPTEN_RESULT_SUCCESS || css_w <= 0 ||
      css_h <= 0)
    return;
  const float dpr = app::view_set() ? app::wanted_ui_scale() : device_pixel_ratio();
  const int w = int(std::lround(css_w * dpr)), h = int(std::lround(css_h * dpr));
  int cw = 0, ch = 0;
  glfwGetWindowSize(window, &cw, &ch);
  if (w <= 0 || h <= 0 || (w == cw && h == ch)) return;
  // Not glfwSetWindowSize: Emscripten 3.1.6's GLFW requests fullscreen when the size equals the
  // screen's (an F11 window) and calls exitFullscreen otherwise. Resize the backing store and
  // tell GLFW's window record, which is what glfwGetWindowSize/glfwGetFramebufferSize report.
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  EM_ASM(
      {
        var c = Module['canvas'];
        c.width = $0;
        c.height = $1;
        if (typeof GLFW !== 'undefined' && GLFW.active) {
          GLFW.active.width = $0;
          GLFW.active.height = $1;
        }
      },
      w, h);
  // clang-format on
}

}  // namespace web
