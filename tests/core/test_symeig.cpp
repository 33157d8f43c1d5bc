// Blocked symmetric eigenvalues (symeig) and the two-layer fast paths (vectorized det_tanh, vjp).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include <Eigen/Eigenvalues>

#include "core/linalg/gemm_lower.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/util/rng.hpp"
#include "core/linalg/symeig.hpp"
#include "core/linalg/symeig_band.hpp"
#include "core/util/thread_pool.hpp"
#include "core_test_util.hpp"

using namespace core;
using namespace core_test;

namespace {
bool same_bits(const Vec& a, const Vec& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}
}  // namespace

TEST_CASE("symeig: eigenvalues match Eigen's solver (PSD low rank, indefinite, tiny sizes)") {
  for (Index n : {1, 2, 3, 31, 32, 33, 65, 200, 577}) {
    const Mat B = randn(n, std::max<Index>(1, n / 3), 11 + std::uint64_t(n));
    const Mat S1 = B * B.transpose() / double(n);  // PSD, rank ≤ n/3
    const Mat A = randn(n, n, 7 + std::uint64_t(n));
    const Mat S2 = (A + A.transpose()) / 2.0;  // indefinite
    for (const Mat* S : {&S1, &S2}) {
      Eigen::SelfAdjointEigenSolver<Mat> es(*S, Eigen::EigenvaluesOnly);
      const Vec ours = sym_eigenvalues(*S);
      const double scale = std::max(1e-300, es.eigenvalues().cwiseAbs().maxCoeff());
      // Both backward stable: absolute errors ≈ n·ε·‖S‖.
      CHECK((ours - es.eigenvalues()).cwiseAbs().maxCoeff() / scale <= 1e-13);
    }
  }
  CHECK(sym_eigenvalues(Mat()).size() == 0);
  CHECK(sym_eigenvalues(Mat::Zero(4, 4)) == Vec::Zero(4));
  Mat bad = Mat::Identity(3, 3);
  bad(2, 0) = std::nan("");
  CHECK(std::isnan(sym_eigenvalues(bad)[0]));
}

TEST_CASE("symeig: root-free tridiagonal QL/QR (dsterf) matches Eigen's tridiagonal QR (abs ≤ 1e-14·‖T‖)") {
  for (Index n : {1, 2, 3, 5, 50, 400}) {
    const Mat R = randn(n, 2, 3 + std::uint64_t(n));
    for (int kind = 0; kind < 4; ++kind) {
      Vec d(n), e(std::max<Index>(n - 1, 0));
      for (Index i = 0; i < n; ++i) {
        if (kind == 0) d[i] = R(i, 0);                                        // random
        if (kind == 1) d[i] = std::pow(10.0, -12.0 * double(i) / double(n));  // graded
        if (kind == 2) d[i] = 2.0;                                            // Toeplitz (−1, 2, −1)
        if (kind == 3) d[i] = double(i % 3);                                  // repeated values, split blocks
        if (i + 1 < n) {
          e[i] = kind == 0 ? R(i, 1) : kind == 1 ? 1e-7 * d[i] : kind == 2 ? -1.0 : (i % 7 == 3 ? 0.0 : 1e-3);
        }
      }
      Eigen::SelfAdjointEigenSolver<Mat> es;
      es.computeFromTridiagonal(d, e, Eigen::EigenvaluesOnly);
      Vec dd = d, ee = e;
      REQUIRE(tridiagonal_eigenvalues(dd, ee));
      const double norm = std::max(1e-300, es.eigenvalues().cwiseAbs().maxCoeff());
      CHECK((dd - es.eigenvalues()).cwiseAbs().maxCoeff() / norm <= 1e-14 * std::max<double>(1.0, double(n) / 10.0));
      for (Index i = 1; i < n; ++i) CHECK(dd[i - 1] <= dd[i]);
    }
  }
  // Scaled far out of range: the block scaling keeps it finite and exact up to the scale.
  Vec d(3), e(2);
  d << 1e300, 2e300, 3e300;
  e << 1e299, 1e299;
  Vec ds = d / 1e300, es_ = e / 1e300;
  REQUIRE(tridiagonal_eigenvalues(d, e));
  REQUIRE(tridiagonal_eigenvalues(ds, es_));
  CHECK(((d / 1e300) - ds).cwiseAbs().maxCoeff() <= 1e-15 * 3.0);
}

