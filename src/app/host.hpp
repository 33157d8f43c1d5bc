// What every platform puts around the app: GLFW's window and GL context (OpenGL 3.3 core on the
// desktop, WebGL2 = OpenGL ES 3.0 in the browser), Dear ImGui with its GLFW and OpenGL 3 backends,
// and the heatmap renderer. The entry points (app/main_desktop.cpp, web/main_web.cpp) add only what
// their platform has: arguments and screenshots, or the page and its canvas.
#pragma once

struct GLFWwindow;

namespace app {

struct HostOptions {
  int width = 1280, height = 800;  // window size (the browser's canvas is sized by the page)
  bool gles = false;               // OpenGL ES 3.0 (WebGL2) instead of OpenGL 3.3 core
  bool cursor_changes = true;      // ImGui may change the cursor shape
};

// glfwInit, the window and its context, GL functions, ImGui (context, backends) and the field
// renderer. nullptr on failure, with the reason on stderr.
GLFWwindow* host_init(const HostOptions& o);
// The GLSL version line of the context host_init made.
const char* host_glsl_version();
// One frame's UI, after the platform polled its events: fonts re-rasterized if the UI scale
// changed, ImGui's new frame, app_frame at the framebuffer size, ImGui::Render. No drawing yet.
void host_build_frame(GLFWwindow* window, int& fb_w, int& fb_h);
// The reverse of host_init (after app_shutdown).
void host_shutdown(GLFWwindow* window);

}  // namespace app
