#pragma once
// Ours rather than nlohmann/json: its reader turns "-0" into +0 and misreports a NUL byte (docs/libraries.md).
// A small JSON value with a strict reader and a writer (no external dependencies, never throws).
// Numbers are float64; non-finite numbers are written as null so no NaN/Inf ever reaches a file.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"

namespace core {

struct Json {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool b = false;
  double num = 0.0;
  std::string str;
  std::vector<Json> arr;
  std::vector<std::pair<std::string, Json>> obj;  // insertion order kept; duplicate keys rejected by the reader

  static Json number(double v) {
    Json j;
    j.type = Type::number;
    j.num = v;
    return j;
  }
  static Json string(std::string s) {
    Json j;
    j.type = Type::string;
    j.str = std::move(s);
    return j;
  }
  static Json boolean(bool v) {
    Json j;
    j.type = Type::boolean;
    j.b = v;
    return j;
  }
  static Json array() {
    Json j;
    j.type = Type::array;
    return j;
  }
  static Json object() {
    Json j;
    j.type = Type::object;
    return j;
  }

  Json& set(std::string key, Json v);            // object: append (or replace) a member
  Json& push(Json v);                            // array: append
  const Json* find(std::string_view key) const;  // object member or nullptr
};

inline constexpr size_t kMaxJsonBytes = 16u << 20;  // reader input cap
inline constexpr int kMaxJsonDepth = 64;

Result<Json> parse_json(std::string_view text);
// indent < 0: compact; otherwise pretty-printed with that many spaces per level.
std::string to_json(const Json& j, int indent = -1);
// Decimal text (%.15g, else %.16g, else %.17g) that parses back to exactly v ("null" if not finite).
// (libc++ of emscripten 3.1.6 has no floating-point to_chars/from_chars, hence printf/strtod.)
std::string format_double(double v);
// Strict decimal number: [+-]? digits [. digits]? ([eE] [+-]? digits)?; finite results only.
bool parse_number(std::string_view s, double& out);

}  // namespace core
