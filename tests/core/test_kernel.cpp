// Tangent kernel: spectral sandwich, rank, G/K spectra, witnesses, blocks, toy models, bench W3, threads.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "core/ntk/kernel.hpp"
#include "core/models/loss.hpp"
#include "core/models/model_complex_square.hpp"
#include "core/models/model_lemniscate.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/util/rng.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

namespace {
struct Setup {
  Mat J;
  Vec wk, g;
};
// Squared-loss residual g = f − y with random targets, weights uniform or random.
Setup squared_setup(const Model& m, const Mat& X, const Vec& theta, bool uniform, std::uint64_t seed) {
  Setup s;
  Mat F;
  m.f(X, theta, F);
  m.J(X, theta, s.J);
  Vec w =
      uniform ? Vec::Constant(X.rows(), 1.0 / double(X.rows())) : Vec(randv(X.rows(), seed).cwiseAbs().array() + 0.1);
  w /= w.sum();
  s.wk = repeat_weights(w, m.k());
  s.g = flatten_rows(F - randn(F.rows(), F.cols(), seed + 1));
  return s;
}
Vec full_K_eigs(const Setup& s) {
  Mat K;
  kernel_matrix(s.J, s.wk, K);
  return eigenvalues(K);
}
}  // namespace

TEST_CASE("kernel: λ_min(K) ≤ R ≤ λ_max(K) for every model (slack 1e-12·λ_max)") {
  for (const ModelCase& c : model_cases()) {
    auto m = make_model(c.spec);
    REQUIRE(m.ok());
    for (bool uniform : {true, false}) {
      INFO(m.value->name() << " " << c.spec.activation << " uniform=" << uniform);
      Setup s = squared_setup(*m.value, c.X, c.theta, uniform, 51);
      const Vec ev = full_K_eigs(s);
      const double R = rayleigh(s.J, s.wk, s.g), lmax = ev(ev.size() - 1);
      CHECK(ev(0) <= R + 1e-12 * lmax);
      CHECK(R <= lmax * (1 + 1e-12));
    }
  }
}

TEST_CASE("kernel: N·k > P ⇒ rank K ≤ P and λ_min(K) = 0 to roundoff (|λ_min| ≤ 1e-13·λ_max)") {
  TwoLayerModel m(2, 3, Activation::tanh, false);  // P = 9
  Setup s = squared_setup(m, randn(30, 2, 61), randv(9, 62), false, 63);
  const Vec ev = full_K_eigs(s);
  const double lmax = ev(ev.size() - 1);
  CHECK(std::abs(ev(0)) <= 1e-13 * lmax);
  Index rank = 0;
  for (Index i = 0; i < ev.size(); ++i) rank += ev(i) > rank_tolerance(ev);
  CHECK(rank <= 9);
  CHECK(rank == 9);  // generic parameters: full rank P
  Spectrum sp = tangent_spectrum(s.J, s.wk);
  CHECK(sp.from_gram);
  CHECK(sp.rank == 9);
  CHECK(sp.lambda_min_K == 0.0);
  CHECK(std::abs(sp.lambda_max - lmax) <= 1e-13 * lmax);
  CHECK(std::abs(sp.lambda_min_nonzero - ev(ev.size() - 9)) <= 1e-13 * lmax);
}

TEST_CASE("kernel: G and K share their nonzero spectrum (abs ≤ 1e-13·λ_max), N < P and N > P") {
  TwoLayerModel m(3, 6, Activation::softplus, true);  // P = 30
  for (Index N : {Index(8), Index(50)})
    for (bool uniform : {true, false}) {
      INFO("N=" << N << " uniform=" << uniform);
      Setup s = squared_setup(m, randn(N, 3, 71 + N), randv(30, 72), uniform, 73);
      Mat G;
      gram(s.J, s.wk, G);
      // G against the textbook formula Jᵀ diag(wk) J.
      const Mat Gref = s.J.transpose() * s.wk.asDiagonal() * s.J;
      CHECK(rel_err(G, Gref) <= 1e-14);
      CHECK((G - G.transpose()).cwiseAbs().maxCoeff() == 0.0);
      const Vec eG = eigenvalues(G), eK = full_K_eigs(s);
      const Index r = std::min(eG.size(), eK.size());
      const double lmax = eG(eG.size() - 1);
      CHECK((eG.tail(r) - eK.tail(r)).cwiseAbs().maxCoeff() <= 1e-13 * lmax);
      Spectrum sp = tangent_spectrum(s.J, s.wk);
      CHECK(sp.from_gram == (N >= 30));
      CHECK(sp.rank == std::min<Index>(N, 30));
      if (N < 30) CHECK(std::abs(sp.lambda_min_K - eK(0)) <= 1e-13 * lmax);
    }
}