TEST_CASE("symeig: only the lower triangle is read; bit-identical for 1 and 2 threads (parallel path)") {
  const Index n = 900;  // above the size where the symmetric product and update are split
  const Mat B = randn(n, 300, 5);
  Mat S = B * B.transpose() / double(n);
  Mat L = S;
  L.triangularView<Eigen::StrictlyUpper>().setConstant(1e300);
  ThreadPool p1(1), p2(2);
  const Vec e0 = sym_eigenvalues(S, nullptr);
  const Vec e1 = sym_eigenvalues(L, &p1);
  const Vec e2 = sym_eigenvalues(L, &p2);
  CHECK(same_bits(e0, e1));
  CHECK(same_bits(e1, e2));
  Eigen::SelfAdjointEigenSolver<Mat> es(S, Eigen::EigenvaluesOnly);
  CHECK((e2 - es.eigenvalues()).cwiseAbs().maxCoeff() / es.eigenvalues().maxCoeff() <= 1e-13);
}

TEST_CASE("symeig two-stage: dense → band keeps the spectrum and leaves exact zeros outside the band") {
  for (Index n : {1, 2, 5, 9, 33, 64, 65, 130, 301}) {
    for (Index b : {1, 2, 3, 8, 32}) {
      const Mat A0 = randn(n, n, 40 + std::uint64_t(n));
      const Mat S = (A0 + A0.transpose()) / 2.0;
      Mat A = S;
      A.triangularView<Eigen::StrictlyUpper>().setConstant(1e300);  // never read
      reduce_to_band(A, b, nullptr);
      double outside = 0.0;
      for (Index j = 0; j < n; ++j)
        for (Index i = j + b + 1; i < n; ++i) outside = std::max(outside, std::abs(A(i, j)));
      CHECK(outside == 0.0);
      Mat Bd = A.triangularView<Eigen::Lower>();  // the band, as a dense symmetric matrix
      Bd.triangularView<Eigen::StrictlyUpper>() = Bd.transpose();
      Eigen::SelfAdjointEigenSolver<Mat> ref(S, Eigen::EigenvaluesOnly), band(Bd, Eigen::EigenvaluesOnly);
      const double scale = ref.eigenvalues().cwiseAbs().maxCoeff();
      CHECK((band.eigenvalues() - ref.eigenvalues()).cwiseAbs().maxCoeff() <= 1e-13 * scale);
    }
  }
}

TEST_CASE("symeig two-stage: reflector-free inputs (zero, diagonal, already tridiagonal) pass through exactly") {
  for (Index n : {4, 40, 100}) {
    Mat Z = Mat::Zero(n, n), D = Mat::Zero(n, n), T = Mat::Zero(n, n);
    for (Index i = 0; i < n; ++i) {
      D(i, i) = double(i % 5) - 2.0;
      T(i, i) = 2.0;
      if (i + 1 < n) T(i + 1, i) = T(i, i + 1) = -1.0;
    }
    for (const Mat* S : {&Z, &D, &T}) {
      Mat A = *S;
      reduce_to_band(A, 8, nullptr);
      CHECK(A == *S);  // every panel is already zero below the band: τ = 0, no update
      Vec d, e;
      band_to_tridiagonal(A, 8, d, e);
      CHECK(d == S->diagonal());
      CHECK(e == Vec(S->diagonal(-1)));
    }
  }
}

TEST_CASE("symeig two-stage: band → tridiagonal (bulge chasing) keeps the spectrum of a band matrix") {
  for (Index n : {1, 2, 3, 10, 47, 200}) {
    for (Index b : {1, 2, 5, 16, 32, 64}) {
      const Mat R = randn(n, n, 90 + std::uint64_t(n * 7 + b));
      Mat Bd = Mat::Zero(n, n);  // random symmetric band of width b
      for (Index j = 0; j < n; ++j)
        for (Index i = j; i <= std::min(n - 1, j + b); ++i) Bd(i, j) = Bd(j, i) = R(i, j);
      Vec d, e;
      band_to_tridiagonal(Bd, b, d, e);
      REQUIRE(d.size() == n);
      REQUIRE(e.size() == std::max<Index>(n - 1, 0));
      REQUIRE(tridiagonal_eigenvalues(d, e));
      Eigen::SelfAdjointEigenSolver<Mat> ref(Bd, Eigen::EigenvaluesOnly);
      const double scale = std::max(1e-300, ref.eigenvalues().cwiseAbs().maxCoeff());
      CHECK((d - ref.eigenvalues()).cwiseAbs().maxCoeff() <= 1e-13 * scale);
    }
  }
}

