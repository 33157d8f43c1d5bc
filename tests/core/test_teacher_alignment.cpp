// Teacher alignment under the two-layer network's symmetries (models/teacher_alignment.hpp): the
// aligned copy computes the same function and is the closest symmetric copy.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/models/teacher_alignment.hpp"

using namespace core;

namespace {
// f(x) = (1/√m) Σ_j a_j tanh(w_j·x), packing W row-major then a (written out, not through the model).
double f_tanh(const Vec& th, const Vec& x, int d, int m) {
  double s = 0;
  for (int j = 0; j < m; ++j) {
    double z = 0;
    for (int k = 0; k < d; ++k) z += th[j * d + k] * x[k];
    s += th[m * d + j] * std::tanh(z);
  }
  return s / std::sqrt(double(m));
}
// The copy of `star` with unit j taken from unit perm[j], times sg[j].
Vec sym_copy(const Vec& star, const std::vector<int>& perm, const std::vector<double>& sg, int d, int m) {
  Vec out(star.size());
  for (int j = 0; j < m; ++j) {
    for (int k = 0; k < d; ++k) out[j * d + k] = sg[size_t(j)] * star[perm[size_t(j)] * d + k];
    out[m * d + j] = sg[size_t(j)] * star[m * d + perm[size_t(j)]];
  }
  return out;
}
}  // namespace

TEST_CASE("teacher_alignment: recovers θ* from a permuted, sign-flipped copy (exhaustive and greedy)") {
  const int d = 3, m = 4;
  Vec star(m * d + m);
  for (int i = 0; i < star.size(); ++i) star[i] = std::sin(1.3 * i + 0.2);
  const Vec copy = sym_copy(star, {2, 0, 3, 1}, {1, -1, -1, 1}, d, m);
  // θ near the copy: the aligned teacher is exactly the copy (odd σ); without sign flips it is not.
  const Vec theta = copy + 1e-3 * Vec::Ones(star.size());
  CHECK((align_teacher(theta, star, d, m, true) - copy).norm() < 1e-14);
  CHECK((align_teacher(theta, star, d, m, false) - copy).norm() > 0.1);
  // Greedy path (m > 7) on an exact copy.
  const int M = 9;
  Vec s2(M * d + M);
  for (int i = 0; i < s2.size(); ++i) s2[i] = std::cos(0.7 * i * i + 1.0);
  std::vector<int> shift(M);
  for (int j = 0; j < M; ++j) shift[size_t(j)] = (j + 4) % M;
  const Vec c2 = sym_copy(s2, shift, std::vector<double>(M, 1.0), d, M);
  CHECK((align_teacher(c2, s2, d, M, true) - c2).norm() < 1e-14);
}

TEST_CASE("teacher_alignment: the aligned teacher is the same function and no symmetric copy is closer") {
  const int d = 2, m = 4;
  Vec star(m * d + m), theta(m * d + m);
  for (int i = 0; i < star.size(); ++i) {
    star[i] = std::sin(2.1 * i + 0.4);
    theta[i] = std::cos(1.7 * i * i + 0.3);
  }
  const Vec al = align_teacher(theta, star, d, m, true);
  for (int t = 0; t < 5; ++t) {
    Vec x(d);
    for (int k = 0; k < d; ++k) x[k] = std::sin(0.9 * t + 1.1 * k);
    CHECK(std::abs(f_tanh(al, x, d, m) - f_tanh(star, x, d, m)) < 1e-14);
  }
  // Every one of the m!·2^m copies is at least as far from θ.
  std::vector<int> perm(m);
  for (int j = 0; j < m; ++j) perm[size_t(j)] = j;
  const double best = (theta - al).norm();
  do {
    for (int signs = 0; signs < (1 << m); ++signs) {
      std::vector<double> sg(m);
      for (int j = 0; j < m; ++j) sg[size_t(j)] = (signs >> j) & 1 ? -1.0 : 1.0;
      CHECK(best <= (theta - sym_copy(star, perm, sg, d, m)).norm() + 1e-14);
    }
  } while (std::next_permutation(perm.begin(), perm.end()));
}

TEST_CASE("teacher_alignment: sizes that do not match m·(d + 1) return θ* unchanged") {
  const Vec star = Vec::LinSpaced(8, 1, 2);
  CHECK((align_teacher(Vec::Zero(8), star, 3, 3, true) - star).norm() == 0);  // 3·4 = 12 ≠ 8
  CHECK((align_teacher(Vec::Zero(7), star, 3, 2, true) - star).norm() == 0);
  CHECK((align_teacher(Vec::Zero(8), star, 0, 0, true) - star).norm() == 0);
}
