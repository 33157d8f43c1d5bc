// Large-buffer hint: back a freshly allocated, not yet touched buffer with transparent huge pages
// where the OS offers them on request (Linux, THP mode "madvise"). A 32 MB kernel matrix otherwise
// costs 8192 first-touch page faults, ≈ 50 ms on a virtual machine; NumPy gives the same hint for
// its large arrays. No effect on values; a no-op elsewhere (WebAssembly, other systems).
#pragma once
#include <cstddef>

#include "core/types.hpp"

namespace core {

void advise_huge_pages(void* p, std::size_t bytes);

// Resizes M to rows × cols (contents unspecified) and gives the hint when it allocated a large block.
void resize_large(Mat& M, Index rows, Index cols);

}  // namespace core
