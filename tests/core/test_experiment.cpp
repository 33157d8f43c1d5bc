// Experiment runs against closed forms, conservation laws, paper inequalities and determinism.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/flow/experiment.hpp"
#include "core/ntk/kernel.hpp"

using namespace core;

namespace {

std::unique_ptr<Experiment> make(const std::string& q, ExperimentOptions opt = {}) {
  auto p = from_query(q);
  REQUIRE_MESSAGE(p.ok(), p.error);
  auto e = Experiment::create(p.value, std::move(opt));
  REQUIRE_MESSAGE(e.ok(), e.error);
  return std::move(e.value);
}

void run(Experiment& x, Index budget = 1 << 30) {
  while (x.advance(budget) == RunStatus::running) {}
}

bool same_bits(const Trace& a, const Trace& b) {
  if (a.size() != b.size()) return false;
  for (int c = 0; c < kCols; ++c)
    if (std::memcmp(a.col(Col(c)).data(), b.col(Col(c)).data(), sizeof(double) * size_t(a.size())) != 0) return false;
  return true;
}

}  // namespace

TEST_CASE("experiment: DP squared-loss run obeys L(t) = L0 exp(-2 int R) to 1e-8 rel; witnesses <= R") {
  auto x = make(
      "data=gaussian&model=two_layer&sigma=tanh&d=3&width=6&teacher_width=3&n=40&seed=3"
      "&method=dopri5&eta=0&rtol=1e-12&atol=1e-14&t_end=20&checkpoints=21");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const Trace& tr = x->trace();
  REQUIRE(tr.size() == 21);
  CHECK(tr.back(Col::loss) < 0.5 * tr.at(Col::loss, 0));  // it actually trained
  for (Index i = 0; i < tr.size(); ++i) {
    CAPTURE(i);
    const double L = tr.at(Col::loss, i);
    CHECK(std::abs(L - tr.at(Col::bound_identity, i)) <= 1e-8 * L);
    CHECK(tr.at(Col::grad2, i) == doctest::Approx(tr.at(Col::R, i) * tr.at(Col::ell_grad2, i)).epsilon(1e-13));
    CHECK(tr.at(Col::witness_euler, i) <= tr.at(Col::R, i) * (1 + 1e-12));
    CHECK(tr.at(Col::R, i) <= tr.at(Col::lambda_max, i) * (1 + 1e-12));
    CHECK(L <=
          tr.at(Col::bound_rmin, i) * (1 + 1e-8));  // running min over checkpoints only approximates min over [0,t]
  }
}

TEST_CASE(
    "experiment: features (1,x) on population U[-R,R] follow the E-D closed form (1e-10 rel), R >= min(1,R^2/3)") {
  for (double Rr : {0.9, 2.0}) {
    CAPTURE(Rr);
    auto x = make("data=population&model=poly&degree=1&n=4&range=" + std::to_string(Rr) +
                  "&seed=11&theta0=-1,2&method=dopri5&eta=0&rtol=1e-14&atol=1e-15&t_end=6&checkpoints=13");
    run(*x);
    REQUIRE(x->status() == RunStatus::done);
    REQUIRE(x->theta_star().size() == 2);
    const Vec D = x->theta0() - x->theta_star();
    const double s = Rr * Rr / 3.0;
    const Trace& tr = x->trace();
    for (Index i = 0; i < tr.size(); ++i) {
      const double t = tr.at(Col::t, i);
      const double exact = 0.5 * (D[0] * D[0] * std::exp(-2 * t) + s * D[1] * D[1] * std::exp(-2 * s * t));
      CAPTURE(t);
      CHECK(std::abs(tr.at(Col::loss, i) - exact) <= 1e-10 * exact);
      CHECK(tr.at(Col::R, i) >= std::min(1.0, s) * (1 - 1e-12));
      CHECK(tr.at(Col::lambda_min, i) == 0.0);  // N = 4 nodes > P = 2: K is singular
      CHECK(tr.at(Col::rank, i) == 2.0);
    }
  }
}

