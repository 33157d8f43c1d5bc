// Two-stage reduction of a symmetric matrix to tridiagonal form (values only): dense → band of width
// b by blocked Householder panels (matrix–matrix work), then band → tridiagonal by bulge chasing.
#pragma once
#include "core/util/thread_pool.hpp"
#include "core/types.hpp"

namespace core {

// Stage 1. A: symmetric, lower triangle read and overwritten. On return A(i, j) for j ≤ i ≤ j + b
// holds a band matrix with the same eigenvalues; entries further below are 0.
void reduce_to_band(Mat& A, Index b, ThreadPool* pool = nullptr);

// Stage 2. Reads the band A(i, j), j ≤ i ≤ j + b; returns the diagonal d (n) and subdiagonal e (n−1)
// of a tridiagonal matrix with the same eigenvalues. With a pool of ≥ 2 threads the sweeps are
// pipelined over it; the result is bit-identical for any pool.
void band_to_tridiagonal(const Mat& A, Index b, Vec& d, Vec& e, ThreadPool* pool = nullptr);

}  // namespace core
