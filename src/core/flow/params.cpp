#include "core/flow/params.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <variant>

#include "core/models/model.hpp"

namespace core {

namespace {

using Member = std::variant<std::string Params::*, Index Params::*, double Params::*, bool Params::*,
                            std::uint64_t Params::*, std::vector<double> Params::*>;

struct Range {
  double lo, hi;
};

// The one table of parameters: parsing, range checks, the canonical order, and the help texts
// (param_docs(): rqflow's options and --help) all come from it.
struct Field {
  const char* key;
  Member m;
  Range r{0, 0};                   // numbers: inclusive range
  std::vector<const char*> names;  // strings: allowed values
  const char* meaning = "";        // one line for help texts
};

const std::vector<Field>& fields() {
  static const std::vector<Field> f = {
      {"model",
       &Params::model,
       {},
       {"linear", "poly", "fourier", "two_layer", "deep_linear", "complex_square", "lemniscate", "softmax_linear"},
       "model family"},
      {"d", &Params::d, {1, 1e6}, {}, "input dimension"},
      {"k", &Params::k, {1, 1e6}, {}, "outputs (deep_linear, softmax_linear)"},
      {"width", &Params::width, {1, 1e6}, {}, "hidden width m (two_layer, deep_linear)"},
      {"depth", &Params::depth, {1, 64}, {}, "number of layers (deep_linear)"},
      {"degree", &Params::degree, {0, 1000}, {}, "polynomial degree (poly)"},
      {"n_freq", &Params::n_freq, {1, 1e5}, {}, "number of frequencies (fourier)"},
      {"omega", &Params::omega, {1e-6, 1e6}, {}, "base frequency (fourier)"},
      {"sigma", &Params::sigma, {}, {"tanh", "relu", "softplus", "identity"}, "activation (two_layer)"},
      {"bias", &Params::bias, {}, {}, "hidden biases (two_layer)"},
      {"loss", &Params::loss, {}, {"squared", "logistic", "cross_entropy"}, "loss function"},
      {"data",
       &Params::data,
       {},
       {"bench", "gaussian", "gaussian_population", "uniform", "population", "point", "logistic_e1", "logistic_e2"},
       "data set: bench (reference generator), gaussian, gaussian_population (fixed sample, n >= 1000), uniform | population (U[-R,R]: sample | Gauss-Legendre nodes), point (complex_square, lemniscate), logistic_e1|e2 (presets)"},
      {"n", &Params::n, {1, 1e7}, {}, "samples, or quadrature nodes for data=population"},
      {"range", &Params::range, {1e-6, 1e6}, {}, "R of U[-R,R] (uniform, population)"},
      {"data_scale", &Params::data_scale, {1e-6, 1e6}, {}, "input scale s (gaussian)"},
      {"seed", &Params::seed, {}, {}, "random seed (data, teacher, initialization)"},
      {"teacher_width",
       &Params::teacher_width,
       {1, 1e6},
       {},
       "teacher hidden width (bench, two_layer and deep_linear teachers)"},
      {"teacher_scale",
       &Params::teacher_scale,
       {0, 1e6},
       {},
       "teacher parameters ~ N(0, s^2) (gaussian, uniform, population)"},
      {"init_scale",
       &Params::init_scale,
       {0, 1e6},
       {},
       "initial parameters ~ N(0, s^2), unless set by a preset or theta0"},
      {"theta0",
       &Params::theta0,
       {-1e300, 1e300},
       {},
       "explicit initial parameters, comma-separated (empty: generated)"},
      {"method", &Params::method, {}, {"euler", "rk4", "dopri5"}, "integrator"},
      {"eta", &Params::eta, {0, 1e6}, {}, "step size (euler, rk4); first step for dopri5 (0: automatic)"},
      {"atol", &Params::atol, {1e-300, 1}, {}, "absolute tolerance (dopri5; clamped to [1e-15, 1e-2])"},
      {"rtol", &Params::rtol, {1e-300, 1}, {}, "relative tolerance (dopri5; clamped to [1e-15, 1e-2])"},
      {"blowup", &Params::blowup, {1, 1e300}, {}, "divergence when the loss exceeds blowup times its initial value"},
      {"t_end", &Params::t_end, {1e-12, 1e12}, {}, "end time of the flow"},
      {"checkpoints",
       &Params::checkpoints,
       {2, double(kMaxCheckpoints)},
       {},
       "number of checkpoints, t = 0 and t_end included"},
      {"spacing",
       &Params::spacing,
       {},
       {"linear", "log"},
       "checkpoint times: linear, or log (t_end*1e-4 ... t_end, plus t = 0)"},
      {"threads",
       &Params::threads,
       {-1e6, 1e6},
       {},
       "worker threads (clamped to [1, 16]; results do not depend on it)"},
  };
  return f;
}

const Field* find_field(std::string_view key) {
  for (const Field& f : fields())
    if (key == f.key) return &f;
  return nullptr;
}

bool parse_double(std::string_view v, double& out) { return parse_number(v, out); }

Status check_range(const Field& f, double x, std::string_view v) {
  if (x < f.r.lo || x > f.r.hi) return Status::fail(out_of_range(f.key, v, f.r.lo, f.r.hi));
  return {};
}

struct Setter {
  Params& p;
  const Field& f;
  std::string_view v;
  Status bad(const char* what) const { return Status::fail(std::string(f.key) + "=" + quoted(v) + ": " + what); }

