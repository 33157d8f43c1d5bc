// G = Jᵀ W J of the two-layer model from its factors, without forming J.
// With c_ij = a_j σ'(z_ij)/√m, e_ij = σ(z_ij)/√m and x̃_i = (x_i, 1 if bias), the columns of J are
// c_j ∘ x̃_k (W_jk, and b_j for the 1), and e_j (a_j). So, with weights w_i:
//   G(W_jk, W_j'k')  = Σ_i (w_i c_ij c_ij') (x̃_ik x̃_ik'),  symmetric in k ↔ k' as well as in j ↔ j':
//                      d̃(d̃+1)/2 sums per pair j ≥ j' instead of d̃² (d̃ = d + bias);
//   G(W_jk, a_j')    = Σ_i (w_i c_ij e_ij') x̃_ik;
//   G(a_j, a_j')     = Σ_i w_i e_ij e_ij'.
// Each block is Dᵀ Y with D(i, p) = u_i(p₁) v_i(p₂) for a list of column pairs p, formed panel by panel
// and multiplied on the packed micro-kernel (gemm_micro.hpp): each sum runs over the samples in order,
// so the bits do not depend on the pool. For d = 8, m = 64 the micro-kernel does 30 % fewer multiply-adds
// than the SYRK of J (2080·36 + 512·64 + 64·64 sums of length N instead of 576·577/2; ../shared/bench/
// README.md §10 lists this structure among those the peers do not use). Measured, W1 sizes (N = 2048):
// WebAssembly 25.7 ms against 32.5 ms for J + SYRK; natively the SYRK is faster (AVX-512: 28 against
// 12.8 ms), so has_factored_gram() is true only in WebAssembly.
#include "core/linalg/gemm_micro.hpp"
#include "core/util/memory.hpp"
#include "core/models/model_two_layer.hpp"

#include <utility>
#include <vector>

