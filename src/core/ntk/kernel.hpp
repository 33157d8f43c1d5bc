// Tangent kernel quantities. Notation (contract): W = diag(w) repeated k times (wk, length N·k),
// J ((N·k)×P) the Jacobian, g = vec(∇ℓ) with index i·k+c.
//   ∇L = Jᵀ W g,  G = Jᵀ W J (P×P),  K = W^{1/2} J Jᵀ W^{1/2} (Nk×Nk),
//   R = ‖Jᵀ W g‖² / ‖g‖²_H  so that ‖∇L‖² = R·‖∇ℓ‖²_H exactly.
#pragma once
#include "core/models/data.hpp"
#include "core/models/model.hpp"
#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

// wk (N·k): wk[i·k+c] = w_i.
Vec repeat_weights(const Vec& w, Index k);
// Row-major flattening of an N×k matrix: out[i·k+c] = M(i,c).
Vec flatten_rows(const Mat& M);
// ‖g‖²_H = Σ wk ⊙ g².  g: N·k.
double norm2_H(const Vec& wk, const Vec& g);

// J ((N·k)×P) = model.J on fixed row tiles (pool may be null → serial). Bit-identical for any pool size.
void jacobian(const Model& model, const Mat& X, const Vec& theta, Mat& J, ThreadPool* pool = nullptr);
// G = Jᵀ W J (P×P), tiled symmetric rank-k updates; bit-identical for any pool size.
void gram(const Mat& J, const Vec& wk, Mat& G, ThreadPool* pool = nullptr);
// K = W^{1/2} J Jᵀ W^{1/2} (Nk×Nk); bit-identical for any pool size.
void kernel_matrix(const Mat& J, const Vec& wk, Mat& K, ThreadPool* pool = nullptr);

// S = the smaller of G (P×P) and K (Nk×Nk), G when P ≤ Nk; returns true for G. With a model (may be
// null), J is its Jacobian at theta on X, and G comes from its factors (Model::gram_factored) where that
// is faster in this build, without reading J (which may then be empty). Bit-identical for any pool size.
bool tangent_matrix(const Model* model, const Mat& X, const Vec& theta, const Mat& J, const Vec& wk, Mat& S,
                    ThreadPool* pool = nullptr);
// False when tangent_matrix(&model, X, …) with N = X.rows() takes G from the factors and never reads J.
bool tangent_matrix_reads_J(const Model& model, Index N);

// Eigenvalues (ascending) of a symmetric matrix (lower triangle read), values only.
Vec eigenvalues(const Mat& S);
// Numerical rank tolerance on eigenvalues of a PSD matrix of size n: tol = n · ε_mach · λ_max.
double rank_tolerance(const Vec& eigs_ascending);

struct Spectrum {
  Vec eigs;                // ascending eigenvalues of the matrix actually diagonalized (G or K)
  bool from_gram = false;  // true: eigs are of G (P ≤ Nk); false: of K
  Index dim_K = 0;         // N·k
  Index P = 0;
  double lambda_max = 0;
  double lambda_min_K = 0;        // λ_min(K): 0 exactly when Nk > P (rank K ≤ P), else min eig
  double lambda_min_nonzero = 0;  // smallest eigenvalue > tol (0 if none)
  Index rank = 0;                 // # eigenvalues > tol
  double tol = 0;                 // rank_tolerance(eigs)
};
// Nonzero spectrum of K (= that of G), diagonalizing the smaller of P×P and Nk×Nk.
Spectrum tangent_spectrum(const Mat& J, const Vec& wk, ThreadPool* pool = nullptr);
// The same, with G from the model's factors (Model::gram_factored) where that is faster in this build;
// J is the model's Jacobian at theta on X.
Spectrum tangent_spectrum(const Model& model, const Mat& X, const Vec& theta, const Mat& J, const Vec& wk,
                          ThreadPool* pool = nullptr);

// ∇L = Jᵀ W g (P).
Vec grad_L(const Mat& J, const Vec& wk, const Vec& g);
// R = ‖Jᵀ W g‖² / ‖g‖²_H, without forming K. Returns 0 when g = 0.
double rayleigh(const Mat& J, const Vec& wk, const Vec& g);
// Witness lower bound (L3): ⟨g, J v⟩²_H / (‖v‖² ‖g‖²_H) ≤ R, equality at v ∝ ∇L. 0 if v = 0 or g = 0.
double witness_bound(const Mat& J, const Vec& wk, const Vec& g, const Vec& v);
// Teacher-direction witness: v = theta − theta_star.
double witness_teacher(const Mat& J, const Vec& wk, const Vec& g, const Vec& theta, const Vec& theta_star);
// Euler witness for homogeneous models: v = θ (then J θ = p f).
double witness_euler(const Mat& J, const Vec& wk, const Vec& g, const Vec& theta);
// Block Rayleigh quotient R^(block) (L4) of parameters [begin, begin+count): ≤ R.
double rayleigh_block(const Mat& J, const Vec& wk, const Vec& g, Index begin, Index count);

}  // namespace core
