#include "ui/theme.hpp"

#include <cstddef>

extern const unsigned char font_ttf[];
extern const std::size_t font_ttf_size;

namespace ui {
namespace {
Theme g_theme = Theme::light;
float g_scale = 1.0f;
Palette g_palette{};

void style_sizes(ImGuiStyle& s) {
  s.WindowRounding = 0.0f;
  s.FrameRounding = 3.0f;
  s.GrabRounding = 3.0f;
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(7, 4);
  s.ItemSpacing = ImVec2(8, 6);
  s.WindowBorderSize = 0.0f;
  s.ScrollbarSize = 12.0f;
}
}  // namespace

void apply_theme(Theme theme) {
  g_theme = theme;
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  if (theme == Theme::dark) {
    ImGui::StyleColorsDark(&s);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.13f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.15f, 1.0f);
    g_palette = {IM_COL32(24, 26, 28, 255),    IM_COL32(90, 94, 100, 255),   IM_COL32(255, 255, 255, 34),
                 IM_COL32(255, 255, 255, 14),  IM_COL32(170, 175, 182, 255), IM_COL32(225, 228, 232, 255),
                 IM_COL32(150, 155, 162, 255), IM_COL32(30, 32, 35, 225),    IM_COL32(240, 240, 240, 150),
                 IM_COL32(255, 214, 10, 255),  IM_COL32(255, 120, 100, 255)};
  } else {
    ImGui::StyleColorsLight(&s);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0.97f, 0.97f, 0.975f, 1.0f);
    // Sliders and inputs need a visible frame on the white figure background.
    s.Colors[ImGuiCol_FrameBg] = ImVec4(0.925f, 0.93f, 0.945f, 1.0f);
    s.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.88f, 0.91f, 0.96f, 1.0f);
    s.Colors[ImGuiCol_FrameBgActive] = ImVec4(0.83f, 0.88f, 0.96f, 1.0f);
    g_palette = {IM_COL32(255, 255, 255, 255), IM_COL32(150, 150, 155, 255), IM_COL32(0, 0, 0, 26),
                 IM_COL32(0, 0, 0, 10),        IM_COL32(80, 80, 85, 255),    IM_COL32(30, 30, 35, 255),
                 IM_COL32(105, 105, 112, 255), IM_COL32(255, 255, 255, 230), IM_COL32(40, 40, 40, 140),
                 IM_COL32(200, 30, 30, 255),   IM_COL32(190, 40, 20, 255)};
  }
  style_sizes(s);
  s.ScaleAllSizes(g_scale);
}

Theme current_theme() { return g_theme; }
float ui_scale() { return g_scale; }
const Palette& palette() { return g_palette; }

void load_fonts(float scale) {
  if (!(scale > 0.25f && scale < 8.0f)) scale = 1.0f;
  g_scale = scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  static const ImWchar ranges[] = {0x0020, 0x017F, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x1E00, 0x1EFF, 0x2000,
                                   0x206F, 0x2070, 0x209F, 0x2100, 0x214F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                   0x2300, 0x23FF, 0x25A0, 0x25FF, 0x27C0, 0x27EF, 0};
  ImFontConfig c;
  c.FontDataOwnedByAtlas = false;  // the TTF is a static array
  c.OversampleH = 2;
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font_ttf), static_cast<int>(font_ttf_size), 15.0f * scale,
                                 &c, ranges);
  io.FontGlobalScale = 1.0f;
  apply_theme(g_theme);  // re-scales the style sizes
}

ImU32 series_color(int i) {
  static const ImU32 light[] = {IM_COL32(0, 114, 178, 255),   IM_COL32(213, 94, 0, 255),  IM_COL32(0, 158, 115, 255),
                                IM_COL32(204, 121, 167, 255), IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255),
                                IM_COL32(120, 120, 120, 255)};
  static const ImU32 dark[] = {IM_COL32(86, 180, 233, 255),  IM_COL32(230, 120, 40, 255), IM_COL32(0, 190, 140, 255),
                               IM_COL32(224, 150, 190, 255), IM_COL32(240, 200, 60, 255), IM_COL32(120, 160, 255, 255),
                               IM_COL32(170, 170, 170, 255)};
  const int k = ((i % 7) + 7) % 7;
  return g_theme == Theme::dark ? dark[k] : light[k];
}

}  // namespace ui