TEST_CASE("symeig two-stage: the parallel band reduction is bit-identical for 1 and 2 threads") {
  const Index n = 700;  // above the size where the symmetric product and the update use the pool
  const Mat B = randn(n, 200, 6);
  const Mat S = B * B.transpose() / double(n);
  ThreadPool p1(1), p2(2);
  Mat A0 = S, A1 = S, A2 = S;
  reduce_to_band(A0, 32, nullptr);
  reduce_to_band(A1, 32, &p1);
  reduce_to_band(A2, 32, &p2);
  CHECK(std::memcmp(A0.data(), A1.data(), sizeof(double) * size_t(A0.size())) == 0);
  CHECK(std::memcmp(A1.data(), A2.data(), sizeof(double) * size_t(A1.size())) == 0);
}

TEST_CASE("gemm_lower_sub: the split update with a side task equals the plain one, bit for bit") {
  // The look-ahead of the band reduction: columns [0, split) first, then side() alongside the rest.
  const Index m = 613, K = 64;
  const Mat C0 = randn(m, m, 21), L = randn(m, K, 22), R = randn(m, K, 23);
  Mat ref = C0;
  ref.triangularView<Eigen::Lower>() -= (L * R.transpose()).eval();
  ThreadPool p2(2);
  Mat plain = C0;
  std::vector<double> pack;
  gemm_lower_sub(plain.data(), m, m, L.data(), m, R.data(), m, K, pack, &p2);
  // Against the dense product: the same sum up to rounding; the strict upper triangle untouched.
  CHECK((plain - ref).cwiseAbs().maxCoeff() <= 1e-12 * ref.cwiseAbs().maxCoeff());
  CHECK(Mat(plain.triangularView<Eigen::StrictlyUpper>()) == Mat(C0.triangularView<Eigen::StrictlyUpper>()));
  for (ThreadPool* pool : {static_cast<ThreadPool*>(nullptr), &p2}) {
    for (Index split : {Index(32), Index(48), Index(7)}) {  // 7: not a tile multiple, side runs last
      Mat split_c = C0;
      int calls = 0;
      const std::function<void()> side = [&] { ++calls; };
      gemm_lower_sub(split_c.data(), m, m, L.data(), m, R.data(), m, K, pack, pool, split, &side);
      CHECK(calls == 1);
      CHECK(std::memcmp(split_c.data(), plain.data(), sizeof(double) * size_t(plain.size())) == 0);
    }
  }
}

TEST_CASE("symeig two-stage: the pipelined bulge chasing is bit-identical for 1 and 2 threads") {
  // Sizes above the pipelining threshold (256); b = 1 and 2 make the lag between sweeps the
  // tightest (neighbouring sweeps share rows every step), b = 7 leaves a short last step.
  ThreadPool p2(2);
  for (Index n : {257, 300, 523}) {
    for (Index b : {1, 2, 7, 32}) {
      const Mat R = randn(n, n, 300 + std::uint64_t(n * 3 + b));
      Mat Bd = Mat::Zero(n, n);
      for (Index j = 0; j < n; ++j)
        for (Index i = j; i <= std::min(n - 1, j + b); ++i) Bd(i, j) = Bd(j, i) = R(i, j);
      Vec d1, e1, d2, e2;
      band_to_tridiagonal(Bd, b, d1, e1, nullptr);
      band_to_tridiagonal(Bd, b, d2, e2, &p2);
      CHECK(same_bits(d1, d2));
      CHECK(same_bits(e1, e2));
      REQUIRE(tridiagonal_eigenvalues(d2, e2));
      Eigen::SelfAdjointEigenSolver<Mat> ref(Bd, Eigen::EigenvaluesOnly);
      CHECK((d2 - ref.eigenvalues()).cwiseAbs().maxCoeff() <= 1e-13 * ref.eigenvalues().cwiseAbs().maxCoeff());
    }
  }
}

