// ISA dispatch of the hot kernels (core/linalg/isa.hpp, docs/isa-dispatch.md): the start-up choice is a path
// this CPU runs, every path this CPU runs reproduces W2, 1 and 2 threads give the same bits within a
// path, and the portable kernels give the same bits natively (SSE2) and in WebAssembly (SIMD128).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/workload.hpp"
#include "core/linalg/isa.hpp"
#include "core/ntk/kernel.hpp"
#include "core/models/model_two_layer.hpp"
#include "core/util/rng.hpp"
#include "core/util/sha256.hpp"
#include "core/linalg/gemm_lower.hpp"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(__EMSCRIPTEN__)
#include <cpuid.h>
#define RQ_TEST_X86 1
#else
#define RQ_TEST_X86 0
#endif

using namespace core;
using namespace bench;

namespace {

// Restores the start-up path when a test case that selects paths ends (or fails).
struct RestorePath {
  IsaPath saved = isa_path();
  ~RestorePath() { isa_select(saved); }
};

#if RQ_TEST_X86
// The CPU's features read directly (cpuid + xgetbv), independently of isa.cpp's __builtin_cpu_supports.
struct CpuFeatures {
  bool avx2_fma = false, avx512f = false;
};
CpuFeatures read_cpuid() {
  CpuFeatures f;
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  const bool fma = c & (1u << 12), osxsave = c & (1u << 27), avx = c & (1u << 28);
  if (!osxsave || !avx) return f;
  unsigned xcr0_lo, xcr0_hi;
  __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
  const bool ymm_saved = (xcr0_lo & 0x6u) == 0x6u;    // SSE and AVX state
  const bool zmm_saved = (xcr0_lo & 0xe6u) == 0xe6u;  // + opmask, ZMM0–15 upper, ZMM16–31
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return f;
  const bool avx2 = b & (1u << 5), avx512f = b & (1u << 16);
  f.avx2_fma = ymm_saved && avx2 && fma;
  f.avx512f = zmm_saved && avx512f && f.avx2_fma;
  return f;
}
#endif

bool rel(double a, double ref, double tol) { return std::abs(a - ref) <= tol * std::abs(ref); }

}  // namespace

TEST_CASE("isa: the start-up choice is a path this CPU supports (checked against cpuid), overrides are validated") {
  const IsaPath p = isa_path();
  CHECK(isa_supported(p));
  CHECK(isa_kernels().path == p);
  CHECK(isa_supported(IsaPath::portable));
  MESSAGE("CPU: " << cpu_model() << "; ISA path: " << std::string(isa_name(p))
                  << "; widest supported: " << std::string(isa_name(isa_best())));
  const char* env = std::getenv("RQ_ISA");
  if (env == nullptr || *env == '\0') CHECK(p == isa_best());
#if RQ_TEST_X86
  const CpuFeatures f = read_cpuid();
  CHECK(isa_compiled(IsaPath::avx2));
  CHECK(isa_compiled(IsaPath::avx512));
  CHECK(isa_supported(IsaPath::avx2) == f.avx2_fma);
  CHECK(isa_supported(IsaPath::avx512) == f.avx512f);
  CHECK(isa_best() == (f.avx512f ? IsaPath::avx512 : f.avx2_fma ? IsaPath::avx2 : IsaPath::portable));
  CHECK(std::string(isa_name(IsaPath::portable)) == "sse2");
#else
  CHECK(!isa_compiled(IsaPath::avx2));
  CHECK(!isa_compiled(IsaPath::avx512));
  CHECK(isa_best() == IsaPath::portable);
#endif
  // Every table has the shape its packing assumes.
  for (IsaPath q : {IsaPath::portable, IsaPath::avx2, IsaPath::avx512}) {
    const IsaKernels* k = isa_kernels_of(q);
    if (k == nullptr) continue;
    CHECK(k->path == q);
    CHECK(k->mr % k->nr == 0);
  }
  // Selecting a path the CPU lacks is refused and changes nothing; unknown names do not parse.
  RestorePath restore;
  for (IsaPath q : {IsaPath::avx2, IsaPath::avx512})
    if (!isa_supported(q)) {
      CHECK(!isa_select(q));
      CHECK(isa_path() == p);
    }
  IsaPath parsed;
  CHECK(!parse_isa("avx3", parsed));
  CHECK(!parse_isa("", parsed));
  REQUIRE(parse_isa("sse2", parsed));
  CHECK(parsed == IsaPath::portable);
  REQUIRE(parse_isa("avx512", parsed));
  CHECK(parsed == IsaPath::avx512);
}

