// Runtime choice of the kernels' ISA path (isa.hpp, docs/isa-dispatch.md).
#include "core/linalg/isa.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if (defined(__x86_64__) || defined(__i386__)) && !defined(__EMSCRIPTEN__)
#include <cpuid.h>
#define RQ_ISA_X86_CPU 1
#else
#define RQ_ISA_X86_CPU 0
#endif

namespace core {

// Each kernel object's table, named by its vector-width namespace (simd.hpp). RQ_ISA_X86 is defined by
// CMakeLists.txt when the AVX2 and AVX-512 objects are built (native x86-64).
namespace v2 {
extern const IsaKernels kIsaKernels;
}
#if RQ_ISA_X86
namespace v4_fma {
extern const IsaKernels kIsaKernels;
}
namespace v8_fma {
extern const IsaKernels kIsaKernels;
}
#endif

namespace {

std::atomic<const IsaKernels*> g_active{nullptr};
std::string g_note;  // written once, before g_active is first published

bool cpu_has(IsaPath p) {
  switch (p) {
    case IsaPath::portable: return true;
#if RQ_ISA_X86 && RQ_ISA_X86_CPU
    // libgcc's checks include the OS's support (XGETBV: the YMM / ZMM state is saved on context switch).
    case IsaPath::avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case IsaPath::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    default: return false;
  }
}

const IsaKernels* choose_at_start() {
  IsaPath path = isa_best();
  const char* env = std::getenv("RQ_ISA");
  if (env != nullptr && *env != '\0') {
    IsaPath asked;
    if (!parse_isa(env, asked)) {
      g_note = std::string("RQ_ISA=") + env + " is not a known path (sse2, avx2, avx512); using " + isa_name(path);
    } else if (!isa_supported(asked)) {
      g_note = std::string("RQ_ISA=") + env + ": " +
               (isa_compiled(asked) ? "this CPU does not support it" : "not compiled into this build") + "; using " +
               isa_name(path);
    } else {
      path = asked;
    }
  }
  return isa_kernels_of(path);
}

}  // namespace

const char* isa_name(IsaPath p) {
  switch (p) {
    case IsaPath::portable:
#if defined(__wasm_simd128__)
      return "simd128";
#elif defined(__wasm__)
      return "wasm-scalar";
#elif defined(__x86_64__) || defined(__i386__)
      return "sse2";
#else
      return "portable";
#endif
    case IsaPath::avx2: return "avx2";
    case IsaPath::avx512: return "avx512";
  }
  return "?";
}

bool isa_compiled(IsaPath p) { return isa_kernels_of(p) != nullptr; }

bool isa_supported(IsaPath p) { return isa_compiled(p) && cpu_has(p); }

IsaPath isa_best() {
  for (IsaPath p : {IsaPath::avx512, IsaPath::avx2})
    if (isa_supported(p)) return p;
  return IsaPath::portable;
}

const IsaKernels* isa_kernels_of(IsaPath p) {
  switch (p) {
    case IsaPath::portable: return &v2::kIsaKernels;
#if RQ_ISA_X86
    case IsaPath::avx2: return &v4_fma::kIsaKernels;
    case IsaPath::avx512: return &v8_fma::kIsaKernels;
#endif
    default: return nullptr;
  }
}

const IsaKernels& isa_kernels() {
  const IsaKernels* k = g_active.load(std::memory_order_acquire);
  if (k != nullptr) return *k;
  static const IsaKernels* const initial = choose_at_start();  // once, thread-safe
  const IsaKernels* expected = nullptr;
  g_active.compare_exchange_strong(expected, initial, std::memory_order_acq_rel);
  return *g_active.load(std::memory_order_acquire);
}

IsaPath isa_path() { return isa_kernels().path; }

bool isa_select(IsaPath p) {
  if (!isa_supported(p)) return false;
  isa_kernels();  // the start-up choice (and its note) first, so it never overrides this one
  g_active.store(isa_kernels_of(p), std::memory_order_release);
  return true;
}

bool parse_isa(const std::string& s, IsaPath& out) {
  if (s == "sse2" || s == "simd128" || s == "portable")
    out = IsaPath::portable;
  else if (s == "avx2")
    out = IsaPath::avx2;
  else if (s == "avx512")
    out = IsaPath::avx512;
  else
    return false;
  return true;
}

std::string isa_note() {
  isa_kernels();
  return g_note;
}

std::string cpu_model() {
#if RQ_ISA_X86_CPU
  unsigned a = 0, b = 0, c = 0, d = 0;
  std::string brand;
  if (__get_cpuid(0x80000000u, &a, &b, &c, &d) && a >= 0x80000004u) {
    unsigned r[12];
    for (unsigned i = 0; i < 3; ++i)
      __get_cpuid(0x80000002u + i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
    char s[49];
    std::memcpy(s, r, 48);
    s[48] = '\0';
    brand = s;
    const auto first = brand.find_first_not_of(' '), last = brand.find_last_not_of(' ');
    brand = first == std::string::npos ? std::string() : brand.substr(first, last - first + 1);
  }
  if (brand.empty()) brand = "x86-64";
  if (__get_cpuid(1, &a, &b, &c, &d)) {
    const unsigned base_family = (a >> 8) & 0xf, base_model = (a >> 4) & 0xf;
    const unsigned family = base_family == 0xf ? base_family + ((a >> 20) & 0xff) : base_family;
    const unsigned model =
        (base_family == 0xf || base_family == 6) ? (((a >> 16) & 0xf) << 4) | base_model : base_model;
    char buf[64];
    std::snprintf(buf, sizeof buf, " (family %u model %u)", family, model);
    brand += buf;
  }
  return brand;
#elif defined(__wasm__)
  return "WebAssembly (host CPU not visible)";
#else
  return "unknown";
#endif
}

}  // namespace core
