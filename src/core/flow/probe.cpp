#include "core/flow/probe.hpp"

#include <cmath>

#include "core/ntk/kernel.hpp"

namespace core {

void tangent_at(const Experiment& e, const Vec& theta, Mat& J, Vec& wk, Vec& g) {
  const Dataset& D = e.data();
  Mat F, G;
  e.model().f(D.X, theta, F);
  e.loss().grad(F, D, G);
  g = flatten_rows(G);
  jacobian(e.model(), D.X, theta, J);
  wk = repeat_weights(D.w, e.model().k());
}

void jacobian_at(const Experiment& e, const Vec& theta, Mat& J, Vec& wk) {
  jacobian(e.model(), e.data().X, theta, J);
  wk = repeat_weights(e.data().w, e.model().k());
}

double loss_at(const Experiment& e, const Vec& theta) {
  Mat F;
  e.model().f(e.data().X, theta, F);
  return e.loss().value(F, e.data());
}

std::vector<double> gd_losses(const Experiment& e, double eta, int k) {
  std::vector<double> out;
  Vec theta = e.theta0();
  Mat J, F;
  Vec wk, g;
  for (int i = 0; i < k; ++i) {
    tangent_at(e, theta, J, wk, g);
    theta -= eta * grad_L(J, wk, g);
    e.model().f(e.data().X, theta, F);
    const double L = e.loss().value(F, e.data());
    if (!std::isfinite(L)) break;
    out.push_back(L);
  }
  return out;
}

}  // namespace core
