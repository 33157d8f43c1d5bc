#include "ui/state_fields.hpp"

#include <cstdlib>
#include <string>

namespace ui {

std::string StateField::text() const {
  switch (kind) {
    case Kind::integer: return std::to_string((long long)get());
    case Kind::real: return core::format_double(get());
    case Kind::choice: {
      const int i = int(get());
      return i >= 0 && size_t(i) < names.size() ? names[size_t(i)] : std::string();
    }
    case Kind::text: return get_text();
  }
  return {};
}

StateField& StateFields::add(std::string key, std::string label, StateField::Kind kind) {
  StateField f;
  f.key = std::move(key);
  f.label = std::move(label);
  f.kind = kind;
  fields_.push_back(std::move(f));
  return fields_.back();
}

StateField& StateFields::real(std::string key, std::string label, double& m, double lo, double hi) {
  StateField& f = add(std::move(key), std::move(label), StateField::Kind::real);
  f.lo = lo;
  f.hi = hi;
  f.get = [&m] { return m; };
  f.set = [&m](double x) { m = x; };
  return f;
}

StateField& StateFields::choice(std::string key, std::string label, bool& m, std::vector<std::string> names) {
  StateField& f = add(std::move(key), std::move(label), StateField::Kind::choice);
  f.names = std::move(names);
  f.get = [&m] { return m ? 1.0 : 0.0; };
  f.set = [&m](double x) { m = x != 0; };
  return f;
}

StateField& StateFields::text(std::string key, std::string label, std::function<std::string()> get,
                              std::function<std::string(std::string_view)> set) {
  StateField& f = add(std::move(key), std::move(label), StateField::Kind::text);
  f.get_text = std::move(get);
  f.set_text = std::move(set);
  return f;
}

void StateFields::write(QueryWriter& w) const {
  for (const StateField& f : fields_) w.add(f.key, std::string_view(f.text()));
}

void StateFields::read(Query& q) {
  for (StateField& f : fields_) {
    const std::string& key = !q.has(f.key) && !f.alias.empty() ? f.alias : f.key;
    switch (f.kind) {
      case StateField::Kind::integer: {
        long long x = 0;
        if (q.get(key, x, (long long)f.lo, (long long)f.upper())) f.set(double(x));
        break;
      }
      case StateField::Kind::real: {
        double x = 0;
        if (q.get(key, x, f.lo, f.upper())) f.set(x);
        break;
      }
      case StateField::Kind::choice: {
        std::string s;
        if (q.get_choice(key, s, f.names))
          for (size_t i = 0; i < f.names.size(); ++i)
            if (f.names[i] == s) f.set(double(i));
        break;
      }
      case StateField::Kind::text: {
        std::string s;
        if (q.get(key, s)) {
          const std::string e = f.set_text(s);
          if (!e.empty()) q.error(f.key + ": " + e);
        }
        break;
      }
    }
  }
}

void StateFields::record_defaults() {
  for (StateField& f : fields_) f.def = f.text();
}

const StateField& StateFields::at(std::string_view key) const {
  for (const StateField& f : fields_)
    if (f.key == key) return f;
  std::abort();  // a figure asked for a key it did not declare: a programming error, caught by any test that draws it
}

core::Json StateFields::json() const {
  static const char* kinds[] = {"integer", "real", "choice", "text"};
  core::Json a = core::Json::array();
  for (const StateField& f : fields_) {
    core::Json o = core::Json::object();
    o.set("key", core::Json::string(f.key));
    o.set("label", core::Json::string(f.label));
    o.set("kind", core::Json::string(kinds[int(f.kind)]));
    o.set("value", core::Json::string(f.text()));
    o.set("default", core::Json::string(f.def));
    if (f.kind == StateField::Kind::integer || f.kind == StateField::Kind::real) {
      o.set("lo", core::Json::number(f.lo));
      o.set("hi", core::Json::number(f.upper()));
    }
    if (f.kind == StateField::Kind::choice) {
      core::Json n = core::Json::array();
      for (const std::string& s : f.names) n.push(core::Json::string(s));
      o.set("names", std::move(n));
    }
    if (!f.param.empty()) o.set("param", core::Json::string(f.param));
    a.push(std::move(o));
  }
  return a;
}

}  // namespace ui
