// Params: query / JSON round trips, validation errors, clamping and the run hash.
#include <doctest/doctest.h>

#include <string>

#include "core/flow/params.hpp"

using namespace core;

namespace {
Params round_trip_both(const Params& p) {
  const std::string q = to_query(p);
  auto a = from_query(q);
  REQUIRE_MESSAGE(a.ok(), a.error);
  CHECK(a.value == p);
  CHECK(to_query(a.value) == q);
  auto b = from_json_text(to_json(to_json(p), 1));
  REQUIRE_MESSAGE(b.ok(), b.error);
  CHECK(b.value == p);
  return a.value;
}
}  // namespace

TEST_CASE("params: defaults and edited params round-trip through query and JSON exactly") {
  auto d = from_query("");
  REQUIRE(d.ok());
  round_trip_both(d.value);

  auto p = from_query(
      "model=poly&degree=2&data=population&n=9&range=1.7&loss=squared&method=dopri5&eta=0"
      "&atol=1e-13&rtol=3.3e-11&t_end=12.5&checkpoints=7&spacing=log&seed=18446744073709551615"
      "&theta0=0.1,-0.3333333333333333,4.9e-324&teacher_scale=0.25&threads=2");
  REQUIRE_MESSAGE(p.ok(), p.error);
  CHECK(p.value.theta0.size() == 3);
  CHECK(p.value.theta0[2] == 4.9e-324);
  CHECK(p.value.seed == 18446744073709551615ull);
  CHECK(p.value.d == 1);  // scalar-input data force d = 1
  round_trip_both(p.value);

  auto e1 = from_query("data=logistic_e1&model=softmax_linear&loss=cross_entropy&eta=0.1&t_end=10");
  REQUIRE_MESSAGE(e1.ok(), e1.error);
  CHECK(e1.value.d == 4);
  CHECK(e1.value.k == 3);
  round_trip_both(e1.value);

  // Percent-encoding and a leading '?' are accepted.
  auto enc = from_query("?model=complex_square&data=point&theta0=0.3%2C0.2&method=rk4");
  REQUIRE_MESSAGE(enc.ok(), enc.error);
  CHECK(enc.value.theta0 == std::vector<double>{0.3, 0.2});
}

TEST_CASE("params: malformed, hostile or oversized inputs are errors with a message") {
  const char* bad[] = {"n=",
                       "n=-5",
                       "n=0",
                       "n=1.5",
                       "n=1e3",
                       "n=99999999999999999999999",
                       "eta=nan",
                       "eta=inf",
                       "eta=-0.1",
                       "eta=1e400",
                       "t_end=0",
                       "model=resnet",
                       "sigma=gelu",
                       "loss=hinge",
                       "foo=1",
                       "n",
                       "=3",
                       "n=1&n=2",
                       "%zz=1",
                       "n=%4",
                       "model=%00two_layer",
                       "model=two_layer%00",
                       "model=../../etc/passwd",
                       "model=<script>alert(1)</script>",
                       "bias=yes",
                       "seed=-1",
                       "theta0=1,,2",
                       "theta0=1,",
                       "theta0=1,nan",
                       "theta0=1,2,3",  // wrong size for the default model
                       "checkpoints=1",
                       "checkpoints=100000000",
                       "depth=1000",
                       "data=gaussian&model=two_layer&n=10000000&d=10&width=1000",  // N·P over the cap
                       "data=gaussian&model=linear&d=4100&n=4100",                  // min(N, P) over the spectrum cap
                       "data=point&model=two_layer",
                       "model=complex_square&data=gaussian",
                       "data=bench&loss=logistic",
                       "data=logistic_e1&model=two_layer",
                       "loss=cross_entropy&data=gaussian&model=two_layer",
                       "method=euler&eta=0",
                       "method=euler&eta=1e-6&t_end=1e6",  // 1e12 steps
                       "spacing=log&checkpoints=2"};
  for (const char* q : bad) {
    CAPTURE(q);
    auto r = from_query(q);
    CHECK(!r.ok());
    CHECK(!r.error.empty());
  }
  std::string huge(size_t(kMaxQueryBytes) + 1, 'a');
  CHECK(!from_query(huge).ok());

  const char* bad_json[] = {"[1]",
                            "{\"n\": null}",
                            "{\"n\": -1}",
                            "{\"model\": 5}",
                            "{\"theta0\": [1, \"a\"]}",
                            "{\"n\": {\"x\": 1}}",
                            "{\"n\": 1e300}",
                            "{\"unknown\": 1}",
                            "{\"n\": 1, \"n\": 2}",
                            "{"};
  for (const char* j : bad_json) {
    CAPTURE(j);
    CHECK(!from_json_text(j).ok());
  }
}

TEST_CASE("params: soft knobs are clamped; run hash identifies inputs but not the thread count") {
  auto a = from_query("threads=1000&rtol=1e-30");
  REQUIRE(a.ok());
  CHECK(a.value.threads == kMaxThreads);
  CHECK(a.value.rtol == 1e-15);
  auto b = from_query("threads=-3");
  REQUIRE(b.ok());
  CHECK(b.value.threads == 1);
  CHECK(run_hash(a.value).size() == 16);
  CHECK(run_hash(b.value) == run_hash(from_query("threads=2").value));
  CHECK(run_hash(b.value) != run_hash(from_query("seed=43").value));
  CHECK(run_hash(b.value) == run_hash(from_query("").value));
}

TEST_CASE("params: the documentation table covers every key; each default reads back to Params{}'s value") {
  const auto docs = param_docs();
  const auto keys = param_keys();
  REQUIRE(docs.size() == keys.size());
  const Params defaults;
  for (size_t i = 0; i < docs.size(); ++i) {
    const ParamDoc& d = docs[i];
    CAPTURE(d.key);
    CHECK(d.key == keys[i]);
    CHECK(!d.meaning.empty());
    CHECK(!d.allowed.empty());
    // The default, written back through the parser, changes nothing (and is inside the stated range).
    Params p = defaults;
    CHECK(set_param(p, d.key, d.default_value).ok());
    CHECK(p == defaults);
    if (d.type == "NAME") CHECK(("|" + d.allowed + "|").find("|" + d.default_value + "|") != std::string::npos);
    // A value outside the stated range is refused.
    if (d.type == "INT" && d.key != "threads") {
      const double lo = std::stod(d.allowed.substr(1));
      Params q;
      CHECK(!set_param(q, d.key, std::to_string((long long)lo - 1)).ok());
    }
  }
}
