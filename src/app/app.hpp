// The application: owns the figures and draws one ImGui frame at a time. Thin by design:
// figures live in ui/, numbers come from core/. Two layouts: the desktop window (sidebar +
// selected figure, or one figure with --figure) and the web page's figure slots (xp_set_view).
#pragma once

#include <string>
#include <vector>

#include "ui/figure.hpp"

namespace app {

// Desktop window (sidebar + the selected figure, or one figure with --figure), or the web page's
// figure slots (set_view; a default grid until the first call), drawn without window background:
// the page's placeholders under the transparent canvas have that colour (web/style.css --fig-bg),
// and a GPU-less browser's software rasterizer has two thirds fewer pixels to fill per redraw
// (docs/performance.md, "Drawing in the browser").
enum class Layout { window, page };

struct AppOptions {
  Layout layout = Layout::window;
  bool dark = false;
  std::string figure;      // desktop: show only this figure (empty: sidebar + all)
  std::string state;       // applied to that figure (or the first one) at start
  double budget_ms = 8.0;  // computation per frame, shared by the visible figures
  float ui_scale = 1.0f;   // font/style scale (desktop content scale)
};

// One figure rectangle of the page, in CSS pixels (multiplied by dpr when drawn).
struct Slot {
  std::string id;
  float x = 0, y = 0, w = 0, h = 0;
  bool controls = true;
};
struct View {
  float dpr = 1.0f;
  bool dark = false;
  bool reduced_motion = false;
  std::vector<Slot> slots;
};

// The app's life: init once (after the host's ImGui context, app/host.hpp), one frame per
// display refresh, shutdown once. All its state lives in one place (app.cpp).
// Returns "" or an error (unknown --figure id, bad --state: the message is printed, defaults kept).
std::string app_init(const AppOptions& options);
void app_frame(int width, int height);  // build the UI for one frame (no GL calls here)
void app_shutdown();

// Web: the page's layout. Until the first call every figure is drawn in a default grid.
void set_view(const View& v);
bool view_set();
// The UI scale wanted now (dpr on the web); the host rebuilds the font texture when it changes.
float wanted_ui_scale();

std::vector<std::unique_ptr<ui::Figure>>& figures();
ui::Figure* find_figure(const std::string& id);
const std::vector<long>& figure_frames();  // frames drawn per figure (same order as figures())
// Wall time (ms) the figures' computation (Figure::tick) took in the last app_frame; the
// interactive benchmark reports it apart from the UI and drawing.
double last_compute_ms();
// Height (window pixels, padding included) a figure asked for at the width of its last draw; 0 before.
float figure_wanted_height(const std::string& id);
float view_dpr();  // the page's device pixel ratio (1 on the desktop)

}  // namespace app
