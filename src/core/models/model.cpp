// Model base utilities and the factory make_model (spec validation: never throws, errors by value).
#include "core/models/model.hpp"

#include <cmath>

#include "core/ntk/kernel.hpp"

#include "core/models/model_complex_square.hpp"
#include "core/models/model_deep_linear.hpp"
#include "core/models/model_lemniscate.hpp"
#include "core/models/model_linear.hpp"
#include "core/models/model_softmax_linear.hpp"
#include "core/models/model_two_layer.hpp"

namespace core {

Model::~Model() = default;

void Model::vjp(const Mat& X, const Vec& theta, const Vec& u, Vec& out) const {
  Mat Jm;
  J(X, theta, Jm);
  out.noalias() = Jm.transpose() * u;
}

void Model::gram_factored(const Mat& X, const Vec& theta, const Vec& wk, Mat& G, ThreadPool* pool) const {
  Mat Jm;  // no structure to use: the SYRK of J
  jacobian(*this, X, theta, Jm, pool);
  core::gram(Jm, wk, G, pool);
}

Status Model::check(const Mat& X, const Vec& theta) const {
  if (theta.size() != P())
    return Status::fail(name() + ": theta has " + std::to_string(theta.size()) +
                        " entries, expected P = " + std::to_string(P()));
  if (input_dim() >= 0 && X.cols() != input_dim())
    return Status::fail(name() + ": X has " + std::to_string(X.cols()) +
                        " columns, expected d = " + std::to_string(input_dim()));
  if (!theta.allFinite()) return Status::fail(name() + ": theta has non-finite entries");
  if (!X.allFinite()) return Status::fail(name() + ": X has non-finite entries");
  return Status::success();
}

namespace {
using ModelPtr = std::unique_ptr<Model>;
using R = Result<ModelPtr>;

Status size_in_range(const char* what, Index v, Index lo) {
  if (v < lo)
    return Status::fail(std::string(what) + " must be ≥ " + std::to_string(lo) + " (got " + std::to_string(v) + ")");
  if (v > kMaxModelDim) return Status::fail(std::string(what) + " too large (" + std::to_string(v) + ")");
  return Status::success();
}

R ok(ModelPtr m) {
  if (m->P() > kMaxParams) return R::fail("model too large: P = " + std::to_string(m->P()));
  return R::success(std::move(m));
}

#define RQ_CHECK(expr)                      \
  do {                                      \
    Status s_ = (expr);                     \
    if (!s_.ok()) return R::fail(s_.error); \
  } while (0)

// Product of sizes in double, to reject overflowing specs before allocating.
bool too_many(double p) { return !(p <= double(kMaxParams)); }
}  // namespace

Result<std::unique_ptr<Model>> make_model(const ModelSpec& s) {
  const std::string& kind = s.kind;
  if (kind.empty()) return R::fail("model kind is empty");
  if (kind == "linear") {
    RQ_CHECK(size_in_range("d", s.d, 1));
    return ok(std::make_unique<LinearFeatureModel>(LinearFeatureModel::Features::general, s.d));
  }
  if (kind == "poly") {
    RQ_CHECK(size_in_range("degree", s.degree, 0));
    return ok(std::make_unique<LinearFeatureModel>(LinearFeatureModel::Features::polynomial, s.degree));
  }
  if (kind == "fourier") {
    RQ_CHECK(size_in_range("n_freq", s.n_freq, 0));
    if (!std::isfinite(s.omega)) return R::fail("fourier: omega must be finite");
    return ok(std::make_unique<LinearFeatureModel>(LinearFeatureModel::Features::fourier, s.n_freq, s.omega));
  }
  if (kind == "two_layer") {
    RQ_CHECK(size_in_range("d", s.d, 1));
    RQ_CHECK(size_in_range("width", s.width, 1));
    auto act = parse_activation(s.activation);
    if (!act.ok()) return R::fail(act.error);
    if (too_many(double(s.width) * double(s.d + 2))) return R::fail("two_layer: too many parameters");
    return ok(std::make_unique<TwoLayerModel>(s.d, s.width, act.value, s.bias));
  }
  if (kind == "deep_linear") {
    RQ_CHECK(size_in_range("d", s.d, 1));
    RQ_CHECK(size_in_range("k", s.k, 1));
    if (s.depth < 1 || s.depth > kMaxDepth)
      return R::fail("deep_linear: depth must be in [1, " + std::to_string(kMaxDepth) + "]");
    if (s.depth >= 2) RQ_CHECK(size_in_range("width", s.width, 1));
    const double h = double(s.width);
    const double P =
        s.depth == 1 ? double(s.d) * double(s.k) : h * double(s.d) + double(s.depth - 2) * h * h + h * double(s.k);
    if (too_many(P)) return R::fail("deep_linear: too many parameters");
    return ok(std::make_unique<DeepLinearModel>(s.d, s.width, s.k, s.depth));
  }
  if (kind == "complex_square") return ok(std::make_unique<ComplexSquareModel>());
  if (kind == "lemniscate") return ok(std::make_unique<LemniscateModel>());
  if (kind == "softmax_linear") {
    RQ_CHECK(size_in_range("d", s.d, 1));
    RQ_CHECK(size_in_range("k", s.k, 2));
    if (too_many(double(s.d) * double(s.k))) return R::fail("softmax_linear: too many parameters");
    return ok(std::make_unique<SoftmaxLinearModel>(s.d, s.k));
  }
  return R::fail("unknown model kind '" + kind +
                 "' (linear, poly, fourier, two_layer, deep_linear, complex_square, lemniscate, softmax_linear)");
}

}  // namespace core