  Status operator()(std::string Params::*m) const {
    for (const char* n : f.names)
      if (v == n) {
        p.*m = std::string(v);
        return {};
      }
    std::string list;
    for (const char* n : f.names) list += std::string(list.empty() ? "" : "|") + n;
    return bad(("unknown name; expected " + list).c_str());
  }
  Status operator()(Index Params::*m) const {
    long long x = 0;
    if (!parse_integer(v, x)) return bad("not an integer");
    if (Status st = check_range(f, double(x), v); !st.ok()) return st;
    p.*m = Index(x);
    return {};
  }
  Status operator()(double Params::*m) const {
    double x;
    if (!parse_double(v, x)) return bad("not a finite number");
    if (Status st = check_range(f, x, v); !st.ok()) return st;
    p.*m = x;
    return {};
  }
  Status operator()(bool Params::*m) const {
    bool x = false;
    if (!parse_bool(v, x)) return bad("expected true|false|1|0");
    p.*m = x;
    return {};
  }
  Status operator()(std::uint64_t Params::*m) const {
    std::uint64_t x = 0;
    auto res = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || res.ec != std::errc() || res.ptr != v.data() + v.size())
      return bad("not an unsigned 64-bit integer");
    p.*m = x;
    return {};
  }
  Status operator()(std::vector<double> Params::*m) const {
    std::vector<double> out;
    std::string_view s = v;
    while (!s.empty()) {
      const size_t c = s.find(',');
      const std::string_view item = s.substr(0, c);
      double x;
      if (!parse_double(item, x)) return bad("expected comma-separated finite numbers");
      out.push_back(x);
      if (c == std::string_view::npos) break;
      s.remove_prefix(c + 1);
      if (s.empty()) return bad("trailing comma");
    }
    p.*m = std::move(out);
    return {};
  }
};

struct Getter {
  const Params& p;
  std::string operator()(std::string Params::*m) const { return p.*m; }
  std::string operator()(Index Params::*m) const { return std::to_string(p.*m); }
  std::string operator()(double Params::*m) const { return format_double(p.*m); }
  std::string operator()(bool Params::*m) const { return p.*m ? "true" : "false"; }
  std::string operator()(std::uint64_t Params::*m) const { return std::to_string(p.*m); }
  std::string operator()(std::vector<double> Params::*m) const {
    std::string s;
    for (size_t i = 0; i < (p.*m).size(); ++i) {
      if (i) s += ',';
      s += format_double((p.*m)[i]);
    }
    return s;
  }
};

// Keys that are not meaningful (or are reset) for some data presets are still accepted: the
// canonical query always lists every field, so a round trip stays an identity.

}  // namespace

Status set_param(Params& p, std::string_view key, std::string_view value) {
  const Field* f = find_field(key);
  if (!f) return Status::fail("unknown parameter " + quoted(key));
  return std::visit(Setter{p, *f, value}, f->m);
}

std::vector<std::string> param_keys() {
  std::vector<std::string> k;
  for (const Field& f : fields()) k.push_back(f.key);
  return k;
}

