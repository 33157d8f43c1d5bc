// Desktop entry point (GLFW + OpenGL 3.3): arguments, the frame loop, screenshots, exports to files.
// Flags: --figure ID, --state QUERY, --size WxH, --frames N (exit after N frames),
// --screenshot FILE.ppm (last frame; runs get a larger compute budget so the picture is complete), --dark.
// The browser's entry point is web/main_web.cpp.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/host.hpp"
#include "core/linalg/isa.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "render/gl.hpp"
#include "ui/figure.hpp"
#include <GLFW/glfw3.h>

namespace {

// Reads the back buffer and writes a binary PPM (bottom-up rows flipped).
bool write_ppm(const char* path, int w, int h) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, px.data());
  FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  std::fprintf(f, "P6\n%d %d\n255\n", w, h);
  for (int y = h - 1; y >= 0; --y)
    std::fwrite(px.data() + static_cast<size_t>(y) * w * 3, 1, static_cast<size_t>(w) * 3, f);
  return std::fclose(f) == 0;
}

// Export buttons: files in the working directory.
void write_export(const std::string& name, const std::string& content) {
  FILE* f = std::fopen(name.c_str(), "wb");
  if (!f) {
    std::fprintf(stderr, "cannot write %s\n", name.c_str());
    return;
  }
  std::fwrite(content.data(), 1, content.size(), f);
  std::fclose(f);
  std::fprintf(stderr, "wrote %s (%zu bytes)\n", name.c_str(), content.size());
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
  app::AppOptions options;
  app::HostOptions host;
  long max_frames = -1;
  std::string screenshot;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return !std::strcmp(argv[i], name) && i + 1 < argc; };
    if (arg("--frames")) {
      max_frames = std::strtol(argv[++i], nullptr, 10);
      if (max_frames <= 0) {
        std::fprintf(stderr, "--frames needs a positive count\n");
        return 2;
      }
    } else if (arg("--screenshot")) {
      screenshot = argv[++i];
    } else if (arg("--figure")) {
      options.figure = argv[++i];
    } else if (arg("--state")) {
      options.state = argv[++i];
    } else if (arg("--size")) {
      int w = 0, h = 0;
      if (std::sscanf(argv[++i], "%dx%d", &w, &h) != 2 || w < 200 || h < 150 || w > 8192 || h > 8192) {
        std::fprintf(stderr, "--size expects WxH (200x150 … 8192x8192)\n");
        return 2;
      }
      host.width = w, host.height = h;
    } else if (!std::strcmp(argv[i], "--dark")) {
      options.dark = true;
    } else {
      return usage(argv[0]);
    }
  }
  if (!screenshot.empty() && max_frames < 0) max_frames = 30;
  if (!screenshot.empty()) options.budget_ms = 60.0;  // the screenshot should show finished runs

  GLFWwindow* window = app::host_init(host);
  if (!window) return 1;
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window, &sx, &sy);
  options.ui_scale = sx > 0.5f && sx < 4.0f ? sx : 1.0f;
  ui::set_export_sink(write_export);
  const std::string msg = app::app_init(options);
  if (!msg.empty()) std::fprintf(stderr, "%s\n", msg.c_str());

  for (long frame = 0; !glfwWindowShouldClose(window) && (max_frames < 0 || frame < max_frames);) {
    glfwPollEvents();
    int w = 0, h = 0;
    app::host_build_frame(window, w, h);
    glViewport(0, 0, w, h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frame;
    if (!screenshot.empty() && frame == max_frames && !write_ppm(screenshot.c_str(), w, h))
      std::fprintf(stderr, "cannot write %s\n", screenshot.c_str());
    glfwSwapBuffers(window);
  }
  app::app_shutdown();
  app::host_shutdown(window);
  return 0;
}
