// The figure framework: every figure has an id, presets, play/pause/step/reset, a time
// scrubber, state as a query string, CSV/JSON export, and is drawn into a rectangle.
// Subclasses implement the hooks below; the base class owns the common controls and the
// state/command protocol of the page contract (xp_get_state / xp_set_state / xp_command).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/json.hpp"
#include "imgui.h"
#include "ui/budget.hpp"
#include "ui/query.hpp"
#include "ui/run.hpp"
#include "ui/state_fields.hpp"

namespace ui {

struct Preset {
  std::string name;      // used in "preset:NAME" and in state strings
  std::string label;     // short, shown in the preset menu
  std::string try_this;  // one line: what to try and what to look for
};

// A table of numbers for export (column-major).
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<double>> data;  // data[c][row]
};

// Where the export buttons send files (desktop: write to disk; web: browser download).
using ExportSink = void (*)(const std::string& filename, const std::string& content);
void set_export_sink(ExportSink sink);

// prefers-reduced-motion: runs no longer start by themselves; the reader steps, or presses Play.
void set_reduced_motion(bool on);
bool reduced_motion();

class Figure {
 public:
  Figure() = default;
  Figure(const Figure&) = delete;  // fields_ holds references to the figure's own members
  Figure& operator=(const Figure&) = delete;
  virtual ~Figure() = default;
  const char* id() const { return id_; }  // the registry's id (registry_table.cpp)
  const char* title() const;              // the registry's title
  const StateFields& fields() const { return fields_; }
  // Called by the registry once the figure is made (its constructor loaded "default"): sets the
  // id and records the fields' defaults.
  void registered(const char* id) {
    id_ = id;
    fields_.record_defaults();
  }
  const std::vector<Preset>& presets() const { return presets_; }
  const std::string& preset() const { return preset_; }

  // Contract API. Returned messages are "" on success.
  std::string get_state() const;
  std::string set_state(std::string_view query);
  // play | pause | step | reset | preset:NAME. A new preset, state or reset only schedules the
  // restart: the runs are rebuilt at the start of the next tick, inside that frame's budget.
  std::string command(std::string_view cmd);
  std::string export_data(std::string_view kind) const;  // csv | json
  std::string presets_json() const;

  void tick(double budget_ms);  // per frame: time-sliced computation while playing
  void tick(Budget& b);         // the same within a budget (tests cap its work items)
  bool restart_pending() const { return restart_pending_; }
  void draw(ImVec2 size, bool controls);  // into the current ImGui window at the cursor
  bool playing() const { return playing_; }
  bool animating() const;  // playing, not finished, and allowed to move (reduced motion)
  bool done() const { return !restart_pending_ && finished(); }  // all runs finished (tests, idle detection)
  double view_t() const;                                         // the time shown (scrubbed, or the live end)
  // Height (pixels) this figure asked for at the width of its last draw: its controls and, when
  // narrow, its stacked panels (whose heights follow from the width); else a minimum body height.
  float wanted_height() const { return wanted_h_; }
  // A short plain-text summary of what the figure shows now (screen-reader narration), e.g.
  // "t = 12.3; loss 1.2·10⁻³; R = 0.041; λ_min = 0".
  std::string describe() const;

 protected:
  // Hooks.
  virtual void load_preset(const std::string& name) = 0;  // parameters of a preset (name is valid)
  virtual void restart() = 0;                             // rebuild runs from the parameters (keep it cheap:
                                                          // costly set-up belongs in advance())
  virtual void advance(Budget& b) = 0;                    // compute until the budget is spent
  virtual void step_once() = 0;                           // one checkpoint more
  virtual double t_live() const = 0;                      // latest computed time
  virtual double t_end() const = 0;                       // scheduled end time
  virtual bool finished() const = 0;
  virtual void draw_controls() {}  // figure-specific widgets (same row block)
  virtual void draw_body(ImVec2 size) = 0;
  virtual std::vector<Table> tables() const = 0;               // exported data
  virtual std::vector<const Run*> runs() const { return {}; }  // exported with parameters + run hash
  virtual std::string status() const { return ""; }            // shown in the controls bar
  virtual std::string describe_now() const;                    // describe() once a scheduled restart is done
  // describe() of a run at the shown time (figures with one main run use the default describe()).
  std::string describe_run(const Run& r) const;

  void add_preset(std::string name, std::string label, std::string try_this);
  void set_cursor_live() { follow_ = true; }
  // For parameter widgets: call after a change that needs a new run.
  void changed() {
    schedule_restart();
    follow_ = true;
  }
  void schedule_restart() { restart_pending_ = true; }
  // Runs a scheduled restart now (readers of the data: export, describe, step).
  void settle() const;

  std::vector<Preset> presets_;
  // The figure's own state fields (after "preset", before "t" and "play"), declared once in its
  // constructor; they drive the state, the sliders' limits (slider_int / slider_real) and export.
  StateFields fields_;
  // Widgets bound to a declared field: limits from the table; true when the value changed.
  bool slider_int(std::string_view key, const char* format, int flags = 0);
  bool slider_real(std::string_view key, const char* format, int flags = 0);
  bool input_int(std::string_view key, const char* label);
  std::string preset_ = "default";
  bool playing_ = true;
  bool follow_ = true;        // cursor follows the live end of the run
  bool user_played_ = false;  // Play pressed since the last preset/reset (reduced motion lets only this animate)
  double cursor_ = 0.0;       // scrubbed time when !follow_
  float wanted_h_ = 0.0f;
  mutable bool restart_pending_ = false;

 private:
  void draw_controls_bar();
  const char* id_ = "";
};

}  // namespace ui
