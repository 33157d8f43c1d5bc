// Figure state as a URL query ("preset=default&t=3.25&play=0"): parsing with per-field
// validation. A bad field never aborts: it is reported in a message and left at its default.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ui {

class Query {
 public:
  // Splits key=value pairs ('&'-separated, percent-decoding, leading '?' or '#' ignored).
  explicit Query(std::string_view text);
  bool has(std::string_view key) const;
  // Each getter marks the key as used; on a bad value it appends to errors() and leaves `out` unchanged.
  bool get(std::string_view key, std::string& out);
  bool get(std::string_view key, double& out, double lo, double hi);
  bool get(std::string_view key, int& out, int lo, int hi);
  bool get(std::string_view key, bool& out);
  bool get_choice(std::string_view key, std::string& out, const std::vector<std::string>& allowed);
  // Message listing bad values, unused (unknown) keys and syntax errors; "" when all applied.
  std::string message() const;
  void error(std::string e) { errors_.push_back(std::move(e)); }

 private:
  const std::string* find(std::string_view key);
  std::vector<std::pair<std::string, std::string>> kv_;
  std::vector<bool> used_;
  std::vector<std::string> errors_;
};

// Builds a query in a fixed key order.
class QueryWriter {
 public:
  void add(std::string_view key, std::string_view value);
  void add(std::string_view key, double value);  // shortest round-trip text
  void add(std::string_view key, int value);
  void add(std::string_view key, bool value);
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

}  // namespace ui
