// The trajectory figure's computations: the drawing plane (PCA or coordinates) and L(θ) off the
// run's path for the landscape, all core's (linalg/pca_plane.hpp, flow/probe.hpp).
#pragma once

#include "core/flow/probe.hpp"
#include "core/linalg/pca_plane.hpp"

namespace ui::logic {

using core::coordinate_plane;
using core::loss_at;
using core::pca_plane;
using core::Plane;
using core::project;

}  // namespace ui::logic
