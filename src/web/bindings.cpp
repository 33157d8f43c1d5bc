#include "web/bindings.hpp"

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <atomic>
#include <cmath>
#include <string>

#include "app/app.hpp"
#include "app/platform.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "render/field_renderer.hpp"
#include "core/util/json.hpp"
#include "ui/figure.hpp"
#include "ui/registry.hpp"
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <thread>
#endif

namespace web {
namespace {

std::atomic<int> g_worker_done{0};  // 1 once a pool worker has run a task (threaded build)
#if defined(__EMSCRIPTEN_PTHREADS__)
std::thread g_probe;
#endif
std::string g_ret;  // returned strings stay valid until the next xp_ call

const char* ret(std::string s) {
  g_ret = std::move(s);
  return g_ret.c_str();
}

// Browser download of an exported file (the figure's CSV/JSON buttons).
void download(const std::string& name, const std::string& content) {
  EM_ASM(
      {
        var blob = new Blob([UTF8ToString($1)], {type : "text/plain"});
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString($0);
        document.body.appendChild(a);
        a.click();
        setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      },
      name.c_str(), content.c_str());
}

void warn(const std::string& m) {
  EM_ASM({ console.warn(UTF8ToString($0)); }, m.c_str());
}

bool g_lost = false;

// GL calls on a lost context are silent no-ops, so the old objects are released here. The
// whole ImGui GL backend is shut down and initialised again on restore (not just its device
// objects: 1.86 keeps the old vertex/index buffer sizes and would then overflow the new, empty
// buffers); it re-creates its program, buffers and font atlas at the next NewFrame, and the field
// renderer its program and textures on first use.
EM_BOOL on_context_lost(int, const void*, void*) {
  if (g_lost) return EM_TRUE;
  g_lost = true;
  ImGui_ImplOpenGL3_Shutdown();
  render::shutdown_field_renderer();
  warn("WebGL context lost: figures paused until the browser restores it");
  return EM_TRUE;  // preventDefault: lets the browser restore the context
}

EM_BOOL on_context_restored(int, const void*, void*) {
  if (!g_lost) return EM_TRUE;
  g_lost = false;
  render::install_field_renderer();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  EM_ASM({ window.rqForceDraw = 1; });  // the restored canvas is empty: draw even an unchanged frame
  EM_ASM({ console.log("WebGL context restored: GPU resources re-created"); });
  return EM_TRUE;
}

void on_scroll(GLFWwindow*, double dx, double dy) {
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += float(-dx / 100.0);
  io.MouseWheel += float(-dy / 100.0);
}

}  // namespace

bool context_lost() { return g_lost; }

void install_input_fixes(GLFWwindow* window) {
  glfwSetScrollCallback(window, on_scroll);  // replaces ImGui's (which adds raw pixels)
  emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_TRUE, on_context_lost);
  emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_TRUE, on_context_restored);
}

float device_pixel_ratio() {
  const double d = emscripten_get_device_pixel_ratio();
  return d > 0.25 && d < 8 ? float(d) : 1.0f;
}

void init() {
  ui::set_export_sink(download);
#if defined(__EMSCRIPTEN_PTHREADS__)
  // Taken from the pre-spawned pool (-sPTHREAD_POOL_SIZE), so it starts without yielding to JS.
  // Never join() on the browser thread: the frame loop polls g_worker_done instead.
  g_probe = std::thread([] {
    volatile double s = 0;
    for (int i = 1; i < 200000; ++i) s = s + std::sqrt(static_cast<double>(i));
    g_worker_done.store(1);
  });
  g_probe.detach();
#endif
}

