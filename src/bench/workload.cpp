#include "bench/workload.hpp"

#include <chrono>
#include <deque>
#include <vector>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/flow/experiment.hpp"
#include "core/ntk/kernel.hpp"
#include "core/linalg/symeig.hpp"

namespace bench {

using namespace core;

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
}  // namespace

Result<Params> bench_params(const BenchConfig& c) {
  if (c.workload != "W1" && c.workload != "W2" && c.workload != "W3")
    return Result<Params>::fail("workload must be W1, W2 or W3");
  if (c.steps < 1 || c.every < 1 || c.steps % c.every != 0)
    return Result<Params>::fail("steps and every must be >= 1 with steps a multiple of every");
  Params p;
  p.data = "bench";
  p.model = "two_layer";
  p.sigma = "tanh";
  p.bias = false;
  p.loss = "squared";
  p.seed = c.seed;
  p.d = c.d;
  p.teacher_width = c.teacher_width;
  p.width = c.width;
  p.n = c.n > 0 ? c.n : (c.workload == "W2" ? 256 : 2048);
  p.method = "euler";
  p.eta = c.eta;
  p.t_end = double(c.steps) * c.eta;
  p.checkpoints = c.steps / c.every + 1;
  p.threads = c.threads;
  p.blowup = 1e300;  // the workload is defined without a divergence stop
  if (Status st = validate(p); !st.ok()) return Result<Params>::fail(st.error);
  if (p.checkpoints != c.steps / c.every + 1) return Result<Params>::fail("too many checkpoints");
  return Result<Params>::success(p);
}

namespace {

// Checkpoint diagnostics (Gram/kernel + full spectrum) at one θ, always computed serially by one thread,
// so the values never depend on which thread ran them or how many there are.
// N ≥ P: G = JᵀJ/N (P×P) and all its eigenvalues. N < P: the nonzero spectrum of G is the spectrum of
// K = JJᵀ/N (N×N, cheaper: N²P + 4/3 N³ instead of NP² + 4/3 P³); the other P − N eigenvalues of G are
// exactly 0, so eig_min = 0 and eig_N = λ_min(K). (kernel.hpp's tangent_matrix makes the choice; k = 1.)
void checkpoint_spectrum(const Model& model, const Mat& X, const Vec& theta, const Mat& J, const Vec& wk, Mat& S,
                         BenchCheckpoint& b, double& t_gram, double& t_eig) {
  auto t0 = Clock::now();
  const bool from_gram = tangent_matrix(&model, X, theta, J, wk, S, nullptr);
  t_gram += since(t0);
  t0 = Clock::now();
  const Vec ev = sym_eigenvalues_inplace(S, nullptr);
  t_eig += since(t0);
  if (ev.size() == 0) return;
  b.eig_max = ev[ev.size() - 1];
  if (from_gram) {
    b.eig_min = ev[0];
  } else {
    b.eig_min = 0.0;
    b.eig_N = ev[0];
  }
}

// WebAssembly: V8 compiles a function on its first call, on the calling thread; the eigensolver takes
// 0.1–0.3 s. The checkpoint thread compiles it while the flow is being set up (it would only wait), and
// before the flow thread may help with a checkpoint: two threads calling it first at once compiled it
// twice, in parallel (272 and 189 ms, W1 n = 256). Natively this is a few microseconds.
void warm_up_eigensolver() {
  Mat S(64, 64);  // > symeig's panel width, so the blocked paths are compiled too
  for (Index j = 0; j < S.cols(); ++j)
    for (Index i = 0; i < S.rows(); ++i) S(i, j) = 1.0 / double(1 + i + j);
  (void)sym_eigenvalues_inplace(S, nullptr);
}

}  // namespace

