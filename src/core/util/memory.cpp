#include "core/util/memory.hpp"

#include <cstdint>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace core {

namespace {
constexpr std::size_t kHuge = std::size_t(2) << 20;  // x86-64 huge page
}

void advise_huge_pages(void* p, std::size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_HUGEPAGE)
  // Only whole huge pages inside the buffer; the hint is advisory, its failure harmless.
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t lo = (a + kHuge - 1) & ~(kHuge - 1), hi = (a + bytes) & ~(kHuge - 1);
  if (hi > lo) (void)madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

void resize_large(Mat& M, Index rows, Index cols) {
  if (M.rows() == rows && M.cols() == cols) return;
  M.resize(rows, cols);
  const std::size_t bytes = std::size_t(M.size()) * sizeof(double);
  if (bytes >= 2 * kHuge) advise_huge_pages(M.data(), bytes);
}

}  // namespace core
