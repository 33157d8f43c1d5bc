// Vector glyphs in screen space: arrows (residual, tangent, gradient), the ellipse of a 2×2
// positive semi-definite kernel and its degenerate case, the segment of a rank-1 kernel.
#pragma once

#include "imgui.h"

namespace ui {

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ImU32 col, float thickness = 2.0f);
// Ellipse {c + u : uᵀ K⁺ u ≤ s²} for K = [[k11,k12],[k12,k22]] given in data units, mapped to
// pixels by px_per_unit (y up). Semi-axes s·√λ_i along K's eigenvectors; rank 1 → a segment.
void kernel_ellipse(ImDrawList* dl, ImVec2 c, double k11, double k12, double k22, float px_per_unit, double s,
                    ImU32 stroke, ImU32 fill);
// Eigen-decomposition of a symmetric 2×2 matrix: λ1 ≥ λ2, unit eigenvector (ex, ey) of λ1.
void sym2_eig(double k11, double k12, double k22, double& l1, double& l2, double& ex, double& ey);

}  // namespace ui
