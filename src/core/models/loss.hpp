// Functional losses ℓ on H = L²(μ) and their H-gradients.
#pragma once
#include <memory>
#include <string>

#include "core/models/data.hpp"
#include "core/status.hpp"
#include "core/types.hpp"

namespace core {

class Loss {
 public:
  virtual ~Loss();
  virtual std::string name() const = 0;
  // ℓ = Σ_i w_i ℓ_i(F_i).  F: N×k model outputs.
  virtual double value(const Mat& F, const Dataset& D) const = 0;
  // ∇ℓ in H: G(i,c) = ∂ℓ_i/∂F(i,c) (N×k). (The H-gradient drops the weights w_i.)
  virtual void grad(const Mat& F, const Dataset& D, Mat& G) const = 0;
  // Checks F and D.Y shapes match (and label constraints of the loss).
  virtual Status check(const Mat& F, const Dataset& D) const;
};

// kinds: "squared"       ℓ = ½‖f − y‖²_H,                 ∇ℓ = f − y
//        "logistic"      ℓ_i = log(1 + e^{−y_i u_i}), y ∈ {−1,+1}, k = 1; ∇ℓ_i = −y_i σ(−y_i u_i)
//        "cross_entropy" ℓ_i = logsumexp(F_i) − Σ_c Y_ic F_ic (Y rows sum to 1); ∇ℓ_i = softmax(F_i) − Y_i
Result<std::unique_ptr<Loss>> make_loss(const std::string& kind);

}  // namespace core
