// rqflow: run one gradient-flow experiment (or a bench workload W1–W3) from the command line.
//   rqflow --model two_layer --sigma tanh --width 64 --data bench --n 256 --csv out.csv --out run.json
//   rqflow --query 'model=poly&degree=1&data=population&method=dopri5&t_end=5'
//   rqflow --json params.json [--key value ...]            (flags override the file / query)
//   rqflow --workload W2 [--traj W2.json] [--seed --d --teacher-width --width --n --eta --steps --every --threads]
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>  // Debian libcli11-dev; it throws on bad input, which is fine here (never in core)

#include "bench/workload.hpp"
#include "core/flow/experiment.hpp"
#include "core/linalg/isa.hpp"
#include "core/util/json.hpp"
#include "core/flow/params.hpp"

using namespace core;
using namespace bench;

namespace {

int fail(const std::string& msg, int code = 2) {
  std::cerr << "rqflow: " << msg << "\n";
  return code;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream s;
  s << f.rdbuf();
  out = s.str();
  return bool(f) || f.eof();
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  return bool(f);
}

std::string build_info() {
  std::string s = kBuildTag;
#if defined(RQ_MARCH_NATIVE)
  s += "; -march=native";
#endif
#if defined(__clang__)
  s += "; clang " __clang_version__;
#elif defined(__GNUC__)
  s += "; g++ " __VERSION__;
#endif
  return s;
}

Json num(double v) { return Json::number(v); }

bool parse_index(const std::string& v, Index& out) {
  try {
    size_t pos = 0;
    const long long x = std::stoll(v, &pos);
    if (pos != v.size()) return false;
    out = Index(x);
    return true;
  } catch (...) { return false; }
}

// ---- bench workloads ----
int run_workload(const std::string& w, const std::vector<std::pair<std::string, std::string>>& flags,
                 const std::string& traj, const std::string& out_path) {
  BenchConfig c;
  c.workload = w;
  const std::string known = " seed d teacher_width width n eta steps every threads ";
  for (const auto& [k, v] : flags) {
    Index x = 0;
    if (known.find(" " + k + " ") == std::string::npos)
      return fail("--" + k + " is not a workload option (seed d teacher-width width n eta steps every threads)");
    if (k == "eta") {
      try {
        size_t pos = 0;
        c.eta = std::stod(v, &pos);
        if (pos != v.size() || !(c.eta > 0) || c.eta > 1e6) return fail("--eta: expected a number in (0, 1e6]");
      } catch (...) { return fail("--eta: expected a number"); }
      continue;
    }
    if (!parse_index(v, x)) return fail("--" + k + ": expected an integer, got '" + v + "'");
    if (k == "seed") {
      if (x < 0) return fail("--seed must be >= 0");
      c.seed = std::uint64_t(x);
    } else if (k == "d")
      c.d = x;
    else if (k == "teacher_width")
      c.teacher_width = x;
    else if (k == "width")
      c.width = x;
    else if (k == "n")
      c.n = x;
    else if (k == "steps")
      c.steps = x;
    else if (k == "every")
      c.every = x;
    else if (k == "threads")
      c.threads = x;
  }
  Json res = Json::object();
  res.set("workload", Json::string(w));
  res.set("impl", Json::string("rqflow-cpp-eigen"));
  if (w == "W3") {
    auto r = run_bench_w3(c);
    if (!r.ok()) return fail(r.error, 1);
    const BenchW3Result& b = r.value;
    res.set("N", num(double(b.N)));
    res.set("loss0", num(b.loss0));
    res.set("eig_max", num(b.eig_max));
    res.set("eig_P_th_largest", num(b.eig_P_th_largest));
    res.set("eig_min", num(b.eig_min));
    res.set("trace", num(b.trace));
    res.set("n_eig_above_1e-10", num(double(b.n_eig_above_1e_10)));
    res.set("max_abs_diff_top576_vs_PxP_gram", num(b.max_abs_diff_topP_vs_gram));
    Json t = Json::object();
    t.set("setup", num(b.time.setup));
    t.set("jac", num(b.time.jac));
    t.set("gram", num(b.time.gram));
    t.set("eig", num(b.time.eig));
    t.set("total", num(b.time.total));
    res.set("timings_s", t);
    res.set("run_hash", Json::string(b.run_hash));
  } else {
    auto r = run_bench_flow(c);
    if (!r.ok()) return fail(r.error, 1);
    const BenchFlowResult& b = r.value;
    const BenchCheckpoint& last = b.ckpts.back();
    res.set("final_loss", num(b.final_loss));
    res.set("min_R", num(b.min_R));
    res.set("min_R_step", num(double(b.min_R_step)));
    res.set("eig_min_last", num(last.eig_min));
    res.set("eig_max_last", num(last.eig_max));
    if (b.has_eig_N) res.set("eig_N_last", num(last.eig_N));
    res.set("n_checkpoints", num(double(b.ckpts.size())));
    res.set("status", Json::string(b.status));
    Json t = Json::object();
    t.set("setup", num(b.time.setup));
    t.set("steps", num(b.time.flow));
    t.set("gram", num(b.time.gram));
    t.set("eig", num(b.time.eig));
    t.set("total", num(b.time.total));
    res.set("timings_s", t);
    res.set("threads", num(double(c.threads)));
    res.set("run_hash", Json::string(b.run_hash));
    if (!traj.empty()) {
      Json tj = Json::object();
      tj.set("workload", Json::string(w));
      tj.set("impl", Json::string("rqflow-cpp-eigen"));
      Json arr = Json::array();
      for (const BenchCheckpoint& k : b.ckpts) {
        Json o = Json::object();
        o.set("step", num(double(k.step)));
        o.set("loss", num(k.loss));
        o.set("R", num(k.R));
        o.set("eig_min", num(k.eig_min));
        o.set("eig_max", num(k.eig_max));
        if (b.has_eig_N) o.set("eig_N", num(k.eig_N));
        arr.push(std::move(o));
      }
      tj.set("checkpoints", std::move(arr));
      if (!write_file(traj, to_json(tj, 0) + "\n")) return fail("cannot write " + traj, 1);
    }
  }
  res.set("build", Json::string(build_info()));
  res.set("isa", Json::string(isa_name(isa_path())));  // the kernels' ISA path (paths differ in the last bits)
  res.set("cpu", Json::string(cpu_model()));
  const std::string text = to_json(res, 1) + "\n";
  std::cout << text;
  if (!out_path.empty() && !write_file(out_path, text)) return fail("cannot write " + out_path, 1);
  return 0;
}

// ---- generic experiment ----
std::string csv_of(const Trace& tr) {
  std::string s;
  std::vector<Col> cols;
  for (int c = 0; c < kCols; ++c)
    if (tr.active(Col(c))) cols.push_back(Col(c));
  for (size_t j = 0; j < cols.size(); ++j) s += std::string(j ? "," : "") + col_name(cols[j]);
  s += "\n";
  for (Index i = 0; i < tr.size(); ++i) {
    for (size_t j = 0; j < cols.size(); ++j) s += std::string(j ? "," : "") + format_double(tr.at(cols[j], i));
    s += "\n";
  }
  return s;
}

Json record_of(const Experiment& x, double seconds) {
  Json r = Json::object();
  r.set("params", to_json(x.params()));
  r.set("query", Json::string(to_query(x.params())));
  r.set("run_hash", Json::string(x.run_hash()));
  r.set("build", Json::string(build_info()));
  r.set("isa", Json::string(isa_name(isa_path())));  // the kernels' ISA path (paths differ in the last bits)
  r.set("cpu", Json::string(cpu_model()));
  r.set("status", Json::string(to_string(x.status())));
  if (x.status() == RunStatus::nonfinite || x.status() == RunStatus::blowup || x.status() == RunStatus::step_collapse)
    r.set("t_fail", num(x.t_fail()));
  if (x.status() == RunStatus::step_collapse)
    r.set("status_note", Json::string("the adaptive step size collapsed or stalled; a non-smooth model (ReLU kinks) "
                                      "makes Dormand-Prince chatter: try method=euler or rk4"));
  r.set("steps", num(double(x.steps())));
  r.set("evals", num(double(x.evals())));
  r.set("t", num(x.t()));
  r.set("P", num(double(x.model().P())));
  r.set("N", num(double(x.data().N())));
  Json data = Json::object();
  data.set("label", Json::string(x.data().label));
  data.set("population", Json::boolean(x.data().population));
  if (x.data().population) data.set("exact", Json::boolean(x.data().exact));
  r.set("data", std::move(data));
  if (x.margin() > 0) r.set("margin", num(x.margin()));
  const Trace& tr = x.trace();
  r.set("n_checkpoints", num(double(tr.size())));
  r.set("spectrum",
        Json::string(x.partial_spectrum() ? "extreme (Lanczos: lambda_max, lambda_min, smallest nonzero; no rank)"
                                          : "full"));
  if (tr.size() > 0) {
    Json f = Json::object();
    for (int c = 0; c < kCols; ++c)
      if (tr.active(Col(c))) f.set(col_name(Col(c)), num(tr.back(Col(c))));
    double min_R = tr.at(Col::R, 0);
    for (double v : tr.col(Col::R)) min_R = std::min(min_R, v);
    f.set("min_R", num(min_R));
    r.set("final", std::move(f));
  }
  auto kl = x.kl_fit();
  if (kl.ok()) {
    Json k = Json::object();
    k.set("c", num(kl.value.c));
    k.set("alpha", num(kl.value.alpha));
    r.set("kl_envelope", std::move(k));
  }
  r.set("wall_s", num(seconds));
  return r;
}

// ---- the command line: rqflow's own options, then one option per parameter (core::param_docs()) ----
struct ParamOption {
  core::ParamDoc doc;
  CLI::Option* opt = nullptr;
  std::string value;
};

std::string dashed(std::string k) {
  for (char& c : k)
    if (c == '_') c = '-';
  return k;
}

// "--help KEY": one option's full entry (parameters: meaning, type, default, allowed values).
int help_key(const CLI::App& app, const std::deque<ParamOption>& params, std::string key) {
  while (!key.empty() && key.front() == '-') key.erase(0, 1);
  for (char& c : key)
    if (c == '-') c = '_';
  for (const ParamOption& p : params)
    if (p.doc.key == key) {
      std::cout << "--" << dashed(key) << " " << p.doc.type << "   (query/JSON key: " << key << ")\n  " << p.doc.meaning
                << "\n  default: " << (p.doc.default_value.empty() ? "(empty)" : p.doc.default_value)
                << "\n  allowed: " << p.doc.allowed << "\n";
      return 0;
    }
  for (const CLI::Option* o : app.get_options())
    if (o->check_lname(key) || o->check_lname(dashed(key))) {
      std::cout << o->get_name() << " " << o->get_type_name() << "\n  " << o->get_description() << "\n";
      return 0;
    }
  return fail("--help: no option or parameter '" + key + "' (rqflow --help lists them)");
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Eigen's matrix products allocate their packing buffers (> 128 KB) per call: with glibc's defaults
  // each is a fresh mmap and page faults (seconds of system time over W1). Keep them on the heap.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
  // The kernels' ISA path is chosen now (cpuid, RQ_ISA=sse2|avx2|avx512 to force one).
  if (const std::string note = isa_note(); !note.empty()) std::cerr << "rqflow: " << note << "\n";
  std::string query, json_path, csv_path, out_path, traj_path, workload, spectrum = "auto", steps_s, every_s;
  bool quiet = false;

  CLI::App app{
      "rqflow: run one gradient-flow experiment, or a reference workload W1-W3, and write its record.\n"
      "  rqflow --model two_layer --sigma tanh --width 64 --data bench --n 256 --csv out.csv --out run.json\n"
      "  rqflow --query 'model=poly&degree=1&data=population&method=dopri5&t_end=5'\n"
      "  rqflow --json params.json [--KEY VALUE ...]      (options override the file, then the query)\n"
      "  rqflow --workload W2 [--traj W2.json] [--seed --d --teacher-width --width --n --eta --steps --every --threads]\n"
      "  rqflow --help [KEY]                             (one option or parameter in full)",
      "rqflow"};
  app.set_help_flag();  // --help [KEY] is handled before parsing
  app.footer(
      "Parameters accept --key-with-dashes or --key_with_underscores, and --key=value.\n"
      "Exit codes: 0 done, 1 cannot read/write or run, 2 bad command line or parameters, "
      "3 the flow diverged or stopped early (the record says why).");
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // a repeated option: the last wins
  const char* run = "Run";
  app.add_option("--query", query, "parameters as a URL query (docs/url-state.md)")->type_name("'k=v&...'")->group(run);
  app.add_option("--json", json_path, "parameters from a JSON object, or a run record written by --out")
      ->type_name("FILE")
      ->group(run);
  app.add_option("--csv", csv_path, "write the trace (one row per checkpoint)")->type_name("FILE")->group(run);
  app.add_option("--out", out_path, "write the JSON record (also printed unless --quiet)")
      ->type_name("FILE")
      ->group(run);
  app.add_flag("--quiet", quiet, "do not print the record")->group(run);
  app.add_option("--spectrum", spectrum,
                 "tangent-kernel spectrum per checkpoint: auto (full up to 1024, else "
                 "extreme), full, extreme (lambda_max, lambda_min, smallest nonzero only)")
      ->type_name("auto|full|extreme")
      ->group(run);
  CLI::Option* steps_opt =
      app.add_option("--steps", steps_s, "fixed-step runs: number of steps (sets t_end = steps*eta); workloads: steps")
          ->type_name("INT")
          ->group(run);
  CLI::Option* every_opt =
      app.add_option("--every", every_s, "with --steps: a checkpoint every E steps")->type_name("INT")->group(run);
  const char* wl = "Reference workloads (../shared/bench)";
  app.add_option("--workload", workload,
                 "run W1, W2 or W3 with the bench options (seed d teacher-width width n "
                 "eta steps every threads)")
      ->type_name("W1|W2|W3")
      ->group(wl);
  app.add_option("--traj", traj_path, "with --workload: write the checkpoint trajectory")->type_name("FILE")->group(wl);
  // One option per parameter, from core's table (the same one the query and JSON readers use); the
  // values are checked by set_param() after parsing, so every source gives the same messages.
  std::deque<ParamOption> params;  // stable addresses: CLI11 keeps pointers to the values
  for (const core::ParamDoc& d : param_docs()) {
    ParamOption& p = params.emplace_back();
    p.doc = d;
    std::string names = "--" + dashed(d.key);
    if (d.key != dashed(d.key)) names += ",--" + d.key;
    const std::string def = d.default_value.empty() ? "" : " (default " + d.default_value + ")";
    p.opt = app.add_option(names, p.value, d.meaning + def)
                ->type_name(d.type + " " + d.allowed)
                ->group("Parameters (the keys of --query and --json)");
  }

  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      if (i + 1 < argc) return help_key(app, params, argv[i + 1]);  // KEY, --KEY or key_name
      std::cout << app.help();
      return 0;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) { return fail(std::string(e.what()) + " (see --help)"); }
  // Given options as (key, value), in the table's order (each key at most once).
  std::vector<std::pair<std::string, std::string>> flags;
  for (const ParamOption& p : params)
    if (p.opt->count() > 0) flags.emplace_back(p.doc.key, p.value);
  if (steps_opt->count() > 0) flags.emplace_back("steps", steps_s);
  if (every_opt->count() > 0) flags.emplace_back("every", every_s);
  Index steps = -1, every = -1;
  if (!workload.empty()) {
    if (!query.empty() || !json_path.empty() || !csv_path.empty())
      return fail("--workload cannot be combined with --query, --json or --csv");
    if (workload != "W1" && workload != "W2" && workload != "W3") return fail("--workload must be W1, W2 or W3");
    return run_workload(workload, flags, traj_path, out_path);
  }
  if (!traj_path.empty()) return fail("--traj is only for --workload");

