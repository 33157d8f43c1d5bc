// A plane through parameter space on which to draw paths θ(t): the top two principal directions of
// the points (PCA), or a coordinate plane. θ ↦ (a, b) with θ ≈ c + a·u + b·v.
#pragma once

#include <vector>

#include "core/types.hpp"

namespace core {

struct Plane {
  Vec c, u, v;                                 // θ = c + a·u + b·v; u, v orthonormal
  double var_u = 0, var_v = 0, var_total = 0;  // explained variance of the points (PCA)
  bool ok() const { return c.size() > 0 && u.size() == c.size() && v.size() == c.size(); }
};
// Top two principal directions of all the given points (centred on their mean; points whose size
// differs from the first one are ignored). Signs are fixed: each direction's largest-magnitude entry
// is positive.
Plane pca_plane(const std::vector<const std::vector<Vec>*>& paths);
// Coordinate plane (θ_i, θ_j) through c (i, j clamped to [0, P)).
Plane coordinate_plane(const Vec& c, int i, int j);
// Coordinates of θ − c on u and v (0, 0 when the sizes do not match).
void project(const Plane& pl, const Vec& theta, double& a, double& b);

}  // namespace core
