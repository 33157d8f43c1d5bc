// GPU renderer for ui::ScalarField: R32F texture + shaders/quad.vert + shaders/heatmap.frag,
// drawn from an ImDrawList callback so it interleaves correctly with the ImGui geometry.
#pragma once

namespace render {

// Installs the renderer as ui's field hook (call once the GL context is current).
void install_field_renderer();
// Frees textures and the program (before the context goes away).
void shutdown_field_renderer();
// Hash of what a heatmap draw command will draw (texture, its data version, rectangle, colour
// mapping), or 0 if the command is not one of ours: lets the app tell whether a frame changed.
unsigned long long field_draw_hash(const void* callback, const void* user_data);

}  // namespace render
