// Bench generator vs ../shared/bench/README.md §2.2 (digests and hex values printed by gen.py).
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/util/rng.hpp"
#include "core/util/sha256.hpp"

using namespace core;

static std::string digest_all(const BenchData& b) {
  Sha256 h;
  sha256_update_rowmajor(h, b.Wt);
  sha256_update(h, b.at);
  sha256_update_rowmajor(h, b.W0);
  sha256_update(h, b.a0);
  sha256_update_rowmajor(h, b.X);
  sha256_update(h, b.y);
  return h.hex_digest();
}

TEST_CASE("rng: first normals and y[0] match README §2.2 bit for bit") {
  NormalStream ns(42);
  CHECK(ns.next() == 0x1.f8c80e851c08cp-2);
  CHECK(ns.next() == -0x1.6354b5f7dce79p-1);
  CHECK(ns.next() == -0x1.47f4af60c7f94p+0);
  CHECK(ns.next() == -0x1.cd98e78b167aep-1);  // gen.py first_normals_hex[3]
  auto r = bench_data(256);
  REQUIRE(r.ok());
  CHECK(r.value.y(0) == -0x1.8dcf5d6f40aecp-5);
  CHECK(r.value.X(0, 0) == -0x1.a8cfdb99658bfp-2);  // gen.py X0_hex
  CHECK(r.value.X(0, 1) == 0x1.77262a16040abp-4);
}

TEST_CASE("rng: SHA-256 digests of the bench data (README §2.2, exact)") {
  auto r256 = bench_data(256);
  REQUIRE(r256.ok());
  CHECK(digest_all(r256.value) == "b21ae86e0f79ad7e6076ef3847bcf98e1d347eb4dab54802e8aa7e27bf17172c");
  auto r = bench_data(2048);
  REQUIRE(r.ok());
  const BenchData& b = r.value;
  CHECK(digest_all(b) == "13d816a4ee84d0c591bfdadffc26b16ad990c4760817c29c94186b979bd86238");
  Sha256 hy;
  sha256_update(hy, b.y);
  CHECK(hy.hex_digest() == "0323d9c69eca0eaf6ff197cc698d87ecccecde528d011ddb71b5745d589fe568");
  CHECK(b.y(2047) == 0x1.06b5ce64e2c02p-4);  // gen.py y_last_hex
  // W2 data = first 256 rows of W1 data (X drawn last).
  CHECK(r256.value.X == b.X.topRows(256));
}

TEST_CASE("rng: det_log/det_exp/det_tanh agree with libm (README: 4.3e-16 rel, 2.2e-16 abs)") {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> U(1e-4, 1.0);
  std::normal_distribution<double> Z(0.0, 3.0);
  double err_log = 0, err_tanh = 0, err_exp = 0;
  for (int i = 0; i < 20000; ++i) {
    const double s = U(gen);
    err_log = std::max(err_log, std::abs(det_log(s) - std::log(s)) / std::abs(std::log(s)));
    const double z = Z(gen);
    err_tanh = std::max(err_tanh, std::abs(det_tanh(z) - std::tanh(z)));
    err_exp = std::max(err_exp, std::abs(det_exp(z) - std::exp(z)) / std::exp(z));
  }
  CHECK(err_log <= 4.5e-16);
  CHECK(err_tanh <= 2.3e-16);
  CHECK(err_exp <= 4.5e-16);  // ~2 ulp
  CHECK(det_tanh(0.0) == 0.0);
  CHECK(det_tanh(-1.0) == -det_tanh(1.0));
}

TEST_CASE("rng: bench_data rejects bad sizes") {
  CHECK(!bench_data(-1).ok());
  CHECK(!bench_data(10, 42, 0).ok());
  CHECK(!bench_data(1'000'000'000).ok());
  CHECK(!bench_data(10, 42, 8, 0).ok());
}

TEST_CASE("rng: theta packing (vec_rowmajor(W), a)") {
  auto r = bench_data(4);
  REQUIRE(r.ok());
  Vec t0 = bench_theta0(r.value);
  REQUIRE(t0.size() == 576);
  CHECK(t0(1 * 8 + 3) == r.value.W0(1, 3));
  CHECK(t0(512 + 5) == r.value.a0(5));
}
