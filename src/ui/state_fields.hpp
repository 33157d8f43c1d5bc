// A figure's state fields, each declared once (key, member, range, label): the table writes and
// reads the state (xp_get_state / xp_set_state), gives the sliders their limits, words the
// validation messages and lists the fields in the JSON export. The default of a field is its value
// in the "default" preset (recorded by Figure once the constructor has loaded it).
// Numbers are read with the core's parsers (core::parse_integer, core::parse_number) and their
// range messages worded by core::out_of_range, as experiment parameters are (core/params.cpp).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/json.hpp"
#include "ui/query.hpp"

namespace ui {

struct StateField {
  enum class Kind { integer, real, choice, text };
  std::string key;    // in the state string; stable (links use it)
  std::string label;  // what it is, in words (export, docs)
  Kind kind = Kind::integer;
  double lo = 0, hi = 0;           // integer, real: accepted range, also the slider's
  std::function<double()> hi_now;  // set when the upper limit depends on the state (read after the preset)
  std::vector<std::string> names;  // choice: accepted names, the value is the index
  std::string alias;               // an older key still read (links made before a rename)
  std::string param;               // the experiment parameter (core::Params key) it sets, if one does
  std::function<double()> get;     // integer, real, choice (index)
  std::function<void(double)> set;
  std::function<std::string()> get_text;                  // text
  std::function<std::string(std::string_view)> set_text;  // text: "" or the message (value kept)
  std::string def;                                        // the value in the "default" preset, as written in a state

  double upper() const { return hi_now ? hi_now() : hi; }
  std::string text() const;  // the value as written in a state
};

class StateFields {
 public:
  // Member bindings; `m` must outlive the table (a figure's own member).
  template <class Int>
  StateField& integer(std::string key, std::string label, Int& m, long long lo, long long hi) {
    StateField& f = add(std::move(key), std::move(label), StateField::Kind::integer);
    f.lo = double(lo);
    f.hi = double(hi);
    f.get = [&m] { return double(m); };
    f.set = [&m](double x) { m = Int(x); };
    return f;
  }
  StateField& real(std::string key, std::string label, double& m, double lo, double hi);
  // An enum (or int) member holding an index into names.
  template <class E>
  StateField& choice(std::string key, std::string label, E& m, std::vector<std::string> names) {
    StateField& f = add(std::move(key), std::move(label), StateField::Kind::choice);
    f.names = std::move(names);
    f.get = [&m] { return double(int(m)); };
    f.set = [&m](double x) { m = E(int(x)); };
    return f;
  }
  // A bool member written as one of two names: names[0] for false, names[1] for true.
  StateField& choice(std::string key, std::string label, bool& m, std::vector<std::string> names);
  StateField& text(std::string key, std::string label, std::function<std::string()> get,
                   std::function<std::string(std::string_view)> set);

  void write(QueryWriter& w) const;                  // in declaration order
  void read(Query& q);                               // bad values are reported and keep the field's value
  void record_defaults();                            // the current values become the documented defaults
  const StateField& at(std::string_view key) const;  // a declared key (a figure's own code)
  const std::vector<StateField>& all() const { return fields_; }
  core::Json json() const;  // [{key, label, kind, value, default, lo, hi | names, param}]

 private:
  StateField& add(std::string key, std::string label, StateField::Kind kind);
  std::vector<StateField> fields_;
};

}  // namespace ui
