// Runtime choice of the vector ISA for the hot kernels (docs/isa-dispatch.md).
// The kernels of isa_kernels.inc are compiled once per path: portable (x86-64 baseline SSE2 natively,
// SIMD128 in WebAssembly; always present) and, natively on x86-64, AVX2+FMA and AVX-512. One path is
// chosen once, at the first call of isa_kernels(): the environment variable RQ_ISA (sse2 | avx2 |
// avx512) if this CPU runs it, else the widest the CPU supports. Results are bit-identical for any
// thread count within one path; paths differ in the last bits (FMA, partial sums grouped by lanes).
// The portable path does lane-wise mul then add, like WebAssembly, so native sse2 and wasm agree.
#pragma once
#include <cstddef>
#include <string>

namespace core {

enum class IsaPath { portable, avx2, avx512 };
constexpr int kIsaPaths = 3;

// "sse2" (native x86-64) or "simd128" (WebAssembly) for the portable path; "avx2", "avx512".
const char* isa_name(IsaPath p);
// Compiled into this binary (portable: always; avx2/avx512: native x86-64 builds).
bool isa_compiled(IsaPath p);
// Compiled and runnable on this CPU (cpuid, and the OS saves the registers).
bool isa_supported(IsaPath p);
// The widest supported path.
IsaPath isa_best();
// The path in use (selected on first use, see above).
IsaPath isa_path();
// Selects a path (tests, benchmarks). Returns false, and changes nothing, if it is not supported.
// Not while kernels run on other threads.
bool isa_select(IsaPath p);
// Parses "sse2" | "simd128" | "portable" | "avx2" | "avx512"; false if unknown.
bool parse_isa(const std::string& s, IsaPath& out);
// Non-empty when RQ_ISA asked for something invalid or unsupported: what was asked and what is used.
// The programs print it (the core itself never writes to the terminal).
std::string isa_note();
// The CPU's name (cpuid brand string, with family/model on x86), "WebAssembly" in wasm.
std::string cpu_model();

// ---- the kernel table (internal to the core: kernel.cpp, gemm_lower.cpp, symeig.cpp, model_two_layer.cpp) ----
using IsaIndex = std::ptrdiff_t;  // = Index (Eigen::Index), without including Eigen

// C (p×p, column-major, ldc) += lower triangle of AᵀA over one chunk of kc rows of A (kernel.cpp).
struct SyrkChunk {
  const double* a;  // A(n0, 0): element (k, q) is a[k + q·ld], or with trans a[q + k·ld]
  IsaIndex ld;
  bool trans;
  IsaIndex kc, p;
  IsaIndex panel;  // doubles per packed panel (mr · chunk)
  double* packed;  // ceil(p/mr) panels
  double* c;
  IsaIndex ldc;
  bool first;  // C starts from 0 (not read)
};
// C (m×m, lower) −= L Rᵀ (gemm_lower.cpp).
struct LowerUpdate {
  double* c;
  IsaIndex ldc, m;
  const double* l;
  IsaIndex ldl;
  const double* r;
  IsaIndex ldr, k;
  double* lp;           // packed −L, ceil(m/mr) panels of mr·k
  double* rp;           // packed R
  IsaIndex q_lo, q_hi;  // columns of C to update: [q_lo, q_hi), q_lo a multiple of nr
};
// X = S Y, S symmetric (lower triangle in a) (gemm_lower.cpp).
struct SymmProduct {
  const double* a;
  IsaIndex lda, m;
  const double* y;
  IsaIndex ldy, nc;
  double* x;
  IsaIndex ldx;
  double* yp;  // packed Y: ceil(nc/mr) panels of mr·m
};
// T (m×nx, ld m) = Cᵀ [X 1] with nx = d (+1 with bias); C(i, j) = (1 − H(i, j)²)·u_i when tanh_deriv,
// else C(i, j) = hc(i, j) (model_two_layer.cpp vjp). Each entry the sequential sum over the samples.
struct VjpProducts {
  const double* hc;  // N×m, column-major (ld N)
  bool tanh_deriv;
  const double* u;
  const double* x;
  IsaIndex ldx, n, d, m;
  bool bias;
  double* t;
  double* cp;  // ceil(m/mr) panels of mr·N
  double* xp;  // ceil(nx/mr) panels of mr·N
};

struct IsaKernels {
  IsaPath path;
  int mr, nr;  // micro-tile: rows (= packed panel width), columns
  void (*syrk_pack)(const SyrkChunk&, IsaIndex panel);
  void (*syrk_rows)(const SyrkChunk&, IsaIndex panel);
  void (*lower_pack)(const LowerUpdate&, IsaIndex panel);
  void (*lower_rows)(const LowerUpdate&, IsaIndex panel);
  void (*symm_pack_y)(const SymmProduct&);
  void (*symm_rows)(const SymmProduct&, IsaIndex panel, double* scratch /* mr·m */);
  // out(j0:j1 and below) += S(:, j0:j1) v for the lower-stored S at base (lda), size m (symeig.cpp).
  void (*symv_cols)(const double* base, IsaIndex lda, const double* v, IsaIndex m, IsaIndex j0, IsaIndex j1,
                    double* out);
  void (*gemv_sub)(const double* l, IsaIndex ld, IsaIndex m, IsaIndex k, const double* x, double* y);  // y −= L x
  void (*gemv_t)(const double* l, IsaIndex ld, IsaIndex m, IsaIndex k, const double* v, double* t);    // t = Lᵀ v
  void (*tanh_batch)(const double* z, double* out, IsaIndex n);  // det_tanh, bit-identical on every path
  double (*dot)(const double* a, const double* b, IsaIndex n);
  // z_i = Σ_k w_k x_ik (+ b), left to right from 0 (two-layer preactivations; same bits on every path).
  void (*preact_col)(const double* x, IsaIndex ldx, IsaIndex n, const double* w, IsaIndex d, bool bias, double b,
                     double* z);
  void (*vjp_products)(const VjpProducts&);
};

// The selected path's kernels.
const IsaKernels& isa_kernels();
// A given path's kernels (tests); nullptr if not compiled.
const IsaKernels* isa_kernels_of(IsaPath p);

}  // namespace core
