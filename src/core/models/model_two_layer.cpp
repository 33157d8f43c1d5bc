#include "core/models/model_two_layer.hpp"

#include "core/linalg/isa.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/util/rng.hpp"

namespace core {

namespace {

// det_tanh over a batch (bit-identical to det_tanh on every path), dot products, the preactivation
// columns and the vjp's products are the selected ISA path's (isa.hpp; isa_kernels.inc).
void det_tanh_batch(const double* z, double* out, Index n) { isa_kernels().tanh_batch(z, out, n); }
double dot(const double* a, const double* b, Index n) { return isa_kernels().dot(a, b, n); }

}  // namespace

// Z (N×m): Z(i,j) = w_j·x_i (+ b_j) summed left to right from 0 exactly like preact, column by column so
// that the loops over samples vectorize.
void TwoLayerModel::preact_col(const Mat& X, const Vec& theta, Index j, double* z) const {
  const Index N = X.rows();
  const double* w = theta.data() + j * d_;
  const double b = bias_ ? theta(m_ * d_ + m_ + j) : 0.0;
  isa_kernels().preact_col(X.data(), X.outerStride(), N, w, d_, bias_, b, z);
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

int TwoLayerModel::homogeneity() const { return (act_ == Activation::relu || act_ == Activation::identity) ? 2 : 0; }

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
  const IsaKernels& isa = isa_kernels();
  const Index mr = isa.mr;
  const double scale = 1.0 / std::sqrt(double(m_));
  const Index a0 = m_ * d_, b0 = m_ * d_ + m_, N = X.rows();
  const Index nx = d_ + (bias_ ? 1 : 0);  // columns of [X 1]
  thread_local Mat Hs, C;                 // per-thread scratch (see f)
  thread_local std::vector<double> Cp, Xp, T;
  Cp.resize(std::size_t((m_ + mr - 1) / mr * mr * N));  // panels of mr hidden units
  Xp.resize(std::size_t((nx + mr - 1) / mr * mr * N));
  T.resize(std::size_t(m_ * nx));
  // T = Cᵀ [X 1] (m×nx) with C(i, j) = u_i σ'(z_ij): each entry the sequential sum over the samples.
  const Mat* Hp = &Hs;
  VjpProducts v{nullptr, false, u.data(), X.data(), X.outerStride(), N, d_, m_, bias_, T.data(), Cp.data(), Xp.data()};
  if (act_ == Activation::tanh) {
    if (t_hcache.matches(this, X, theta))
      Hp = &t_hcache.H;
    else
      hidden(X, theta, Hs);
    v.hc = Hp->data();  // σ' = 1 − H²: C(i, j) = (1 − h²)·u_i, formed while packing
    v.tanh_deriv = true;
  } else {
    C.resize(N, m_);
    preacts(X, theta, Hs);
    for (Index t = 0; t < Hs.size(); ++t) C.data()[t] = activation_deriv(act_, Hs.data()[t]);
    activate(Hs);
    for (Index j = 0; j < m_; ++j) {
      double* c = C.col(j).data();
      for (Index i = 0; i < N; ++i) c[i] = c[i] * u[i];
    }
    v.hc = C.data();
  }
  isa.vjp_products(v);
  out.resize(P());
  for (Index j = 0; j < m_; ++j) {
    const double cj = theta(a0 + j) * scale;
    for (Index k = 0; k < nx; ++k)
      out(k < d_ ? j * d_ + k : b0 + j) = cj * T[std::size_t(k * m_ + j)];  // ∂/∂W_jk, or ∂/∂b_j
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
