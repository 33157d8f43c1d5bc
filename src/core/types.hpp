// Basic numeric types shared by the whole core (float64, column-major Eigen).
#pragma once
#include <Eigen/Core>
#include <Eigen/Dense>
#include <cstdint>

namespace core {

using Index = Eigen::Index;
using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;  // column-major

}  // namespace core
