// Lanczos extreme eigenvalues against the full symmetric eigensolver (Eigen's, not ours) and W3.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include <Eigen/Eigenvalues>

#include "core/kernel.hpp"
#include "core/lanczos.hpp"
#include "core/model_two_layer.hpp"
#include "core/rng.hpp"

using namespace core;

namespace {

// J with a decaying column scale (an NTK-like spread of eigenvalues) and non-uniform weights.
void random_problem(Index Nk, Index P, std::uint64_t seed, Mat& J, Vec& wk)
{
    NormalStream ns(seed);
    J.resize(Nk, P);
    for (Index j = 0; j < P; ++j)
        for (Index i = 0; i < Nk; ++i) J(i, j) = ns.next() * std::pow(0.93, double(j));
    wk.resize(Nk);
    for (Index i = 0; i < Nk; ++i) wk[i] = 0.5 + ns.uniform();
    wk /= wk.sum();
}

Vec reference_eigs(const Mat& J, const Vec& wk)
{
    const Vec sw = wk.array().sqrt();
    const Mat A = J.cols() <= J.rows() ? Mat(J.transpose() * wk.asDiagonal() * J)
                                       : Mat(sw.asDiagonal() * J * J.transpose() * sw.asDiagonal());
    return Eigen::SelfAdjointEigenSolver<Mat>(A, Eigen::EigenvaluesOnly).eigenvalues();
}

}  // namespace

TEST_CASE("lanczos: top eigenvalues of G (P <= Nk) and of K (P > Nk) match the full spectrum to 1e-10 rel")
{
    for (auto [Nk, P] : {std::pair<Index, Index>{400, 150}, {90, 260}}) {
        CAPTURE(Nk);
        CAPTURE(P);
        Mat J;
        Vec wk;
        random_problem(Nk, P, 3 + Nk, J, wk);
        const Vec ref = reference_eigs(J, wk);
        const Index n = ref.size();
        LanczosOptions o;
        o.max_iter = 60;  // well below n: a genuinely partial run
        const LanczosResult r = lanczos_kernel(J, wk, o);
        REQUIRE(r.iterations >= o.top);
        REQUIRE(r.iterations < n);
        CHECK_FALSE(r.invariant);
        CHECK(r.converged_top >= o.top);
        const double lmax = ref[n - 1];
        for (Index i = 0; i < o.top; ++i) {
            const double got = r.ritz[r.iterations - 1 - i], want = ref[n - 1 - i];
            CAPTURE(i);
            CHECK(std::abs(got - want) <= 1e-10 * lmax);
            CHECK(r.residual[r.iterations - 1 - i] <= 1e-10 * lmax);
        }
        // Ritz values lie inside [λ_min, λ_max] (Cauchy interlacing): the smallest is an upper estimate of λ_min.
        CHECK(r.ritz[0] >= ref[0] - 1e-13 * lmax);
        CHECK(r.ritz[r.iterations - 1] <= lmax * (1 + 1e-13));
        // Each Ritz value has a true eigenvalue within its residual bound.
        for (Index i = 0; i < r.iterations; ++i) {
            const double d = (ref.array() - r.ritz[i]).abs().minCoeff();
            CHECK(d <= r.residual[i] + 1e-12 * lmax);
        }
    }
}

TEST_CASE("lanczos: with a Krylov space as large as the operator, every eigenvalue; same bits on repeated calls")
{
    Mat J;
    Vec wk;
    random_problem(70, 40, 11, J, wk);
    const Vec ref = reference_eigs(J, wk);
    LanczosOptions o;
    o.max_iter = 1000;
    o.top = 40;
    o.tol = 1e-12;
    const LanczosResult r = lanczos_kernel(J, wk, o);
    REQUIRE(r.ritz.size() == ref.size());
    CHECK((r.ritz - ref).cwiseAbs().maxCoeff() <= 1e-11 * ref.maxCoeff());
    const LanczosResult r2 = lanczos_kernel(J, wk, o);
    CHECK(std::memcmp(r.ritz.data(), r2.ritz.data(), sizeof(double) * size_t(r.ritz.size())) == 0);
}

TEST_CASE("lanczos: W3 at theta0, lambda_1(K) = 0.11796609435584234 (shared/bench §3) to 1e-12 rel")
{
    auto b = bench_data(2048);
    REQUIRE(b.ok());
    const TwoLayerModel model(8, 64, Activation::tanh, false);
    Mat J;
    model.J(b.value.X, bench_theta0(b.value), J);
    const Vec wk = Vec::Constant(2048, 1.0 / 2048.0);
    LanczosOptions o;
    o.top = 1;
    o.tol = 1e-13;
    const LanczosResult r = lanczos_kernel(J, wk, o);
    CHECK(r.iterations < 576);
    CHECK(std::abs(r.ritz[r.iterations - 1] - 0.11796609435584234) <= 1e-12 * 0.11796609435584234);
}
