// Cross-field validation of Params: compatibility of model, loss and data, and memory caps.
#include <algorithm>
#include <cmath>

#include "core/models/data.hpp"
#include "core/flow/params.hpp"

namespace core {

ModelSpec model_spec(const Params& p) {
  ModelSpec s;
  s.kind = p.model;
  s.d = p.d;
  s.k = p.k;
  s.width = p.width;
  s.depth = p.depth;
  s.degree = p.degree;
  s.n_freq = p.n_freq;
  s.omega = p.omega;
  s.activation = p.sigma;
  s.bias = p.bias;
  return s;
}

ModelSpec teacher_spec(const Params& p) {
  ModelSpec s = model_spec(p);
  if (s.kind == "two_layer" || s.kind == "deep_linear") s.width = p.teacher_width;
  return s;
}

Index sample_count(const Params& p) {
  if (p.data == "point") return 1;
  if (p.data == "logistic_e1") return 3;
  if (p.data == "logistic_e2") return 100;
  return p.n;
}

namespace {
bool scalar_input_model(const std::string& m) { return m == "poly" || m == "fourier"; }
}  // namespace

Status validate(Params& p) {
  // Soft knobs are clamped rather than refused.
  p.threads = std::clamp<Index>(p.threads, 1, kMaxThreads);
  p.atol = std::clamp(p.atol, 1e-15, 1e-2);
  p.rtol = std::clamp(p.rtol, 1e-15, 1e-2);

  // Presets fix the shapes they need (canonical query then shows the values actually used).
  if (p.data == "logistic_e1" || p.data == "logistic_e2") {
    if (p.model != "softmax_linear") return Status::fail("data=" + p.data + " needs model=softmax_linear");
    if (p.loss != "cross_entropy") return Status::fail("data=" + p.data + " needs loss=cross_entropy");
    p.d = p.data == "logistic_e1" ? 4 : 5;
    p.k = p.data == "logistic_e1" ? 3 : 4;
    p.n = sample_count(p);
  } else if (p.data == "point") {
    if (p.model != "complex_square" && p.model != "lemniscate")
      return Status::fail("data=point is for model=complex_square|lemniscate");
    p.n = 1;
  } else if (p.model == "complex_square" || p.model == "lemniscate") {
    return Status::fail("model=" + p.model + " needs data=point");
  } else if (p.model == "softmax_linear" && p.loss != "cross_entropy") {
    return Status::fail("model=softmax_linear needs loss=cross_entropy");
  }
  if (p.data == "bench") {
    if (p.model != "two_layer" || p.bias) return Status::fail("data=bench needs model=two_layer without bias");
    if (p.loss != "squared") return Status::fail("data=bench needs loss=squared");
  }
  if (p.data == "gaussian_population" && p.n < kMinPopulationSample)
    return Status::fail("data=gaussian_population stands in for the population with a fixed sample: n must be ≥ " +
                        std::to_string(kMinPopulationSample));
  if (p.data == "uniform" || p.data == "population") {
    if (!scalar_input_model(p.model) && p.model != "two_layer" && p.model != "linear")
      return Status::fail("data=" + p.data + " (scalar x) needs model=poly|fourier|two_layer|linear");
    p.d = 1;
  }
  if (p.loss == "cross_entropy" && p.model != "softmax_linear" && p.model != "deep_linear")
    return Status::fail("loss=cross_entropy needs a multi-output model (softmax_linear|deep_linear)");
  if (p.loss == "cross_entropy" && p.k < 2) return Status::fail("loss=cross_entropy needs k >= 2");
  if (p.loss == "logistic" && p.model == "deep_linear" && p.k != 1) return Status::fail("loss=logistic needs k = 1");

  if (p.method != "dopri5" && !(p.eta > 0.0)) return Status::fail("eta must be > 0 for method=" + p.method);
  if (p.method != "dopri5" && p.t_end / std::max(p.eta, 1e-300) > kMaxSteps)
    return Status::fail("t_end/eta exceeds 1e8 steps");
  if (p.spacing == "log" && p.checkpoints < 3) return Status::fail("spacing=log needs checkpoints >= 3");

  auto model = make_model(model_spec(p));
  if (!model.ok()) return Status::fail("model: " + model.error);
  const double P = double(model.value->P());
  const double Nk = double(sample_count(p)) * double(model.value->k());
  if (Nk * P > kMaxJEntries)
    return Status::fail("N*k*P = " + std::to_string((long long)(Nk * P)) + " exceeds the cap 2e7 (Jacobian memory)");
  if (std::min(Nk, P) > kMaxSpectrumDim) return Status::fail("min(N*k, P) exceeds 4096 (spectrum matrix memory)");
  if (!p.theta0.empty() && double(p.theta0.size()) != P)
    return Status::fail("theta0 has " + std::to_string(p.theta0.size()) +
                        " entries, the model has P = " + std::to_string((long long)P));
  if (p.data != "bench" && p.data != "point" && p.data.rfind("logistic_", 0) != 0) {
    auto teacher = make_model(teacher_spec(p));
    if (!teacher.ok()) return Status::fail("teacher: " + teacher.error);
    if (Nk * double(teacher.value->P()) > kMaxJEntries) return Status::fail("teacher too large");
  }
  return {};
}

}  // namespace core
