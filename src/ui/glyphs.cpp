#include "ui/glyphs.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col, float th) {
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 0.5f) return;
  const float ux = dx / len, uy = dy / len;
  const float head = std::min(len * 0.45f, 5.0f * th + 4.0f), half = head * 0.5f;
  const ImVec2 base(to.x - ux * head, to.y - uy * head);
  dl->AddLine(from, base, col, th);
  dl->AddTriangleFilled(to, ImVec2(base.x - uy * half, base.y + ux * half),
                        ImVec2(base.x + uy * half, base.y - ux * half), col);
}

void sym2_eig(double a, double b, double d, double& l1, double& l2, double& ex, double& ey) {
  const double m = 0.5 * (a + d), r = std::hypot(0.5 * (a - d), b);
  l1 = m + r;
  l2 = m - r;
  // Eigenvector of l1: (b, l1 − a) or (l1 − d, b), whichever is better conditioned.
  double x = b, y = l1 - a;
  if (std::hypot(x, y) < std::hypot(l1 - d, b)) {
    x = l1 - d;
    y = b;
  }
  const double n = std::hypot(x, y);
  if (n > 0) {
    ex = x / n;
    ey = y / n;
  } else {
    ex = 1;
    ey = 0;
  }
}

void kernel_ellipse(ImDrawList* dl, ImVec2 c, double k11, double k12, double k22, float ppu, double s, ImU32 stroke,
                    ImU32 fill) {
  double l1, l2, ex, ey;
  sym2_eig(k11, k12, k22, l1, l2, ex, ey);
  const double a = s * std::sqrt(std::max(l1, 0.0)) * ppu, b = s * std::sqrt(std::max(l2, 0.0)) * ppu;
  if (a < 0.5) {
    dl->AddCircleFilled(c, 2.0f, stroke);
    return;
  }
  if (b < 0.02 * a) {  // rank 1: a segment along the eigenvector (screen y points down)
    const ImVec2 p(c.x + float(ex * a), c.y - float(ey * a)), q(c.x - float(ex * a), c.y + float(ey * a));
    dl->AddLine(p, q, stroke, 3.0f);
    dl->AddCircleFilled(p, 3.0f, stroke);
    dl->AddCircleFilled(q, 3.0f, stroke);
    return;
  }
  const int n = 64;
  ImVec2 pts[n];
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * M_PI * i / n, u = a * std::cos(t), v = b * std::sin(t);
    pts[i] = ImVec2(c.x + float(u * ex - v * ey), c.y - float(u * ey + v * ex));
  }
  if ((fill >> IM_COL32_A_SHIFT) & 0xFF) dl->AddConvexPolyFilled(pts, n, fill);
  dl->AddPolyline(pts, n, stroke, ImDrawFlags_Closed, 2.0f);
}

}  // namespace ui
