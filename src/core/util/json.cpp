#include "core/util/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace core {

Json& Json::set(std::string key, Json v) {
  for (auto& kv : obj)
    if (kv.first == key) {
      kv.second = std::move(v);
      return kv.second;
    }
  obj.emplace_back(std::move(key), std::move(v));
  return obj.back().second;
}

Json& Json::push(Json v) {
  arr.push_back(std::move(v));
  return arr.back();
}

const Json* Json::find(std::string_view key) const {
  for (const auto& kv : obj)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

std::string format_double(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  for (int prec : {15, 16, 17}) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

bool parse_number(std::string_view s, double& out) {
  size_t i = 0;
  auto digits = [&] {
    const size_t b = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > b;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  if (i != s.size() || s.size() > 400) return false;
  const std::string z(s);  // strtod needs a terminated string; the grammar above excludes inf/nan/hex
  out = std::strtod(z.c_str(), nullptr);
  return std::isfinite(out);
}

namespace {

struct Reader {
  std::string_view s;
  size_t i = 0;
  std::string err;

  bool fail(const std::string& m) {
    if (err.empty()) err = "JSON: " + m + " at byte " + std::to_string(i);
    return false;
  }
  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool lit(std::string_view w) {
    if (s.substr(i, w.size()) != w) return fail("invalid literal");
    i += w.size();
    return true;
  }
  static void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80)
      out += char(cp);
    else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }
  bool hex4(unsigned& v) {
    if (i + 4 > s.size()) return fail("truncated \\u escape");
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[i++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= unsigned(c - 'A' + 10);
      else
        return fail("bad \\u escape");
    }
    return true;
  }
  bool string(std::string& out) {
    ++i;  // opening quote
    for (;;) {
      if (i >= s.size()) return fail("unterminated string");
      const char c = s[i++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= s.size()) return fail("unterminated escape");
      const char e = s[i++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00) {  // surrogate pair
            unsigned lo = 0;
            if (s.substr(i, 2) != "\\u") return fail("lone surrogate");
            i += 2;
            if (!hex4(lo) || lo < 0xDC00 || lo >= 0xE000) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000)
            return fail("lone surrogate");
          utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
  }
  bool number(double& v) {
    const size_t b = i;
    if (i < s.size() && s[i] == '-') ++i;
    if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9')) return fail("bad number");
    if (s[i] == '0')
      ++i;
    else
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9')) return fail("bad number");
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9')) return fail("bad number");
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (!parse_number(s.substr(b, i - b), v)) return fail("number out of range");
    return true;
  }
  bool value(Json& out, int depth) {
    if (depth > kMaxJsonDepth) return fail("nesting too deep");
    ws();
    if (i >= s.size()) return fail("unexpected end");
    const char c = s[i];
    if (c == '{') {
      out = Json::object();
      ++i;
      ws();
      if (i < s.size() && s[i] == '}') {
        ++i;
        return true;
      }
      for (;;) {
        ws();
        if (i >= s.size() || s[i] != '"') return fail("expected a key");
        std::string key;
        if (!string(key)) return false;
        if (out.find(key)) return fail("duplicate key \"" + key + "\"");
        ws();
        if (i >= s.size() || s[i] != ':') return fail("expected ':'");
        ++i;
        Json v;
        if (!value(v, depth + 1)) return false;
        out.obj.emplace_back(std::move(key), std::move(v));
        ws();
        if (i < s.size() && s[i] == ',') {
          ++i;
          continue;
        }
        if (i < s.size() && s[i] == '}') {
          ++i;
          return true;
        }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      out = Json::array();
      ++i;
      ws();
      if (i < s.size() && s[i] == ']') {
        ++i;
        return true;
      }
      for (;;) {
        Json v;
        if (!value(v, depth + 1)) return false;
        out.arr.push_back(std::move(v));
        ws();
        if (i < s.size() && s[i] == ',') {
          ++i;
          continue;
        }
        if (i < s.size() && s[i] == ']') {
          ++i;
          return true;
        }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      out = Json::string("");
      return string(out.str);
    }
    if (c == 't') {
      out = Json::boolean(true);
      return lit("true");
    }
    if (c == 'f') {
      out = Json::boolean(false);
      return lit("false");
    }
    if (c == 'n') {
      out = Json();
      return lit("null");
    }
    out = Json::number(0);
    return number(out.num);
  }
};

void write_string(std::string& o, const std::string& s) {
  o += '"';
  for (const char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\r': o += "\\r"; break;
      case '\t': o += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
          o += buf;
        } else
          o += c;
    }
  }
  o += '"';
}

void write(std::string& o, const Json& j, int indent, int level) {
  auto nl = [&](int lv) {
    if (indent < 0) return;
    o += '\n';
    o.append(size_t(indent * lv), ' ');
  };
  switch (j.type) {
    case Json::Type::null: o += "null"; break;
    case Json::Type::boolean: o += j.b ? "true" : "false"; break;
    case Json::Type::number: o += format_double(j.num); break;
    case Json::Type::string: write_string(o, j.str); break;
    case Json::Type::array:
      o += '[';
      for (size_t k = 0; k < j.arr.size(); ++k) {
        if (k) o += ',';
        nl(level + 1);
        write(o, j.arr[k], indent, level + 1);
      }
      if (!j.arr.empty()) nl(level);
      o += ']';
      break;
    case Json::Type::object:
      o += '{';
      for (size_t k = 0; k < j.obj.size(); ++k) {
        if (k) o += ',';
        nl(level + 1);
        write_string(o, j.obj[k].first);
        o += indent < 0 ? ":" : ": ";
        write(o, j.obj[k].second, indent, level + 1);
      }
      if (!j.obj.empty()) nl(level);
      o += '}';
      break;
  }
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
  if (text.size() > kMaxJsonBytes) return Result<Json>::fail("JSON: input larger than 16 MiB");
  Reader r;
  r.s = text;
  Json v;
  if (!r.value(v, 0)) return Result<Json>::fail(r.err);
  r.ws();
  if (r.i != text.size()) {
    r.fail("trailing characters");
    return Result<Json>::fail(r.err);
  }
  return Result<Json>::success(std::move(v));
}

std::string to_json(const Json& j, int indent) {
  std::string o;
  write(o, j, indent, 0);
  return o;
}

}  // namespace core
