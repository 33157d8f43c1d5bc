// Transliteration of ../shared/bench/gen.py: same expressions, same order, no FMA contraction.
#include "core/util/rng.hpp"

#include <cmath>
#include <string>

namespace core {

namespace {
using det_exp_const::INV_LN2;
using det_exp_const::LN2_HI;
using det_exp_const::LN2_LO;
constexpr double SQRT_HALF = 0x1.6a09e667f3bcdp-1;

// 1/(2k+1), k = 0..11, correctly rounded quotients (computed once by IEEE division).
struct LogCoeffs {
  double c[12];
  LogCoeffs() {
    for (int k = 0; k < 12; ++k) c[k] = 1.0 / double(2 * k + 1);
  }
};
const LogCoeffs kLog;
constexpr const det_exp_const::InvFactorials& kExp = det_exp_const::kInvFact;
}  // namespace

std::uint64_t SplitMix64::next() {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double SplitMix64::uniform() { return double(next() >> 11) * 0x1p-53; }

double NormalStream::next() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double v1, v2, s;
  do {
    v1 = 2.0 * rng_.uniform() - 1.0;
    v2 = 2.0 * rng_.uniform() - 1.0;
    s = v1 * v1 + v2 * v2;
  } while (!(0.0 < s && s < 1.0));
  const double f = std::sqrt((-2.0 * det_log(s)) / s);
  spare_ = v2 * f;
  has_spare_ = true;
  return v1 * f;
}

double det_log(double s) {
  int e = 0;
  double m = std::frexp(s, &e);  // s = m·2^e, m ∈ [0.5,1)
  if (m < SQRT_HALF) {
    m = m * 2.0;
    e = e - 1;
  }
  const double t = (m - 1.0) / (m + 1.0);
  const double t2 = t * t;
  double p = kLog.c[11];
  for (int k = 10; k >= 0; --k) p = p * t2 + kLog.c[k];
  const double ln_m = (2.0 * t) * p;
  const double fe = double(e);
  return fe * LN2_HI + (fe * LN2_LO + ln_m);
}

double det_exp(double x) {
  const double fk = std::floor(x * INV_LN2 + 0.5);
  const double r = (x - fk * LN2_HI) - fk * LN2_LO;
  double p = kExp.c[13];
  for (int n = 12; n >= 0; --n) p = p * r + kExp.c[n];
  return std::ldexp(p, int(fk));
}

double det_tanh(double z) {
  if (z >= 0.0) {
    const double e = det_exp(-2.0 * z);
    return (1.0 - e) / (1.0 + e);
  }
  const double e = det_exp(2.0 * z);
  return -((1.0 - e) / (1.0 + e));
}

Result<BenchData> bench_data(Index n, std::uint64_t seed, Index d, Index m_teacher, Index m_student) {
  constexpr Index kMax = 10'000'000;
  if (n < 0 || d < 1 || m_teacher < 1 || m_student < 0)
    return Result<BenchData>::fail("bench_data: sizes must be n ≥ 0, d ≥ 1, m_teacher ≥ 1, m_student ≥ 0");
  if (n > kMax || d > 100'000 || m_teacher > 100'000 || m_student > 100'000 || double(n) * double(d) > 1e8)
    return Result<BenchData>::fail("bench_data: sizes too large");
  BenchData b;
  NormalStream ns(seed);
  b.Wt.resize(m_teacher, d);
  for (Index j = 0; j < m_teacher; ++j)
    for (Index k = 0; k < d; ++k) b.Wt(j, k) = ns.next();
  b.at.resize(m_teacher);
  for (Index j = 0; j < m_teacher; ++j) b.at(j) = ns.next();
  b.W0.resize(m_student, d);
  for (Index j = 0; j < m_student; ++j)
    for (Index k = 0; k < d; ++k) b.W0(j, k) = ns.next();
  b.a0.resize(m_student);
  for (Index j = 0; j < m_student; ++j) b.a0(j) = ns.next();
  const double sqrt_d = std::sqrt(double(d));
  b.X.resize(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index k = 0; k < d; ++k) b.X(i, k) = ns.next() / sqrt_d;
  // Teacher (1/√m) Σ_k a_k tanh(w_k·x); for m = 4 the scale is exactly 0.5 as in gen.py.
  const double scale = 1.0 / std::sqrt(double(m_teacher));
  b.y.resize(n);
  for (Index i = 0; i < n; ++i) {
    double acc = 0.0;
    for (Index j = 0; j < m_teacher; ++j) {
      double s = 0.0;
      for (Index k = 0; k < d; ++k) s = s + b.Wt(j, k) * b.X(i, k);
      acc = acc + b.at(j) * det_tanh(s);
    }
    b.y(i) = acc * scale;
  }
  return Result<BenchData>::success(std::move(b));
}

namespace {
Vec pack_two_layer(const Mat& W, const Vec& a) {
  const Index m = W.rows(), d = W.cols();
  Vec theta(m * d + m);
  for (Index j = 0; j < m; ++j)
    for (Index k = 0; k < d; ++k) theta(j * d + k) = W(j, k);
  theta.tail(m) = a;
  return theta;
}
}  // namespace

Vec bench_theta0(const BenchData& b) { return pack_two_layer(b.W0, b.a0); }
Vec bench_theta_star(const BenchData& b) { return pack_two_layer(b.Wt, b.at); }

}  // namespace core