TEST_CASE("experiment: two-layer ReLU without bias conserves a_j^2 - |w_j|^2 (drift <= 1e-8)") {
  const Index d = 3, m = 6;
  auto x = make(
      "data=gaussian&model=two_layer&sigma=relu&bias=false&d=3&width=6&teacher_width=4&n=30&seed=7"
      "&method=dopri5&eta=0&rtol=1e-12&atol=1e-14&t_end=10&checkpoints=3");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const Vec th0 = x->theta0(), th = x->theta();
  CHECK(x->trace().back(Col::loss) < x->trace().at(Col::loss, 0));
  for (Index j = 0; j < m; ++j) {
    const double b0 = th0[m * d + j] * th0[m * d + j] - th0.segment(j * d, d).squaredNorm();
    const double b1 = th[m * d + j] * th[m * d + j] - th.segment(j * d, d).squaredNorm();
    CAPTURE(j);
    CHECK(std::abs(b1 - b0) <= 1e-8);
  }
}

TEST_CASE("experiment: E2-type logistic GD: |grad L| >= (eps/n)(1 - e^-L) at every step; L below the Phi bound") {
  auto x = make(
      "data=logistic_e2&model=softmax_linear&loss=cross_entropy&seed=1&method=euler&eta=0.1"
      "&t_end=300&checkpoints=3001");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const Trace& tr = x->trace();
  REQUIRE(tr.size() == 3001);
  REQUIRE(x->margin() > 0.0);
  REQUIRE(tr.active(Col::bound_phi));
  const double eps_n = x->margin() / double(x->data().N());
  for (Index i = 0; i < tr.size(); ++i) {
    CAPTURE(i);
    const double L = tr.at(Col::loss, i);
    CHECK(std::sqrt(tr.at(Col::grad2, i)) >= logistic_grad_norm_bound(eps_n, L));
    CHECK(tr.at(Col::grad2, i) >= tr.at(Col::bound_decrease, i));
    CHECK(L <= tr.at(Col::bound_phi, i) * (1 + 1e-12));
    CHECK(tr.at(Col::witness_teacher, i) <= tr.at(Col::R, i) * (1 + 1e-12));
  }
}

TEST_CASE(
    "experiment: complex-square model flows to +-1 from inside the lemniscate, to the saddle on the imaginary axis") {
  struct Case {
    const char* theta0;
    double x, y, loss;
  };
  for (const Case& c :
       {Case{"0.3,0.2", 1, 0, 0}, Case{"-0.4,0.1", -1, 0, 0}, Case{"0,0.5", 0, 0, 0.5}, Case{"0,1.5", 0, 0, 0.5}}) {
    CAPTURE(c.theta0);
    auto x = make(std::string("data=point&model=complex_square&theta0=") + c.theta0 +
                  "&method=dopri5&eta=0&rtol=1e-10&atol=1e-12&t_end=30&checkpoints=4");
    run(*x);
    REQUIRE(x->status() == RunStatus::done);
    CHECK(std::abs(x->theta()[0] - c.x) <= 1e-8);
    CHECK(std::abs(x->theta()[1] - c.y) <= 1e-8);
    CHECK(std::abs(x->trace().back(Col::loss) - c.loss) <= 1e-10);
  }
}

TEST_CASE("experiment: a too-large Euler step is reported as blow-up at the right time; traces stay finite") {
  // G = diag(1, 1/3) on U[-1,1]; with eta = 3, Δ1 ← −2Δ1 and Δ2 ← 0, so L_k = ½·4^k·Δ1² for k ≥ 1.
  auto x = make(
      "data=population&model=poly&degree=1&n=4&range=1&seed=2&theta0=1.5,-0.5&method=euler&eta=3"
      "&t_end=300&checkpoints=101");
  run(*x);
  CHECK(x->status() == RunStatus::blowup);
  const Vec D = x->theta0() - x->theta_star();
  const double L0 = x->trace().at(Col::loss, 0);
  Index k = 1;
  while (0.5 * std::pow(4.0, double(k)) * D[0] * D[0] <= 1e6 * L0) ++k;
  CHECK(x->t_fail() == doctest::Approx(3.0 * double(k)).epsilon(1e-12));
  CHECK(x->trace().size() < x->trace().capacity());
  for (int c = 0; c < kCols; ++c)
    for (double v : x->trace().col(Col(c))) CHECK(std::isfinite(v));
}

