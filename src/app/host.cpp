#include "app/host.hpp"

#include <cmath>
#include <cstdio>

#include "app/app.hpp"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "render/field_renderer.hpp"
#include "render/gl.hpp"
#include "render/redraw.hpp"
#include "ui/theme.hpp"
#include <GLFW/glfw3.h>

namespace app {
namespace {

bool g_gles = false;

// Fonts are rasterized at the UI scale (device pixel ratio on the web): rebuild when it changes.
void sync_font_scale() {
  const float want = wanted_ui_scale();
  if (want > 0 && std::abs(want - ui::ui_scale()) > 0.01f) {
    ui::load_fonts(want);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    render::redraw::invalidate();  // same texture id, new glyphs
  }
}

}  // namespace

const char* host_glsl_version() { return g_gles ? "#version 300 es" : "#version 330 core"; }

GLFWwindow* host_init(const HostOptions& o) {
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed (no display?)\n");
    return nullptr;
  }
  g_gles = o.gles;
  if (o.gles) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  } else {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  }
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, "Rayleigh quotients — explorable paper", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "cannot create an OpenGL 3.3 window\n");
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  if (!render::load_gl()) {
    std::fprintf(stderr, "cannot load OpenGL functions\n");
    return nullptr;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  if (!o.cursor_changes) ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(host_glsl_version());
  render::install_field_renderer();
  return window;
}

void host_build_frame(GLFWwindow* window, int& fb_w, int& fb_h) {
  sync_font_scale();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  fb_w = fb_h = 0;
  glfwGetFramebufferSize(window, &fb_w, &fb_h);
  app_frame(fb_w, fb_h);
  ImGui::Render();
}

void host_shutdown(GLFWwindow* window) {
  render::shutdown_field_renderer();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
}

}  // namespace app
