// Extreme eigenvalues (Lanczos top, shift-invert Lanczos bottom) against the full symmetric solver.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "core/util/rng.hpp"
#include "core/ntk/kernel.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/ntk/spectrum_extreme.hpp"
#include "core/util/thread_pool.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

namespace {
// Full spectrum of the same side, for reference.
Spectrum full(const Mat& J, const Vec& wk) { return tangent_spectrum(J, wk, nullptr); }
}  // namespace

TEST_CASE("extreme spectrum: λ_max, λ_min, smallest nonzero match the full solver (two-layer tanh, N > P and N < P)") {
  TwoLayerModel m(6, 24, Activation::tanh, false);  // P = 168
  for (Index N : {400, 100}) {
    const Mat X = randn(N, 6, 21 + std::uint64_t(N));
    const Vec th = randv(m.P(), 22);
    Mat J;
    m.J(X, th, J);
    const Vec wk = Vec::Constant(N, 1.0 / double(N));
    const Spectrum f = full(J, wk);
    const ExtremeSpectrum e = extreme_spectrum(J, wk);
    INFO("N = " << N);
    REQUIRE(e.ok());
    CHECK(e.converged);
    CHECK(e.from_gram == f.from_gram);
    const Index n = f.eigs.size();
    // Top: relative 1e-12 (well separated, Lanczos converges to machine precision).
    for (Index i = 0; i < e.top.size(); ++i)
      CHECK(std::abs(e.top[i] - f.eigs[n - e.top.size() + i]) <= 1e-12 * f.lambda_max);
    // Bottom: the full solver is only backward stable (abs error ≈ n·ε·λ_max), shift-invert is
    // accurate relative to λ (tol 1e-10) plus the same absolute floor.
    for (Index i = 0; i < e.bottom.size(); ++i)
      CHECK(std::abs(e.bottom[i] - f.eigs[i]) <= 1e-9 * std::abs(f.eigs[i]) + 1e-13 * f.lambda_max);
    CHECK(std::abs(e.lambda_max - f.lambda_max) <= 1e-12 * f.lambda_max);
    CHECK(std::abs(e.lambda_min_K - f.lambda_min_K) <= 1e-9 * std::abs(f.lambda_min_K) + 1e-13 * f.lambda_max);
    CHECK(e.nonzero_resolved);
    CHECK(std::abs(e.lambda_min_nonzero - f.lambda_min_nonzero) <= 1e-9 * f.lambda_min_nonzero);
  }
}

TEST_CASE("extreme spectrum: rank-deficient J (repeated columns) → λ_min ≈ 0, smallest nonzero skips the null space") {
  const Mat B = randn(300, 60, 31);
  Mat J(300, 63);
  J << B, B.leftCols(3);  // rank 60 < P = 63
  const Vec wk = (randv(300, 32).cwiseAbs().array() + 0.1).matrix() / 300.0;
  const Spectrum f = full(J, wk);
  ExtremeOptions o;
  o.bottom = 6;
  const ExtremeSpectrum e = extreme_spectrum(J, wk, nullptr, o);
  REQUIRE(e.ok());
  CHECK(std::abs(e.bottom[0]) <= 1e-13 * e.lambda_max);
  CHECK(e.nonzero_resolved);
  CHECK(f.rank == 60);
  CHECK(std::abs(e.lambda_min_nonzero - f.lambda_min_nonzero) <= 1e-9 * f.lambda_min_nonzero);
}

TEST_CASE("extreme spectrum: bit-identical for 1 and 2 threads; degenerate inputs reported by value") {
  const Mat J = randn(500, 90, 41);
  const Vec wk = Vec::Constant(500, 1.0 / 500.0);
  const ExtremeSpectrum e0 = extreme_spectrum(J, wk, nullptr);
  for (int t : {1, 2}) {
    ThreadPool pool(t);
    const ExtremeSpectrum e = extreme_spectrum(J, wk, &pool);
    REQUIRE(e.top.size() == e0.top.size());
    REQUIRE(e.bottom.size() == e0.bottom.size());
    CHECK(std::memcmp(e.top.data(), e0.top.data(), sizeof(double) * size_t(e.top.size())) == 0);
    CHECK(std::memcmp(e.bottom.data(), e0.bottom.data(), sizeof(double) * size_t(e.bottom.size())) == 0);
  }
  CHECK(!extreme_spectrum(Mat(), Vec()).ok());
  Mat bad = J;
  bad(3, 4) = std::nan("");
  CHECK(!extreme_spectrum(bad, wk).ok());
  const ExtremeSpectrum z = extreme_spectrum(Mat::Zero(20, 5), Vec::Constant(20, 0.05));
  CHECK(z.ok());
  CHECK(z.lambda_max == 0.0);
  CHECK(!z.nonzero_resolved);
}

TEST_CASE("extreme spectrum: bench W3 at θ₀, λ₁ and λ₅₇₆ of K vs NumPy (README §3)" * doctest::test_suite("heavy")) {
  auto b = bench_data(2048);
  REQUIRE(b.ok());
  TwoLayerModel m(8, 64, Activation::tanh, false);
  ThreadPool pool(2);
  Mat J;
  jacobian(m, b.value.X, bench_theta0(b.value), J, &pool);
  const ExtremeSpectrum e = extreme_spectrum(J, Vec::Constant(2048, 1.0 / 2048.0), &pool);
  REQUIRE(e.ok());
  CHECK(e.converged);
  REQUIRE(e.from_gram);  // P = 576 < N: G, whose spectrum is the nonzero spectrum of K
  const double lmax = 0.11796609435584234;
  CHECK(std::abs(e.lambda_max - lmax) <= 1e-13 * lmax);
  CHECK(std::abs(e.lambda_min_nonzero - 5.378941885793374e-9) <= 5e-15 * lmax);
  CHECK(e.lambda_min_K == 0.0);  // N > P: K is singular
}