TEST_CASE("experiment: W2 (README §3): final loss, min R and eig max within 1e-12 rel, eig_N within 1e-14 eig_max") {
  // The bench flow with R at every checkpoint and the spectrum (via the 256×256 K) at the last one only.
  double minR = INFINITY, lmax = 0, lminpos = 0;
  Index minR_step = -1;
  ExperimentOptions opt;
  opt.spectrum = false;
  opt.on_checkpoint = [&](const CheckpointView& v) {
    const double R = rayleigh(v.J, v.wk, v.g);
    if (R < minR) {
      minR = R;
      minR_step = v.step;
    }
    if (v.step == 2000) {
      const Spectrum s = tangent_spectrum(v.J, v.wk);
      lmax = s.lambda_max;
      lminpos = s.lambda_min_nonzero;
    }
  };
  auto x = make("data=bench&n=256&method=euler&eta=0.5&t_end=1000&checkpoints=101&blowup=1e300", opt);
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const double L0 = x->trace().at(Col::loss, 0), L = x->trace().back(Col::loss);
  CHECK(std::abs(L0 - 0.11715125911404295) <= 1e-14 * 0.11715125911404295);
  CHECK(std::abs(L - 0.0021867882673716733) <= 1e-12 * 0.0021867882673716733);
  CHECK(std::abs(minR - 5.13211537739381e-4) <= 1e-12 * 5.13211537739381e-4);
  CHECK(minR_step == 2000);
  CHECK(std::abs(lmax - 0.13603642315957112) <= 1e-12 * 0.13603642315957112);
  CHECK(std::abs(lminpos - 1.8792059790867955e-7) <= 1e-14 * 0.13603642315957112);
}

TEST_CASE("experiment: identical bits across repeated runs, thread counts 1 vs 2, and time slicing") {
  const std::string q =
      "data=gaussian&model=two_layer&sigma=tanh&d=4&width=20&n=200&seed=5&method=dopri5"
      "&eta=0&rtol=1e-9&atol=1e-11&t_end=3&checkpoints=7";
  auto a = make(q + "&threads=1");
  auto b = make(q + "&threads=1");
  auto c = make(q + "&threads=2");
  auto d = make(q + "&threads=2");
  ThreadPool shared(2);
  ExperimentOptions with_pool;
  with_pool.pool = &shared;
  auto e = make(q + "&threads=1", with_pool);  // an external pool overrides Params::threads
  run(*a);
  run(*e);
  run(*b);
  run(*c);
  run(*d, 1);  // one integrator step per advance() call
  REQUIRE(a->status() == RunStatus::done);
  CHECK(same_bits(a->trace(), b->trace()));
  CHECK(same_bits(a->trace(), c->trace()));
  CHECK(same_bits(a->trace(), d->trace()));
  CHECK(same_bits(a->trace(), e->trace()));
  CHECK(std::memcmp(a->theta().data(), c->theta().data(), sizeof(double) * size_t(a->theta().size())) == 0);
  CHECK(a->run_hash() == c->run_hash());
  CHECK(a->steps() == d->steps());

  // Returning after every checkpoint (how a UI frame checks its clock) changes nothing either, and
  // a call records at most one checkpoint.
  auto f = make(q + "&threads=1");
  Index calls = 0;
  bool at_most_one = true;
  while (!f->finished() && calls < 100000) {
    const Index n0 = f->trace().size();
    f->advance(1000, /*until_checkpoint=*/true);
    at_most_one = at_most_one && f->trace().size() <= n0 + 1;
    ++calls;
  }
  REQUIRE(f->status() == RunStatus::done);
  CHECK(at_most_one);
  CHECK(calls >= 7);
  CHECK(same_bits(a->trace(), f->trace()));
}