TEST_CASE("isa: every path this CPU runs gives W2 within 1e-12 of the reference, the same bits for 1 and 2 threads") {
  RestorePath restore;
  int ran = 0;
  for (IsaPath q : {IsaPath::portable, IsaPath::avx2, IsaPath::avx512}) {
    if (!isa_compiled(q)) continue;  // WebAssembly: the portable path only
    if (!isa_supported(q)) {
      MESSAGE("ISA path " << std::string(isa_name(q)) << " is compiled but this CPU (" << cpu_model()
                          << ") cannot run it: skipped");
      continue;
    }
    const std::string name = isa_name(q);
    CAPTURE(name);
    REQUIRE(isa_select(q));
    BenchConfig c;
    c.workload = "W2";
    c.threads = 1;
    auto one = run_bench_flow(c);
    REQUIRE_MESSAGE(one.ok(), one.error);
    const BenchFlowResult& b = one.value;
    REQUIRE(b.ckpts.size() == 101);
    CHECK(b.status == "done");
    CHECK(rel(b.final_loss, 0.0021867882673716733, 1e-12));
    CHECK(rel(b.min_R, 5.13211537739381e-4, 1e-12));
    CHECK(b.min_R_step == 2000);
    CHECK(rel(b.ckpts.back().eig_max, 0.13603642315957112, 1e-12));
    CHECK(std::abs(b.ckpts.back().eig_N - 1.8792059790867955e-7) <= 1e-13 * 0.13603642315957112);
    c.threads = 2;
    auto two = run_bench_flow(c);
    REQUIRE_MESSAGE(two.ok(), two.error);
    REQUIRE(two.value.ckpts.size() == b.ckpts.size());
    bool same = true;
    for (size_t i = 0; i < b.ckpts.size(); ++i) {
      const BenchCheckpoint &x = b.ckpts[i], &y = two.value.ckpts[i];
      same = same && x.step == y.step && x.loss == y.loss && x.R == y.R && x.eig_min == y.eig_min &&
             x.eig_max == y.eig_max && x.eig_N == y.eig_N;
    }
    CHECK_MESSAGE(same, "1 and 2 threads differ on path " << name);
    ++ran;
  }
  CHECK(ran >= 1);
}

TEST_CASE("isa: the portable kernels give the same bits natively (SSE2) and in WebAssembly (SIMD128)") {
  // Every dispatched kernel on fixed data with odd sizes (edge tiles, vector tails), hashed; only the
  // kernels and scalar code between them (no Eigen reduction, whose SSE2 and scalar sums differ). The
  // portable path is lane-wise mul then add with 2 lanes on both targets, so the digest is one constant.
  RestorePath restore;
  REQUIRE(isa_select(IsaPath::portable));
  const IsaKernels& k = isa_kernels();
  SplitMix64 rng(7);
  auto fill = [&](Mat& M) {
    for (Index j = 0; j < M.cols(); ++j)
      for (Index i = 0; i < M.rows(); ++i) M(i, j) = rng.uniform() - 0.5;
  };
  const Index n = 203, p = 77;
  Mat J(n, p);
  fill(J);
  const Vec wk = Vec::Constant(n, 1.0 / 256.0);
  Sha256 h;
  Mat G, K;
  gram(J, wk, G);           // SYRK (syrk_pack, syrk_rows), A = J
  kernel_matrix(J, wk, K);  // SYRK, A = Jᵀ packed from rows
  sha256_update_rowmajor(h, G);
  sha256_update_rowmajor(h, K);
  Mat C = K;  // C −= L Rᵀ on the lower triangle; X = S Y
  std::vector<double> pack;
  gemm_lower_sub(C.data(), C.outerStride(), n - 3, J.data(), J.outerStride(), J.data() + 3, J.outerStride(), 9, pack,
                 nullptr);
  Mat Y(p, 11), Xs(p, 11);
  fill(Y);
  symm_lower(G.data(), G.outerStride(), p, Y.data(), Y.outerStride(), 11, Xs.data(), Xs.outerStride(), pack, nullptr);
  sha256_update_rowmajor(h, C);
  sha256_update_rowmajor(h, Xs);
  Vec v(n), out = Vec::Zero(n), t(13), y(n);
  for (Index i = 0; i < n; ++i) v[i] = rng.uniform() - 0.5;
  k.symv_cols(K.data() + 2 * n + 2, n, v.data(), n - 2, 0, n - 2, out.data());
  k.gemv_t(J.data(), n, n, 13, v.data(), t.data());
  y = v;
  k.gemv_sub(J.data(), n, n, 13, t.data(), y.data());
  sha256_update(h, out);
  sha256_update(h, t);
  sha256_update(h, y);
  Vec th(n);
  for (Index i = 0; i < n; ++i) th[i] = 8.0 * v[i];
  k.tanh_batch(th.data(), th.data(), n);
  sha256_update(h, th);
  sha256_update(h, Vec::Constant(1, k.dot(J.data(), J.data() + n, n)));
  TwoLayerModel model(5, 13, Activation::tanh, true);  // preact_col, tanh_batch, vjp_products, dot
  Vec theta(model.P());
  for (Index i = 0; i < theta.size(); ++i) theta[i] = 2.0 * (rng.uniform() - 0.5);
  const Mat X = J.leftCols(5);
  Mat F;
  model.f(X, theta, F);
  Vec g;
  model.vjp(X, theta, v, g);
  sha256_update(h, Vec(F.col(0)));
  sha256_update(h, g);
  const std::string digest = h.hex_digest();
  MESSAGE("portable kernels digest: " << digest);
  CHECK(digest == "49b29eaa56e74fdce0f8dcab3881217f8b8e883570ebcab72a990605ec1852e0");
}
