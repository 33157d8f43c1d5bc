// The AVX-512 path of the hot kernels (isa.hpp). Compiled with -mavx512f -mavx2 -mfma
// (CMakeLists.txt); runs only when the CPU has AVX-512F and the OS saves its registers (isa_supported).
#if !defined(__AVX512F__) || !defined(__FMA__)
#error "kernels_avx512.cpp needs -mavx512f -mfma"
#endif
#include "core/linalg/isa.hpp"
#define RQ_ISA_PATH ::core::IsaPath::avx512
#include "core/linalg/isa_kernels.inc"