TEST_CASE("experiment: the checkpoint hook gets the full spectrum the trace was computed from, or none") {
  const std::string q =
      "data=gaussian&model=two_layer&sigma=tanh&d=3&width=4&seed=4&method=dopri5&eta=0&t_end=2&checkpoints=5";
  for (const char* shape : {"&n=30", "&n=8"}) {  // N > P = 16 (spectrum of G) and N < P (of K)
    std::vector<Spectrum> seen;
    std::vector<Vec> thetas;
    std::vector<Mat> Js;
    Vec wk;
    ExperimentOptions opt;
    opt.on_checkpoint = [&](const CheckpointView& v) {
      REQUIRE(v.spectrum != nullptr);
      seen.push_back(*v.spectrum);
      thetas.push_back(v.theta);
      Js.push_back(v.J);
      wk = v.wk;
    };
    auto x = make(q + shape, opt);
    run(*x);
    REQUIRE(x->status() == RunStatus::done);
    REQUIRE(seen.size() == size_t(x->trace().size()));
    for (size_t i = 0; i < seen.size(); ++i) {
      const Spectrum r = tangent_spectrum(x->model(), x->data().X, thetas[i], Js[i], wk);
      CHECK(seen[i].eigs.size() == r.eigs.size());
      CHECK(std::memcmp(seen[i].eigs.data(), r.eigs.data(), sizeof(double) * size_t(r.eigs.size())) == 0);
      CHECK(seen[i].lambda_max == x->trace().at(Col::lambda_max, Index(i)));
      CHECK(seen[i].lambda_min_K == x->trace().at(Col::lambda_min, Index(i)));
      CHECK(double(seen[i].rank) == x->trace().at(Col::rank, Index(i)));
    }
  }
  // No full spectrum: none is handed over.
  for (const bool extreme : {false, true}) {
    bool any = false;
    ExperimentOptions opt;
    opt.spectrum = extreme;
    if (extreme) opt.spectrum_mode = SpectrumMode::extreme;
    opt.on_checkpoint = [&](const CheckpointView& v) { any = any || v.spectrum != nullptr; };
    auto x = make(q + "&n=30", opt);
    run(*x);
    CHECK(x->trace().size() == 5);
    CHECK_FALSE(any);
  }
}

TEST_CASE("experiment: cancel() stops a run; KL envelope fitted on a run bounds its loss") {
  auto x = make("data=gaussian&model=two_layer&d=2&width=4&n=20&seed=9&method=rk4&eta=0.05&t_end=50&checkpoints=101");
  x->advance(10);
  CHECK(x->status() == RunStatus::running);
  x->cancel();
  CHECK(x->advance(10) == RunStatus::cancelled);
  CHECK(x->trace().size() >= 1);

  auto y = make("data=gaussian&model=two_layer&d=2&width=4&n=20&seed=9&method=dopri5&eta=0&t_end=50&checkpoints=201");
  run(*y);
  REQUIRE(y->status() == RunStatus::done);
  auto kl = y->kl_fit();
  REQUIRE_MESSAGE(kl.ok(), kl.error);
  const Trace& tr = y->trace();
  const double L0 = tr.at(Col::loss, 0);
  for (Index i = 0; i < tr.size(); ++i) {
    const double L = tr.at(Col::loss, i);
    CHECK(tr.at(Col::grad2, i) >= kl.value.c * std::pow(L, 2 * kl.value.alpha) * (1 - 1e-9));
    CHECK(L <= kl_power_bound(L0, kl.value.c, kl.value.alpha, tr.at(Col::t, i)) * (1 + 1e-3));
  }
}

TEST_CASE("experiment: lemniscate curve (E-B2, P = 1 < n = 2) converges to the double point with R -> 1/2") {
  auto x =
      make("data=point&model=lemniscate&theta0=1.0&method=dopri5&eta=0&rtol=1e-11&atol=1e-13&t_end=40&checkpoints=5");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  CHECK(std::abs(x->theta()[0] - 1.5707963267948966) <= 1e-6);
  CHECK(x->trace().back(Col::loss) <= 1e-12);
  CHECK(std::abs(x->trace().back(Col::R) - 0.5) <= 1e-5);
  CHECK(x->trace().back(Col::rank) == 1.0);
  CHECK(x->trace().back(Col::lambda_min) == 0.0);  // N·k = 2 > P = 1: never positive definite
}

