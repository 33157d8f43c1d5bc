// Softmax-linear logits: hand-computed example and packing.
#include <doctest/doctest.h>

#include "core/models/model_softmax_linear.hpp"

using namespace core;

TEST_CASE("softmax_linear: logits x W with θ[a·k+c] = W(a,c)") {
  SoftmaxLinearModel m(2, 3);
  Vec th(6);
  th << 1, 2, 3, 4, 5, 6;  // W = [[1,2,3],[4,5,6]]
  Mat X(1, 2);
  X << 1, -1;
  Mat F, J;
  m.f(X, th, F);
  CHECK(F(0, 0) == -3.0);
  CHECK(F(0, 1) == -3.0);
  CHECK(F(0, 2) == -3.0);
  m.J(X, th, J);
  CHECK(J(1, 1 * 3 + 1) == -1.0);  // ∂F(0,1)/∂W(1,1) = x_1
  CHECK(J(1, 1 * 3 + 2) == 0.0);
}
