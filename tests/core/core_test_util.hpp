// Shared helpers for core tests: finite-difference Jacobians and small random inputs.
#pragma once
#include <algorithm>
#include <cmath>
#include <random>

#include "core/models/model.hpp"

namespace core_test {

using core::Index;
using core::Mat;
using core::Vec;

// Central differences, step h_j = 1e-5 · max(1, |θ_j|): truncation O(h²) ≈ 1e-10, roundoff ≈ 1e-11.
inline Mat fd_jacobian(const core::Model& m, const Mat& X, const Vec& theta) {
  Mat F0;
  m.f(X, theta, F0);
  const Index N = F0.rows(), k = F0.cols();
  Mat Jfd(N * k, theta.size());
  for (Index j = 0; j < theta.size(); ++j) {
    const double h = 1e-5 * std::max(1.0, std::abs(theta(j)));
    Vec tp = theta, tm = theta;
    tp(j) += h;
    tm(j) -= h;
    Mat Fp, Fm;
    m.f(X, tp, Fp);
    m.f(X, tm, Fm);
    for (Index i = 0; i < N; ++i)
      for (Index c = 0; c < k; ++c) Jfd(i * k + c, j) = (Fp(i, c) - Fm(i, c)) / (tp(j) - tm(j));
  }
  return Jfd;
}

// max |A − B| / max(1, max |B|).
inline double rel_err(const Mat& A, const Mat& B) {
  return (A - B).cwiseAbs().maxCoeff() / std::max(1.0, B.cwiseAbs().maxCoeff());
}

inline Mat randn(Index r, Index c, std::uint64_t seed, double scale = 1.0) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> Z(0.0, scale);
  Mat M(r, c);
  for (Index i = 0; i < r; ++i)
    for (Index j = 0; j < c; ++j) M(i, j) = Z(gen);
  return M;
}

inline Vec randv(Index n, std::uint64_t seed, double scale = 1.0) { return randn(n, 1, seed, scale).col(0); }

}  // namespace core_test

#include <memory>
#include <string>
#include <vector>

namespace core_test {

// A model instance with inputs and parameters to test it at, and the losses that apply to it.
struct ModelCase {
  core::ModelSpec spec;
  Mat X;
  Vec theta;
  std::vector<std::string> losses;
};

inline std::vector<ModelCase> model_cases() {
  std::vector<ModelCase> cs;
  auto add = [&](core::ModelSpec s, Mat X, Vec th, std::vector<std::string> l) {
    cs.push_back({std::move(s), std::move(X), std::move(th), std::move(l)});
  };
  core::ModelSpec s;
  s = {};
  s.kind = "linear";
  s.d = 4;
  add(s, randn(7, 4, 1), randv(4, 2), {"squared", "logistic"});
  s = {};
  s.kind = "poly";
  s.degree = 5;
  add(s, randn(9, 1, 3, 0.7), randv(6, 4), {"squared", "logistic"});
  s = {};
  s.kind = "fourier";
  s.n_freq = 3;
  s.omega = 1.3;
  add(s, randn(8, 1, 5), randv(7, 6), {"squared", "logistic"});
  for (const char* act : {"tanh", "relu", "softplus", "identity"})
    for (bool bias : {false, true}) {
      s = {};
      s.kind = "two_layer";
      s.d = 3;
      s.width = 5;
      s.activation = act;
      s.bias = bias;
      add(s, randn(6, 3, 7), randv(5 * 3 + 5 + (bias ? 5 : 0), 8), {"squared", "logistic"});
    }
  s = {};
  s.kind = "deep_linear";
  s.d = 3;
  s.width = 4;
  s.k = 2;
  s.depth = 3;
  add(s, randn(5, 3, 9), randv(4 * 3 + 4 * 4 + 2 * 4, 10, 0.7), {"squared", "cross_entropy"});
  s = {};
  s.kind = "deep_linear";
  s.d = 2;
  s.width = 3;
  s.k = 1;
  s.depth = 1;
  add(s, randn(5, 2, 11), randv(2, 12), {"squared", "logistic"});
  s = {};
  s.kind = "complex_square";
  add(s, Mat::Zero(1, 1), (Vec(2) << 0.3, 0.2).finished(), {"squared"});
  s = {};
  s.kind = "lemniscate";
  add(s, Mat::Zero(1, 1), (Vec(1) << 0.4).finished(), {"squared"});
  s = {};
  s.kind = "softmax_linear";
  s.d = 4;
  s.k = 3;
  add(s, randn(10, 4, 13), randv(12, 14), {"squared", "cross_entropy"});
  return cs;
}

}  // namespace core_test

// Threads a ThreadPool(n) really has: 1 in single-threaded WebAssembly, where tasks run inline.
inline int expected_pool_size(int n) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  (void)n;
  return 1;
#else
  return n < 1 ? 1 : n;
#endif
}
