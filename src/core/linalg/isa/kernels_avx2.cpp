// The AVX2+FMA path of the hot kernels (isa.hpp). Compiled with -mavx2 -mfma (CMakeLists.txt); runs
// only when the CPU has both (isa_supported).
#if !defined(__AVX2__) || !defined(__FMA__) || defined(__AVX512F__)
#error "kernels_avx2.cpp needs -mavx2 -mfma (and no AVX-512)"
#endif
#include "core/linalg/isa.hpp"
#define RQ_ISA_PATH ::core::IsaPath::avx2
#include "core/linalg/isa_kernels.inc"
