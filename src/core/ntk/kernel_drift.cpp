#include "core/ntk/kernel_drift.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

namespace core {

double kernel_drift(const Mat& Ja, const Mat& Jb, const Vec& wk) {
  const Index n = Ja.rows(), P = Ja.cols();
  if (Jb.rows() != n || Jb.cols() != P || wk.size() != n || n == 0) return 0.0;
  const Vec sw = wk.cwiseMax(0.0).cwiseSqrt();
  Vec ev;
  if (n <= 2 * P) {
    const Mat A = sw.asDiagonal() * Ja, B = sw.asDiagonal() * Jb;
    const Mat D = A * A.transpose() - B * B.transpose();
    ev = Eigen::SelfAdjointEigenSolver<Mat>(D, Eigen::EigenvaluesOnly).eigenvalues();
  } else {
    Mat A(n, 2 * P);
    A.leftCols(P) = sw.asDiagonal() * Ja;
    A.rightCols(P) = sw.asDiagonal() * Jb;
    Eigen::HouseholderQR<Mat> qr(A);
    const Mat Rm = qr.matrixQR().topRows(2 * P).triangularView<Eigen::Upper>();
    const Mat M = Rm.leftCols(P) * Rm.leftCols(P).transpose() - Rm.rightCols(P) * Rm.rightCols(P).transpose();
    ev = Eigen::SelfAdjointEigenSolver<Mat>(M, Eigen::EigenvaluesOnly).eigenvalues();
  }
  return ev.size() ? std::max(std::abs(ev[0]), std::abs(ev[ev.size() - 1])) : 0.0;
}

}  // namespace core
