// JSON reader/writer: round trips, exact doubles, and rejection of malformed input.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/util/json.hpp"

using namespace core;

TEST_CASE("json: parse, write, parse again is the identity; doubles round-trip bit-exactly") {
  const std::string text =
      R"({"a": 1, "b": [true, false, null, -0.5, 1e-300, 12345678901234567], "c": {"d": "x\"y\\z\n\u00e9\ud83d\ude00"}})";
  auto j = parse_json(text);
  REQUIRE(j.ok());
  CHECK(j.value.find("c")->find("d")->str == "x\"y\\z\n\xc3\xa9\xf0\x9f\x98\x80");
  for (int indent : {-1, 0, 2}) {
    auto k = parse_json(to_json(j.value, indent));
    REQUIRE(k.ok());
    CHECK(to_json(k.value) == to_json(j.value));
  }
  for (double v : {0.1, 1.0 / 3.0, -2.5e-308, 4.9e-324, 1.7976931348623157e308, 0.0, -0.0, 1e21, 123456789.125}) {
    auto k = parse_json(format_double(v));
    REQUIRE(k.ok());
    CHECK(std::memcmp(&k.value.num, &v, sizeof v) == 0);
  }
  CHECK(format_double(std::nan("")) == "null");
  CHECK(to_json(Json::number(INFINITY)) == "null");
}

TEST_CASE("json: malformed or hostile input is an error, never a crash") {
  const char* bad[] = {"",
                       "{",
                       "}",
                       "[1,]",
                       "{\"a\":1,}",
                       "{\"a\" 1}",
                       "{'a':1}",
                       "[1] x",
                       "nul",
                       "tru",
                       "NaN",
                       "Infinity",
                       "-",
                       "01",
                       "1.",
                       ".5",
                       "1e",
                       "1e400",
                       "-1e400",
                       "\"abc",
                       "\"\\x\"",
                       "\"\\ud800\"",
                       "\"\\udc00\"",
                       "\"\\u12\"",
                       "{\"a\":1,\"a\":2}",
                       "\"tab\there\"",
                       "[\"\x01\"]"};
  for (const char* b : bad) {
    CAPTURE(b);
    CHECK(!parse_json(b).ok());
  }
  std::string deep(200, '[');
  deep += std::string(200, ']');
  CHECK(!parse_json(deep).ok());
  std::string ok_depth(60, '[');
  ok_depth += std::string(60, ']');
  CHECK(parse_json(ok_depth).ok());
  const std::string nul_inside("[1,\0 2]", 7);
  CHECK(!parse_json(nul_inside).ok());
}