// Emscripten 3.1.6's GLFW has no hi-DPI support: we size the backing store ourselves
// (CSS size × dpr) and ImGui works in device pixels (fonts are rasterized at dpr).
void before_frame(GLFWwindow* window) {
  double css_w = 0, css_h = 0;
  if (emscripten_get_element_css_size("#canvas", &css_w, &css_h) != EMSCRIPTEN_RESULT_SUCCESS || css_w <= 0 || css_h <= 0)
    return;
  const float dpr = app::view_set() ? app::wanted_ui_scale() : device_pixel_ratio();
  const int w = int(std::lround(css_w * dpr)), h = int(std::lround(css_h * dpr));
  int cw = 0, ch = 0;
  glfwGetWindowSize(window, &cw, &ch);
  if (w <= 0 || h <= 0 || (w == cw && h == ch)) return;
  // Not glfwSetWindowSize: Emscripten 3.1.6's GLFW requests fullscreen when the size equals the
  // screen's (an F11 window) and calls exitFullscreen otherwise. Resize the backing store and
  // tell GLFW's window record, which is what glfwGetWindowSize/glfwGetFramebufferSize report.
  EM_ASM(
      {
        var c = Module['canvas'];
        c.width = $0;
        c.height = $1;
        if (typeof GLFW !== 'undefined' && GLFW.active) {
          GLFW.active.width = $0;
          GLFW.active.height = $1;
        }
      },
      w, h);
}

void after_frame(long frame, const FrameReport& r) {
  static long drawn_frames = 0;
  if (r.drawn) ++drawn_frames;
  // Readiness signal for the page and its tests, set after 30 frames (and again when the worker finished).
  static bool reported_worker = false;
  bool worker = g_worker_done.load() != 0;
  if (frame == 30 || (frame > 30 && worker && !reported_worker)) {
    reported_worker = worker;
    app::BuildInfo b = app::build_info();
    EM_ASM(
        {
          window.rqStatus = ({
            variant : UTF8ToString($0),
            simd : !!$1,
            threads : $2,
            frames : $3,
            workerDone : !!$4,
            crossOriginIsolated : self.crossOriginIsolated === true
          });
          if (window.rqOnStatus) window.rqOnStatus(window.rqStatus);
        },
        b.variant, b.simd ? 1 : 0, b.threads, static_cast<int>(frame), worker ? 1 : 0);
  }
  // Frames drawn per figure (tests check that off-screen figures stop rendering).
  const auto& figs = app::figures();
  const auto& counts = app::figure_frames();
  std::string js = "{";
  for (size_t i = 0; i < figs.size() && i < counts.size(); ++i)
    js += (i ? ",\"" : "\"") + std::string(figs[i]->id()) + "\":" + std::to_string(counts[i]);
  js += "}";
  // The frame's one call into JS after it: frame counts, the benchmark's split of the frame, and
  // what a drawn frame drew again (web/loader.js keeps the union until its next read-back).
  const bool damage = r.drawn && r.box[2] > r.box[0] && r.box[3] > r.box[1];
  EM_ASM(
      {
        window.rqFigureFrames = JSON.parse(UTF8ToString($0));
        window.rqCanvasDraws = $1;
        window.rqFrameCompute = $2;
        window.rqFrameRender = $3;
        if ($4) window.rqRedrawPixels = (window.rqRedrawPixels || 0) + $5;
        if ($6) window.rqDamage = Array.of($7, $8, $9, $10);
      },
      js.c_str(), int(drawn_frames), r.compute_ms, r.render_ms, r.drawn ? 1 : 0, r.pixels, damage ? 1 : 0, r.box[0], r.box[1],
      r.box[2], r.box[3]);
}

}  // namespace web

