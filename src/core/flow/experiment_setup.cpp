// Experiment construction: data, targets, θ₀ and θ* from the Params data preset.
#include <cmath>

#include "core/flow/experiment.hpp"
#include "core/util/rng.hpp"

namespace core {

namespace {
// Independent seeded streams for data, teacher and initialization.
constexpr std::uint64_t kTeacherStream = 0x7465616368657231ull;  // "teacher1"
constexpr std::uint64_t kInitStream = 0x696e697474686574ull;     // "initthet"
}  // namespace

Status Experiment::setup_data() {
  const Params& p = p_;
  const Index P = model_->P();
  if (p.data == "bench") {
    auto b = bench_data(p.n, p.seed, p.d, p.teacher_width, p.width);
    if (!b.ok()) return Status::fail("bench data: " + b.error);
    data_.X = b.value.X;
    data_.Y = b.value.y;
    data_.w = Vec::Constant(p.n, 1.0 / double(p.n));
    data_.label = "bench";
    theta0_ = bench_theta0(b.value);
    if (p.teacher_width == p.width) theta_star_ = bench_theta_star(b.value);
  } else if (p.data == "logistic_e1" || p.data == "logistic_e2") {
    LogisticPreset pre;
    if (p.data == "logistic_e1")
      pre = logistic_E1();
    else {
      auto r = logistic_E2(p.seed);
      if (!r.ok()) return Status::fail("logistic_e2: " + r.error);
      pre = std::move(r.value);
    }
    data_ = std::move(pre.data);
    theta0_ = pre.theta0;
    theta_star_ = pre.theta_star;
    margin_ = pre.margin;
  } else if (p.data == "point") {
    // One dummy sample; target 1 ≅ (1, 0) for θ² (E-B1), the double point (0, 0) for the lemniscate (E-B2).
    data_.X = Mat::Zero(1, 1);
    data_.Y = Mat::Zero(1, model_->k());
    if (p.model == "complex_square") data_.Y(0, 0) = 1.0;
    data_.w = Vec::Ones(1);
    data_.label = "point";
  } else {
    Result<Dataset> d;
    if (p.data == "gaussian")
      d = sample_gaussian(p.n, p.d, p.data_scale, p.seed);
    else if (p.data == "gaussian_population")
      d = population_gaussian(p.n, p.d, p.data_scale, p.seed);
    else if (p.data == "uniform")
      d = sample_uniform_1d(p.n, p.range, p.seed);
    else
      d = population_uniform_1d(p.n, p.range);
    if (!d.ok()) return Status::fail("data: " + d.error);
    data_ = std::move(d.value);
    auto teacher = make_model(teacher_spec(p));
    if (!teacher.ok()) return Status::fail("teacher: " + teacher.error);
    auto ts = random_theta(teacher.value->P(), p.teacher_scale, p.seed ^ kTeacherStream);
    if (!ts.ok()) return Status::fail("teacher: " + ts.error);
    Status st;
    if (p.loss == "squared")
      st = set_teacher_targets(data_, *teacher.value, ts.value);
    else if (p.loss == "logistic")
      st = set_sign_targets(data_, *teacher.value, ts.value);
    else
      st = set_argmax_targets(data_, *teacher.value, ts.value);
    if (!st.ok()) return Status::fail("targets: " + st.error);
    if (teacher.value->P() == P) theta_star_ = ts.value;
    if (p.model == "softmax_linear" && theta_star_.size() == P)
      margin_ = logistic_margin(data_.X, data_.Y, theta_star_, model_->k());
  }
  if (!p.theta0.empty()) theta0_ = Eigen::Map<const Vec>(p.theta0.data(), Index(p.theta0.size()));
  if (theta0_.size() == 0) {
    auto t0 = random_theta(P, p.init_scale, p.seed ^ kInitStream);
    if (!t0.ok()) return Status::fail("theta0: " + t0.error);
    theta0_ = t0.value;
  }
  if (theta0_.size() != P) return Status::fail("theta0 size does not match the model's P");
  if (Status st = check_dataset(data_); !st.ok()) return st;
  return model_->check(data_.X, theta0_);
}

}  // namespace core
