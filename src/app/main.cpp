// Entry point for desktop (GLFW + OpenGL 3.3) and browser (GLFW over WebGL2): one loop, two drivers.
// Desktop flags: --figure ID, --state QUERY, --size WxH, --frames N (exit after N frames),
// --screenshot FILE.ppm (last frame; runs get a larger compute budget so the picture is complete), --dark.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "render/redraw.hpp"
#include "core/linalg/isa.hpp"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "render/field_renderer.hpp"
#include "render/gl.hpp"
#include "ui/figure.hpp"
#include "ui/theme.hpp"
#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#include "web/bindings.hpp"
#endif
#include <GLFW/glfw3.h>

namespace {

struct Loop {
  GLFWwindow* window = nullptr;
  long frame = 0;
  long max_frames = -1;
  std::string screenshot;
};

// Reads the back buffer and writes a binary PPM (bottom-up rows flipped).
bool write_ppm(const char* path, int w, int h) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, px.data());
  FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  std::fprintf(f, "P6\n%d %d\n255\n", w, h);
  for (int y = h - 1; y >= 0; --y) std::fwrite(px.data() + static_cast<size_t>(y) * w * 3, 1, static_cast<size_t>(w) * 3, f);
  return std::fclose(f) == 0;
}

#ifndef __EMSCRIPTEN__
// Desktop export buttons: files in the working directory.
void write_export(const std::string& name, const std::string& content) {
  FILE* f = std::fopen(name.c_str(), "wb");
  if (!f) { std::fprintf(stderr, "cannot write %s\n", name.c_str()); return; }
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  std::fprintf(stderr, "wrote %s (%zu bytes)\n", name.c_str(), content.size());
}
#endif

// Fonts are rasterized at the UI scale (device pixel ratio on the web): rebuild when it changes.
void sync_font_scale() {
  const float want = app::wanted_ui_scale();
  if (want > 0 && std::abs(want - ui::ui_scale()) > 0.01f) {
    ui::load_fonts(want);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    render::redraw::invalidate();  // same texture id, new glyphs
  }
}

#ifdef __EMSCRIPTEN__
// Web: a frame whose picture is the same as the last one is not drawn again. The browser keeps
// showing the last drawn canvas, so an idle page (finished runs, no input) costs no GPU work,
// no compositing of a new canvas frame, and no battery. The picture is identified by a hash of
// ImGui's draw data (vertices, indices, commands) and of the heatmap draws (texture versions).
unsigned long long draw_data_hash(const ImDrawData* dd, int w, int h) {
  unsigned long long x = 0x9E3779B97F4A7C15ull ^ (static_cast<unsigned long long>(w) << 32) ^ static_cast<unsigned>(h);
  auto mix = [&](unsigned long long v) {
    x = (x ^ v) * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
  };
  auto bytes = [&](const void* p, size_t n) {
    const unsigned char* c = static_cast<const unsigned char*>(p);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { unsigned long long v; std::memcpy(&v, c + i, 8); mix(v); }
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
      if (c.UserCallback) mix(render::field_draw_hash(reinterpret_cast<const void*>(c.UserCallback), c.UserCallbackData) + 7);
    }
  }
  return x;
}
#endif

void frame(void* arg) {
  Loop& L = *static_cast<Loop*>(arg);
  glfwPollEvents();
#ifdef __EMSCRIPTEN__
  if (web::context_lost()) return;  // nothing can be drawn; figures pause until the restore
  web::before_frame(L.window);
#endif
  sync_font_scale();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  int w = 0, h = 0;
  glfwGetFramebufferSize(L.window, &w, &h);
  app::app_frame(w, h);
  ImGui::Render();
#ifdef __EMSCRIPTEN__
  web::FrameReport report;
  {
    static unsigned long long last = 0;
    // For the interactive benchmark: the computation's part of this frame, and (below) the drawing's.
    report.compute_ms = app::last_compute_ms();
    // The page's requests, in one call: bit 0, a fresh drawing buffer because the page reads the
    // canvas back (PNG export; cleared here); bit 1, the page's own presentation still waits for the
    // rasterizer to finish an earlier frame (web/loader.js). While it waits nothing is drawn: the
    // commands would only queue up behind it, and once the queue is full every GL call blocks the
    // main thread. The next frame draws what changed.
    const int requests = EM_ASM_INT({
      var f = window.rqForceDraw ? 1 : 0;
      window.rqForceDraw = 0;
      return f | (window.rqGpuBusy ? 2 : 0);
    });
    const bool forced = (requests & 1) != 0, busy = (requests & 2) != 0;
    if (busy && !forced && L.frame > 2) {
      ++L.frame;
      web::after_frame(L.frame, report);
      return;
    }
    const unsigned long long hash = draw_data_hash(ImGui::GetDrawData(), w, h);
    if (!forced && hash == last && L.frame > 2) {
      ++L.frame;
      web::after_frame(L.frame, report);
      return;
    }
    last = hash;
    // Only what changed is drawn again (src/render/redraw.hpp); a read-back gets a full frame.
    if (forced) render::redraw::invalidate();
    const double r0 = emscripten_get_now();
    render::redraw::Box box;
    const long pixels = render::redraw::render(ImGui::GetDrawData(), w, h, &box);
    report.render_ms = emscripten_get_now() - r0;
    report.drawn = true;
    report.pixels = double(pixels);
    // What this frame drew again, for the page when it presents the canvas itself (handed over in after_frame).
    report.box[0] = box.x0, report.box[1] = box.y0, report.box[2] = box.x1, report.box[3] = box.y1;
  }
#else
  glViewport(0, 0, w, h);
  ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
#endif
  ++L.frame;
  if (!L.screenshot.empty() && L.frame == L.max_frames) {
    if (!write_ppm(L.screenshot.c_str(), w, h)) std::fprintf(stderr, "cannot write %s\n", L.screenshot.c_str());
  }
  glfwSwapBuffers(L.window);
#ifdef __EMSCRIPTEN__
  web::after_frame(L.frame, report);
#endif
}

int usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--figure ID] [--state QUERY] [--size WxH] [--frames N] [--screenshot FILE.ppm] [--dark]\n",
               argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // The kernels' ISA path is chosen now (cpuid; RQ_ISA=sse2|avx2|avx512 forces one).
  if (const std::string note = core::isa_note(); !note.empty()) std::fprintf(stderr, "rqexplorer: %s\n", note.c_str());
  Loop L;
  app::AppOptions options;
  int win_w = 1280, win_h = 800;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return !std::strcmp(argv[i], name) && i + 1 < argc; };
    if (arg("--frames")) {
      L.max_frames = std::strtol(argv[++i], nullptr, 10);
      if (L.max_frames <= 0) { std::fprintf(stderr, "--frames needs a positive count\n"); return 2; }
    } else if (arg("--screenshot")) {
      L.screenshot = argv[++i];
    } else if (arg("--figure")) {
      options.figure = argv[++i];
    } else if (arg("--state")) {
      options.state = argv[++i];
    } else if (arg("--size")) {
      if (std::sscanf(argv[++i], "%dx%d", &win_w, &win_h) != 2 || win_w < 200 || win_h < 150 || win_w > 8192 || win_h > 8192) {
        std::fprintf(stderr, "--size expects WxH (200x150 … 8192x8192)\n");
        return 2;
      }
    } else if (!std::strcmp(argv[i], "--dark")) {
      options.dark = true;
    } else {
      return usage(argv[0]);
    }
  }
  if (!L.screenshot.empty() && L.max_frames < 0) L.max_frames = 30;
  if (!L.screenshot.empty()) options.budget_ms = 60.0;  // the screenshot should show finished runs

  if (!glfwInit()) { std::fprintf(stderr, "glfwInit failed (no display?)\n"); return 1; }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#else
  const char* glsl_version = "#version 330 core";
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
#endif
  L.window = glfwCreateWindow(win_w, win_h, "Rayleigh quotients — explorable paper", nullptr, nullptr);
  if (!L.window) { std::fprintf(stderr, "cannot create an OpenGL 3.3 window\n"); glfwTerminate(); return 1; }
  glfwMakeContextCurrent(L.window);
  glfwSwapInterval(1);
  if (!render::load_gl()) { std::fprintf(stderr, "cannot load OpenGL functions\n"); return 1; }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
#ifdef __EMSCRIPTEN__
  // No cursor-shape updates: 3.1.6 GLFW turns them into exitPointerLock calls every frame.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
#endif
  ImGui_ImplGlfw_InitForOpenGL(L.window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
#ifdef __EMSCRIPTEN__
  web::install_input_fixes(L.window);
#endif
  render::install_field_renderer();
#ifdef __EMSCRIPTEN__
  options.ui_scale = web::device_pixel_ratio();
#else
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(L.window, &sx, &sy);
  options.ui_scale = sx > 0.5f && sx < 4.0f ? sx : 1.0f;
  ui::set_export_sink(write_export);
#endif
  const std::string msg = app::app_init(options);
  if (!msg.empty()) std::fprintf(stderr, "%s\n", msg.c_str());

#ifdef __EMSCRIPTEN__
  // The page asks for a drawing buffer that keeps its pixels between frames (web/loader.js), so
  // that frames can redraw only what changed; without it every frame is drawn in full.
  render::redraw::set_preserved(EM_ASM_INT({
    var a = typeof GLctx !== 'undefined' && GLctx && GLctx.getContextAttributes ? GLctx.getContextAttributes() : null;
    return a && a.preserveDrawingBuffer ? 1 : 0;
  }) != 0);
  web::init();
  emscripten_set_main_loop_arg(frame, &L, 0, true);  // never blocks the browser thread
#else
  while (!glfwWindowShouldClose(L.window) && (L.max_frames < 0 || L.frame < L.max_frames)) frame(&L);
  app::app_shutdown();
  render::shutdown_field_renderer();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(L.window);
  glfwTerminate();
#endif
  return 0;
}