Result<BenchFlowResult> run_bench_flow(const BenchConfig& c) {
  using R = Result<BenchFlowResult>;
  const auto t_start = Clock::now();
  auto p = bench_params(c);
  if (!p.ok()) return R::fail(p.error);
  const Index threads = p.value.threads;
  // The flow itself is sequential (one Euler step after the other; the steps use the model's
  // vector–Jacobian product, no J). With ≥ 2 threads the checkpoint diagnostics run on a second thread,
  // overlapped with the flow: the main thread advances the flow and hands each checkpoint's J over;
  // when the hand-over buffers are all busy, or the flow is done, it computes pending checkpoints itself.
  p.value.threads = 1;
  BenchFlowResult out;
  const Index n_ckpt = p.value.checkpoints;
  out.ckpts.resize(size_t(n_ckpt));
  std::vector<double> t_gram(size_t(n_ckpt), 0.0), t_eig(size_t(n_ckpt), 0.0);
  Index recorded = 0;
  Vec wk_copy;

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
  const bool async = threads >= 2;
#else
  const bool async = false;  // single-threaded WebAssembly: no std::thread
  (void)threads;
#endif
  struct Job {
    Index idx = -1;
    Vec theta;
    Mat J;
    Mat S;
  };  // J unless G comes from the factors
  constexpr int kBuffers = 3;
  std::vector<Job> jobs(kBuffers);
  std::deque<int> pending, free_slots;
  for (int i = 0; i < kBuffers; ++i) free_slots.push_back(i);
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool warm = !async;              // the checkpoint thread has compiled the eigensolver (see warm_up_eigensolver)
  const Experiment* xp = nullptr;  // set after create(); checkpoints are recorded only by advance()
  auto compute = [&](Job& j) {
    checkpoint_spectrum(xp->model(), xp->data().X, j.theta, j.J, wk_copy, j.S, out.ckpts[size_t(j.idx)],
                        t_gram[size_t(j.idx)], t_eig[size_t(j.idx)]);
  };
  auto fill = [&](Job& j, const CheckpointView& v) {
    j.theta = v.theta;
    if (tangent_matrix_reads_J(xp->model(), xp->data().N())) j.J = v.J;  // copy (the experiment reuses its J)
  };
  // Takes the oldest pending job (if any) and computes it on the calling thread.
  auto run_one = [&](std::unique_lock<std::mutex>& lk, double* busy) -> bool {
    if (pending.empty()) return false;
    const int slot = pending.front();
    pending.pop_front();
    lk.unlock();
    const auto t0 = Clock::now();
    compute(jobs[size_t(slot)]);
    if (busy) *busy += since(t0);
    lk.lock();
    free_slots.push_back(slot);
    cv.notify_all();
    return true;
  };
  std::thread worker;
  if (async) {
    worker = std::thread([&] {
      const auto t_warm = Clock::now();
      warm_up_eigensolver();
      std::unique_lock<std::mutex> lk(mu);
      out.time.warm = since(t_warm);
      warm = true;
      cv.notify_all();
      for (;;) {
        const auto t0 = Clock::now();
        cv.wait(lk, [&] { return done || !pending.empty(); });
        out.time.idle += since(t0);
        if (!run_one(lk, nullptr) && done) return;
      }
    });
  }

  ExperimentOptions opt;
  opt.spectrum = false;  // the bench's own full spectrum is computed here
  opt.on_checkpoint = [&](const CheckpointView& v) {
    if (recorded >= n_ckpt) return;
    const Index idx = recorded++;
    BenchCheckpoint& b = out.ckpts[size_t(idx)];
    b.step = v.step;
    b.loss = v.loss;
    const double g2 = norm2_H(v.wk, v.g);
    b.R = g2 > 0.0 ? v.grad.squaredNorm() / g2 : 0.0;  // = ‖Jᵀr‖²/(N‖r‖²) for uniform weights
    if (wk_copy.size() == 0) wk_copy = v.wk;
    if (!async) {
      Job& j = jobs[0];
      j.idx = idx;
      fill(j, v);
      compute(j);
      return;
    }
    std::unique_lock<std::mutex> lk(mu);
    while (free_slots.empty())  // all buffers busy: help instead of waiting (once the solver is compiled)
      if (!warm || !run_one(lk, &out.time.helped)) cv.wait(lk);
    const int slot = free_slots.front();
    free_slots.pop_front();
    lk.unlock();
    jobs[size_t(slot)].idx = idx;
    fill(jobs[size_t(slot)], v);
    lk.lock();
    pending.push_back(slot);
    cv.notify_all();
  };
  auto e = Experiment::create(p.value, opt);
  auto finish = [&] {
    if (!async) return;
    {
      std::unique_lock<std::mutex> lk(mu);
      cv.wait(lk, [&] { return warm; });
      while (run_one(lk, &out.time.helped)) {}
      done = true;
      cv.notify_all();
    }
    worker.join();
  };
  if (!e.ok()) {
    finish();
    return R::fail(e.error);
  }
  Experiment& x = *e.value;
  xp = &x;
  out.time.setup = since(t_start);
  const auto t_flow = Clock::now();
  while (x.advance(1 << 20) == RunStatus::running) {}
  const auto t_tail = Clock::now();
  finish();
  if (async) out.time.tail = since(t_tail);
  for (Index i = 0; i < n_ckpt; ++i) {
    out.time.gram += t_gram[size_t(i)];
    out.time.eig += t_eig[size_t(i)];
  }
  // With a second thread, gram/eig overlap the flow: "flow" is then the wall time of the whole loop.
  out.time.flow = since(t_flow) - (async ? 0.0 : out.time.gram + out.time.eig);
  out.status = to_string(x.status());
  out.run_hash = x.run_hash();
  out.N = x.data().N();
  out.P = x.model().P();
  out.has_eig_N = out.N < out.P;
  out.ckpts.resize(size_t(recorded));
  if (out.ckpts.empty()) return R::fail("no checkpoint recorded (status " + out.status + ")");
  out.final_loss = out.ckpts.back().loss;
  out.min_R = out.ckpts[0].R;
  out.min_R_step = out.ckpts[0].step;
  for (const BenchCheckpoint& b : out.ckpts)
    if (b.R < out.min_R) {
      out.min_R = b.R;
      out.min_R_step = b.step;
    }  // first minimum, as the peers
  out.time.total = since(t_start);
  return R::success(std::move(out));
}

