// The URL-query grammar (core/util/query.hpp): each rule, hostile inputs, canonical round trips.
#include <doctest/doctest.h>

#include <string>

#include "core/flow/params.hpp"
#include "core/util/query.hpp"
#include "core/util/rng.hpp"

using namespace core;

namespace {
QueryPairs parsed(std::string_view q) {
  auto r = parse_query(q, kMaxQueryBytes);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}
std::string error_of(std::string_view q, std::size_t max = kMaxQueryBytes) {
  auto r = parse_query(q, max);
  CHECK(!r.ok());
  CHECK(r.value.empty());  // whole-query errors: nothing partial
  return r.error;
}
}  // namespace

TEST_CASE("query grammar: split, optional ? or #, empty items skipped, '=' in values kept") {
  CHECK(parsed("") == QueryPairs{});
  CHECK(parsed("?") == QueryPairs{});
  CHECK(parsed("a=1&b=2") == QueryPairs{{"a", "1"}, {"b", "2"}});
  CHECK(parsed("?a=1") == QueryPairs{{"a", "1"}});
  CHECK(parsed("#a=1") == QueryPairs{{"a", "1"}});
  CHECK(parsed("&&a=1&&b=&") == QueryPairs{{"a", "1"}, {"b", ""}});
  CHECK(parsed("a=b=c") == QueryPairs{{"a", "b=c"}});  // the first '=' splits
  CHECK(parsed("=1") == QueryPairs{{"", "1"}});        // an empty key is the reader's to reject
  CHECK(parsed("??a=1") == QueryPairs{{"?a", "1"}});   // only one leading '?' is dropped
}

TEST_CASE("query grammar: percent-decoding is strict; '+' is a plus sign") {
  CHECK(parsed("k=%41%62%2b%2B%20%00") == QueryPairs{{"k", std::string("Ab++ \0", 6)}});
  CHECK(parsed("%6B=1") == QueryPairs{{"k", "1"}});  // keys are decoded too
  CHECK(parsed("eta=1e+06") == QueryPairs{{"eta", "1e+06"}});
  CHECK(parsed("s=a+b") == QueryPairs{{"s", "a+b"}});  // not "a b" (HTML form encoding is not used)
  for (const char* bad : {"k=%", "k=%4", "k=%zz", "k=%4g", "k=1%", "%=1", "%g1=2", "a=1&k=%E0%A4%A"}) {
    CAPTURE(bad);
    CHECK(error_of(bad).find("bad percent-encoding") != std::string::npos);
  }
}

TEST_CASE("query grammar: an item without '=' and a repeated key are errors of the whole query") {
  CHECK(error_of("a=1&b").find("expected key=value") != std::string::npos);
  CHECK(error_of("a=1&b=2&a=1").find("given twice") != std::string::npos);
  CHECK(error_of("a=1&%61=2").find("given twice") != std::string::npos);  // the same key once decoded
  CHECK(parsed("a=1&A=2").size() == 2);                                   // keys are case-sensitive
}

TEST_CASE("query grammar: the length limit is in bytes, inclusive") {
  const std::string q = "k=" + std::string(98, 'x');  // 100 bytes
  CHECK(parse_query(q, 100).ok());
  CHECK(error_of(q, 99).find("too long (100 bytes; at most 99)") != std::string::npos);
  CHECK(!parse_query(std::string(kMaxStateBytes + 1, 'a'), kMaxStateBytes).ok());
}

TEST_CASE("query grammar: hostile bytes never reach a message verbatim") {
  const std::string e = error_of(std::string("<script>\x01\x7f\xff") + std::string(100, 'x'));
  CHECK(e.find("\\x01") != std::string::npos);
  CHECK(e.find("\\xff") != std::string::npos);
  CHECK(e.find('\x01') == std::string::npos);
  CHECK(e.size() < 120);  // truncated
  CHECK(quoted("ab") == "'ab'");
  CHECK(quoted(std::string(41, 'a')) == "'" + std::string(40, 'a') + "...'");
}

