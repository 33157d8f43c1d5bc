// The application: owns the figures and draws one ImGui frame at a time. Thin by design:
// figures live in ui/, numbers come from core/.
#pragma once

namespace app {

struct AppOptions {
  bool dark = false;
};

void app_init(const AppOptions& options);  // after the ImGui context and backends exist
void app_frame(int width, int height);     // build the UI for one frame (no GL calls here)
void app_shutdown();

}  // namespace app
