// Entry point for desktop (GLFW + OpenGL 3.3) and browser (GLFW over WebGL2): one loop, two drivers.
// Desktop flags: --frames N (exit after N frames), --screenshot FILE.ppm (last frame), --dark.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "render/gl.hpp"
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

void frame(void* arg) {
  Loop& L = *static_cast<Loop*>(arg);
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  int w = 0, h = 0;
  glfwGetFramebufferSize(L.window, &w, &h);
  app::app_frame(w, h);
  ImGui::Render();
  glViewport(0, 0, w, h);
  ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++L.frame;
  if (!L.screenshot.empty() && L.frame == L.max_frames) {
    if (!write_ppm(L.screenshot.c_str(), w, h)) std::fprintf(stderr, "cannot write %s\n", L.screenshot.c_str());
  }
  glfwSwapBuffers(L.window);
#ifdef __EMSCRIPTEN__
  web::after_frame(L.frame);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  Loop L;
  app::AppOptions options;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) {
      L.max_frames = std::strtol(argv[++i], nullptr, 10);
      if (L.max_frames <= 0) { std::fprintf(stderr, "--frames needs a positive count\n"); return 2; }
    } else if (!std::strcmp(argv[i], "--screenshot") && i + 1 < argc) {
      L.screenshot = argv[++i];
    } else if (!std::strcmp(argv[i], "--dark")) {
      options.dark = true;
    } else {
      std::fprintf(stderr, "usage: %s [--frames N] [--screenshot FILE.ppm] [--dark]\n", argv[0]);
      return 2;
    }
  }
  if (!L.screenshot.empty() && L.max_frames < 0) L.max_frames = 30;

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
  L.window = glfwCreateWindow(1280, 800, "Rayleigh quotients — explorable paper", nullptr, nullptr);
  if (!L.window) { std::fprintf(stderr, "cannot create an OpenGL 3.3 window\n"); glfwTerminate(); return 1; }
  glfwMakeContextCurrent(L.window);
  glfwSwapInterval(1);
  if (!render::load_gl()) { std::fprintf(stderr, "cannot load OpenGL functions\n"); return 1; }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(L.window, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  app::app_init(options);

#ifdef __EMSCRIPTEN__
  web::init();
  emscripten_set_main_loop_arg(frame, &L, 0, true);  // never blocks the browser thread
#else
  while (!glfwWindowShouldClose(L.window) && (L.max_frames < 0 || L.frame < L.max_frames)) frame(&L);
  app::app_shutdown();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(L.window);
  glfwTerminate();
#endif
  return 0;
}
