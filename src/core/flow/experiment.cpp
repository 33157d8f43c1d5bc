#include "core/flow/experiment.hpp"

#include <algorithm>
#include <cmath>

#include "core/ntk/kernel.hpp"
#include "core/ntk/spectrum_extreme.hpp"

namespace core {

const char* to_string(RunStatus s) {
  switch (s) {
    case RunStatus::running: return "running";
    case RunStatus::done: return "done";
    case RunStatus::cancelled: return "cancelled";
    case RunStatus::nonfinite: return "nonfinite";
    case RunStatus::blowup: return "blowup";
    case RunStatus::step_collapse: return "step_collapse";
  }
  return "?";
}

namespace {

// Checkpoint times in [0, t_end]: linear, or t = 0 followed by log-spaced t_end·1e-4 … t_end.
std::vector<double> schedule(const Params& p) {
  const Index n = p.checkpoints;
  std::vector<double> t(static_cast<size_t>(n));
  for (Index j = 0; j < n; ++j) {
    if (p.spacing == "log")
      t[size_t(j)] = j == 0 ? 0.0 : p.t_end * std::pow(10.0, -4.0 * (1.0 - double(j - 1) / double(n - 2)));
    else
      t[size_t(j)] = p.t_end * double(j) / double(n - 1);
  }
  t.back() = p.t_end;
  return t;
}

}  // namespace

Result<std::unique_ptr<Experiment>> Experiment::create(const Params& params, ExperimentOptions opt) {
  using R = Result<std::unique_ptr<Experiment>>;
  std::unique_ptr<Experiment> e(new Experiment());
  e->p_ = params;
  if (Status st = validate(e->p_); !st.ok()) return R::fail(st.error);
  const Params& p = e->p_;
  e->opt_ = std::move(opt);
  auto m = make_model(model_spec(p));
  if (!m.ok()) return R::fail("model: " + m.error);
  e->model_ = std::move(m.value);
  e->P_ = e->model_->P();
  auto l = make_loss(p.loss);
  if (!l.ok()) return R::fail("loss: " + l.error);
  e->loss_ = std::move(l.value);
  if (Status st = e->setup_data(); !st.ok()) return R::fail(st.error);
  e->wk_ = repeat_weights(e->data_.w, e->model_->k());
  if (e->opt_.pool)
    e->pool_ = e->opt_.pool;
  else {
    e->own_pool_ = std::make_unique<ThreadPool>(int(p.threads));
    e->pool_ = e->own_pool_.get();
  }

  // Checkpoints: fixed-step methods snap them to whole steps (t = k·η exactly).
  e->ckpt_t_ = schedule(p);
  FlowOptions fo;
  if (!parse_method(p.method, fo.method)) return R::fail("unknown method");
  if (fo.method != Method::dopri5) {
    std::vector<double> ts;
    for (double t : e->ckpt_t_) {
      const Index k = std::max<Index>(std::llround(t / p.eta), e->ckpt_k_.empty() ? 0 : 1);
      if (!e->ckpt_k_.empty() && k <= e->ckpt_k_.back()) continue;
      e->ckpt_k_.push_back(k);
      ts.push_back(double(k) * p.eta);
    }
    e->ckpt_t_ = ts;
  }
  e->trace_ = Trace(Index(e->ckpt_t_.size()));
  const bool squared = p.loss == "squared";
  for (Col c : {Col::bound_identity, Col::bound_ntk, Col::bound_rmin, Col::bound_path})
    e->trace_.set_active(c, squared);
  e->trace_.set_active(Col::bound_ntk, squared && e->opt_.spectrum);
  for (Col c : {Col::bound_phi, Col::bound_decrease}) e->trace_.set_active(c, e->margin_ > 0.0);
  e->trace_.set_active(Col::witness_teacher, e->theta_star_.size() == e->P_);
  for (Col c : {Col::lambda_min, Col::lambda_min_pos, Col::lambda_max, Col::rank})
    e->trace_.set_active(c, e->opt_.spectrum);
  const Index Nk = e->data_.N() * e->model_->k();
  const SpectrumMode mode = e->opt_.spectrum_mode;
  e->partial_spectrum_ =
      e->opt_.spectrum &&
      (mode == SpectrumMode::extreme || (mode == SpectrumMode::automatic && std::min(Nk, e->P_) > kFullSpectrumMax));
  if (e->partial_spectrum_) e->trace_.set_active(Col::rank, false);  // the extreme path does not count

  fo.h = p.eta;
  fo.atol = p.atol;
  fo.rtol = p.rtol;
  fo.blowup = p.blowup;
  // A run that would need > 10⁷ steps at its current step size is stalled (see FlowOptions::h_stall).
  fo.h_stall = 1e-7 * p.t_end;
  Vec y0(e->P_ + 2);
  y0 << e->theta0_, 0.0, 0.0;
  Experiment* self = e.get();
  e->flow_ = std::make_unique<Flow>([self](const Vec& y, Vec& dy) { return self->field(y, dy); }, y0, fo);
  if (e->flow_->status() != FlowStatus::running) e->status_ = RunStatus::nonfinite;
  e->L0_ = e->flow_->m();
  return R::success(std::move(e));
}

// y = (θ, I, S) ↦ dy = (−∇L(θ), R(θ), ‖∇L(θ)‖); returns L(θ). ∇L = Jᵀ W g, R = ‖∇L‖²/‖g‖²_H.
// I = ∫R (the exact squared-loss identity) and S = ∫‖θ'‖ (the path length, L2/T8) ride along.
double Experiment::field(const Vec& y, Vec& dy) {
  const Vec theta = y.head(P_);
  model_->f(data_.X, theta, F_);
  const double L = loss_->value(F_, data_);
  loss_->grad(F_, data_, G_);
  g_ = flatten_rows(G_);
  // ∇L = Jᵀ(W g) without forming J (the model's vector–Jacobian product; J only at checkpoints).
  model_->vjp(data_.X, theta, Vec(wk_.array() * g_.array()), grad_);
  const double g2 = norm2_H(wk_, g_);
  dy.resize(P_ + 2);
  dy.head(P_) = -grad_;
  const double grad2 = grad_.squaredNorm();
  dy[P_] = g2 > 0.0 ? grad2 / g2 : 0.0;
  dy[P_ + 1] = std::sqrt(grad2);
  return L;
}

RunStatus Experiment::advance(Index budget, bool until_checkpoint) {
  const bool fixed = !ckpt_k_.empty();
  Index used = 0;
  while (status_ == RunStatus::running) {
    if (cancel_.load()) {
      status_ = RunStatus::cancelled;
      break;
    }
    const bool at_ckpt = fixed ? flow_->n_steps() >= ckpt_k_[next_] : flow_->t() >= ckpt_t_[next_];
    if (at_ckpt) {
      record_checkpoint();
      if (status_ != RunStatus::running) break;
      if (++next_ == ckpt_t_.size()) {
        status_ = RunStatus::done;
        break;
      }
      if (until_checkpoint) break;
      continue;
    }
    if (used >= budget) break;
    const FlowStatus fs = fixed ? flow_->step() : flow_->step(ckpt_t_[next_]);
    ++used;
    if (fs == FlowStatus::nonfinite)
      status_ = RunStatus::nonfinite;
    else if (fs == FlowStatus::blowup)
      status_ = RunStatus::blowup;
    else if (fs == FlowStatus::step_collapse)
      status_ = RunStatus::step_collapse;
  }
  return status_;
}

void Experiment::record_checkpoint() {
  const Vec& y = flow_->y();
  const Vec theta = y.head(P_);
  const double t = flow_->t();
  model_->f(data_.X, theta, F_);
  const double L = loss_->value(F_, data_);
  loss_->grad(F_, data_, G_);
  g_ = flatten_rows(G_);
  jacobian(*model_, data_.X, theta, J_, pool_);
  grad_ = grad_L(J_, wk_, g_);
  const double grad2 = grad_.squaredNorm(), ell2 = norm2_H(wk_, g_);
  const double R = ell2 > 0.0 ? grad2 / ell2 : 0.0;

  Trace::Row row{};
  auto set = [&](Col c, double v) { row[size_t(c)] = v; };
  set(Col::t, t);
  set(Col::step, double(flow_->n_steps()));
  set(Col::loss, L);
  set(Col::grad2, grad2);
  set(Col::ell_grad2, ell2);
  set(Col::R, R);
  Spectrum s;  // the full spectrum, handed to the checkpoint hook
  const bool full = opt_.spectrum && !partial_spectrum_;
  double lam_min = 0.0;
  if (partial_spectrum_)
    lam_min = record_extreme_spectrum(row);
  else if (full)
    lam_min = record_full_spectrum(theta, row, s);
  set(Col::witness_euler, witness_bound(J_, wk_, g_, theta));
  if (theta_star_.size() == P_) {
    // Classification: the paper's witness −W*; regression: the direction θ − θ* towards the teacher.
    const Vec v = margin_ > 0.0 ? Vec(-theta_star_) : Vec(theta - theta_star_);
    set(Col::witness_teacher, witness_bound(J_, wk_, g_, v));
  }
  set(Col::path, (theta - theta0_).norm());
  set(Col::int_R, y[P_]);
  // Running minima over checkpoints so far (trace_.size() == 0 at the first checkpoint).
  min_R_ = trace_.size() == 0 ? R : std::min(min_R_, R);
  min_lam_ = trace_.size() == 0 ? lam_min : std::min(min_lam_, lam_min);
  const double t0 = ckpt_t_.front();
  set(Col::bound_identity, squared_identity(L0_, y[P_]));
  set(Col::bound_ntk, L0_ * std::exp(-2.0 * (t - t0) * min_lam_));
  set(Col::bound_rmin, L0_ * std::exp(-2.0 * (t - t0) * min_R_));
  set(Col::arc, y[P_ + 1]);
  // T8 with ψ(s) = 2·min R·s (squared loss: ‖∇L‖² = 2RL). Like bound_rmin it uses the minimum over
  // the checkpoints so far; +inf (e.g. min R = 0) is stored as a huge finite number, never as inf.
  set(Col::bound_path, std::min(path_length_bound(L0_, L, 2.0 * min_R_, 0.5), 1e300));
  if (margin_ > 0.0) {
    const double kappa = std::pow(margin_ / double(data_.N()), 2);
    set(Col::bound_phi, logistic_phi_bound(L0_, kappa, t - t0));
    set(Col::bound_decrease, logistic_decrease_bound(kappa, L));
  }
  if (!trace_.push(row)) {
    // A non-finite diagnostic: stop rather than store it.
    if (trace_.size() < trace_.capacity()) status_ = RunStatus::nonfinite;
  }
  if (opt_.on_checkpoint)
    opt_.on_checkpoint(CheckpointView{t, flow_->n_steps(), L, theta, J_, wk_, g_, grad_, full ? &s : nullptr});
}

double Experiment::record_extreme_spectrum(Trace::Row& row) {
  const ExtremeSpectrum x = extreme_spectrum(J_, wk_, pool_);
  row[size_t(Col::lambda_min)] = x.lambda_min_K;
  row[size_t(Col::lambda_min_pos)] = x.lambda_min_nonzero;  // 0 when the null space hides it (see trace.hpp)
  row[size_t(Col::lambda_max)] = x.lambda_max;
  return std::max(x.lambda_min_K, 0.0);
}

double Experiment::record_full_spectrum(const Vec& theta, Trace::Row& row, Spectrum& s) {
  s = tangent_spectrum(*model_, data_.X, theta, J_, wk_, pool_);
  row[size_t(Col::lambda_min)] = s.lambda_min_K;
  row[size_t(Col::lambda_min_pos)] = s.lambda_min_nonzero;
  row[size_t(Col::lambda_max)] = s.lambda_max;
  row[size_t(Col::rank)] = double(s.rank);
  return std::max(s.lambda_min_K, 0.0);
}

Result<KLFit> Experiment::kl_fit() const { return fit_kl_envelope(trace_.col(Col::loss), trace_.col(Col::grad2)); }

}  // namespace core
