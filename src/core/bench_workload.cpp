#include "core/bench_workload.hpp"

#include <chrono>

#include "core/experiment.hpp"
#include "core/kernel.hpp"

namespace core {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
}  // namespace

Result<Params> bench_params(const BenchConfig& c)
{
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

Result<BenchFlowResult> run_bench_flow(const BenchConfig& c)
{
    using R = Result<BenchFlowResult>;
    const auto t_start = Clock::now();
    auto p = bench_params(c);
    if (!p.ok()) return R::fail(p.error);
    BenchFlowResult out;
    ThreadPool pool(int(p.value.threads));
    ExperimentOptions opt;
    opt.spectrum = false;  // the bench wants the full spectrum of G (P×P) even when N < P: done below
    opt.pool = &pool;      // one pool for the flow and the checkpoint Gram
    opt.on_checkpoint = [&](const CheckpointView& v) {
        auto t0 = Clock::now();
        Mat G;
        gram(v.J, v.wk, G, &pool);
        out.time.gram += since(t0);
        t0 = Clock::now();
        const Vec ev = eigenvalues(G);
        out.time.eig += since(t0);
        BenchCheckpoint b;
        b.step = v.step;
        b.loss = v.loss;
        const double g2 = norm2_H(v.wk, v.g);
        b.R = g2 > 0.0 ? v.grad.squaredNorm() / g2 : 0.0;  // = ‖Jᵀr‖²/(N‖r‖²) for uniform weights
        b.eig_min = ev.size() ? ev[0] : 0.0;
        b.eig_max = ev.size() ? ev[ev.size() - 1] : 0.0;
        const Index N = v.J.rows(), P = v.J.cols();
        if (N < P) b.eig_N = ev[P - N];
        out.ckpts.push_back(b);
    };
    auto e = Experiment::create(p.value, opt);
    if (!e.ok()) return R::fail(e.error);
    Experiment& x = *e.value;
    out.time.setup = since(t_start);
    const auto t_flow = Clock::now();
    while (x.advance(1 << 20) == RunStatus::running) {
    }
    out.time.flow = since(t_flow) - out.time.gram - out.time.eig;
    out.status = to_string(x.status());
    out.run_hash = x.run_hash();
    out.N = x.data().N();
    out.P = x.model().P();
    out.has_eig_N = out.N < out.P;
    if (out.ckpts.empty()) return R::fail("no checkpoint recorded (status " + out.status + ")");
    out.final_loss = out.ckpts.back().loss;
    out.min_R = out.ckpts[0].R;
    out.min_R_step = out.ckpts[0].step;
    for (const BenchCheckpoint& b : out.ckpts)
        if (b.R < out.min_R) { out.min_R = b.R; out.min_R_step = b.step; }  // first minimum, as the peers
    out.time.total = since(t_start);
    return R::success(std::move(out));
}

Result<BenchW3Result> run_bench_w3(const BenchConfig& c)
{
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
    const Vec ev = eigenvalues(K);
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
    const Vec evG = eigenvalues(G);
    if (out.N >= out.P) out.max_abs_diff_topP_vs_gram = (ev.tail(out.P) - evG).cwiseAbs().maxCoeff();
    out.time.total = since(t_start);
    return R::success(std::move(out));
}

}  // namespace core
