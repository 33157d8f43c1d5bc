#include "web/channel.hpp"

#include <emscripten/emscripten.h>

#include <cmath>
#include <string>

#include "app/app.hpp"
#include "app/platform.hpp"
#include "core/util/json.hpp"
#include "ui/figure.hpp"
#include "web/browser.hpp"

namespace web {
namespace {

std::string g_ret;  // returned strings stay valid until the next xp_ call

const char* ret(std::string s) {
  g_ret = std::move(s);
  return g_ret.c_str();
}

}  // namespace

Requests read_requests() {
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  const int r = EM_ASM_INT({
    var f = window.rqForceDraw ? 1 : 0;
    window.rqForceDraw = 0;
    return f | (window.rqGpuBusy ? 2 : 0);
  });
  // clang-format on
  Requests q;
  q.force_draw = (r & 1) != 0;
  q.gpu_busy = (r & 2) != 0;
  return q;
}

void request_full_frame() {
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
  EM_ASM({ window.rqForceDraw = 1; });
  // clang-format on
}

void publish_frame(long frame, const FrameReport& r) {
  static long drawn_frames = 0;
  if (r.drawn) ++drawn_frames;
  // Readiness signal for the page and its tests, set after 30 frames (and again when the worker finished).
  static bool reported_worker = false;
  const bool worker = worker_done();
  if (frame == 30 || (frame > 30 && worker && !reported_worker)) {
    reported_worker = worker;
    app::BuildInfo b = app::build_info();
    // JavaScript inside: clang-format would split its operators (!== into != =).
    // clang-format off
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
    // clang-format on
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
  // JavaScript inside: clang-format would split its operators (!== into != =).
  // clang-format off
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
  // clang-format on
}

}  // namespace web

using web::ret;

extern "C" {

EMSCRIPTEN_KEEPALIVE int xp_threads() { return app::build_info().threads; }

EMSCRIPTEN_KEEPALIVE int xp_figure_count() { return int(app::figures().size()); }

EMSCRIPTEN_KEEPALIVE const char* xp_figure_id(int i) {
  const auto& f = app::figures();
  return ret(i >= 0 && size_t(i) < f.size() ? f[size_t(i)]->id() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_figure_title(int i) {
  const auto& f = app::figures();
  return ret(i >= 0 && size_t(i) < f.size() ? f[size_t(i)]->title() : "");
}

// {"dpr":2,"theme":"light"|"dark","reducedMotion":false,"figures":[{"id":…,"x":…,"y":…,"w":…,"h":…,"controls":true}]}
EMSCRIPTEN_KEEPALIVE void xp_set_view(const char* json) {
  auto j = core::parse_json(json ? json : "");
  if (!j.ok() || j.value.type != core::Json::Type::object) {
    web::console_warn("xp_set_view: malformed JSON ignored (" + (j.ok() ? std::string("not an object") : j.error) +
                      ")");
    return;
  }
  const core::Json& o = j.value;
  app::View v;
  auto num = [](const core::Json* x, double def) {
    return x && x->type == core::Json::Type::number && std::isfinite(x->num) ? x->num : def;
  };
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
      if (!app::find_figure(s.id)) {
        web::console_warn("xp_set_view: unknown figure id " + s.id.substr(0, 40));
        continue;
      }
      v.slots.push_back(std::move(s));
    }
  }
  app::set_view(v);
}

EMSCRIPTEN_KEEPALIVE const char* xp_get_state(const char* id) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return ret(f ? f->get_state() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_set_state(const char* id, const char* query) {
  ui::Figure* f = app::find_figure(id ? id : "");
  if (!f) return ret("unknown figure id");
  return ret(f->set_state(query ? query : ""));
}

EMSCRIPTEN_KEEPALIVE const char* xp_command(const char* id, const char* cmd) {
  ui::Figure* f = app::find_figure(id ? id : "");
  if (!f) return ret("unknown figure id");
  return ret(f->command(cmd ? cmd : ""));
}

EMSCRIPTEN_KEEPALIVE const char* xp_presets(const char* id) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return ret(f ? f->presets_json() : "[]");
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
  return ret(f ? f->describe() : "");
}

EMSCRIPTEN_KEEPALIVE const char* xp_export(const char* id, const char* kind) {
  ui::Figure* f = app::find_figure(id ? id : "");
  return ret(f ? f->export_data(kind ? kind : "") : "");
}

}  // extern "C"