namespace core {

namespace {

using gemm::kMR;
using gemm::kNR;
using Pairs = std::vector<std::pair<Index, Index>>;

constexpr Index kKC = 128;  // samples per chunk: a chunk's D panel (kMR·kKC values) stays in L1

// Columns of Y (N×ny, given by col(q, i)) packed for the micro-kernel's b operand: chunks of kKC samples;
// in each, panels of kMR columns holding, per sample, kMR consecutive values (zero past ny).
template <class Col>
void pack_y(Index N, Index ny, Col&& col, std::vector<double>& Yp) {
  const Index np = (ny + kMR - 1) / kMR;
  Yp.resize(std::size_t(np * kMR * N));
  for (Index c0 = 0; c0 < N; c0 += kKC) {
    const Index kc = std::min(kKC, N - c0);
    for (Index Q = 0; Q < np; ++Q)
      gemm::pack_panel(Yp.data() + std::size_t(c0 * np * kMR + Q * kMR * kc), kc, std::min<Index>(kMR, ny - Q * kMR),
                       [&](Index i, Index r) { return col(Q * kMR + r, c0 + i); });
  }
}

// out(p, q, Σ_i U(i, p.first) V(i, p.second) Y(i, q)) for every pair p and q < ny (Yp from pack_y). Pair
// panels of kMR are independent tasks writing disjoint entries (through out); each sum runs over the
// samples in order, chunk after chunk.
template <class Out>
void pair_products(const Mat& U, const Mat& V, const Pairs& pairs, const std::vector<double>& Yp, Index ny, Out&& out,
                   ThreadPool* pool) {
  const Index N = U.rows(), np = (Index(pairs.size()) + kMR - 1) / kMR, nyp = (ny + kMR - 1) / kMR;
  const Index nq = (ny + kNR - 1) / kNR;
  auto panel = [&](Index t) {
    thread_local std::vector<double> Dp, tiles;
    Dp.resize(std::size_t(kMR * kKC));
    tiles.resize(std::size_t(nq * kMR * kNR));
    const Index p0 = t * kMR, w = std::min<Index>(kMR, Index(pairs.size()) - p0);
    for (Index c0 = 0; c0 < N; c0 += kKC) {
      const Index kc = std::min(kKC, N - c0);
      const double* u[kMR];
      const double* v[kMR];
      for (Index r = 0; r < w; ++r) {
        u[r] = U.col(pairs[std::size_t(p0 + r)].first).data() + c0;
        v[r] = V.col(pairs[std::size_t(p0 + r)].second).data() + c0;
      }
      gemm::pack_panel(Dp.data(), kc, w, [&](Index i, Index r) { return u[r][i] * v[r][i]; });
      const double* y = Yp.data() + std::size_t(c0 * nyp * kMR);
      for (Index q = 0; q < nq; ++q) {
        const Index q0 = q * kNR;
        gemm::micro(Dp.data(), y + (q0 / kMR) * kMR * kc + q0 % kMR, kc, tiles.data() + q * kMR * kNR, kMR, c0 == 0);
      }
    }
    for (Index q = 0; q < nq; ++q)
      for (Index r = 0; r < w; ++r)
        for (Index c = 0; c < kNR && q * kNR + c < ny; ++c)
          out(pairs[std::size_t(p0 + r)], q * kNR + c, tiles[std::size_t(q * kMR * kNR + c * kMR + r)]);
  };
  if (pool != nullptr)
    pool->run(np, panel);
  else
    for (Index t = 0; t < np; ++t) panel(t);
}

}  // namespace

bool TwoLayerModel::has_factored_gram() const {
#ifdef __wasm__
  return true;
#else
  return false;
#endif
}

void TwoLayerModel::gram_factored(const Mat& X, const Vec& theta, const Vec& wk, Mat& G, ThreadPool* pool) const {
  const Index N = X.rows(), P = this->P(), a0 = m_ * d_, b0 = m_ * d_ + m_;
  const Index dt = d_ + (bias_ ? 1 : 0);  // d̃
  Mat C, E;
  factors(X, theta, C, E);
  Mat Cw = C, Ew = E;  // w_i c_ij, w_i e_ij
  for (Index j = 0; j < m_; ++j)
    for (Index i = 0; i < N; ++i) {
      Cw(i, j) = wk[i] * C(i, j);
      Ew(i, j) = wk[i] * E(i, j);
    }
  resize_large(G, P, P);
  auto idx = [&](Index j, Index k) { return k < d_ ? j * d_ + k : b0 + j; };  // W_jk, or b_j for k = d
  auto x = [&](Index k, Index i) { return k < d_ ? X(i, k) : 1.0; };          // x̃_ik
  auto set = [&](Index r, Index c, double v) {
    G(r, c) = v;
    G(c, r) = v;
  };
  Pairs lower;  // j ≥ j'
  for (Index j = 0; j < m_; ++j)
    for (Index jp = 0; jp <= j; ++jp) lower.emplace_back(j, jp);
  std::vector<double> Yp;
  // W/b block: Y = x̃_k x̃_k' for k ≥ k'.
  Pairs kk;
  for (Index k = 0; k < dt; ++k)
    for (Index kp = 0; kp <= k; ++kp) kk.emplace_back(k, kp);
  pack_y(
      N, Index(kk.size()),
      [&](Index q, Index i) { return x(kk[std::size_t(q)].first, i) * x(kk[std::size_t(q)].second, i); }, Yp);
  pair_products(
      Cw, C, lower, Yp, Index(kk.size()),
      [&](std::pair<Index, Index> p, Index q, double v) {
        const auto [k, kp] = kk[std::size_t(q)];
        set(idx(p.first, k), idx(p.second, kp), v);
        set(idx(p.first, kp), idx(p.second, k), v);
      },
      pool);
  // W/b × a block as (c_j ∘ x̃_k)ᵀ e_j': pairs (j, k) of C and X̃, Y = E (8× fewer packed products than
  // pairs (j, j') with Y = X̃).
  Mat Xt(N, dt);
  Xt.leftCols(d_) = X;
  if (bias_) Xt.col(d_).setOnes();
  Pairs jk;
  for (Index j = 0; j < m_; ++j)
    for (Index k = 0; k < dt; ++k) jk.emplace_back(j, k);
  pack_y(
      N, m_, [&](Index q, Index i) { return E(i, q); }, Yp);
  pair_products(
      Cw, Xt, jk, Yp, m_, [&](std::pair<Index, Index> p, Index q, double v) { set(idx(p.first, p.second), a0 + q, v); },
      pool);
  // a block: (w ∘ e_j)ᵀ e_j' (pairs (j, 0) with a column of ones, Y = E), taken for j ≥ j' and mirrored.
  const Mat ones = Mat::Ones(N, 1);
  Pairs j1;
  for (Index j = 0; j < m_; ++j) j1.emplace_back(j, 0);
  pair_products(
      Ew, ones, j1, Yp, m_,
      [&](std::pair<Index, Index> p, Index q, double v) {
        if (p.first >= q) set(a0 + p.first, a0 + q, v);
      },
      pool);
}

}  // namespace core
