#include "core/lanczos.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Eigenvalues>

#include "core/rng.hpp"

namespace core {

LanczosResult lanczos_kernel(const Mat& J, const Vec& wk, const LanczosOptions& opt)
{
    LanczosResult res;
    const Index Nk = J.rows(), P = J.cols();
    const bool gram_side = P <= Nk;
    const Index n = gram_side ? P : Nk;
    if (n == 0 || wk.size() != Nk) return res;
    const Vec sw = wk.array().sqrt();
    Vec tmp;
    // w = A q: G q = Jᵀ(W(J q)) or K q = W^{1/2} J (Jᵀ (W^{1/2} q)).
    auto apply = [&](const Vec& q, Vec& w) {
        if (gram_side) {
            tmp.noalias() = J * q;
            tmp.array() *= wk.array();
            w.noalias() = J.transpose() * tmp;
        } else {
            tmp.noalias() = J.transpose() * (sw.array() * q.array()).matrix();
            w.noalias() = J * tmp;
            w.array() *= sw.array();
        }
    };

    const Index m_max = std::max<Index>(1, std::min(opt.max_iter, n));
    Mat Q(n, m_max);
    Vec alpha(m_max), beta(m_max);
    NormalStream ns(opt.seed);
    Vec q(n);
    for (Index i = 0; i < n; ++i) q[i] = ns.next();
    q /= q.norm();
    Vec w(n), c;
    Eigen::SelfAdjointEigenSolver<Mat> es;
    Index m = 0;
    auto ritz = [&](Index k, bool vectors) {
        es.computeFromTridiagonal(alpha.head(k), beta.head(std::max<Index>(k - 1, 0)),
                                  vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
    };
    for (Index j = 0; j < m_max; ++j) {
        Q.col(j) = q;
        apply(q, w);
        // Full reorthogonalization by classical Gram–Schmidt twice (orthogonal to ε); the first pass's
        // coefficient on q_j is α_j = q_jᵀ A q_j, the second pass corrects it.
        alpha[j] = 0.0;
        for (int pass = 0; pass < 2; ++pass) {
            c.noalias() = Q.leftCols(j + 1).transpose() * w;
            w.noalias() -= Q.leftCols(j + 1) * c;
            alpha[j] += c[j];
        }
        m = j + 1;
        const double b = w.norm();
        beta[j] = b;
        // Invariant subspace (b tiny against the operator's scale): the Ritz values are exact.
        const double scale = std::max(std::abs(alpha[j]), alpha.head(m).cwiseAbs().maxCoeff());
        if (!(b > 1e-14 * scale) || m == n) {
            res.invariant = true;
            break;
        }
        // Convergence check of the top Ritz values every 8 steps.
        if (m >= std::min<Index>(opt.top + 2, n) && m % 8 == 0) {
            ritz(m, true);
            const Vec& th = es.eigenvalues();
            const double lmax = th[m - 1];
            Index conv = 0;
            for (Index i = m - 1; i >= 0 && conv < opt.top; --i, ++conv)
                if (std::abs(b * es.eigenvectors()(m - 1, i)) > opt.tol * std::abs(lmax)) break;
            if (conv >= std::min(opt.top, m)) break;
        }
        q = w / b;
    }
    ritz(m, true);
    res.iterations = m;
    res.ritz = es.eigenvalues();
    res.residual.resize(m);
    const double b = res.invariant ? 0.0 : beta[m - 1];
    for (Index i = 0; i < m; ++i) res.residual[i] = std::abs(b * es.eigenvectors()(m - 1, i));
    const double lmax = res.ritz[m - 1];
    for (Index i = m - 1; i >= 0 && res.residual[i] <= opt.tol * std::abs(lmax); --i) ++res.converged_top;
    return res;
}

}  // namespace core
