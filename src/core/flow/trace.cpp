#include "core/flow/trace.hpp"

namespace core {

const char* col_name(Col c) {
  static const char* const names[kCols] = {"t",          "step",      "loss",           "grad2",
                                           "ell_grad2",  "R",         "lambda_min",     "lambda_min_pos",
                                           "lambda_max", "rank",      "witness_euler",  "witness_teacher",
                                           "path",       "int_R",     "bound_identity", "bound_ntk",
                                           "bound_rmin", "bound_phi", "bound_decrease", "arc",
                                           "bound_path"};
  const int i = static_cast<int>(c);
  return i >= 0 && i < kCols ? names[i] : "?";
}

}  // namespace core
