// rqbench: benchmark runner for the reference workloads W1–W3 (../shared/bench) and the checkpoint
// scaling study. Same code natively and in WebAssembly under node (src/cli is native-only).
//   rqbench --workload W1|W2|W3 [--threads T] [--repeat R] [--traj FILE] [--n N --steps S --every E]
//   rqbench --scaling [--threads T] [--reps R] [--ns 256,512,...] [--widths 16,32,...] [--full-max D]
// Workload mode prints one JSON object per line per run (results + in-process wall time); --traj
// writes the per-checkpoint trajectory of the last run in the format of ../shared/bench/compare.py.
// Scaling mode times one checkpoint (J + Gram/kernel + spectrum + R) for each (N, P) and prints one
// JSON object per line. Timings are never asserted anywhere: scripts/bench.sh reports them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if __has_include(<Spectra/SymEigsSolver.h>)
#include <Spectra/SymEigsSolver.h>
#define RQ_HAVE_SPECTRA 1
#else
#define RQ_HAVE_SPECTRA 0
#endif

#include "bench/workload.hpp"
#include "core/models/data.hpp"
#include "core/flow/experiment.hpp"
#include "core/linalg/isa.hpp"
#include "core/util/json.hpp"
#include "core/ntk/kernel.hpp"
#include "core/models/model.hpp"
#include "core/ntk/spectrum_extreme.hpp"
#include "core/linalg/symeig.hpp"
#include "core/util/thread_pool.hpp"

using namespace core;
using namespace bench;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
std::string num(double v) { return format_double(v); }

const char* kUsage =
    "usage: rqbench --workload W1|W2|W3 [--threads T] [--repeat R] [--traj FILE] [--n N --steps S --every E]\n"
    "       rqbench --scaling [--threads T] [--reps R] [--ns 256,512,1024] [--widths 16,32,64] [--full-max D]\n";

std::vector<long> parse_list(const char* s) {
  std::vector<long> out;
  for (const char* p = s; *p;) {
    char* end = nullptr;
    const long v = std::strtol(p, &end, 10);
    if (end == p) break;
    out.push_back(v);
    p = *end == ',' ? end + 1 : end;
  }
  return out;
}

const char* build_tag() {
#if defined(__EMSCRIPTEN__)
#if defined(__EMSCRIPTEN_PTHREADS__)
  const char* t = "wasm-mt";
#else
  const char* t = "wasm-st";
#endif
#else
  const char* t = "native";
#endif
  return t;
}

// The kernels' ISA path (isa.hpp: sse2 | avx2 | avx512 natively, simd128 in wasm), plus -march=native
// when the whole build has it (native-fast: Eigen's code then uses the native ISA too).
std::string simd_tag() {
  std::string s = isa_name(isa_path());
#if defined(RQ_MARCH_NATIVE)
  s += "+march-native";
#endif
  return s;
}