TEST_CASE("kernel: witness bound ≤ R, equality at v = ∇L (rel 1e-12); teacher/Euler witnesses ≤ R") {
  for (const ModelCase& c : model_cases()) {
    auto m = make_model(c.spec);
    REQUIRE(m.ok());
    INFO(m.value->name() << " " << c.spec.activation);
    Setup s = squared_setup(*m.value, c.X, c.theta, false, 81);
    const double R = rayleigh(s.J, s.wk, s.g);
    for (int t = 0; t < 20; ++t) CHECK(witness_bound(s.J, s.wk, s.g, randv(c.theta.size(), 82 + t)) <= R * (1 + 1e-12));
    CHECK(std::abs(witness_bound(s.J, s.wk, s.g, grad_L(s.J, s.wk, s.g)) - R) <= 1e-12 * R);
    CHECK(witness_euler(s.J, s.wk, s.g, c.theta) <= R * (1 + 1e-12));
    CHECK(witness_teacher(s.J, s.wk, s.g, c.theta, randv(c.theta.size(), 99)) <= R * (1 + 1e-12));
    CHECK(witness_bound(s.J, s.wk, s.g, Vec::Zero(c.theta.size())) == 0.0);
  }
}

TEST_CASE("kernel: Euler witness for squared loss equals p²⟨f−y,f⟩²/(‖θ‖²‖f−y‖²) (rel 1e-12)") {
  TwoLayerModel m(3, 4, Activation::relu, false);
  const Mat X = randn(10, 3, 91);
  const Vec th = randv(16, 92);
  Setup s = squared_setup(m, X, th, true, 93);
  Mat F;
  m.f(X, th, F);
  const Vec f = F.col(0);
  const double ip = (s.wk.array() * s.g.array() * f.array()).sum(), g2 = norm2_H(s.wk, s.g);
  const double expect = 4.0 * ip * ip / (th.squaredNorm() * g2);
  CHECK(std::abs(witness_euler(s.J, s.wk, s.g, th) - expect) <= 1e-12 * expect);
}

TEST_CASE("kernel: block monotonicity R ≥ R^(a), and R = Σ_blocks R^(block) (rel 1e-12)") {
  TwoLayerModel m(3, 5, Activation::tanh, true);  // blocks W [0,15), a [15,20), b [20,25)
  Setup s = squared_setup(m, randn(40, 3, 101), randv(25, 102), false, 103);
  const double R = rayleigh(s.J, s.wk, s.g);
  const double Ra = rayleigh_block(s.J, s.wk, s.g, m.a_offset(), 5);
  const double RW = rayleigh_block(s.J, s.wk, s.g, 0, 15), Rb = rayleigh_block(s.J, s.wk, s.g, 20, 5);
  CHECK(Ra <= R);
  CHECK(Ra > 0);
  CHECK(std::abs(RW + Ra + Rb - R) <= 1e-12 * R);
  CHECK(std::isnan(rayleigh_block(s.J, s.wk, s.g, 20, 6)));
}

TEST_CASE("kernel: complex square K = 4|θ|² I, R = 4|θ|² (rel 1e-15)") {
  ComplexSquareModel m;
  const Vec th = (Vec(2) << 0.7, -1.1).finished();
  const double r2 = th.squaredNorm();
  Mat J, K;
  m.J(Mat::Zero(1, 1), th, J);
  const Vec wk = repeat_weights(Vec::Ones(1), 2);
  kernel_matrix(J, wk, K);
  CHECK((K - 4 * r2 * Mat::Identity(2, 2)).cwiseAbs().maxCoeff() <= 1e-15 * 4 * r2);
  const Vec g = (Vec(2) << 0.3, 2.0).finished();
  CHECK(std::abs(rayleigh(J, wk, g) - 4 * r2) <= 1e-15 * 4 * r2);
}

TEST_CASE("kernel: lemniscate R → ½ at the double point (notes T13: 0.555, 0.5025, 0.50002)") {
  LemniscateModel m;
  const double half_pi = std::acos(0.0);
  // Tolerances: half a unit in the last digit the notes give.
  const double dts[3] = {0.5, 0.1, 0.01}, expect[3] = {0.555, 0.5025, 0.50002}, tol[3] = {5e-4, 5e-5, 5.1e-6};
  for (int i = 0; i < 3; ++i) {
    const Vec th = (Vec(1) << half_pi - dts[i]).finished();
    Mat F, J;
    m.f(Mat::Zero(1, 1), th, F);
    m.J(Mat::Zero(1, 1), th, J);
    const Vec g = flatten_rows(F);  // target y = 0 (the double point), squared loss
    const double R = rayleigh(J, repeat_weights(Vec::Ones(1), 2), g);
    INFO("t = π/2 − " << dts[i] << ", R = " << R);
    CHECK(std::abs(R - expect[i]) <= tol[i]);
  }
}

