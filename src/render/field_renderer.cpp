#include "render/field_renderer.hpp"

#include <cstdio>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "render/gl.hpp"
#include "render/shader.hpp"
#include "ui/field.hpp"

namespace render {
namespace {

struct Texture {
  GLuint id = 0;
  unsigned version = ~0u;
  int w = 0, h = 0;
  int last_frame = 0;
};

struct DrawArgs {  // lives until the frame after it was recorded (the callback runs at Render time)
  GLuint tex;
  unsigned version;
  float rect[4];  // ImGui display coordinates: x0, y0 (top), x1, y1 (bottom)
  float lo, hi, log, contours;
  int map;
};

struct State {
  Program program;
  bool tried = false, ok = false;
  GLuint vao = 0;
  GLint u_rect = -1, u_range = -1, u_log = -1, u_map = -1, u_contours = -1, u_field = -1;
  std::unordered_map<const ui::ScalarField*, Texture> textures;
  std::vector<std::unique_ptr<DrawArgs>> args[2];  // double-buffered per frame parity
  int frame = -1;
};
State* g = nullptr;

bool ensure_program() {
  if (g->tried) return g->ok;
  g->tried = true;
  if (!g->program.build("quad.vert", "heatmap.frag")) {
    std::fprintf(stderr, "heatmap shader: %s (falling back to CPU cells)\n", g->program.error().c_str());
    return false;
  }
  const GLuint p = g->program.id();
  g->u_rect = glGetUniformLocation(p, "u_rect");
  g->u_range = glGetUniformLocation(p, "u_range");
  g->u_log = glGetUniformLocation(p, "u_log");
  g->u_map = glGetUniformLocation(p, "u_map");
  g->u_contours = glGetUniformLocation(p, "u_contours");
  g->u_field = glGetUniformLocation(p, "u_field");
  glGenVertexArrays(1, &g->vao);
  g->ok = true;
  return true;
}

void callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const DrawArgs& a = *static_cast<const DrawArgs*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 pos = dd->DisplayPos, size = dd->DisplaySize, sc = dd->FramebufferScale;
  const float fb_h = size.y * sc.y;
  const ImVec4 c = cmd->ClipRect;
  const float cx0 = (c.x - pos.x) * sc.x, cy0 = (c.y - pos.y) * sc.y, cx1 = (c.z - pos.x) * sc.x,
              cy1 = (c.w - pos.y) * sc.y;
  if (cx1 <= cx0 || cy1 <= cy0) return;
  glEnable(GL_SCISSOR_TEST);
  glScissor(GLint(cx0), GLint(fb_h - cy1), GLsizei(cx1 - cx0), GLsizei(cy1 - cy0));
  auto ndc_x = [&](float x) { return (x - pos.x) / size.x * 2.0f - 1.0f; };
  auto ndc_y = [&](float y) { return 1.0f - (y - pos.y) / size.y * 2.0f; };
  glUseProgram(g->program.id());
  glBindVertexArray(g->vao);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, a.tex);
  glUniform1i(g->u_field, 0);
  // v_uv = (0,0) at the field's bottom-left: texture row 0 is the bottom row.
  glUniform4f(g->u_rect, ndc_x(a.rect[0]), ndc_y(a.rect[3]), ndc_x(a.rect[2]), ndc_y(a.rect[1]));
  glUniform2f(g->u_range, a.lo, a.hi);
  glUniform1f(g->u_log, a.log);
  glUniform1i(g->u_map, a.map);
  glUniform1f(g->u_contours, a.contours);
  glDrawArrays(GL_TRIANGLES, 0, 6);
}

void draw(ImDrawList* dl, const ui::ScalarField& f, ImVec2 p0, ImVec2 p1) {
  if (!ensure_program()) {
    ui::set_field_renderer(nullptr);  // CPU fallback from now on
    ui::draw_field(dl, f, p0, p1);
    return;
  }
  const int frame = ImGui::GetFrameCount();
  if (frame != g->frame) {
    g->frame = frame;
    g->args[frame & 1].clear();  // recorded two frames ago: already rendered
    // Drop textures of fields not drawn for a while (figures that went away).
    for (auto it = g->textures.begin(); it != g->textures.end();) {
      if (frame - it->second.last_frame > 600) {
        glDeleteTextures(1, &it->second.id);
        it = g->textures.erase(it);
      } else
        ++it;
    }
  }
  Texture& t = g->textures[&f];
  t.last_frame = frame;
  if (!t.id) glGenTextures(1, &t.id);
  if (t.version != f.version || t.w != f.w || t.h != f.h) {
    glBindTexture(GL_TEXTURE_2D, t.id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, f.w, f.h, 0, GL_RED, GL_FLOAT, f.values.data());
    t.version = f.version;
    t.w = f.w;
    t.h = f.h;
  }
  auto a = std::make_unique<DrawArgs>(DrawArgs{
      t.id, t.version, {p0.x, p0.y, p1.x, p1.y}, f.lo, f.hi, f.log ? 1.0f : 0.0f, float(f.contours), int(f.map)});
  dl->AddCallback(callback, a.get());
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  g->args[frame & 1].push_back(std::move(a));
}

}  // namespace

unsigned long long field_draw_hash(const void* cb, const void* user_data) {
  if (cb != reinterpret_cast<const void*>(&callback) || !user_data) return 0;
  const DrawArgs& a = *static_cast<const DrawArgs*>(user_data);
  unsigned long long h = 1469598103934665603ull;
  auto mix = [&](unsigned long long v) { h = (h ^ v) * 1099511628211ull; };
  mix(a.tex);
  mix(a.version);
  for (float f : a.rect) {
    unsigned u;
    std::memcpy(&u, &f, 4);
    mix(u);
  }
  for (float f : {a.lo, a.hi, a.log, a.contours}) {
    unsigned u;
    std::memcpy(&u, &f, 4);
    mix(u);
  }
  mix(unsigned(a.map));
  return h | 1;
}

void install_field_renderer() {
  if (!g) g = new State();
  ui::set_field_renderer(draw);
}

void shutdown_field_renderer() {
  if (!g) return;
  ui::set_field_renderer(nullptr);
  for (auto& [k, t] : g->textures) glDeleteTextures(1, &t.id);
  if (g->vao) glDeleteVertexArrays(1, &g->vao);
  delete g;
  g = nullptr;
}

}  // namespace render