extern "C" {

EMSCRIPTEN_KEEPALIVE int xp_threads() { return app::build_info().threads; }

EMSCRIPTEN_KEEPALIVE int xp_figure_count() { return int(app::figures().size()); }

EMSCRIPTEN_KEEPALIVE const char* xp_figure_id(int i) {
  const auto& f = app::figures();
  return web::ret(i >= 0 && size_t(i) < f.size() ? f[size_t(i)]->id() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_figure_title(int i) {
  const auto& f = app::figures();
  return web::ret(i >= 0 && size_t(i) < f.size() ? f[size_t(i)]->title() : "");
}

// {"dpr":2,"theme":"light"|"dark","reducedMotion":false,"figures":[{"id":…,"x":…,"y":…,"w":…,"h":…,"controls":true}]}
EMSCRIPTEN_KEEPALIVE void xp_set_view(const char* json) {
  auto j = core::parse_json(json ? json : "");
  if (!j.ok() || j.value.type != core::Json::Type::object) {
    web::warn("xp_set_view: malformed JSON ignored (" + (j.ok() ? std::string("not an object") : j.error) + ")");
    return;
  }
  const core::Json& o = j.value;
  app::View v;
  auto num = [](const core::Json* x, double def) { return x && x->type == core::Json::Type::number && std::isfinite(x->num) ? x->num : def; };
  v.dpr = float(num(o.find("dpr"), 1.0));
  if (!(v.dpr >= 0.5f && v.dpr <= 6.0f)) v.dpr = 1.0f;
  if (const core::Json* t = o.find("theme"); t && t->type == core::Json::Type::string) v.dark = t->str == "dark";
  if (const core::Json* r = o.find("reducedMotion"); r && r->type == core::Json::Type::boolean) v.reduced_motion = r->b;
  if (const core::Json* fs = o.find("figures"); fs && fs->type == core::Json::Type::array) {
    for (const core::Json& f : fs->arr) {
      if (f.type != core::Json::Type::object) continue;
      const core::Json* id = f.find("id");
      if (!id || id->type != core::Json::Type::string) continue;
      app::Slot s;
      s.id = id->str;
      s.x = float(num(f.find("x"), 0));
      s.y = float(num(f.find("y"), 0));
      s.w = float(num(f.find("w"), 0));
      s.h = float(num(f.find("h"), 0));
      if (const core::Json* c = f.find("controls"); c && c->type == core::Json::Type::boolean) s.controls = c->b;
      if (s.w < 1 || s.h < 1 || std::abs(s.x) > 1e6 || std::abs(s.y) > 1e6 || s.w > 1e5 || s.h > 1e5) continue;
      if (!app::find_figure(s.id)) { web::warn("xp_set_view: unknown figure id " + s.id.substr(0, 40)); continue; }
      v.slots.push_back(std::move(s));
    }
  }
  app::set_view(v);
}

EMSCRIPTEN_KEEPALIVE const char* xp_get_state(const char* id) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return web::ret(f ? f->get_state() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_set_state(const char* id, const char* query) {
  ui::Figure* f = app::find_figure(id ? id : "");
  if (!f) return web::ret("unknown figure id");
  return web::ret(f->set_state(query ? query : ""));
}

EMSCRIPTEN_KEEPALIVE const char* xp_command(const char* id, const char* cmd) {
  ui::Figure* f = app::find_figure(id ? id : "");
  if (!f) return web::ret("unknown figure id");
  return web::ret(f->command(cmd ? cmd : ""));
}

EMSCRIPTEN_KEEPALIVE const char* xp_presets(const char* id) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return web::ret(f ? f->presets_json() : "[]");
}

// Height in CSS pixels the figure asked for at the width it was last drawn with (controls that
// wrapped, panels stacked on a narrow rectangle); 0 before its first draw. The page sets the
// placeholder's min-height from it.
EMSCRIPTEN_KEEPALIVE double xp_layout(const char* id) {
  if (!app::find_figure(id ? id : "")) return 0.0;
  return double(app::figure_wanted_height(id)) / double(app::view_dpr());
}

// A short plain-text summary of the figure's state for screen readers (the page throttles it
// into an aria-live region), e.g. "t = 12.3; loss 1.2·10⁻³; R = 0.041; λ_min = 0; running".
EMSCRIPTEN_KEEPALIVE const char* xp_describe(const char* id) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return web::ret(f ? f->describe() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_export(const char* id, const char* kind) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return web::ret(f ? f->export_data(kind ? kind : "") : "");
}

}  // extern "C"
