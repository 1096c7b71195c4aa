#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases {

/// Richardson extrapolation and Roache's Grid Convergence Index for one quantity solved on three
/// grids refined by a constant ratio r (Roache 1998, Verification and Validation in
/// Computational Science and Engineering; the procedure as in Celik et al. 2008, J Fluids Eng
/// 130:078001):
///   e21 = f2 - f1, e32 = f3 - f2           (1 fine, 2 medium, 3 coarse)
///   p   = ln|e32 / e21| / ln r              (observed order)
///   f_ext = f1 + (f1 - f2) / (r^p - 1)
///   GCI_fine = Fs |(f1 - f2) / f1| / (r^p - 1),  Fs = 1.25 for a three-grid study
///   asymptotic ratio = GCI_medium / (r^p GCI_fine), near 1 in the asymptotic range
/// An observed order far from the schemes' formal order means the grids are not in the
/// asymptotic range and p, f_ext and GCI_fine can be far off (a huge p gives a tiny GCI). The
/// bounded GCI follows Roache's advice for that case: p limited to the formal order and Fs = 3
/// unless p is within 10 % of it.
class GridConvergence {
public:
    /// monotonic: e32/e21 > 1 (the change shrinks as the cells do); oscillatory: e32/e21 < -1 (the
    /// sign flips; |.| used, flagged); divergent: |e32/e21| <= 1, the change does not shrink with
    /// refinement (no order, no GCI); converged: the three values are equal.
    enum class Behaviour { monotonic, oscillatory, divergent, converged };

    struct Estimate {
        Behaviour behaviour = Behaviour::divergent;
        double order = 0.0;          // observed p (NaN when divergent)
        double extrapolated = 0.0;   // f_ext (NaN when divergent)
        double gciFine = 0.0;        // fraction, e.g. 0.03 = 3 %
        double gciMedium = 0.0;
        double asymptoticRatio = 0.0;
        double gciFineBounded = 0.0;  // min(p, formal order), Fs 1.25 or 3


        nlohmann::json toJson() const;
    };

    /// Throws std::invalid_argument for r <= 1 or non-finite values.
    static Estimate estimate(double fine, double medium, double coarse, double ratio, double safetyFactor = 1.25);

    /// Formal order of the discretisation (linearUpwind / Gauss linear: second order).
    static constexpr double kFormalOrder = 2.0;

    static std::string name(Behaviour behaviour);
};

}  // namespace drafting::cases
