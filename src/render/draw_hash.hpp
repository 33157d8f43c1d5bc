// A hash of one frame's picture: ImGui's draw data (vertices, indices, commands) and the heatmap
// draws (texture versions). Equal hashes mean the same pixels, so a frame may skip drawing.
#pragma once

struct ImDrawData;

namespace render {

unsigned long long draw_data_hash(const ImDrawData* dd, int fb_w, int fb_h);

}  // namespace render
