#include "core/flow/witness.hpp"

#include <algorithm>

#include "core/flow/probe.hpp"
#include "core/models/data.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/models/teacher_alignment.hpp"
#include "core/ntk/kernel.hpp"

namespace core {

const char* witness_name(Witness w) {
  switch (w) {
    case Witness::teacher: return "teacher";
    case Witness::euler: return "euler";
    case Witness::last_layer: return "last_layer";
    case Witness::random: return "random";
  }
  return "?";
}

double WitnessValues::of(Witness w) const {
  switch (w) {
    case Witness::teacher: return teacher;
    case Witness::euler: return euler;
    case Witness::last_layer: return last_layer;
    case Witness::random: return random;
  }
  return 0;
}

WitnessValues witness_values(const Experiment& e, const Vec& theta, const Vec& v_random) {
  WitnessValues w;
  Mat J;
  Vec wk, g;
  tangent_at(e, theta, J, wk, g);
  w.R = rayleigh(J, wk, g);
  if (e.theta_star().size() == theta.size()) {
    Vec star = e.theta_star();
    if (const auto* tl = dynamic_cast<const TwoLayerModel*>(&e.model()); tl && !e.params().bias) {
      const int m = int(tl->width()), d = int(tl->a_offset() / std::max<Index>(1, tl->width()));
      const bool odd = e.params().sigma == "tanh" || e.params().sigma == "identity";
      star = align_teacher(theta, star, d, m, odd);
    }
    w.teacher = witness_teacher(J, wk, g, theta, star);
  }
  w.euler = witness_euler(J, wk, g, theta);
  if (const auto* tl = dynamic_cast<const TwoLayerModel*>(&e.model()))
    w.last_layer = rayleigh_block(J, wk, g, tl->a_offset(), tl->width());
  if (v_random.size() == theta.size()) w.random = witness_bound(J, wk, g, v_random);
  return w;
}

Vec random_direction(Index P, std::uint64_t seed) {
  auto r = random_theta(P, 1.0, seed ^ 0x72616e646f6d7631ull);
  Vec v = r.ok() ? r.value : Vec::Ones(P);
  const double n = v.norm();
  return n > 0 ? Vec(v / n) : v;
}

}  // namespace core
