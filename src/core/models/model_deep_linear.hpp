// Deep linear network f(x) = W_D ⋯ W_2 W_1 x, widths d → h → … → h → k (D = 1: W_1 is k×d).
// D-homogeneous. θ packing: (vec_rowmajor(W_1), vec_rowmajor(W_2), …, vec_rowmajor(W_D)).
#pragma once
#include <vector>

#include "core/models/model.hpp"

namespace core {

class DeepLinearModel final : public Model {
 public:
  DeepLinearModel(Index d, Index h, Index k, Index depth);
  Index P() const override { return offsets_.back(); }
  Index k() const override { return k_; }
  Index input_dim() const override { return d_; }
  std::string name() const override { return "deep_linear"; }
  void f(const Mat& X, const Vec& theta, Mat& F) const override;
  void J(const Mat& X, const Vec& theta, Mat& J) const override;
  int homogeneity() const override { return int(depth_); }
  Index layer_offset(Index l) const { return offsets_[std::size_t(l)]; }  // l = 0..D-1

 private:
  Mat layer(const Vec& theta, Index l) const;  // W_{l+1}, rows_[l+1]×rows_[l]
  Index d_, k_, depth_;                        // the hidden width h is kept in dims_ only
  std::vector<Index> dims_;                    // d, h, …, h, k  (D+1 entries)
  std::vector<Index> offsets_;                 // start of each layer in θ, plus P at the end
};

}  // namespace core
