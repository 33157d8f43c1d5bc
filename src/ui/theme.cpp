#include "ui/theme.hpp"

#include <cstddef>

extern const unsigned char font_ttf[];
extern const std::size_t font_ttf_size;

namespace ui {
namespace {
Theme g_theme = Theme::light;
}

void apply_theme(Theme theme) {
  g_theme = theme;
  ImGuiStyle& s = ImGui::GetStyle();
  if (theme == Theme::dark) {
    ImGui::StyleColorsDark(&s);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.13f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&s);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  }
  s.WindowRounding = 0.0f;
  s.FrameRounding = 3.0f;
  s.GrabRounding = 3.0f;
  s.WindowPadding = ImVec2(12, 10);
  s.ItemSpacing = ImVec2(8, 6);
}

Theme current_theme() { return g_theme; }

void load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F, 0x2070, 0x209F,
                                   0x2100, 0x214F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x2300, 0x23FF,
                                   0x25A0, 0x25FF, 0x27C0, 0x27EF, 0};
  ImFontConfig c;
  c.FontDataOwnedByAtlas = false;  // the TTF is a static array
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font_ttf), static_cast<int>(font_ttf_size),
                                 16.0f * scale, &c, ranges);
  io.FontGlobalScale = 1.0f / scale;
}

ImU32 series_color(int i) {
  static const ImU32 light[] = {IM_COL32(0, 114, 178, 255), IM_COL32(213, 94, 0, 255), IM_COL32(0, 158, 115, 255),
                                IM_COL32(204, 121, 167, 255), IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255),
                                IM_COL32(120, 120, 120, 255)};
  return light[((i % 7) + 7) % 7];
}

}  // namespace ui
