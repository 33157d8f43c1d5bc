// Deep linear net: f equals the explicit matrix product; packing order.
#include <doctest/doctest.h>

#include "core/models/model_deep_linear.hpp"
#include "core_test_util.hpp"

using namespace core;

TEST_CASE("deep_linear: f = W3 W2 W1 x with the documented packing (rel ≤ 1e-14)") {
  DeepLinearModel m(3, 4, 2, 3);
  REQUIRE(m.P() == 12 + 16 + 8);
  Vec th = core_test::randv(m.P(), 21);
  Mat W1(4, 3), W2(4, 4), W3(2, 4);
  Index o = 0;
  for (Mat* W : {&W1, &W2, &W3})
    for (Index p = 0; p < W->rows(); ++p)
      for (Index q = 0; q < W->cols(); ++q) (*W)(p, q) = th(o++);
  Mat X = core_test::randn(5, 3, 22);
  Mat F;
  m.f(X, th, F);
  Mat expect = (W3 * W2 * W1 * X.transpose()).transpose();
  CHECK(core_test::rel_err(F, expect) <= 1e-14);
  CHECK(m.layer_offset(2) == 28);
}
