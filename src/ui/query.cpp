#include "ui/query.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#include "core/json.hpp"

namespace ui {
namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
      out += char(hexval(in[i + 1]) * 16 + hexval(in[i + 2]));
      i += 2;
    } else if (in[i] == '+') out += ' ';
    else out += in[i];
  }
  return out;
}

// Quoted, truncated, control bytes escaped: hostile input never reaches a message verbatim.
std::string shown(std::string_view v) {
  std::string o = "'";
  for (size_t i = 0; i < v.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    o += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
  }
  if (v.size() > 40) o += "...";
  return o + "'";
}

}  // namespace

Query::Query(std::string_view text) {
  if (text.size() > 65536) { errors_.push_back("state string longer than 64 KiB ignored"); return; }
  if (!text.empty() && (text.front() == '?' || text.front() == '#')) text.remove_prefix(1);
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view item = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) { errors_.push_back("expected key=value, got " + shown(item)); continue; }
    std::string k = decode(item.substr(0, eq)), v = decode(item.substr(eq + 1));
    bool dup = false;
    for (auto& [kk, vv] : kv_) dup |= kk == k;
    if (dup) { errors_.push_back("duplicate key " + shown(k) + " (first one used)"); continue; }
    kv_.emplace_back(std::move(k), std::move(v));
  }
  used_.assign(kv_.size(), false);
}

bool Query::has(std::string_view key) const {
  for (auto& [k, v] : kv_) if (k == key) return true;
  return false;
}

const std::string* Query::find(std::string_view key) {
  for (size_t i = 0; i < kv_.size(); ++i)
    if (kv_[i].first == key) { used_[i] = true; return &kv_[i].second; }
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
  // strtod, not from_chars: Emscripten 3.1.6's libc++ has no floating-point from_chars.
  char* end = nullptr;
  const double x = v->empty() || v->size() > 64 || std::isspace(static_cast<unsigned char>(v->front()))
                       ? NAN : std::strtod(v->c_str(), &end);
  if (v->empty() || end != v->c_str() + v->size() || !std::isfinite(x)) {
    errors_.push_back(std::string(key) + "=" + shown(*v) + " is not a number");
    return false;
  }
  if (x < lo || x > hi) {
    errors_.push_back(std::string(key) + "=" + shown(*v) + " is outside [" + core::format_double(lo) + ", " +
                      core::format_double(hi) + "]");
    return false;
  }
  out = x;
  return true;
}

bool Query::get(std::string_view key, int& out, int lo, int hi) {
  double x = out;
  if (!get(key, x, lo, hi)) return false;
  if (x != std::floor(x)) { errors_.push_back(std::string(key) + " must be an integer"); return false; }
  out = int(x);
  return true;
}

bool Query::get(std::string_view key, bool& out) {
  const std::string* v = find(key);
  if (!v) return false;
  if (*v == "1" || *v == "true") out = true;
  else if (*v == "0" || *v == "false") out = false;
  else { errors_.push_back(std::string(key) + "=" + shown(*v) + ": expected 0|1"); return false; }
  return true;
}

bool Query::get_choice(std::string_view key, std::string& out, const std::vector<std::string>& allowed) {
  const std::string* v = find(key);
  if (!v) return false;
  for (const std::string& a : allowed)
    if (*v == a) { out = a; return true; }
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : "|") + a;
  errors_.push_back(std::string(key) + "=" + shown(*v) + ": expected " + list);
  return false;
}

std::string Query::message() const {
  std::string m;
  for (const std::string& e : errors_) m += (m.empty() ? "" : "; ") + e;
  for (size_t i = 0; i < kv_.size(); ++i)
    if (!used_[i]) m += (m.empty() ? "" : "; ") + std::string("unknown key ") + shown(kv_[i].first);
  return m;
}

void QueryWriter::add(std::string_view key, std::string_view value) {
  if (!s_.empty()) s_ += '&';
  s_ += key;
  s_ += '=';
  for (char c : value) {  // escape what would break the query
    if (c == '&' || c == '=' || c == '%' || c == '#' || c == ' ' || c == '+') {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", static_cast<unsigned char>(c));
      s_ += b;
    } else s_ += c;
  }
}
void QueryWriter::add(std::string_view key, double value) { add(key, std::string_view(core::format_double(value))); }
void QueryWriter::add(std::string_view key, int value) { add(key, std::string_view(std::to_string(value))); }
void QueryWriter::add(std::string_view key, bool value) { add(key, std::string_view(value ? "1" : "0")); }

}  // namespace ui
