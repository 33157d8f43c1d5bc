// Trace buffers: fixed capacity, finite values only, inactive columns hold zeros.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/flow/trace.hpp"

using namespace core;

TEST_CASE("trace: refuses non-finite rows and rows beyond capacity") {
  Trace tr(2);
  Trace::Row r{};
  r[int(Col::loss)] = 1.5;
  CHECK(tr.push(r));
  r[int(Col::R)] = std::nan("");
  CHECK(!tr.push(r));
  CHECK(tr.size() == 1);
  tr.set_active(Col::R, false);  // an inactive column may carry anything; it is stored as 0
  CHECK(tr.push(r));
  CHECK(tr.at(Col::R, 1) == 0.0);
  r[int(Col::R)] = 1.0;
  CHECK(!tr.push(r));  // full
  CHECK(tr.size() == 2);
  CHECK(tr.col(Col::loss).size() == 2);
  CHECK(tr.back(Col::loss) == 1.5);
  CHECK(std::string(col_name(Col::bound_decrease)) == "bound_decrease");
  CHECK(std::string(col_name(Col::bound_path)) == "bound_path");
  CHECK(std::string(col_name(Col::count)) == "?");
}
