#include "core/util/query.hpp"

#include <charconv>
#include <cstdio>

#include "core/util/json.hpp"

namespace core {
namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool unescape(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }  // '+' included: it is a plus sign
    if (i + 2 >= in.size()) return false;
    const int a = hexval(in[i + 1]), b = hexval(in[i + 2]);
    if (a < 0 || b < 0) return false;
    out += char(a * 16 + b);
    i += 2;
  }
  return true;
}

bool kept(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~' || c == '+' || c == ',' || c == ':';
}

}  // namespace

Result<QueryPairs> parse_query(std::string_view text, std::size_t max_bytes) {
  using R = Result<QueryPairs>;
  if (text.size() > max_bytes)
    return R::fail("too long (" + std::to_string(text.size()) + " bytes; at most " + std::to_string(max_bytes) + ")");
  if (!text.empty() && (text.front() == '?' || text.front() == '#')) text.remove_prefix(1);
  QueryPairs out;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view item = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) return R::fail("expected key=value, got " + quoted(item));
    QueryPair p;
    if (!unescape(item.substr(0, eq), p.key) || !unescape(item.substr(eq + 1), p.value))
      return R::fail("bad percent-encoding in " + quoted(item) + " (% must be followed by two hex digits)");
    for (const QueryPair& q : out)
      if (q.key == p.key) return R::fail("key " + quoted(p.key) + " given twice");
    out.push_back(std::move(p));
  }
  return R::success(std::move(out));
}

std::string query_escape(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string o;
  o.reserve(s.size());
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (kept(c))
      o += ch;
    else {
      o += '%';
      o += hex[c >> 4];
      o += hex[c & 15];
    }
  }
  return o;
}

void append_query(std::string& q, std::string_view key, std::string_view value) {
  if (!q.empty()) q += '&';
  q += query_escape(key);
  q += '=';
  q += query_escape(value);
}

bool parse_bool(std::string_view v, bool& out) {
  if (v == "1" || v == "true")
    out = true;
  else if (v == "0" || v == "false")
    out = false;
  else
    return false;
  return true;
}

bool parse_integer(std::string_view v, long long& out) {
  std::string_view s = v;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);  // from_chars takes "-" but not "+"
  long long x = 0;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size()) return false;
  out = x;
  return true;
}

std::string out_of_range(std::string_view key, std::string_view v, double lo, double hi) {
  return std::string(key) + "=" + quoted(v) + " is out of range [" + format_double(lo) + ", " + format_double(hi) + "]";
}

std::string quoted(std::string_view v) {
  std::string o = "'";
  for (std::size_t i = 0; i < v.size() && i < 40; ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c < 0x7f)
      o += char(c);
    else {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02x", c);
      o += b;
    }
  }
  if (v.size() > 40) o += "...";
  return o + "'";
}

}  // namespace core