TEST_CASE("experiment: log-spaced checkpoints snap to distinct whole steps for fixed-step methods") {
  auto x = make("data=gaussian&model=linear&d=3&n=10&seed=4&method=euler&eta=0.01&t_end=10&checkpoints=50&spacing=log");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const Trace& tr = x->trace();
  CHECK(tr.at(Col::t, 0) == 0.0);
  CHECK(tr.back(Col::step) == 1000.0);
  for (Index i = 1; i < tr.size(); ++i) {
    CHECK(tr.at(Col::step, i) > tr.at(Col::step, i - 1));
    CHECK(tr.at(Col::t, i) == tr.at(Col::step, i) * 0.01);
  }
  CHECK(tr.size() < 50);  // the first log-spaced times round to the same step and are merged
}

TEST_CASE(
    "experiment: path length (L2/T8) on features (1,x): path <= arc = quadrature of |theta'| (1e-8) <= T8 bound") {
  // G = diag(1, s), s = R²/3, so θ_t − θ* = (D0 e^{−t}, D1 e^{−st}) and |θ'| = √(D0² e^{−2t} + s² D1² e^{−2st}).
  const double Rr = 0.9, s = Rr * Rr / 3.0, lam = std::min(1.0, s);
  auto x = make(
      "data=population&model=poly&degree=1&n=4&range=0.9&seed=11&theta0=-1,2&method=dopri5&eta=0"
      "&rtol=1e-13&atol=1e-15&t_end=6&checkpoints=7");
  run(*x);
  REQUIRE(x->status() == RunStatus::done);
  const Vec D = x->theta0() - x->theta_star();
  auto speed = [&](double t) {
    return std::sqrt(D[0] * D[0] * std::exp(-2 * t) + s * s * D[1] * D[1] * std::exp(-2 * s * t));
  };
  const Trace& tr = x->trace();
  REQUIRE(tr.active(Col::arc));
  REQUIRE(tr.active(Col::bound_path));
  const double L0 = tr.at(Col::loss, 0);
  for (Index i = 0; i < tr.size(); ++i) {
    const double t = tr.at(Col::t, i);
    const int n = 20000;  // composite Simpson on [0, t]
    double q = 0.0;
    for (int j = 0; j <= n; ++j) q += (j == 0 || j == n ? 1.0 : j % 2 ? 4.0 : 2.0) * speed(t * j / n);
    q *= t / (3.0 * n);
    const double path = std::hypot(D[0] * (1 - std::exp(-t)), D[1] * (1 - std::exp(-s * t)));
    CAPTURE(t);
    CHECK(std::abs(tr.at(Col::path, i) - path) <= 1e-9 * std::max(path, 1e-300) + 1e-15);
    CHECK(std::abs(tr.at(Col::arc, i) - q) <= 1e-8 * std::max(q, 1e-300) + 1e-15);
    CHECK(tr.at(Col::path, i) <= tr.at(Col::arc, i) * (1 + 1e-12) + 1e-15);
    // The bound with the known constant λ = min(1, s), and the trace's own (running min R ≥ λ).
    CHECK(tr.at(Col::arc, i) <= path_length_bound(L0, tr.at(Col::loss, i), 2 * lam, 0.5) * (1 + 1e-12));
    CHECK(tr.at(Col::arc, i) <= tr.at(Col::bound_path, i) * (1 + 1e-12));
  }
  CHECK(tr.back(Col::bound_path) <= std::sqrt(2 * L0 / lam));  // the t → ∞ form of T8
}

TEST_CASE("experiment: dopri5 on a ReLU net sliding along a kink stops as step_collapse instead of crawling") {
  // Without the stall rule this run takes ~2e-8-long accepted steps forever near t ≈ 1.903.
  auto x = make("model=two_layer&sigma=relu&width=8&data=gaussian&n=64&d=2&method=dopri5&t_end=5&checkpoints=3");
  run(*x, 4096);
  CHECK(x->status() == RunStatus::step_collapse);
  CHECK(x->t_fail() > 1.0);
  CHECK(x->t_fail() < 5.0);
  CHECK(x->evals() < 1'000'000);
  CHECK(x->trace().size() >= 1);  // what was recorded before the stall stays (finite)
  // The same model with Euler (gradient descent) runs to the end.
  auto e =
      make("model=two_layer&sigma=relu&width=8&data=gaussian&n=64&d=2&method=euler&eta=0.01&t_end=5&checkpoints=3");
  run(*e);
  CHECK(e->status() == RunStatus::done);
}