  Params p;
  if (!json_path.empty()) {
    std::string text;
    if (!read_file(json_path, text)) return fail("cannot read " + json_path, 1);
    auto j = parse_json(text);
    if (!j.ok()) return fail(json_path + ": " + j.error);
    // Accept either a bare params object or a run record {"params": {...}} written by --out.
    const Json* obj = j.value.find("params") ? j.value.find("params") : &j.value;
    if (Status st = apply_json(p, *obj); !st.ok()) return fail(json_path + ": " + st.error);
  }
  if (!query.empty())
    if (Status st = apply_query(p, query); !st.ok()) return fail("--query: " + st.error);
  for (const auto& [k, v] : flags) {
    if (k == "steps" || k == "every") {
      Index x = 0;
      if (!parse_index(v, x) || x < 1) return fail("--" + k + ": expected a positive integer");
      (k == "steps" ? steps : every) = x;
      continue;
    }
    if (Status st = set_param(p, k, v); !st.ok()) return fail(st.error);
  }
  if (steps > 0) {
    if (p.method == "dopri5") return fail("--steps needs a fixed-step method (euler|rk4); use --t-end");
    p.t_end = double(steps) * p.eta;
    if (every > 0) {
      if (steps % every) return fail("--steps must be a multiple of --every");
      p.checkpoints = steps / every + 1;
    }
  } else if (every > 0)
    return fail("--every needs --steps");
  if (Status st = validate(p); !st.ok()) return fail(st.error);

  const auto t0 = std::chrono::steady_clock::now();
  ExperimentOptions opt;
  if (spectrum == "full")
    opt.spectrum_mode = SpectrumMode::full;
  else if (spectrum == "extreme")
    opt.spectrum_mode = SpectrumMode::extreme;
  else if (spectrum != "auto")
    return fail("--spectrum must be auto, full or extreme");
  auto e = Experiment::create(p, std::move(opt));
  if (!e.ok()) return fail(e.error, 1);
  Experiment& x = *e.value;
  while (x.advance(1 << 16) == RunStatus::running) {}
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string rec = to_json(record_of(x, secs), 1) + "\n";
  if (!quiet) std::cout << rec;
  if (!out_path.empty() && !write_file(out_path, rec)) return fail("cannot write " + out_path, 1);
  if (!csv_path.empty() && !write_file(csv_path, csv_of(x.trace()))) return fail("cannot write " + csv_path, 1);
  return x.status() == RunStatus::done ? 0 : 3;  // 3: diverged / stopped early (the record says why)
}