Result<BenchW3Result> run_bench_w3(const BenchConfig& c) {
  using R = Result<BenchW3Result>;
  const auto t_start = Clock::now();
  auto p = bench_params(c);
  if (!p.ok()) return R::fail(p.error);
  ThreadPool pool(int(p.value.threads));
  ExperimentOptions opt;
  opt.spectrum = false;
  opt.pool = &pool;
  auto e = Experiment::create(p.value, opt);  // builds data, model and θ₀ exactly as W1
  if (!e.ok()) return R::fail(e.error);
  const Experiment& x = *e.value;
  BenchW3Result out;
  out.run_hash = x.run_hash();
  out.time.setup = since(t_start);
  auto t0 = Clock::now();
  Mat F, J;
  x.model().f(x.data().X, x.theta0(), F);
  out.loss0 = x.loss().value(F, x.data());
  jacobian(x.model(), x.data().X, x.theta0(), J, &pool);
  out.time.jac = since(t0);
  const Vec wk = repeat_weights(x.data().w, 1);
  t0 = Clock::now();
  Mat K;
  kernel_matrix(J, wk, K, &pool);
  out.time.gram = since(t0);
  t0 = Clock::now();
  const Vec ev = sym_eigenvalues_inplace(K, &pool);  // K is not needed afterwards
  out.time.eig = since(t0);
  out.N = J.rows();
  out.P = J.cols();
  if (ev.size() == 0 || !ev.allFinite()) return R::fail("eigensolver failed");
  out.eig_max = ev[ev.size() - 1];
  out.eig_min = ev[0];
  out.eig_P_th_largest = out.N >= out.P ? ev[out.N - out.P] : ev[0];
  out.trace = ev.sum();
  for (Index i = 0; i < ev.size(); ++i) out.n_eig_above_1e_10 += ev[i] > 1e-10;
  // Cross-check (untimed): the top P eigenvalues of K are the spectrum of G.
  Mat G;
  gram(J, wk, G, &pool);
  const Vec evG = sym_eigenvalues_inplace(G, &pool);
  if (out.N >= out.P) out.max_abs_diff_topP_vs_gram = (ev.tail(out.P) - evG).cwiseAbs().maxCoeff();
  out.time.total = since(t_start);
  return R::success(std::move(out));
}

}  // namespace bench
