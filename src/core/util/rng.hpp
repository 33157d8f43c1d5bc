// Bit-reproducible random numbers and transcendental functions (../shared/bench/README.md §2.1):
// only correctly-rounded + − × ÷ sqrt and exact ops. Compile with -ffp-contract=off, never -ffast-math.
#pragma once
#include <cstdint>

#include "core/status.hpp"
#include "core/types.hpp"

namespace core {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform();  // [0,1): (next() >> 11) · 2^-53
 private:
  std::uint64_t state_;
};

// Marsaglia polar standard normals; each accepted pair is returned first v1·f then (cached) v2·f.
class NormalStream {
 public:
  explicit NormalStream(std::uint64_t seed) : rng_(seed) {}
  double next();
  double uniform() { return rng_.uniform(); }  // raw uniforms from the same SplitMix64 state
 private:
  SplitMix64 rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

double det_log(double s);  // ln s, s > 0 normal, ~1 ulp
double det_exp(double x);  // e^x, |x| < 700, ~1 ulp
// det_exp's constants (README §2.1), shared with the vectorized det_tanh of model_two_layer.cpp.
namespace det_exp_const {
constexpr double LN2_HI = 0x1.62e42fee00000p-1;
constexpr double LN2_LO = 0x1.a39ef35793c76p-33;
constexpr double INV_LN2 = 0x1.71547652b82fep+0;
// 1/n!, n = 0..13: n! ≤ 13! < 2^53 is exact, so each 1.0/n! (folded by the compiler, round to nearest)
// is the correctly rounded quotient.
struct InvFactorials {
  double c[14];
  constexpr InvFactorials() : c{} {
    double fact = 1.0;
    for (int n = 0; n < 14; ++n) {
      if (n > 0) fact *= double(n);
      c[n] = 1.0 / fact;
    }
  }
};
inline constexpr InvFactorials kInvFact{};
}  // namespace det_exp_const
double det_tanh(double z);  // tanh z within 2.2e-16 of libm

// The bench workload data (README §2.1 draw order: Wt, at, W0, a0, X, then y from the teacher).
struct BenchData {
  Mat Wt;  // m_teacher×d
  Vec at;  // m_teacher
  Mat W0;  // m_student×d
  Vec a0;  // m_student
  Mat X;   // n×d, each entry z/√d
  Vec y;   // n, y_i = (1/√m_teacher) Σ_k at[k] det_tanh(Wt_k·x_i)
};
Result<BenchData> bench_data(Index n, std::uint64_t seed = 42, Index d = 8, Index m_teacher = 4, Index m_student = 64);
// θ₀ = (vec_rowmajor(W0), a0), the "two_layer" packing.
Vec bench_theta0(const BenchData& b);
// Teacher θ* = (vec_rowmajor(Wt), at).
Vec bench_theta_star(const BenchData& b);

}  // namespace core