TEST_CASE("symeig: the two-stage path of large matrices matches Eigen's solver" * doctest::test_suite("heavy")) {
  const Index n = 1600;  // above the two-stage threshold
  const Mat A = randn(n, n, 77);
  const Mat S = (A + A.transpose()) / 2.0;
  const Mat B = randn(n, 400, 78);
  const Mat S2 = B * B.transpose() / double(n);  // PSD, rank 400: 1200 zero eigenvalues
  ThreadPool p2(2);
  for (const Mat* M : {&S, &S2}) {
    Eigen::SelfAdjointEigenSolver<Mat> es(*M, Eigen::EigenvaluesOnly);
    const Vec ours = sym_eigenvalues(*M, &p2);
    const double scale = es.eigenvalues().cwiseAbs().maxCoeff();
    // Two backward-stable solvers: each within ≈ n·ε·‖S‖ (the one-stage path shows the same 2e-13 here).
    CHECK((ours - es.eigenvalues()).cwiseAbs().maxCoeff() / scale <= 2.0 * double(n) * 2.2e-16);
    CHECK(same_bits(ours, sym_eigenvalues(*M, nullptr)));
  }
}

TEST_CASE("two_layer tanh: vectorized σ is bit-identical to det_tanh, vjp equals Jᵀu") {
  // d = 1, W = 1, a = 1: column m·d + 0 of J is det_tanh(x_i) exactly (scale 1/√1 = 1).
  std::vector<double> z = {0.0,  -0.0,   1e-300, -1e-300, 5e-324, 19.99, 20.0, 20.01, -20.01,
                           40.0, -700.0, 300.0,  0.5,     -0.5,   18.7,  22.0, 0.1,   -3.0};
  const Mat R = randn(4001, 1, 3, 4.0);
  for (Index i = 0; i < R.rows(); ++i) z.push_back(R(i, 0));
  Mat X(Index(z.size()), 1);
  for (Index i = 0; i < X.rows(); ++i) X(i, 0) = z[size_t(i)];
  TwoLayerModel m(1, 1, Activation::tanh, false);
  Vec th(2);
  th << 1.0, 1.0;
  Mat J, F;
  m.J(X, th, J);
  m.f(X, th, F);
  Index bad = 0;
  for (Index i = 0; i < X.rows(); ++i) {
    const double ref = det_tanh(z[size_t(i)]);
    bad += std::memcmp(&ref, &J(i, 1), 8) != 0 || !(F(i, 0) == ref);  // f: 0 + (−0) = +0, as before
  }
  CHECK(bad == 0);

  for (bool bias : {false, true}) {
    for (Activation act : {Activation::tanh, Activation::relu, Activation::softplus}) {
      TwoLayerModel mm(3, 7, act, bias);
      const Mat Xs = randn(97, 3, 21);
      const Vec theta = randn(mm.P(), 1, 22).col(0);
      const Vec u = randn(97, 1, 23).col(0);
      Mat Jm;
      mm.J(Xs, theta, Jm);
      Vec v;
      mm.vjp(Xs, theta, u, v);
      const Vec ref = Jm.transpose() * u;
      CHECK((v - ref).norm() <= 1e-13 * ref.norm());
    }
  }
}

TEST_CASE("two_layer: the vectorized pre-activations equal the scalar left-to-right sum bit for bit") {
  // Identity activation: column m·d + j of J is z_ij/√m, z_ij = ((0 + w_j1 x_i1) + …) (+ b_j).
  for (bool bias : {false, true}) {
    for (Index d : {1, 3, 8, 9}) {
      const Index m = 5;
      TwoLayerModel mm(d, m, Activation::identity, bias);
      const Mat Xs = randn(37, d, 31);  // 37 rows: a scalar tail after the vector loop
      const Vec theta = randn(mm.P(), 1, 32).col(0);
      Mat Jm;
      mm.J(Xs, theta, Jm);
      const double scale = 1.0 / std::sqrt(double(m));
      Index bad = 0;
      for (Index i = 0; i < Xs.rows(); ++i)
        for (Index j = 0; j < m; ++j) {
          double z = 0.0;
          for (Index k = 0; k < d; ++k) z = z + theta(j * d + k) * Xs(i, k);
          if (bias) z = z + theta(m * d + m + j);
          const double ref = z * scale;
          bad += std::memcmp(&ref, &Jm(i, m * d + j), 8) != 0;
        }
      CHECK(bad == 0);
    }
  }
}
