// The one URL-query grammar of the project (docs/url-state.md): experiment parameters
// (core/flow/params.hpp: `rqflow --query`, the run hash) and a figure's state in a link
// (ui/query.hpp: xp_get_state / xp_set_state) are read and written by these functions only.
//
//   query  = [ "?" | "#" ] item *( "&" item )   at most max_bytes bytes in all
//   item   = "" | key "=" value                 empty items ("a=1&&b=2", a trailing "&") are skipped
//   key, value: any bytes; "%" + two hex digits is the byte they name, any other "%" is an error;
//               "+" is a plus sign (RFC 3986), not a space as in HTML form encoding
//   a key given twice is an error (a shared link must not depend on which copy wins)
//
// Errors are whole-query: a query that breaks the grammar yields no pairs at all, only a message
// (hostile bytes in it quoted, truncated and escaped). Values are then checked by their reader.
// Canonical writing (query_escape, append_query): the bytes [A-Za-z0-9] and "-._~+,:" stay, every
// other byte becomes "%XX" (upper-case hex); so a query written here and read back gives the same
// pairs, and writing those again gives the same text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace core {

inline constexpr std::size_t kMaxQueryBytes = 1 << 20;  // experiment parameters (an explicit θ₀ can be long)
inline constexpr std::size_t kMaxStateBytes = 4096;     // a figure's state in a link

struct QueryPair {
  std::string key, value;
  bool operator==(const QueryPair&) const = default;
};
using QueryPairs = std::vector<QueryPair>;

// Splits and decodes text under the grammar above.
Result<QueryPairs> parse_query(std::string_view text, std::size_t max_bytes);

// Canonical percent-encoding of one key or value.
std::string query_escape(std::string_view s);
// Appends "key=value" (after a "&" unless q is empty), both canonically encoded.
void append_query(std::string& q, std::string_view key, std::string_view value);

// Text values shared by every reader of a query.
bool parse_bool(std::string_view v, bool& out);  // true|1, false|0
// A decimal integer, optionally signed ("+" or "-"); no fraction, no exponent, no spaces.
bool parse_integer(std::string_view v, long long& out);
// The one wording of a value outside its range: "key='value' is out of range [lo, hi]".
std::string out_of_range(std::string_view key, std::string_view v, double lo, double hi);
// A value for a message: quoted, at most 40 bytes, bytes outside printable ASCII as \xNN.
std::string quoted(std::string_view v);

}  // namespace core
