// Figure state as a URL query ("preset=default&t=3.25&play=0") in the grammar of core/util/query.hpp
// (docs/url-state.md), with per-field validation. A state that breaks the grammar is not applied
// at all (ok() is false); otherwise a bad field never aborts: it is reported in a message and left
// at its default.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ui {

class Query {
 public:
  // Splits and decodes text (core::parse_query, at most core::kMaxStateBytes).
  explicit Query(std::string_view text);
  bool ok() const { return ok_; }  // the text followed the grammar
  bool has(std::string_view key) const;
  // Each getter marks the key as used; on a bad value it appends to errors() and leaves `out` unchanged.
  bool get(std::string_view key, std::string& out);
  bool get(std::string_view key, double& out, double lo, double hi);
  bool get(std::string_view key, long long& out, long long lo, long long hi);  // core::parse_integer
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
  bool ok_ = true;
};

// Builds a query in a fixed key order, canonically encoded (core::append_query).
class QueryWriter {
 public:
  void add(std::string_view key, std::string_view value);
  void add(std::string_view key, double value);  // shortest round-trip text (core::format_double)
  void add(std::string_view key, int value);
  void add(std::string_view key, bool value);
  const std::string& str() const { return s_; }

 private:
  std::string s_;
};

}  // namespace ui