TEST_CASE("kernel: bench W3 at θ₀: λ₁(K), λ₅₇₆(K), tr K vs NumPy (README §3)" * doctest::test_suite("heavy")) {
  auto b = bench_data(2048);
  REQUIRE(b.ok());
  TwoLayerModel m(8, 64, Activation::tanh, false);
  ThreadPool pool(2);
  Mat J;
  jacobian(m, b.value.X, bench_theta0(b.value), J, &pool);
  const Vec wk = Vec::Constant(2048, 1.0 / 2048.0);
  Spectrum sp = tangent_spectrum(J, wk, &pool);
  REQUIRE(sp.from_gram);
  const double lmax = 0.11796609435584234;
  CHECK(std::abs(sp.lambda_max - lmax) <= 1e-13 * lmax);
  // Small end: the README expects ~1e-15·λ_max agreement between float64 ports.
  CHECK(std::abs(sp.eigs(0) - 5.378941885793374e-9) <= 5e-15 * lmax);
  CHECK(std::abs(sp.eigs.sum() - 0.8798431770130728) <= 1e-13);
  CHECK(sp.rank == 576);
}

TEST_CASE("kernel: Jacobian, G and K are bit-identical for 1, 2 and 3 threads") {
  TwoLayerModel m(8, 20, Activation::tanh, true);  // P = 200: not a multiple of the 64-wide tiles
  const Mat X = randn(300, 8, 111);
  const Vec th = randv(m.P(), 112);
  const Vec wk = (randv(300, 113).cwiseAbs().array() + 0.1).matrix();
  Mat J0, G0, K0;
  jacobian(m, X, th, J0, nullptr);
  gram(J0, wk, G0, nullptr);
  kernel_matrix(J0, wk, K0, nullptr);
  for (int n : {1, 2, 3}) {
    ThreadPool pool(n);
    CHECK(pool.size() == expected_pool_size(n));
    Mat J, G, K;
    jacobian(m, X, th, J, &pool);
    gram(J, wk, G, &pool);
    kernel_matrix(J, wk, K, &pool);
    INFO("threads = " << n);
    CHECK(std::memcmp(J.data(), J0.data(), sizeof(double) * std::size_t(J.size())) == 0);
    CHECK(std::memcmp(G.data(), G0.data(), sizeof(double) * std::size_t(G.size())) == 0);
    CHECK(std::memcmp(K.data(), K0.data(), sizeof(double) * std::size_t(K.size())) == 0);
  }
  // Uniform weights take the JᵀJ·w path; also thread-invariant.
  const Vec wu = Vec::Constant(300, 1.0 / 300.0);
  Mat Gs, Gp;
  gram(J0, wu, Gs, nullptr);
  ThreadPool pool(2);
  gram(J0, wu, Gp, &pool);
  CHECK(std::memcmp(Gs.data(), Gp.data(), sizeof(double) * std::size_t(Gs.size())) == 0);
}

TEST_CASE("kernel: weighted G and K scale the rows by correctly rounded √w (no approximate vector sqrt)") {
  // G(J, w) = (W^{1/2}J)ᵀ(W^{1/2}J): with the rows scaled here by std::sqrt (correctly rounded by IEEE
  // 754), the unweighted product must give the same bits. Eigen's fast-math vector sqrt (rsqrt14 + Newton
  // on AVX-512) would not; the core is built with EIGEN_FAST_MATH=0.
  TwoLayerModel m(8, 20, Activation::tanh, true);
  const Mat X = randn(300, 8, 121);
  const Vec th = randv(m.P(), 122);
  Vec wk = (randv(300, 123).cwiseAbs().array() + 0.1).matrix();
  wk[0] = 1e-310;  // subnormal weight: its √ is a normal number, not flushed to 0
  Mat J;
  jacobian(m, X, th, J, nullptr);
  Mat A = J;
  for (Index i = 0; i < A.rows(); ++i) A.row(i) *= std::sqrt(wk[i]);
  const Vec ones = Vec::Ones(300);
  Mat G, Gref, K, Kref;
  gram(J, wk, G, nullptr);
  gram(A, ones, Gref, nullptr);
  kernel_matrix(J, wk, K, nullptr);
  kernel_matrix(A, ones, Kref, nullptr);
  CHECK(std::memcmp(G.data(), Gref.data(), sizeof(double) * std::size_t(G.size())) == 0);
  CHECK(std::memcmp(K.data(), Kref.data(), sizeof(double) * std::size_t(K.size())) == 0);
}

TEST_CASE("kernel: helpers (flatten_rows, repeat_weights, rank_tolerance, degenerate inputs)") {
  Mat M(2, 3);
  M << 1, 2, 3, 4, 5, 6;
  const Vec f = flatten_rows(M);
  CHECK(f(3) == 4.0);
  CHECK(f(2) == 3.0);
  const Vec wk = repeat_weights((Vec(2) << 0.25, 0.75).finished(), 3);
  CHECK(wk(2) == 0.25);
  CHECK(wk(3) == 0.75);
  CHECK(rayleigh(Mat::Ones(6, 2), wk, Vec::Zero(6)) == 0.0);
  CHECK(eigenvalues(Mat()).size() == 0);
  Mat bad = Mat::Identity(2, 2);
  bad(0, 1) = bad(1, 0) = NAN;
  CHECK(std::isnan(eigenvalues(bad)(0)));
}
