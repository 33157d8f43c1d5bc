#include "ui/query.hpp"

#include "core/util/json.hpp"
#include "core/util/query.hpp"

namespace ui {

Query::Query(std::string_view text) {
  auto pairs = core::parse_query(text, core::kMaxStateBytes);
  if (!pairs.ok()) {
    ok_ = false;
    errors_.push_back("malformed state, nothing applied: " + pairs.error);
    return;
  }
  for (core::QueryPair& p : pairs.value) kv_.emplace_back(std::move(p.key), std::move(p.value));
  used_.assign(kv_.size(), false);
}

bool Query::has(std::string_view key) const {
  for (auto& [k, v] : kv_)
    if (k == key) return true;
  return false;
}

const std::string* Query::find(std::string_view key) {
  for (size_t i = 0; i < kv_.size(); ++i)
    if (kv_[i].first == key) {
      used_[i] = true;
      return &kv_[i].second;
    }
  return nullptr;
}

bool Query::get(std::string_view key, std::string& out) {
  const std::string* v = find(key);
  if (!v) return false;
  out = *v;
  return true;
}

bool Query::get(std::string_view key, double& out, double lo, double hi) {
  const std::string* v = find(key);
  if (!v) return false;
  double x = 0;
  if (!core::parse_number(*v, x)) {
    errors_.push_back(std::string(key) + "=" + core::quoted(*v) + " is not a finite number");
    return false;
  }
  if (x < lo || x > hi) {
    errors_.push_back(core::out_of_range(key, *v, lo, hi));
    return false;
  }
  out = x;
  return true;
}

bool Query::get(std::string_view key, long long& out, long long lo, long long hi) {
  const std::string* v = find(key);
  if (!v) return false;
  long long x = 0;
  if (!core::parse_integer(*v, x)) {  // the parser of integer parameters (core/params.cpp)
    errors_.push_back(std::string(key) + "=" + core::quoted(*v) + ": not an integer");
    return false;
  }
  if (x < lo || x > hi) {
    errors_.push_back(core::out_of_range(key, *v, double(lo), double(hi)));
    return false;
  }
  out = x;
  return true;
}

bool Query::get(std::string_view key, bool& out) {
  const std::string* v = find(key);
  if (!v) return false;
  if (core::parse_bool(*v, out)) return true;
  errors_.push_back(std::string(key) + "=" + core::quoted(*v) + ": expected 0|1");
  return false;
}

bool Query::get_choice(std::string_view key, std::string& out, const std::vector<std::string>& allowed) {
  const std::string* v = find(key);
  if (!v) return false;
  for (const std::string& a : allowed)
    if (*v == a) {
      out = a;
      return true;
    }
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : "|") + a;
  errors_.push_back(std::string(key) + "=" + core::quoted(*v) + ": expected " + list);
  return false;
}

std::string Query::message() const {
  std::string m;
  for (const std::string& e : errors_) m += (m.empty() ? "" : "; ") + e;
  for (size_t i = 0; i < kv_.size(); ++i)
    if (!used_[i]) m += (m.empty() ? "" : "; ") + std::string("unknown key ") + core::quoted(kv_[i].first);
  return m;
}

void QueryWriter::add(std::string_view key, std::string_view value) { core::append_query(s_, key, value); }
void QueryWriter::add(std::string_view key, double value) { add(key, std::string_view(core::format_double(value))); }
void QueryWriter::add(std::string_view key, int value) { add(key, std::string_view(std::to_string(value))); }
void QueryWriter::add(std::string_view key, bool value) { add(key, std::string_view(value ? "1" : "0")); }

}  // namespace ui
