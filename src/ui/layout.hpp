// Layout helpers shared by the figures: control rows that wrap instead of running off the right
// edge (a flow layout over ImGui's SameLine), and the narrow (phone) rule under which figures
// with several panels stack them vertically.
#pragma once

#include "imgui.h"

namespace ui {

float unit();  // layout unit: 1 at the base font size, scales with the font (DPI)

// A figure narrower than this many units stacks its panels vertically; their heights then
// follow from the width only, and the page grows the placeholder to the height asked for.
constexpr float kNarrowUnits = 640.0f;
bool narrow(float width);

// Width of a widget's visible label (text before "##") plus the inner spacing; 0 without one.
float label_width(const char* label);
// Call before every widget of a control row except the first: keeps the next item (w pixels
// wide, label included) on the current line when it fits, else starts a new line.
void flow(float w);
// flow() for common widgets; flow_item also sets the next item's width (label excluded),
// shrunk to the row when even a line of its own is too narrow.
void flow_item(float item_w, const char* label);
void flow_button(const char* label, bool small = false);
void flow_radio(const char* label);
void flow_checkbox(const char* label);

// ImGui::TextDisabled that wraps at the window edge (status lines, notes under a plot).
void dim_wrapped(const char* fmt, ...) IM_FMTARGS(1);

// Height of n panels stacked in a narrow figure: each panel's height as a fraction of the width.
inline float stacked(float width, float aspect) { return width * aspect; }

}  // namespace ui
