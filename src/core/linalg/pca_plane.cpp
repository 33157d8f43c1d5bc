#include "core/linalg/pca_plane.hpp"

#include <algorithm>

#include <Eigen/Eigenvalues>

namespace core {

Plane pca_plane(const std::vector<const std::vector<Vec>*>& paths) {
  Plane pl;
  Index P = -1, n = 0;
  for (const auto* p : paths)
    for (const Vec& th : *p) {
      if (P < 0) P = th.size();
      if (th.size() == P) ++n;
    }
  if (P <= 0 || n == 0) return pl;
  Vec mean = Vec::Zero(P);
  for (const auto* p : paths)
    for (const Vec& th : *p)
      if (th.size() == P) mean += th;
  mean /= double(n);
  Mat C = Mat::Zero(P, P);
  for (const auto* p : paths)
    for (const Vec& th : *p)
      if (th.size() == P) {
        const Vec d = th - mean;
        C.selfadjointView<Eigen::Lower>().rankUpdate(d);
      }
  C = C.selfadjointView<Eigen::Lower>();
  C /= double(n);
  Eigen::SelfAdjointEigenSolver<Mat> es(C);
  pl.c = mean;
  if (es.info() != Eigen::Success || P < 2) {
    pl.u = Vec::Unit(P, 0);
    pl.v = P >= 2 ? Vec::Unit(P, 1) : Vec::Unit(P, 0);
    return pl;
  }
  pl.u = es.eigenvectors().col(P - 1);
  pl.v = es.eigenvectors().col(P - 2);
  // Deterministic sign: the largest-magnitude entry positive.
  for (Vec* w : {&pl.u, &pl.v}) {
    Index im = 0;
    w->cwiseAbs().maxCoeff(&im);
    if ((*w)[im] < 0) *w = -*w;
  }
  pl.var_u = std::max(0.0, es.eigenvalues()[P - 1]);
  pl.var_v = std::max(0.0, es.eigenvalues()[P - 2]);
  pl.var_total = std::max(0.0, C.trace());
  return pl;
}

Plane coordinate_plane(const Vec& c, int i, int j) {
  Plane pl;
  const Index P = c.size();
  if (P == 0) return pl;
  i = std::clamp(i, 0, int(P) - 1);
  j = std::clamp(j, 0, int(P) - 1);
  pl.c = c;
  pl.u = Vec::Unit(P, i);
  pl.v = Vec::Unit(P, j);
  return pl;
}

void project(const Plane& pl, const Vec& theta, double& a, double& b) {
  a = b = 0;
  if (!pl.ok() || theta.size() != pl.c.size()) return;
  const Vec d = theta - pl.c;
  a = d.dot(pl.u);
  b = d.dot(pl.v);
}

}  // namespace core
