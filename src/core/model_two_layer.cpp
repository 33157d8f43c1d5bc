#include "core/simd.hpp"
#include "core/model_two_layer.hpp"
#include "core/gemm_micro.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/rng.hpp"

namespace core {

namespace {


using simd::kLanes;
using simd::vd;
using simd::vi;
inline vd splat(double x) { return vd{} + x; }
inline vd blend(vi mask, vd a, vd b) { return (vd)(((vi)a & mask) | ((vi)b & ~mask)); }  // mask ? a : b

// out[i] = det_tanh(z[i]), bit-identical to det_tanh (rng.cpp): the same IEEE operations in the same
// order, branch-free and vectorized. Differences from the scalar code that change no result: (i)
// det_exp(−2|z|) for both signs (−2z for z ≥ 0 and 2z for z < 0 are the same double); (ii) the argument
// is clamped at −40: e^−40 < 2^−54, so (1−e)/(1+e) rounds to exactly 1 either way; (iii) floor(t) as
// rn(t) − [rn(t) > t] with rn = round-to-nearest by the 1.5·2^52 trick (exact for |t| < 2^51; rn is
// never −0, so subtracting +0 or 1 is exact); (iv) ldexp(p, k) as p·2^k with 2^k built from its exponent
// bits (exact: p ∈ [0.7, 1.42], k ≥ −58); (v) the sign as z < 0 ? −t : t (so −0 → +0 as in det_tanh);
// (vi) |z| > DBL_MAX/2 gives NaN as det_tanh does (via det_exp(−inf)). U vectors per pass: the 14-step
// Horner chain is latency-bound, so U independent chains fill the pipeline (wasm SIMD128, node: 2.4×
// faster with U = 6 than with one; more spills registers). The tail uses det_tanh itself.
template <int U>
Index det_tanh_vec(const double* z, double* out, Index i, Index n) {
  using det_exp_const::LN2_HI;
  using det_exp_const::LN2_LO;
  using det_exp_const::INV_LN2;
  constexpr double kRound = 0x1.8p52;
  constexpr double kMagic = 0x1p52 + 1023.0;  // k + kMagic holds k + 1023 in its low mantissa bits
  constexpr const double* c = det_exp_const::kInvFact.c;  // 1/n!, as det_exp
  for (; i + U * kLanes <= n; i += U * kLanes) {
    vd p[U], r[U], fk[U];
    vi neg[U], ovf[U];
    for (int u = 0; u < U; ++u) {
      const vd zi = simd::load(z + i + u * kLanes);
      neg[u] = zi < splat(0.0);
      const vd x0 = splat(-2.0) * blend(neg[u], -zi, zi);
      ovf[u] = x0 < splat(-0x1.fffffffffffffp+1023);  // −2|z| = −inf: det_tanh gives NaN, keep it
      const vd x = blend(x0 < splat(-40.0), splat(-40.0), x0);
      const vd t = x * splat(INV_LN2) + splat(0.5);
      const vd rn = (t + splat(kRound)) - splat(kRound);
      fk[u] = rn - (vd)((vi)splat(1.0) & (rn > t));  // (rn > t) is all ones or 0
      r[u] = (x - fk[u] * splat(LN2_HI)) - fk[u] * splat(LN2_LO);
      p[u] = splat(c[13]);
    }
    for (int k = 12; k >= 0; --k)
      for (int u = 0; u < U; ++u) p[u] = p[u] * r[u] + splat(c[k]);
    for (int u = 0; u < U; ++u) {
      const vd e = p[u] * (vd)(((vi)(fk[u] + splat(kMagic))) << 52);
      const vd th = (splat(1.0) - e) / (splat(1.0) + e);
      simd::store(out + i + u * kLanes, blend(ovf[u], splat(__builtin_nan("")), blend(neg[u], -th, th)));
    }
  }
  return i;
}

void det_tanh_batch(const double* z, double* out, Index n) {
  constexpr int kChains = kLanes == 2 ? 6 : 4;  // measured best: 6 for 128-bit vectors, 4 for AVX-512
  Index i = det_tanh_vec<kChains>(z, out, 0, n);
  i = det_tanh_vec<1>(z, out, i, n);
  for (; i < n; ++i) out[i] = det_tanh(z[i]);
}


// Σ_i a[i]·b[i] with four vector partial sums (independent chains; fixed order for a given build).
double dot(const double* a, const double* b, Index n) {
  vd acc[4] = {};
  Index i = 0;
  for (; i + 4 * kLanes <= n; i += 4 * kLanes)
    for (int u = 0; u < 4; ++u)
      acc[u] = simd::madd(simd::load(a + i + u * kLanes), simd::load(b + i + u * kLanes), acc[u]);
  const vd t = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  double s = 0.0;
  for (int l = 0; l < kLanes; ++l) s += t[l];
  for (; i < n; ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

// Z (N×m): Z(i,j) = w_j·x_i (+ b_j) summed left to right from 0 exactly like preact, column by column so
// that the loops over samples vectorize.
void TwoLayerModel::preact_col(const Mat& X, const Vec& theta, Index j, double* z) const {
  const Index N = X.rows();
  const double* w = theta.data() + j * d_;
  const double b = bias_ ? theta(m_ * d_ + m_ + j) : 0.0;
  const double* x0 = X.data();
  const Index ldx = X.outerStride();
  // One pass over the samples, the sum over k in a register (z stored once).
  Index i = 0;
  for (; i + kLanes <= N; i += kLanes) {
    vd acc = splat(0.0);
    for (Index k = 0; k < d_; ++k) acc = acc + simd::splat(w[k]) * simd::load(x0 + k * ldx + i);
    if (bias_) acc = acc + simd::splat(b);
    simd::store(z + i, acc);
  }
  for (; i < N; ++i) {
    double acc = 0.0;
    for (Index k = 0; k < d_; ++k) acc = acc + w[k] * x0[k * ldx + i];
    if (bias_) acc = acc + b;
    z[i] = acc;
  }
}

void TwoLayerModel::preacts(const Mat& X, const Vec& theta, Mat& Z) const {
  Z.resize(X.rows(), m_);
  for (Index j = 0; j < m_; ++j) preact_col(X, theta, j, Z.col(j).data());
}

// H (N×m) = σ(Z) in place (tanh vectorized; others scalar).
void TwoLayerModel::activate(Mat& Z) const {
  if (act_ == Activation::tanh) {
    det_tanh_batch(Z.data(), Z.data(), Z.size());
    return;
  }
  for (Index t = 0; t < Z.size(); ++t) Z.data()[t] = activation(act_, Z.data()[t]);
}

Result<Activation> parse_activation(const std::string& s) {
  if (s == "tanh") return Result<Activation>::success(Activation::tanh);
  if (s == "relu") return Result<Activation>::success(Activation::relu);
  if (s == "softplus") return Result<Activation>::success(Activation::softplus);
  if (s == "identity") return Result<Activation>::success(Activation::identity);
  return Result<Activation>::fail("unknown activation '" + s + "' (tanh, relu, softplus, identity)");
}

double activation(Activation act, double z) {
  switch (act) {
    case Activation::tanh: return det_tanh(z);
    case Activation::relu: return z > 0.0 ? z : 0.0;
    case Activation::softplus: return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    case Activation::identity: return z;
  }
  return 0.0;
}

double activation_deriv(Activation act, double z) {
  switch (act) {
    case Activation::tanh: {
      const double t = det_tanh(z);
      return 1.0 - t * t;
    }
    case Activation::relu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::softplus:  // logistic sigmoid, stable for both signs
      return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
    case Activation::identity: return 1.0;
  }
  return 0.0;
}

TwoLayerModel::TwoLayerModel(Index d, Index m, Activation act, bool bias) : d_(d), m_(m), act_(act), bias_(bias) {}

int TwoLayerModel::homogeneity() const {
  return (act_ == Activation::relu || act_ == Activation::identity) ? 2 : 0;
}

// z_ij = w_j·x_i (+ b_j), summed left to right from 0 like the bench teacher.
double TwoLayerModel::preact(const Mat& X, Index i, const Vec& theta, Index j) const {
  double s = 0.0;
  for (Index k = 0; k < d_; ++k) s = s + theta(j * d_ + k) * X(i, k);
  if (bias_) s = s + theta(m_ * d_ + m_ + j);
  return s;
}

namespace {
// The Euler field calls f(X, θ) and then vjp(X, θ, u) at the same θ: vjp reuses f's H = tanh(Z) instead of
// recomputing Z and det_tanh (bit-identical, they are the same operations). Per thread; the key is the
// model, θ and X compared bit for bit (X by content: a temporary may reuse an address).
struct HCache {
  const void* owner = nullptr;
  Vec theta;
  Mat X;
  Mat H;  // σ(Z), N×m
  bool valid = false;
  bool matches(const void* o, const Mat& Xq, const Vec& th) const {
    return valid && owner == o && theta.size() == th.size() && X.rows() == Xq.rows() && X.cols() == Xq.cols() &&
           std::memcmp(theta.data(), th.data(), sizeof(double) * size_t(th.size())) == 0 &&
           std::memcmp(X.data(), Xq.data(), sizeof(double) * size_t(Xq.size())) == 0;
  }
};
thread_local HCache t_hcache;
}  // namespace

// H (N×m) = σ(Z), column by column (Z column then σ while it is in L1). Same operations as preacts +
// activate, so the same bits.
void TwoLayerModel::hidden(const Mat& X, const Vec& theta, Mat& H) const {
  const Index N = X.rows();
  H.resize(N, m_);
  for (Index j = 0; j < m_; ++j) {
    double* z = H.col(j).data();
    preact_col(X, theta, j, z);
    if (act_ == Activation::tanh)
      det_tanh_batch(z, z, N);
    else
      for (Index i = 0; i < N; ++i) z[i] = activation(act_, z[i]);
  }
}

// F (N×1): F_i = (1/√m) Σ_j a_j σ(z_ij), accumulated over j left to right (vectorized over samples).
void TwoLayerModel::f(const Mat& X, const Vec& theta, Mat& F) const {
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, N = X.rows();
  HCache& c = t_hcache;  // per-thread scratch: no allocation per call on the flow's hot path
  c.valid = false;
  hidden(X, theta, c.H);
  const Mat& H = c.H;
  if (act_ == Activation::tanh) {  // only the tanh path of vjp reads the cache
    c.owner = this;
    c.theta = theta;
    c.X = X;
    c.valid = true;
  }
  F.resize(N, 1);
  double* acc = F.data();
  for (Index i = 0; i < N; ++i) acc[i] = 0.0;
  for (Index j = 0; j < m_; ++j) {
    const double a = theta(a0 + j);
    const double* h = H.col(j).data();
    for (Index i = 0; i < N; ++i) acc[i] = acc[i] + a * h[i];
  }
  for (Index i = 0; i < N; ++i) acc[i] = acc[i] * scale;
}

// Jᵀu without forming J: ∂/∂a_j = (1/√m) Σ_i u_i σ(z_ij); ∂/∂W_jk = (a_j/√m) Σ_i u_i σ'(z_ij) x_ik;
// ∂/∂b_j = (a_j/√m) Σ_i u_i σ'(z_ij). Fixed order of operations (no threads): deterministic.
void TwoLayerModel::vjp(const Mat& X, const Vec& theta, const Vec& u, Vec& out) const {
  using gemm::kMR;
  using gemm::kNR;
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_, N = X.rows();
  const Index nj = (m_ + kMR - 1) / kMR;               // panels of kMR hidden units
  const Index nx = d_ + (bias_ ? 1 : 0);               // columns of [X 1]
  const Index nxp = (nx + kMR - 1) / kMR;              // their panels
  thread_local Mat Hs, C;                              // per-thread scratch (see f)
  thread_local std::vector<double> Cp, Xp;
  Cp.resize(std::size_t(nj * kMR * N));
  Xp.resize(std::size_t(nxp * kMR * N));
  // C(i, j) = u_i σ'(z_ij), packed for the micro-kernel: panel J holds, for each sample i, the kMR
  // values C(i, J·kMR + r) (zero past m).
  const double* ui = u.data();
  auto pack_C = [&](auto&& c) {  // c(i, j) = C(i, j)
    for (Index J = 0; J < nj; ++J)
      gemm::pack_panel(Cp.data() + std::size_t(J * kMR * N), N, std::min<Index>(kMR, m_ - J * kMR),
                       [&](Index i, Index r) { return c(i, J * kMR + r); });
  };
  const Mat* Hp = &Hs;
  if (act_ == Activation::tanh) {
    if (t_hcache.matches(this, X, theta))
      Hp = &t_hcache.H;
    else
      hidden(X, theta, Hs);
    // σ' = 1 − H²: C(i, j) = (1 − h²)·u_i, written straight into the packed panels.
    const double* H = Hp->data();
    pack_C([&](Index i, Index j) {
      const double h = H[j * N + i];
      return (1.0 - h * h) * ui[i];
    });
  } else {
    C.resize(N, m_);
    preacts(X, theta, Hs);
    for (Index t = 0; t < Hs.size(); ++t) C.data()[t] = activation_deriv(act_, Hs.data()[t]);
    activate(Hs);
    for (Index j = 0; j < m_; ++j) {
      double* c = C.col(j).data();
      for (Index i = 0; i < N; ++i) c[i] = c[i] * u[i];
    }
    pack_C([&](Index i, Index j) { return C(i, j); });
  }
  // [X 1] packed the same way (the column of ones gives gb = Cᵀ1).
  for (Index K = 0; K < nxp; ++K)
    gemm::pack_panel(Xp.data() + std::size_t(K * kMR * N), N, std::min<Index>(kMR, nx - K * kMR),
                     [&](Index i, Index r) { return K * kMR + r < d_ ? X(i, K * kMR + r) : 1.0; });
  out.resize(P());
  // G = Cᵀ [X 1] (m×nx) by micro-tiles: each entry the sequential sum over the samples.
  for (Index J = 0; J < nj; ++J) {
    const double* a = Cp.data() + std::size_t(J * kMR * N);
    for (Index q0 = 0; q0 < nx; q0 += kNR) {
      double t[kMR * kNR];
      gemm::micro(a, Xp.data() + std::size_t((q0 / kMR) * kMR * N + q0 % kMR), N, t, kMR, true);
      for (Index r = 0; r < kMR && J * kMR + r < m_; ++r) {
        const Index j = J * kMR + r;
        const double cj = theta(a0 + j) * scale;
        for (Index q = 0; q < kNR && q0 + q < nx; ++q) {
          const Index k = q0 + q;
          out(k < d_ ? j * d_ + k : b0 + j) = cj * t[q * kMR + r];  // ∂/∂W_jk, or ∂/∂b_j
        }
      }
    }
  }
  // ga_j = Σ_i H(i, j) u_i.
  const Mat& H = *Hp;
  for (Index j = 0; j < m_; ++j) out(a0 + j) = dot(H.col(j).data(), u.data(), N) * scale;
}

// C(i, j) = c_ij = a_j σ'(z_ij)/√m and E(i, j) = e_ij = σ(z_ij)/√m: every entry of J is one of them or
// c_ij x_ik, so J and the factored Gram (model_two_layer_gram.cpp) share the same bits. Column-wise so the
// loops over samples vectorize; c = (a_j σ'(z))·(1/√m) as in the scalar form.
void TwoLayerModel::factors(const Mat& X, const Vec& theta, Mat& C, Mat& E) const {
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index N = X.rows(), a0 = m_ * d_;
  preacts(X, theta, E);  // E ← Z
  C.resize(N, m_);
  const bool tanh = act_ == Activation::tanh;
  if (tanh) activate(E);  // E ← H
  for (Index j = 0; j < m_; ++j) {
    const double a = theta(a0 + j);
    double* h = E.col(j).data();
    double* c = C.col(j).data();
    if (tanh) {
      for (Index i = 0; i < N; ++i) c[i] = a * (1.0 - h[i] * h[i]) * scale;
    } else {
      for (Index i = 0; i < N; ++i) {
        const double z = h[i];
        c[i] = a * activation_deriv(act_, z) * scale;
        h[i] = activation(act_, z);
      }
    }
    for (Index i = 0; i < N; ++i) h[i] = h[i] * scale;
  }
}

// J (N×P) from the factors: ∂f/∂W_jk = c_ij x_ik, ∂f/∂a_j = e_ij, ∂f/∂b_j = c_ij.
void TwoLayerModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_, N = X.rows();
  thread_local Mat C, E;  // per-thread scratch: allocating them per call (2 MB at W1) measured up to 7× slower
  factors(X, theta, C, E);
  J.resize(N, P());
  for (Index j = 0; j < m_; ++j) {
    const double* c = C.col(j).data();
    for (Index k = 0; k < d_; ++k) {
      const double* x = X.col(k).data();
      double* Jc = J.col(j * d_ + k).data();
      for (Index i = 0; i < N; ++i) Jc[i] = c[i] * x[i];
    }
    J.col(a0 + j) = E.col(j);
    if (bias_) J.col(b0 + j) = C.col(j);
  }
}

}  // namespace core
