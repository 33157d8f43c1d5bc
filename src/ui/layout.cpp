#include "ui/layout.hpp"

#include <algorithm>
#include <cstdarg>

namespace ui {

float unit() { return ImGui::GetFontSize() / 15.0f; }

bool narrow(float width) { return width < kNarrowUnits * unit(); }

float label_width(const char* label) {
  const char* end = label;
  while (*end && !(end[0] == '#' && end[1] == '#')) ++end;
  if (end == label) return 0.0f;
  return ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, end).x;
}

void flow(float w) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
  if (x + w <= right + 0.5f) ImGui::SameLine();
}

void flow_item(float item_w, const char* label) {
  const float lw = label_width(label);
  flow(item_w + lw);
  ImGui::SetNextItemWidth(std::max(40.0f * unit(), std::min(item_w, ImGui::GetContentRegionAvail().x - lw)));
}

void flow_button(const char* label, bool) {  // Button and SmallButton have the same horizontal padding
  const char* end = label;
  while (*end && !(end[0] == '#' && end[1] == '#')) ++end;
  flow(ImGui::CalcTextSize(label, end).x + 2 * ImGui::GetStyle().FramePadding.x);
}

void flow_radio(const char* label) { flow(ImGui::GetFrameHeight() + label_width(label)); }
void flow_checkbox(const char* label) { flow(ImGui::GetFrameHeight() + label_width(label)); }

void dim_wrapped(const char* fmt, ...) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  va_list args;
  va_start(args, fmt);
  ImGui::TextWrappedV(fmt, args);
  va_end(args);
  ImGui::PopStyleColor();
}

}  // namespace ui
