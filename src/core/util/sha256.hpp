// SHA-256 (FIPS 180-4), used to check the bench generator's digests.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/types.hpp"

namespace core {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t n);
  std::string hex_digest();  // finalizes; call once
 private:
  void block(const std::uint8_t* p);
  std::uint32_t h_[8];
  std::uint8_t buf_[64];
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};
// Appends the little-endian float64 bytes of v in storage order given (row-major for matrices).
void sha256_update_rowmajor(Sha256& h, const Mat& M);
void sha256_update(Sha256& h, const Vec& v);

}  // namespace core
