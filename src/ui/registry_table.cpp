// The figures' ids, order, titles and alt texts (registry.hpp): plain data, the one copy. The page
// gets them at build time (rqfigures writes web/figure-table.js into build/dist, and
// scripts/fill-figures.mjs writes titles, numbers and alt texts into the article's placeholders).
#include "ui/registry.hpp"

namespace ui {

const std::vector<FigureInfo>& figure_infos() {
  static const std::vector<FigureInfo> v = {
      {"trajectory", "Paths in parameter space",
       "Static image of the trajectory figure: gradient-flow paths of a small teacher–student network from four initialisations, projected on the plane of their two principal directions, over a colour map of the loss on that plane."},
      {"factorisation", "The Rayleigh factorisation, live",
       "Static image of the factorisation figure: for a two-layer network, arrows on a logarithmic scale showing that the squared gradient norm equals R times the squared functional gradient norm, and below them the three factors and the kernel's extreme eigenvalues along the run."},
      {"bounds", "Bounds against reality",
       "Static image of the bounds figure: the measured loss of a two-layer network with more samples than parameters (log scale) against the exact identity, the flat NTK bound, the running-minimum-of-R bound and a fitted Kurdyka–Łojasiewicz envelope; below, R and the zero smallest kernel eigenvalue."},
      {"phase", "Width against samples",
       "Static image of the phase figure: a grid of runs over the number of parameters (across) and of samples (up), coloured by the smallest kernel eigenvalue at the end, which is exactly zero above the line where samples equal parameters."},
      {"toy2d", "Positive definite is not enough",
       "Static image of the two-dimensional toy figure: loss contours of the complex-square model with Bernoulli's lemniscate through the saddle at zero, and gradient-flow paths converging to plus or minus one."},
      {"witness", "Witness directions",
       "Static image of the witness figure: the true Rayleigh quotient along a trajectory compared with the lower bounds given by several witness directions."},
      {"headline", "Beyond over-parameterization",
       "Static image of the headline figure: as the number of samples exceeds the number of parameters the smallest tangent-kernel eigenvalue drops to zero while the Rayleigh quotient along the trajectory stays bounded away from zero."},
      {"population", "Infinitely many samples",
       "Static image of the population figure: test loss of a model linear in two parameters on the uniform distribution over an interval, against its closed form and the exponential bound."},
      {"logistic", "Logistic regression",
       "Static image of the logistic-regression figure: measured loss of gradient descent against the predicted upper bound on log-log axes, and the local loss decrease against its predicted lower bound."},
  };
  return v;
}

const FigureInfo* figure_info(std::string_view id) {
  for (const FigureInfo& i : figure_infos())
    if (id == i.id) return &i;
  return nullptr;
}

}  // namespace ui
