// rqbench_extreme: core::extreme_spectrum (hand-written Lanczos + shift-invert Lanczos) against Spectra 1.0
// (Debian libspectra-dev) on the real use, the tangent kernel of the two-layer tanh model on the bench
// data at θ₀, at equal accuracy (tol 1e-10, the same 4 largest and 4 smallest eigenvalues, the same
// Gram matrix). Native only, run by hand (docs/performance.md has the numbers); never by the tests.
//   rqbench_extreme [--threads T] [--reps R] [--big]   (--big: also N = 4096, P = 2304)
#include <Spectra/SymEigsShiftSolver.h>
#include <Spectra/SymEigsSolver.h>
#include <Spectra/MatOp/DenseSymMatProd.h>
#include <Spectra/MatOp/DenseSymShiftSolve.h>

#include <Eigen/Cholesky>

#include <algorithm>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/linalg/isa.hpp"
#include "core/ntk/kernel.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/util/rng.hpp"
#include "core/ntk/spectrum_extreme.hpp"
#include "core/linalg/symeig.hpp"
#include "core/util/thread_pool.hpp"

using namespace core;

namespace {

// Process CPU seconds: on a shared machine far steadier than wall time (with 2 threads it is the sum).
double cpu_now() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}
double since(double t0) { return cpu_now() - t0; }
double best(std::vector<double> v) { return *std::min_element(v.begin(), v.end()); }

// (A + δI)⁻¹ through the same Cholesky factor as ours: isolates Spectra's Krylov method from the factorization.
struct LltInverseOp {
  using Scalar = double;
  const Eigen::LLT<Mat>& llt;
  Index n;
  Index rows() const { return n; }
  Index cols() const { return n; }
  void perform_op(const double* x, double* y) const { Eigen::Map<Vec>(y, n) = llt.solve(Eigen::Map<const Vec>(x, n)); }
};

struct Case {
  const char* name;
  Index n_data, width;
};

}  // namespace

int main(int argc, char** argv) {
  int threads = 1, reps = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads"))
      threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--reps"))
      reps = std::atoi(argv[i + 1]);
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per case as it finishes
  threads = std::clamp(threads, 1, 16);
  reps = std::clamp(reps, 1, 100);
  ThreadPool pool(threads);
  std::printf("# isa=%s cpu=%s threads=%d reps=%d (best CPU seconds of the process)\n", isa_name(isa_path()),
              cpu_model().c_str(), threads, reps);
  std::printf("%-6s %5s | %9s %9s | %9s %9s %9s | %11s %11s %11s\n", "case", "n", "gram", "ours", "sp_top",
              "sp_bot_llt", "sp_bot_si", "dmax_rel", "dmin_rel", "dmin_si_rel");
  // W3 (N = 2048, P = 576) and the size where the experiment switches to this path (min(N, P) > 1024).
  const bool big = argc > 1 && !std::strcmp(argv[argc - 1], "--big");
  std::vector<Case> cases = {Case{"W3", 2048, 64}};
  if (big) cases.push_back(Case{"P2304", 4096, 256});
  for (const Case c : cases) {
    auto b = bench_data(c.n_data);
    if (!b.ok()) {
      std::fprintf(stderr, "%s\n", b.error.c_str());
      return 1;
    }
    TwoLayerModel m(8, c.width, Activation::tanh, false);
    Vec th = bench_theta0(b.value);
    if (c.width != 64) {  // a seeded N(0, 1/d) start for the wider model
      NormalStream ns(3);
      th.resize(m.P());
      for (Index i = 0; i < m.P(); ++i) th[i] = ns.next() / std::sqrt(8.0);
    }
    Mat J;
    jacobian(m, b.value.X, th, J, &pool);
    const Vec wk = Vec::Constant(c.n_data, 1.0 / double(c.n_data));
    std::vector<double> tg, to, tt, tbl, tbs;
    ExtremeSpectrum e;
    double sp_max = 0, sp_min = 0, sp_min_si = 0;
    Index it_top = 0, it_bot = 0, it_si = 0;  // Spectra's operator applications
    for (int r = 0; r < reps; ++r) {
      double t0 = cpu_now();
      Mat A;
      gram(J, wk, A, &pool);
      tg.push_back(since(t0));
      const Index n = A.rows();
      t0 = cpu_now();
      e = extreme_spectrum(J, wk, &pool);  // forms A itself: its time includes one gram
      to.push_back(since(t0) - tg.back());
      // Spectra, same tolerance and counts (4 top, 4 bottom), default ncv = 2·nev + 1 raised to 20.
      t0 = cpu_now();
      Spectra::DenseSymMatProd<double, Eigen::Lower> op(A);
      Spectra::SymEigsSolver<decltype(op)> top(op, 4, 20);
      top.init();
      top.compute(Spectra::SortRule::LargestAlge, 1000, 1e-10);
      it_top = top.num_operations();
      tt.push_back(since(t0));
      sp_max = top.info() == Spectra::CompInfo::Successful ? top.eigenvalues().maxCoeff() : NAN;
      const double delta = e.shift;
      t0 = cpu_now();
      Mat B = A;
      B.diagonal().array() += delta;
      Eigen::LLT<Mat> llt(B);
      LltInverseOp inv{llt, n};
      Spectra::SymEigsSolver<LltInverseOp> bot(inv, 4, 20);
      bot.init();
      bot.compute(Spectra::SortRule::LargestAlge, 1000, 1e-10);
      it_bot = bot.num_operations();
      tbl.push_back(since(t0));
      sp_min = bot.info() == Spectra::CompInfo::Successful ? 1.0 / bot.eigenvalues().maxCoeff() - delta : NAN;
      // Spectra's own shift-invert (Bunch–Kaufman LDLᵀ of A − σI, σ = −δ).
      t0 = cpu_now();
      Spectra::DenseSymShiftSolve<double, Eigen::Lower> si(A);
      Spectra::SymEigsShiftSolver<decltype(si)> bsi(si, 4, 20, -delta);
      bsi.init();
      bsi.compute(Spectra::SortRule::LargestMagn, 1000, 1e-10);
      it_si = bsi.num_operations();
      tbs.push_back(since(t0));
      sp_min_si = bsi.info() == Spectra::CompInfo::Successful ? bsi.eigenvalues().minCoeff() : NAN;
    }
    // Reference: the full symmetric eigensolver of the same A.
    Mat A;
    gram(J, wk, A, &pool);
    const Vec ev = sym_eigenvalues_inplace(A, &pool);
    const double fmax = ev[ev.size() - 1], fmin = ev[0];
    std::printf("%-6s %5lld | %9.4f %9.4f | %9.4f %9.4f %9.4f | %11.2e %11.2e %11.2e\n", c.name, (long long)J.cols(),
                best(tg), best(to), best(tt), best(tbl), best(tbs), std::abs(sp_max - e.lambda_max) / fmax,
                std::abs(sp_min - e.bottom[0]) / fmin, std::abs(sp_min_si - e.bottom[0]) / fmin);
    std::printf(
        "#   ours: lmax=%.17g lmin=%.17g it_top=%lld it_bot=%lld | full: lmax=%.17g lmin=%.17g | "
        "spectra: lmax=%.17g lmin(llt)=%.17g lmin(si)=%.17g ops=%lld/%lld/%lld\n",
        e.lambda_max, e.bottom[0], (long long)e.iterations_top, (long long)e.iterations_bottom, fmax, fmin, sp_max,
        sp_min, sp_min_si, (long long)it_top, (long long)it_bot, (long long)it_si);
  }
  return 0;
}
