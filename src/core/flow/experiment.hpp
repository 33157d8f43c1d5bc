#pragma once
// One gradient-flow run built from Params: data, model, loss, the flow θ' = −∇L(θ) (augmented
// with I' = R so that ∫R is integrated by the same scheme), checkpoint diagnostics and bounds.
// Time-sliced: advance(budget) takes at most `budget` integrator steps, so a UI frame can call it.
// Deterministic: the same Params give identical bits, for any thread count.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/ntk/bounds.hpp"
#include "core/models/data.hpp"
#include "core/flow/flow.hpp"
#include "core/ntk/kernel.hpp"
#include "core/models/loss.hpp"
#include "core/models/model.hpp"
#include "core/flow/params.hpp"
#include "core/util/thread_pool.hpp"
#include "core/flow/trace.hpp"

namespace core {

enum class RunStatus { running, done, cancelled, nonfinite, blowup, step_collapse };
const char* to_string(RunStatus s);

// What a checkpoint hook sees (all at the checkpoint's θ).
struct CheckpointView {
  double t;
  Index step;
  double loss;
  const Vec& theta;
  const Mat& J;              // (N·k)×P
  const Vec& wk;             // N·k weights
  const Vec& g;              // vec(∇ℓ), N·k
  const Vec& grad;           // ∇L, P
  const Spectrum* spectrum;  // every eigenvalue of G or K; null unless the full spectrum was computed
};

// How the kernel's spectrum is computed at checkpoints. full: every eigenvalue (λ_min, smallest
// nonzero, rank); extreme: λ_max, λ_min and the smallest nonzero eigenvalue only (core/spectrum_extreme:
// Lanczos and shift-invert Lanczos), no rank; automatic: full up to min(N·k, P) = kFullSpectrumMax.
enum class SpectrumMode { automatic, full, extreme };
// Measured per checkpoint (two-layer tanh on bench data, one thread, plain Release, loaded machine):
// n = 576: full 0.17 s, extreme 0.17 s; n = 1152: 0.68 / 0.60 s; n = 2304: 6.0 / 4.6 s (N = 4096) and
// 8.6 / 6.9 s (N = 8192), with identical λ_max (≤ 7e-16 rel) and smallest nonzero eigenvalue. Both form
// G or K; the extreme path saves the tridiagonalization, so it pays only above n ≈ 1000.
inline constexpr Index kFullSpectrumMax = 1024;

struct ExperimentOptions {
  bool spectrum = true;  // eigen-decompose G or K at every checkpoint (λ columns)
  SpectrumMode spectrum_mode = SpectrumMode::automatic;
  std::function<void(const CheckpointView&)> on_checkpoint;  // optional (e.g. the CLI's bench outputs)
  // Shared pool (e.g. the web app's, created once up front); null: the experiment owns a pool of
  // Params::threads threads. Results are bit-identical either way.
  ThreadPool* pool = nullptr;
};

class Experiment {
 public:
  static Result<std::unique_ptr<Experiment>> create(const Params& p, ExperimentOptions opt = {});

  // Takes at most `budget` integrator steps (checkpoints are recorded on the way). With
  // `until_checkpoint`, also returns right after recording one: a checkpoint (Jacobian, spectrum)
  // costs as much as many steps, so a caller with a time budget checks the clock there. Returns status().
  RunStatus advance(Index budget, bool until_checkpoint = false);
  void cancel() { cancel_.store(true); }  // thread-safe; takes effect at the next advance()
  RunStatus status() const { return status_; }
  bool finished() const { return status_ != RunStatus::running; }
  double t_fail() const { return flow_->t_fail(); }  // NaN unless diverged

  const Params& params() const { return p_; }  // validated (clamped) copy
  std::string run_hash() const { return core::run_hash(p_); }
  const Trace& trace() const { return trace_; }
  double t() const { return flow_->t(); }
  Index steps() const { return flow_->n_steps(); }
  Index evals() const { return flow_->n_evals(); }
  Vec theta() const { return flow_->y().head(P_); }
  const Vec& theta0() const { return theta0_; }
  const Vec& theta_star() const { return theta_star_; }  // empty if no teacher in the same space
  double margin() const { return margin_; }              // ε of logistic presets (else 0)
  const Model& model() const { return *model_; }
  const Loss& loss() const { return *loss_; }
  const Dataset& data() const { return data_; }
  const std::vector<double>& checkpoint_times() const { return ckpt_t_; }
  // True when checkpoints compute only the extreme eigenvalues (Lanczos; see SpectrumMode).
  bool partial_spectrum() const { return partial_spectrum_; }

  // Łojasiewicz envelope of the recorded (L, ‖∇L‖²) pairs and its integrated rate (C1/T7).
  Result<KLFit> kl_fit() const;

 private:
  Experiment() = default;
  Status setup_data();
  double field(const Vec& y, Vec& dy);  // y = (θ, I): dy = (−∇L, R), returns L
  void record_checkpoint();
  // The checkpoint's spectral columns (and, for the full one, the spectrum s); return max(λ_min(K), 0).
  double record_extreme_spectrum(Trace::Row& row);
  double record_full_spectrum(const Vec& theta, Trace::Row& row, Spectrum& s);

  Params p_;
  ExperimentOptions opt_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<Loss> loss_;
  std::unique_ptr<ThreadPool> own_pool_;
  ThreadPool* pool_ = nullptr;
  std::unique_ptr<Flow> flow_;
  Dataset data_;
  Vec wk_, theta0_, theta_star_;
  double margin_ = 0.0;
  bool partial_spectrum_ = false;
  Index P_ = 0;
  Trace trace_;
  std::vector<double> ckpt_t_;  // checkpoint times
  std::vector<Index> ckpt_k_;   // fixed-step methods: checkpoint step indices
  size_t next_ = 0;             // next checkpoint to record
  double L0_ = 0.0, min_R_ = 0.0, min_lam_ = 0.0;
  RunStatus status_ = RunStatus::running;
  std::atomic<bool> cancel_{false};
  // scratch of the vector field (reused; the field is only called from advance())
  Mat F_, G_, J_;
  Vec g_, grad_;
};

}  // namespace core
