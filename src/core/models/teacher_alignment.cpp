#include "core/models/teacher_alignment.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace core {

Vec align_teacher(const Vec& theta, const Vec& star, int d, int m, bool odd) {
  if (m <= 0 || d <= 0 || theta.size() != Index(m) * (d + 1) || star.size() != theta.size()) return star;
  // best_c[j·m + q]: min over s of ‖unit j of θ − s·(unit q of θ*)‖², s ∈ {+1} or {+1, −1}
  auto unit_dist = [&](int j, int q, double sg) {
    double c = 0;
    for (int k = 0; k < d; ++k) {
      const double e = theta[j * d + k] - sg * star[q * d + k];
      c += e * e;
    }
    const double e = theta[m * d + j] - sg * star[m * d + q];
    return c + e * e;
  };
  std::vector<double> best_c(static_cast<size_t>(m * m));
  std::vector<double> best_s(static_cast<size_t>(m * m));
  for (int j = 0; j < m; ++j)
    for (int q = 0; q < m; ++q) {
      const double cp = unit_dist(j, q, 1.0), cn = odd ? unit_dist(j, q, -1.0) : HUGE_VAL;
      best_c[size_t(j * m + q)] = std::min(cp, cn);
      best_s[size_t(j * m + q)] = cn < cp ? -1.0 : 1.0;
    }
  std::vector<int> perm(static_cast<size_t>(m)), best(static_cast<size_t>(m));
  for (int j = 0; j < m; ++j) perm[size_t(j)] = j;
  if (m <= 7) {
    double bc = HUGE_VAL;
    do {
      double c = 0;
      for (int j = 0; j < m && c < bc; ++j) c += best_c[size_t(j * m + perm[size_t(j)])];
      if (c < bc) {
        bc = c;
        best = perm;
      }
    } while (std::next_permutation(perm.begin(), perm.end()));
  } else {
    std::vector<bool> used(static_cast<size_t>(m), false);
    for (int j = 0; j < m; ++j) {
      int bq = -1;
      for (int q = 0; q < m; ++q)
        if (!used[size_t(q)] && (bq < 0 || best_c[size_t(j * m + q)] < best_c[size_t(j * m + bq)])) bq = q;
      used[size_t(bq)] = true;
      best[size_t(j)] = bq;
    }
  }
  Vec out(star.size());
  for (int j = 0; j < m; ++j) {
    const int q = best[size_t(j)];
    const double sg = best_s[size_t(j * m + q)];
    for (int k = 0; k < d; ++k) out[j * d + k] = sg * star[q * d + k];
    out[m * d + j] = sg * star[m * d + q];
  }
  return out;
}

}  // namespace core
