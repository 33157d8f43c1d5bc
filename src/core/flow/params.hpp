#pragma once
// Params: the plain-data description of one experiment (model, loss, data, integrator, schedule).
// Round-trips through a URL query string (the grammar of core/util/query.hpp) and JSON; both go through
// the same per-field parser, so both reject the same inputs. Canonical query = every field, fixed order.
#include <string>
#include <string_view>
#include <vector>

#include "core/util/json.hpp"
#include "core/models/model.hpp"
#include "core/util/query.hpp"
#include "core/status.hpp"
#include "core/types.hpp"

namespace core {

struct Params {
  // model (core/models/model.hpp ModelSpec)
  std::string model =
      "two_layer";             // linear|poly|fourier|two_layer|deep_linear|complex_square|lemniscate|softmax_linear
  Index d = 8;                 // input dimension
  Index k = 1;                 // outputs (deep_linear, softmax_linear)
  Index width = 64;            // hidden width m
  Index depth = 2;             // deep_linear depth
  Index degree = 1;            // poly degree
  Index n_freq = 1;            // fourier frequencies
  double omega = 1.0;          // fourier base frequency
  std::string sigma = "tanh";  // tanh|relu|softplus|identity
  bool bias = false;           // hidden biases
  // loss
  std::string loss = "squared";  // squared|logistic|cross_entropy
  // data: bench (the generator of ../shared/bench/README.md §2) | gaussian | gaussian_population
  // (N(0, s²I_d) population, stood in for by a fixed sample of n ≥ 1000 points) | uniform (finite
  // U[-R,R]) | population (Gauss–Legendre on U[-R,R]) | point (one dummy sample: complex_square,
  // lemniscate) | logistic_e1 | logistic_e2
  std::string data = "bench";
  Index n = 256;            // samples, or quadrature nodes for population
  double range = 1.0;       // R of U[-R,R]
  double data_scale = 1.0;  // gaussian input scale
  std::uint64_t seed = 42;
  Index teacher_width = 4;     // teacher hidden width (bench, two_layer teachers)
  double teacher_scale = 1.0;  // teacher θ* ~ N(0, s²) (gaussian/uniform/population)
  double init_scale = 1.0;     // θ₀ ~ N(0, s²) unless given by a preset or theta0
  std::vector<double> theta0;  // explicit θ₀ (empty: generated)
  // integrator
  std::string method = "euler";  // euler|rk4|dopri5
  double eta = 0.5;              // step (euler, rk4); first step for dopri5 (0: automatic)
  double atol = 1e-10;
  double rtol = 1e-8;
  double blowup = 1e6;  // divergence when L > blowup·L₀
  double t_end = 1000.0;
  Index checkpoints = 101;         // number of checkpoints incl. t = 0 and t_end
  std::string spacing = "linear";  // linear|log (log: t_1 = t_end·1e-4 … t_end, plus t = 0)
  // execution
  Index threads = 1;

  bool operator==(const Params&) const = default;
};

// Limits (errors beyond them; Params are never silently resized except `threads` and tolerances, clamped).
// The query's length limit is core::kMaxQueryBytes (core/util/query.hpp).
inline constexpr Index kMaxCheckpoints = 100'000;
inline constexpr Index kMaxThreads = 16;
inline constexpr double kMaxJEntries = 2e7;      // N·k·P (the Jacobian, 160 MB)
inline constexpr double kMaxSpectrumDim = 4096;  // min(N·k, P): the diagonalized matrix
inline constexpr double kMaxSteps = 1e8;         // fixed-step steps t_end/eta

// Sets one field from its text form (validating syntax and per-field range).
Status set_param(Params& p, std::string_view key, std::string_view value);
// Cross-field checks and caps; clamps threads to [1, kMaxThreads], tolerances to [1e-15, 1e-2].
Status validate(Params& p);

// Apply key=value pairs / JSON members onto p without the cross-field validate() (for layering
// several sources, e.g. CLI flags over a query); from_query/from_json = defaults + apply + validate.
Status apply_query(Params& p, std::string_view query);
Status apply_json(Params& p, const Json& j);

std::string to_query(const Params& p);              // canonical: all fields, fixed order
Result<Params> from_query(std::string_view query);  // starts from defaults; validates
Json to_json(const Params& p);
Result<Params> from_json(const Json& j);  // object with the query keys; validates
Result<Params> from_json_text(std::string_view text);

// The student's ModelSpec; the teacher's (width = teacher_width for two_layer / deep_linear).
ModelSpec model_spec(const Params& p);
ModelSpec teacher_spec(const Params& p);
// Number of samples (or quadrature nodes) the data preset produces.
Index sample_count(const Params& p);

// Names of all keys, in canonical order (for help texts / UIs).
std::vector<std::string> param_keys();

// Each key's documentation, in canonical order, from the same table set_param() parses with
// (rqflow's options and --help; a generated reference can use it too).
struct ParamDoc {
  std::string key;            // canonical, with underscores (rqflow also accepts dashes)
  std::string type;           // NAME | INT | NUMBER | BOOL | UINT64 | NUMBERS (comma-separated)
  std::string meaning;        // one line
  std::string default_value;  // Params{}'s value, in the text form set_param() reads
  std::string allowed;        // "a|b|c" for names, "[lo, hi]" for numbers (inclusive)
};
std::vector<ParamDoc> param_docs();

// 64-bit FNV-1a of canonical query (threads excluded: they never change results) + "#" + kBuildTag,
// as 16 hex digits.
inline constexpr const char* kBuildTag = "rq-core/1";
std::string run_hash(const Params& p);

}  // namespace core
