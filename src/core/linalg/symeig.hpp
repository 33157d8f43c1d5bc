// Symmetric eigenvalues (values only) by blocked Householder tridiagonalization (LAPACK dsytrd/dlatrd
// scheme: panels of kPanel reflectors, BLAS-3 rank-2k trailing updates, BLAS-2 symmetric products on the
// lower triangle) followed by the Pal–Walker–Kahan root-free QL/QR on the tridiagonal matrix (as LAPACK dsterf).
// Deterministic: the work partition (panel size, column chunks of the symmetric product) is fixed, so
// the result is bit-identical for any pool size.
#pragma once
#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

// Reduces the symmetric matrix whose lower triangle is in A (overwritten) to tridiagonal form:
// diagonal d (n), subdiagonal e (n−1). Same eigenvalues as A.
void tridiagonalize_lower(Mat& A, Vec& d, Vec& e, ThreadPool* pool = nullptr);

// Eigenvalues of the symmetric tridiagonal matrix (diagonal d, subdiagonal e; both overwritten) by
// root-free implicit QL/QR (LAPACK dsterf). On return d is ascending. false: no convergence.
bool tridiagonal_eigenvalues(Vec& d, Vec& e);

// Ascending eigenvalues of the symmetric matrix S (lower triangle read). Empty input → empty output;
// non-finite input or no convergence → all NaN.
Vec sym_eigenvalues(const Mat& S, ThreadPool* pool = nullptr);
// Same, destroying S (no copy).
Vec sym_eigenvalues_inplace(Mat& S, ThreadPool* pool = nullptr);

}  // namespace core