TEST_CASE("query grammar: canonical writing keeps [A-Za-z0-9-._~+,:] and escapes every other byte") {
  CHECK(query_escape("aZ09-._~+,:") == "aZ09-._~+,:");
  CHECK(query_escape("a b&c=d%e#f?g/h") == "a%20b%26c%3Dd%25e%23f%3Fg%2Fh");
  CHECK(query_escape(std::string("\0\xff", 2)) == "%00%FF");
  std::string q;
  append_query(q, "a&b", "1=2");
  append_query(q, "c", "");
  CHECK(q == "a%26b=1%3D2&c=");
}

TEST_CASE("query grammar: written → read gives the same pairs, and written again the same text (every byte)") {
  // Every byte value in keys and values, plus random byte strings.
  QueryPairs pairs;
  for (int c = 0; c < 256; ++c) pairs.push_back({"k" + std::to_string(c), std::string(1, char(c)) + "x" + char(c)});
  SplitMix64 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string k = "r" + std::to_string(i), v;
    const int len = int(rng.next() % 12);
    for (int j = 0; j < len; ++j) v += char(rng.next() & 0xff);
    pairs.push_back({k, v});
  }
  std::string q;
  for (const QueryPair& p : pairs) append_query(q, p.key, p.value);
  const QueryPairs back = parsed(q);
  CHECK(back == pairs);
  std::string again;
  for (const QueryPair& p : back) append_query(again, p.key, p.value);
  CHECK(again == q);
  // A non-canonical spelling reads the same and is written canonically.
  std::string canon;
  for (const QueryPair& p : parsed("%61=%7e%2b%3a%2C")) append_query(canon, p.key, p.value);
  CHECK(canon == "a=~+:,");
}

TEST_CASE("query grammar: Params use it (the run hash's canonical text did not change)") {
  // Parameter values need no escaping, '+' included: the canonical text, and so every run hash,
  // is what it was before the grammar was shared.
  Params big;
  big.blowup = 1e300;
  const std::string q = to_query(big);
  CHECK(q.find('%') == std::string::npos);
  CHECK(q.find("&blowup=1e+300&") != std::string::npos);
  // Run hashes and canonical text as the build before the shared grammar (4a6ac26) wrote them.
  CHECK(run_hash(Params{}) == "b156689047ed3557");
  auto old = from_query(
      "model=linear&data=gaussian&n=4&d=2&t_end=0.01&checkpoints=2&theta0=1e22,-2.5e-7&blowup=1e300&eta=%2B0.25");
  REQUIRE_MESSAGE(old.ok(), old.error);
  CHECK(
      to_query(old.value) ==
      "model=linear&d=2&k=1&width=64&depth=2&degree=1&n_freq=1&omega=1&sigma=tanh&bias=false&loss=squared&data=gaussian&"
      "n=4&range=1&data_scale=1&seed=42&teacher_width=4&teacher_scale=1&init_scale=1&theta0=1e+22,-2.5e-07&method=euler&"
      "eta=0.25&atol=1e-10&rtol=1e-08&blowup=1e+300&t_end=0.01&checkpoints=2&spacing=linear&threads=1");
  CHECK(run_hash(old.value) == "2a400cd4a50f5527");
  // Grammar errors reach the caller with the grammar's message.
  auto dup = from_query("n=1&n=2");
  REQUIRE(!dup.ok());
  CHECK(dup.error.find("given twice") != std::string::npos);
  auto pct = from_query("n=%4");
  REQUIRE(!pct.ok());
  CHECK(pct.error.find("bad percent-encoding") != std::string::npos);
  auto plus = from_query("blowup=1e+07&theta0=&eta=%2B0.25");
  REQUIRE_MESSAGE(plus.ok(), plus.error);
  CHECK(plus.value.blowup == 1e7);
  CHECK(plus.value.eta == 0.25);
}
