// GPU renderer for ui::ScalarField: R32F texture + shaders/quad.vert + shaders/heatmap.frag,
// drawn from an ImDrawList callback so it interleaves correctly with the ImGui geometry.
#pragma once

namespace render {

// Installs the renderer as ui's field hook (call once the GL context is current).
void install_field_renderer();
// Frees textures and the program (before the context goes away).
void shutdown_field_renderer();

}  // namespace render