int run_workload(const std::string& w, int threads, int repeat, const std::string& traj, long n, long steps,
                 long every) {
  BenchConfig c;
  c.workload = w;
  c.threads = threads;
  if (n > 0) c.n = n;
  if (steps > 0) c.steps = steps;
  if (every > 0) c.every = every;
  for (int rep = 0; rep < repeat; ++rep) {
    const auto t0 = Clock::now();
    std::string line = "{\"workload\":\"" + w + "\",\"impl\":\"rqbench-" + std::string(build_tag()) + "\",\"simd\":\"" +
                       simd_tag() + "\",\"cpu\":\"" + cpu_model() + "\",\"threads\":" + std::to_string(threads) +
                       ",\"rep\":" + std::to_string(rep);
    if (w == "W3") {
      auto r = run_bench_w3(c);
      const double wall = since(t0);
      if (!r.ok()) {
        std::fprintf(stderr, "rqbench: %s\n", r.error.c_str());
        return 1;
      }
      const BenchW3Result& b = r.value;
      line += ",\"wall_s\":" + num(wall) + ",\"N\":" + num(double(b.N)) + ",\"loss0\":" + num(b.loss0) +
              ",\"eig_max\":" + num(b.eig_max) + ",\"eig_P_th_largest\":" + num(b.eig_P_th_largest) +
              ",\"eig_min\":" + num(b.eig_min) + ",\"trace\":" + num(b.trace) +
              ",\"max_abs_diff_topP_vs_gram\":" + num(b.max_abs_diff_topP_vs_gram) +
              ",\"timings_s\":{\"setup\":" + num(b.time.setup) + ",\"jac\":" + num(b.time.jac) +
              ",\"gram\":" + num(b.time.gram) + ",\"eig\":" + num(b.time.eig) + ",\"total\":" + num(b.time.total) +
              "}}";
    } else {
      auto r = run_bench_flow(c);
      const double wall = since(t0);
      if (!r.ok()) {
        std::fprintf(stderr, "rqbench: %s\n", r.error.c_str());
        return 1;
      }
      const BenchFlowResult& b = r.value;
      const BenchCheckpoint& last = b.ckpts.back();
      line += ",\"wall_s\":" + num(wall) + ",\"final_loss\":" + num(b.final_loss) + ",\"min_R\":" + num(b.min_R) +
              ",\"min_R_step\":" + num(double(b.min_R_step)) + ",\"eig_min_last\":" + num(last.eig_min) +
              ",\"eig_max_last\":" + num(last.eig_max) +
              (b.has_eig_N ? ",\"eig_N_last\":" + num(last.eig_N) : std::string()) + ",\"status\":\"" + b.status +
              "\",\"timings_s\":{\"setup\":" + num(b.time.setup) + ",\"steps\":" + num(b.time.flow) +
              ",\"gram\":" + num(b.time.gram) + ",\"eig\":" + num(b.time.eig) + ",\"helped\":" + num(b.time.helped) +
              ",\"idle\":" + num(b.time.idle) + ",\"tail\":" + num(b.time.tail) + ",\"warm\":" + num(b.time.warm) +
              ",\"total\":" + num(b.time.total) + "}}";
      if (!traj.empty() && rep == repeat - 1) {
        std::string t = "{\"workload\":\"" + w + "\",\"impl\":\"rqbench-" + build_tag() + "\",\"checkpoints\":[";
        for (size_t i = 0; i < b.ckpts.size(); ++i) {
          const BenchCheckpoint& k = b.ckpts[i];
          t += std::string(i ? ",\n" : "\n") + "{\"step\":" + num(double(k.step)) + ",\"loss\":" + num(k.loss) +
               ",\"R\":" + num(k.R) + ",\"eig_min\":" + num(k.eig_min) + ",\"eig_max\":" + num(k.eig_max) +
               (b.has_eig_N ? ",\"eig_N\":" + num(k.eig_N) : std::string()) + "}";
        }
        t += "]}\n";
        FILE* f = std::fopen(traj.c_str(), "wb");
        if (!f || std::fwrite(t.data(), 1, t.size(), f) != t.size()) {
          std::fprintf(stderr, "rqbench: cannot write %s\n", traj.c_str());
          if (f) std::fclose(f);
          return 1;
        }
        std::fclose(f);
      }
    }
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
  return 0;
}

#if RQ_HAVE_SPECTRA
// Matrix-free Gram/kernel operator for Lanczos: y = Jᵀ(J x)·w (P×P) — never forms G or K.
struct GramOp {
  using Scalar = double;
  const Mat& J;
  double w;
  mutable Vec tmp;
  Index rows() const { return J.cols(); }
  Index cols() const { return J.cols(); }
  void perform_op(const double* x, double* y) const {
    tmp.noalias() = J * Eigen::Map<const Vec>(x, J.cols());
    Eigen::Map<Vec>(y, J.cols()).noalias() = w * (J.transpose() * tmp);
  }
};
#endif

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// One checkpoint of the two-layer tanh student on the bench data, for each N and width m
// (P = m(d+1)): Jacobian, R (matrix-free), and the spectrum through G (P×P) and through K (N×N).
int run_scaling(int threads, int reps, std::vector<long> ns, std::vector<long> widths, long full_max) {
  ThreadPool pool(threads);
  for (long m : widths) {
    for (long n : ns) {
      BenchConfig c;
      c.workload = "W1";
      c.n = n;
      c.width = m;
      c.steps = 1;
      c.every = 1;
      c.threads = threads;
      auto p = bench_params(c);
      if (!p.ok()) {
        std::fprintf(stderr, "rqbench: %s\n", p.error.c_str());
        return 1;
      }
      ExperimentOptions opt;
      opt.spectrum = false;
      opt.pool = &pool;                           // not a second, idle pool (web-mt preloads only T − 1 workers)
      auto e = Experiment::create(p.value, opt);  // bench data, model and θ₀ exactly as W1
      if (!e.ok()) {
        std::fprintf(stderr, "rqbench: %s\n", e.error.c_str());
        return 1;
      }
      const Model& mo = e.value->model();
      const Dataset& ds = e.value->data();
      const Vec theta = e.value->theta0();
      const Index N = ds.N(), P = mo.P();
      const Vec wk = repeat_weights(ds.w, 1);
      Mat F, J, G, K;
      mo.f(ds.X, theta, F);
      const Vec g = flatten_rows(F - ds.Y);
      std::vector<double> tj, tr, tgram, teigG, tker, teigK, tlan, text;
      double lmaxG = 0, lmaxK = 0, lmaxL = 0, Rv = 0, lminG = 0, lminK = 0, lminE = 0, lmaxE = 0;
      const Index r_small = std::min(N, P);  // the nonzero spectrum: λ_min over it is the smallest nonzero
      const bool do_full_G = P <= full_max, do_full_K = N <= full_max;
      for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        jacobian(mo, ds.X, theta, J, &pool);
        tj.push_back(since(t0));
        t0 = Clock::now();
        Rv = rayleigh(J, wk, g);
        tr.push_back(since(t0));
        if (do_full_G) {
          t0 = Clock::now();
          gram(J, wk, G, &pool);
          tgram.push_back(since(t0));
          t0 = Clock::now();
          const Vec ev = sym_eigenvalues_inplace(G, &pool);
          teigG.push_back(since(t0));
          lmaxG = ev[ev.size() - 1];
          lminG = ev[ev.size() - r_small];
        }
        if (do_full_K) {
          t0 = Clock::now();
          kernel_matrix(J, wk, K, &pool);
          tker.push_back(since(t0));
          t0 = Clock::now();
          const Vec ev = sym_eigenvalues_inplace(K, &pool);
          teigK.push_back(since(t0));
          lmaxK = ev[ev.size() - 1];
          lminK = ev[ev.size() - r_small];
        }
        // Extreme eigenvalues without the full spectrum: λ_max (Lanczos) and λ_min / smallest nonzero
        // (shift-invert Lanczos on one Cholesky factor of the smaller of G and K).
        t0 = Clock::now();
        const ExtremeSpectrum ex = extreme_spectrum(J, wk, &pool);
        text.push_back(since(t0));
        lmaxE = ex.lambda_max;
        lminE = ex.ok() ? ex.lambda_min_nonzero : -1.0;
#if RQ_HAVE_SPECTRA
        t0 = Clock::now();
        GramOp op{J, wk(0), Vec()};
        const Index nev = 1, ncv = std::min<Index>(20, std::min(N, P));
        Spectra::SymEigsSolver<GramOp> eigs(op, nev, ncv);
        eigs.init();
        eigs.compute(Spectra::SortRule::LargestAlge, 1000, 1e-12);
        lmaxL = eigs.info() == Spectra::CompInfo::Successful ? eigs.eigenvalues()[0] : -1.0;
        tlan.push_back(since(t0));
#endif
      }
      auto med = [](const std::vector<double>& v) { return v.empty() ? std::string("null") : num(median(v)); };
      const double jr = median(tj) + median(tr);
      std::string line = "{\"impl\":\"rqbench-" + std::string(build_tag()) + "\",\"simd\":\"" + simd_tag() +
                         "\",\"cpu\":\"" + cpu_model() + "\",\"threads\":" + std::to_string(threads) +
                         ",\"N\":" + std::to_string(N) + ",\"m\":" + std::to_string(m) + ",\"P\":" + std::to_string(P) +
                         ",\"reps\":" + std::to_string(reps) + ",\"jac_s\":" + med(tj) + ",\"R_s\":" + med(tr) +
                         ",\"gram_s\":" + med(tgram) + ",\"eigG_s\":" + med(teigG) + ",\"kernel_s\":" + med(tker) +
                         ",\"eigK_s\":" + med(teigK) + ",\"lanczos_max_s\":" + med(tlan);
      line += ",\"ckpt_G_s\":" + (do_full_G ? num(jr + median(tgram) + median(teigG)) : std::string("null"));
      line += ",\"ckpt_K_s\":" + (do_full_K ? num(jr + median(tker) + median(teigK)) : std::string("null"));
      line += ",\"ckpt_lanczos_s\":" + (tlan.empty() ? std::string("null") : num(jr + median(tlan)));
      line += ",\"extreme_s\":" + med(text) + ",\"ckpt_extreme_s\":" + num(jr + median(text));
      line += ",\"lmin_G\":" + (do_full_G ? num(lminG) : std::string("null")) +
              ",\"lmin_K\":" + (do_full_K ? num(lminK) : std::string("null")) + ",\"lmin_extreme\":" + num(lminE) +
              ",\"lmax_extreme\":" + num(lmaxE);
      line += ",\"R\":" + num(Rv) + ",\"lmax_G\":" + (do_full_G ? num(lmaxG) : std::string("null")) +
              ",\"lmax_K\":" + (do_full_K ? num(lmaxK) : std::string("null")) +
              ",\"lmax_lanczos\":" + (tlan.empty() ? std::string("null") : num(lmaxL)) + "}";
      std::printf("%s\n", line.c_str());
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Eigen's GEMM allocates its packing buffers per product (> 128 KB): with glibc's defaults every
  // allocation is a fresh mmap + page faults (seconds of system time over W1). Keep them on the heap.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
  if (const std::string note = isa_note(); !note.empty()) std::fprintf(stderr, "rqbench: %s\n", note.c_str());
  std::string workload, traj;
  bool scaling = false;
  int threads = 1, repeat = 1, reps = 3;
  long n = 0, steps = 0, every = 0, full_max = 4096;
  std::vector<long> ns = {256, 512, 1024, 2048, 4096}, widths = {16, 32, 64, 128};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has = i + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::printf("%s", kUsage);
      return 0;
    }
    if (a == "--scaling") {
      scaling = true;
      continue;
    }
    if (!has) {
      std::fprintf(stderr, "rqbench: %s needs a value\n%s", a.c_str(), kUsage);
      return 2;
    }
    const char* v = argv[++i];
    if (a == "--workload")
      workload = v;
    else if (a == "--threads")
      threads = std::atoi(v);
    else if (a == "--repeat")
      repeat = std::atoi(v);
    else if (a == "--reps")
      reps = std::atoi(v);
    else if (a == "--traj")
      traj = v;
    else if (a == "--n")
      n = std::atol(v);
    else if (a == "--steps")
      steps = std::atol(v);
    else if (a == "--every")
      every = std::atol(v);
    else if (a == "--ns")
      ns = parse_list(v);
    else if (a == "--widths")
      widths = parse_list(v);
    else if (a == "--full-max")
      full_max = std::atol(v);
    else {
      std::fprintf(stderr, "rqbench: unknown option %s\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (threads < 1 || threads > 64 || repeat < 1 || reps < 1) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  if (scaling) return run_scaling(threads, reps, ns, widths, full_max);
  if (workload != "W1" && workload != "W2" && workload != "W3") {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  return run_workload(workload, threads, repeat, traj, n, steps, every);
}