std::vector<ParamDoc> param_docs() {
  struct Kind {
    const char* operator()(std::string Params::*) const { return "NAME"; }
    const char* operator()(Index Params::*) const { return "INT"; }
    const char* operator()(double Params::*) const { return "NUMBER"; }
    const char* operator()(bool Params::*) const { return "BOOL"; }
    const char* operator()(std::uint64_t Params::*) const { return "UINT64"; }
    const char* operator()(std::vector<double> Params::*) const { return "NUMBERS"; }
  };
  const Params defaults;
  std::vector<ParamDoc> out;
  for (const Field& f : fields()) {
    ParamDoc d;
    d.key = f.key;
    d.type = std::visit(Kind{}, f.m);
    d.meaning = f.meaning;
    d.default_value = std::visit(Getter{defaults}, f.m);
    for (const char* n : f.names) d.allowed += std::string(d.allowed.empty() ? "" : "|") + n;
    if (std::holds_alternative<bool Params::*>(f.m))
      d.allowed = "true|false|1|0";
    else if (std::holds_alternative<std::uint64_t Params::*>(f.m))
      d.allowed = "[0, 2^64 - 1]";
    else if (f.names.empty())
      d.allowed = "[" + format_double(f.r.lo) + ", " + format_double(f.r.hi) + "]";
    out.push_back(std::move(d));
  }
  return out;
}

std::string to_query(const Params& p) {
  std::string q;
  for (const Field& f : fields()) append_query(q, f.key, std::visit(Getter{p}, f.m));
  return q;
}

Status apply_query(Params& p, std::string_view query) {
  auto pairs = parse_query(query, kMaxQueryBytes);
  if (!pairs.ok()) return Status::fail("query: " + pairs.error);
  for (const QueryPair& kv : pairs.value)
    if (Status st = set_param(p, kv.key, kv.value); !st.ok()) return st;
  return {};
}

Result<Params> from_query(std::string_view query) {
  Params p;
  if (Status st = apply_query(p, query); !st.ok()) return Result<Params>::fail(st.error);
  if (Status st = validate(p); !st.ok()) return Result<Params>::fail(st.error);
  return Result<Params>::success(std::move(p));
}

Json to_json(const Params& p) {
  Json o = Json::object();
  for (const Field& f : fields()) {
    Json v;
    if (auto m = std::get_if<std::string Params::*>(&f.m))
      v = Json::string(p.**m);
    else if (auto mi = std::get_if<Index Params::*>(&f.m))
      v = Json::number(double(p.**mi));
    else if (auto md = std::get_if<double Params::*>(&f.m))
      v = Json::number(p.**md);
    else if (auto mb = std::get_if<bool Params::*>(&f.m))
      v = Json::boolean(p.**mb);
    else if (auto ms = std::get_if<std::uint64_t Params::*>(&f.m))
      v = Json::string(std::to_string(p.**ms));  // exact beyond 2^53
    else if (auto mv = std::get_if<std::vector<double> Params::*>(&f.m)) {
      v = Json::array();
      for (double x : p.**mv) v.push(Json::number(x));
    }
    o.set(f.key, std::move(v));
  }
  return o;
}

Status apply_json(Params& p, const Json& j) {
  if (j.type != Json::Type::object) return Status::fail("params JSON must be an object");
  for (const auto& [key, v] : j.obj) {
    std::string text;
    switch (v.type) {
      case Json::Type::string: text = v.str; break;
      case Json::Type::boolean: text = v.b ? "true" : "false"; break;
      case Json::Type::number: {
        // Integers are written without exponent so the integer parsers accept them.
        if (std::abs(v.num) < 9e15 && v.num == std::floor(v.num))
          text = std::to_string((long long)v.num);
        else
          text = format_double(v.num);
        break;
      }
      case Json::Type::array:
        for (size_t i = 0; i < v.arr.size(); ++i) {
          if (v.arr[i].type != Json::Type::number) return Status::fail(key + ": array entries must be numbers");
          if (i) text += ',';
          text += format_double(v.arr[i].num);
        }
        break;
      default: return Status::fail(key + ": null/object values are not allowed");
    }
    if (Status st = set_param(p, key, text); !st.ok()) return st;
  }
  return {};
}

Result<Params> from_json(const Json& j) {
  Params p;
  if (Status st = apply_json(p, j); !st.ok()) return Result<Params>::fail(st.error);
  if (Status st = validate(p); !st.ok()) return Result<Params>::fail(st.error);
  return Result<Params>::success(std::move(p));
}

Result<Params> from_json_text(std::string_view text) {
  auto j = parse_json(text);
  if (!j.ok()) return Result<Params>::fail(j.error);
  return from_json(j.value);
}

std::string run_hash(const Params& p) {
  Params q = p;
  q.threads = 1;  // results are bit-identical for any thread count, so it is not an input
  const std::string s = to_query(q) + "#" + kBuildTag;
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace core
