#include "core/simd.hpp"
#include "core/model_two_layer.hpp"

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


// out[q] = Σ_i a[i]·b[q][i] for q < NB: one pass over a, U vector partial sums per q (independent
// chains; fixed order for a given build, so deterministic).
template <int NB, int U>
void dots(const double* a, const double* const* b, Index n, double* out) {
  vd acc[NB][U] = {};
  Index i = 0;
  for (; i + U * kLanes <= n; i += U * kLanes)
    for (int u = 0; u < U; ++u) {
      const vd x = simd::load(a + i + u * kLanes);
      for (int q = 0; q < NB; ++q) acc[q][u] = simd::madd(x, simd::load(b[q] + i + u * kLanes), acc[q][u]);
    }
  for (int q = 0; q < NB; ++q) {
    vd t = acc[q][0];
    for (int u = 1; u < U; ++u) t = t + acc[q][u];
    double s = 0.0;
    for (int l = 0; l < kLanes; ++l) s += t[l];
    for (Index r = i; r < n; ++r) s += a[r] * b[q][r];
    out[q] = s;
  }
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
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_, N = X.rows();
  thread_local Mat Hs, C;  // per-thread scratch (see f)
  C.resize(N, m_);
  const Mat* Hp = &Hs;
  if (act_ == Activation::tanh) {
    if (t_hcache.matches(this, X, theta))
      Hp = &t_hcache.H;
    else
      hidden(X, theta, Hs);
    // C ← diag(u) σ'(Z) with σ' = 1 − H² (one pass: the same two roundings as before).
    for (Index j = 0; j < m_; ++j) {
      const double* h = Hp->col(j).data();
      double* c = C.col(j).data();
      for (Index i = 0; i < N; ++i) c[i] = (1.0 - h[i] * h[i]) * u[i];
    }
  } else {
    preacts(X, theta, Hs);
    for (Index t = 0; t < Hs.size(); ++t) C.data()[t] = activation_deriv(act_, Hs.data()[t]);
    activate(Hs);
    for (Index j = 0; j < m_; ++j) {
      double* c = C.col(j).data();
      for (Index i = 0; i < N; ++i) c[i] = c[i] * u[i];
    }
  }
  const Mat& H = *Hp;
  out.resize(P());
  // Per hidden unit j: gW(j, ·) = Σ_i C(i, j) x_i, ga_j = Σ_i H(i, j) u_i, gb_j = Σ_i C(i, j), as dot
  // products over the samples (vectorized; Eigen's products are scalar in wasm).
  thread_local std::vector<const double*> xs;  // no allocation per call after the first
  xs.resize(size_t(d_));
  for (Index k = 0; k < d_; ++k) xs[size_t(k)] = X.col(k).data();
  const double* uu = u.data();
  double g[8];
  for (Index j = 0; j < m_; ++j) {
    const double cj = theta(a0 + j) * scale;
    const double* c = C.col(j).data();
    Index k = 0;
    for (; k + 8 <= d_; k += 8) {
      dots<8, 1>(c, xs.data() + k, N, g);
      for (int q = 0; q < 8; ++q) out(j * d_ + k + q) = cj * g[q];
    }
    for (; k < d_; ++k) {
      dots<1, 4>(c, xs.data() + k, N, g);
      out(j * d_ + k) = cj * g[0];
    }
    const double* h = H.col(j).data();
    dots<1, 4>(h, &uu, N, g);
    out(a0 + j) = g[0] * scale;
    if (bias_) out(b0 + j) = cj * C.col(j).sum();
  }
}

// J (N×P): ∂f/∂W_jk = a_j σ'(z) x_k/√m, ∂f/∂a_j = σ(z)/√m, ∂f/∂b_j = a_j σ'(z)/√m. Column-wise so the
// loops over samples vectorize; each entry is computed with the same operations as the scalar form
// c = (a_j σ'(z)) /√m, J = c·x_k.
void TwoLayerModel::J(const Mat& X, const Vec& theta, Mat& J) const {
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_, N = X.rows();
  Mat H;
  preacts(X, theta, H);
  Vec c(N);
  J.resize(N, P());
  const bool tanh = act_ == Activation::tanh;
  if (tanh) activate(H);
  for (Index j = 0; j < m_; ++j) {
    const double a = theta(a0 + j);
    double* h = H.col(j).data();
    if (tanh) {
      for (Index i = 0; i < N; ++i) c[i] = a * (1.0 - h[i] * h[i]) * scale;
    } else {
      for (Index i = 0; i < N; ++i) {
        const double z = h[i];
        c[i] = a * activation_deriv(act_, z) * scale;
        h[i] = activation(act_, z);
      }
    }
    for (Index k = 0; k < d_; ++k) {
      const double* x = X.col(k).data();
      double* Jc = J.col(j * d_ + k).data();
      for (Index i = 0; i < N; ++i) Jc[i] = c[i] * x[i];
    }
    double* Ja = J.col(a0 + j).data();
    for (Index i = 0; i < N; ++i) Ja[i] = h[i] * scale;
    if (bias_) J.col(b0 + j) = c;
  }
}

}  // namespace core
