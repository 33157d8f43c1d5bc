// Thread pool runs every task exactly once, can be reused, and handles empty loops.
#include <doctest/doctest.h>

#include <atomic>
#include <vector>

#include "core/util/thread_pool.hpp"
#include "core_test_util.hpp"

using namespace core;

TEST_CASE("thread_pool: every task runs exactly once, across many reuses") {
  for (int n : {0, 1, 2, 4}) {
    ThreadPool pool(n);
    CHECK(pool.size() == expected_pool_size(n));
    for (int rep = 0; rep < 50; ++rep) {
      std::vector<std::atomic<int>> hits(257);
      pool.run(257, [&](Index t) { hits[std::size_t(t)].fetch_add(1); });
      bool once = true;
      for (auto& h : hits) once = once && h.load() == 1;
      CHECK(once);
    }
    int calls = 0;
    pool.run(0, [&](Index) { ++calls; });
    CHECK(calls == 0);
  }
}