TEST_CASE("experiment: gaussian_population is a large fixed sample, flagged not exact and labelled so") {
  auto bad = from_query("data=gaussian_population&n=999&d=3&width=4");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error.find("1000") != std::string::npos);
  auto x =
      make("data=gaussian_population&n=2000&d=3&width=4&teacher_width=2&method=euler&eta=0.1&t_end=1&checkpoints=3");
  const Dataset& D = x->data();
  CHECK(D.population);
  CHECK_FALSE(D.exact);
  CHECK(D.N() == 2000);
  CHECK(D.label.find("not exact") != std::string::npos);
  CHECK(D.label.find("2000") != std::string::npos);
  // Its own stream: not the training sample of the same seed.
  auto g = make("data=gaussian&n=2000&d=3&width=4&teacher_width=2&method=euler&eta=0.1&t_end=1&checkpoints=3");
  CHECK((D.X - g->data().X).norm() > 1.0);
  CHECK_FALSE(g->data().population);
  // Moments of the stand-in are those of N(0, I_3) to Monte Carlo accuracy (5 standard errors).
  const Vec mean = D.X.colwise().mean();
  CHECK(mean.cwiseAbs().maxCoeff() < 5.0 / std::sqrt(2000.0));
  run(*x);
  CHECK(x->status() == RunStatus::done);
  CHECK(x->trace().back(Col::lambda_min) == 0.0);  // N = 2000 > P = 16: K is singular
  CHECK(x->trace().back(Col::R) > 0.0);
}

TEST_CASE(
    "experiment: extreme spectrum mode (Lanczos) gives the full mode's lambda_max / lambda_min / smallest nonzero") {
  const std::string q =
      "data=gaussian&model=two_layer&d=3&width=10&teacher_width=2&n=200&seed=5&method=euler&eta=0.2"
      "&t_end=4&checkpoints=5";
  auto full = make(q);
  ExperimentOptions o;
  o.spectrum_mode = SpectrumMode::extreme;
  auto ext = make(q, o);
  run(*full);
  run(*ext);
  CHECK_FALSE(full->partial_spectrum());  // automatic: min(N, P) = 40 ≤ kFullSpectrumMax
  CHECK(ext->partial_spectrum());
  const Trace &a = full->trace(), &b = ext->trace();
  REQUIRE(a.size() == b.size());
  CHECK(b.active(Col::lambda_max));
  CHECK(b.active(Col::lambda_min));  // N = 200 > P = 40: λ_min(K) = 0 by rank, exactly
  CHECK_FALSE(b.active(Col::rank));
  for (Index i = 0; i < a.size(); ++i) {
    const double lmax = a.at(Col::lambda_max, i);
    CHECK(std::abs(b.at(Col::lambda_max, i) - lmax) <= 1e-10 * lmax);
    CHECK(b.at(Col::lambda_min, i) == a.at(Col::lambda_min, i));
    CHECK(std::abs(b.at(Col::lambda_min_pos, i) - a.at(Col::lambda_min_pos, i)) <= 1e-8 * a.at(Col::lambda_min_pos, i));
    CHECK(b.at(Col::loss, i) == a.at(Col::loss, i));  // the flow itself is untouched
    CHECK(b.at(Col::R, i) <= b.at(Col::lambda_max, i) * (1 + 1e-12));
  }
  // P > N: λ_min(K) > 0 comes from shift-invert Lanczos on K and agrees with the full spectrum.
  const std::string qw =
      "data=gaussian&model=two_layer&d=3&width=40&teacher_width=2&n=30&seed=5&method=euler&eta=0.2"
      "&t_end=1&checkpoints=3";
  auto wide = make(qw, o);
  auto wide_full = make(qw);
  run(*wide);
  run(*wide_full);
  const double lmin = wide_full->trace().back(Col::lambda_min);
  REQUIRE(lmin > 0.0);
  CHECK(std::abs(wide->trace().back(Col::lambda_min) - lmin) <= 1e-8 * lmin);
  CHECK(wide->trace().active(Col::bound_ntk));
}
