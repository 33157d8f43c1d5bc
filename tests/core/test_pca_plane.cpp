// The drawing plane of parameter paths (linalg/pca_plane.hpp): PCA against planted planes and axes.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/linalg/pca_plane.hpp"

using namespace core;

TEST_CASE("pca_plane: paths lying in a plane recover that plane (100% of the variance, every point on it)") {
  const int P = 6;
  Vec c = Vec::LinSpaced(P, 1, 2), u = Vec::Zero(P), v = Vec::Zero(P);
  u << 1, 1, 0, 0, 0, 0;
  v << 0, 0, 1, -1, 1, 0;
  u.normalize();
  v.normalize();
  std::vector<Vec> p1, p2;
  for (int i = 0; i < 40; ++i) {
    p1.push_back(c + 3.0 * std::cos(0.1 * i) * u + 0.5 * std::sin(0.3 * i) * v);
    p2.push_back(c - 1.0 * u + 0.2 * i * v);
  }
  const auto pl = pca_plane({&p1, &p2});
  REQUIRE(pl.ok());
  CHECK(pl.u.norm() == doctest::Approx(1.0));
  CHECK(pl.v.norm() == doctest::Approx(1.0));
  CHECK(std::abs(pl.u.dot(pl.v)) < 1e-12);
  CHECK(pl.var_u >= pl.var_v);
  CHECK((pl.var_u + pl.var_v) / pl.var_total == doctest::Approx(1.0).epsilon(1e-10));
  for (const auto* path : {&p1, &p2})
    for (const Vec& th : *path) {
      double a, b;
      project(pl, th, a, b);
      CHECK((pl.c + a * pl.u + b * pl.v - th).norm() < 1e-10);  // the plane contains every point
    }
  // The same points in another order and grouping: the same plane (signs are fixed by convention).
  std::vector<Vec> all(p2.rbegin(), p2.rend());
  all.insert(all.end(), p1.begin(), p1.end());
  const auto pl2 = pca_plane({&all});
  CHECK((pl2.u - pl.u).norm() < 1e-9);
  CHECK((pl2.v - pl.v).norm() < 1e-9);
  CHECK((pl2.c - pl.c).norm() < 1e-12);
}

TEST_CASE("pca_plane: an axis-aligned cloud — directions are the two widest axes, variances are theirs") {
  // Points ±s_k e_k (k = 0..3) around c: the covariance is diag(s_k²/2) (2 of the 8 points per axis).
  const int P = 4;
  const double s[P] = {0.5, 3.0, 0.1, 2.0};
  const Vec c = Vec::Constant(P, -1.0);
  std::vector<Vec> pts;
  for (int k = 0; k < P; ++k)
    for (double sg : {1.0, -1.0}) pts.push_back(c + sg * s[k] * Vec::Unit(P, k));
  const auto pl = pca_plane({&pts});
  REQUIRE(pl.ok());
  CHECK((pl.u - Vec::Unit(P, 1)).norm() < 1e-12);  // largest-magnitude entry positive
  CHECK((pl.v - Vec::Unit(P, 3)).norm() < 1e-12);
  CHECK(pl.var_u == doctest::Approx(9.0 * 2 / 8));
  CHECK(pl.var_v == doctest::Approx(4.0 * 2 / 8));
  CHECK(pl.var_total == doctest::Approx((0.25 + 9.0 + 0.01 + 4.0) * 2 / 8));
  CHECK(pl.var_u + pl.var_v < pl.var_total);
}

TEST_CASE("pca_plane: coordinate planes, and bad input gives no plane or (0, 0), never a crash") {
  const Vec c = Vec::LinSpaced(5, 0, 1);
  const Vec th = Vec::LinSpaced(5, 3, -2);
  const auto cp = coordinate_plane(c, 2, 4);
  double a = 1, b = 1;
  project(cp, th, a, b);
  CHECK(a == th[2] - c[2]);
  CHECK(b == th[4] - c[4]);
  const auto clamped = coordinate_plane(c, -3, 99);
  CHECK((clamped.u - Vec::Unit(5, 0)).norm() == 0);
  CHECK((clamped.v - Vec::Unit(5, 4)).norm() == 0);
  CHECK(!coordinate_plane(Vec(), 0, 1).ok());
  const std::vector<Vec> none;
  CHECK(!pca_plane({&none}).ok());
  CHECK(!pca_plane({}).ok());
  project(cp, Vec::Ones(3), a, b);  // wrong size
  CHECK(a == 0);
  CHECK(b == 0);
  project(Plane(), th, a, b);
  CHECK(a == 0);
}
