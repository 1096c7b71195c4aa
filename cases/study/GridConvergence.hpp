#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases::study {

/// Richardson extrapolation and Roache's Grid Convergence Index for one quantity solved on three
/// grids (1 fine, 2 medium, 3 coarse) with refinement ratios r21 = h2/h1 and r32 = h3/h2 that
/// need not be equal: the procedure of Celik et al. 2008 (J Fluids Eng 130:078001, ASME V&V 20),
/// after Roache 1998:
///   e21 = f2 - f1, e32 = f3 - f2, s = sign(e32 / e21)
///   p   = |ln|e32 / e21| + q(p)| / ln r21,  q(p) = ln((r21^p - s) / (r32^p - s))
///         solved by fixed-point iteration from q = 0; with r21 = r32, q = 0 and
///         p = ln|e32 / e21| / ln r, Roache's constant-ratio formula
///   f_ext = f1 + (f1 - f2) / (r21^p - 1)
///   GCI_fine   (GCI21, of grid 1) = Fs |e21| / (r21^p - 1)
///   GCI_medium (GCI32, of grid 2) = Fs |e32| / (r32^p - 1),    Fs = 1.25 for three grids
///   asymptotic ratio = GCI_medium / (r21^p GCI_fine), near 1 in the asymptotic range
/// Each GCI is kept absolute (in the quantity's units: a saving's points) and relative (divided
/// by |f1| or |f2|: a drag's fraction).
///
/// The bounded GCI, the one to quote (there is exactly this one definition): an observed order
/// far from the formal order means the grids are not in the asymptotic range and p, f_ext and
/// the GCI can be far off (a huge p gives a tiny GCI). Following Roache's advice, the bounded
/// GCI uses p_b = min(p, 2) (the formal order) in r^p_b, and Fs = 3 unless |p - 2| <= 0.2
/// (within 10 % of it), where Fs stays 1.25.
///
/// Celik asks for r > 1.3 between grids; a smaller r21 or r32 is flagged (ratioBelowMinimum),
/// not refused: the differences are then closer to the iterative noise.
class GridConvergence {
public:
    /// monotonic: the change shrinks with the cells without changing sign; oscillatory: the sign
    /// flips and |e32/e21| > 1 (flagged: treat with care); divergent: the change does not shrink
    /// fast enough for any positive order (|e32/e21| <= 1 when r21 = r32; for monotonic changes in
    /// general e32/e21 <= ln r32 / ln r21): no order, no GCI; converged: the three values are equal.
    enum class Behaviour { monotonic, oscillatory, divergent, converged };

    /// How toJson names the GCIs: relative (fractions: gci_fine, ...) or absolute (in the
    /// quantity's units: gci_fine_abs, ...).
    enum class Scale { relative, absolute };

    struct Estimate {
        Behaviour behaviour = Behaviour::divergent;
        double r21 = 0.0, r32 = 0.0;
        bool ratioBelowMinimum = false;  // r21 or r32 below kMinRatio
        bool orderSolved = true;         // the fixed-point iteration for p converged
        int orderIterations = 0;
        double order = 0.0;         // observed p (NaN when divergent or unsolved)
        double extrapolated = 0.0;  // f_ext (NaN when divergent or unsolved)
        // Absolute GCIs, in the quantity's units.
        double gciFineAbs = 0.0, gciMediumAbs = 0.0, gciFineBoundedAbs = 0.0, gciMediumBoundedAbs = 0.0;
        // Relative GCIs: fractions of |f1| (fine) and |f2| (medium), e.g. 0.03 = 3 %.
        double gciFine = 0.0, gciMedium = 0.0, gciFineBounded = 0.0, gciMediumBounded = 0.0;
        double asymptoticRatio = 0.0;     // of the relative GCIs
        double asymptoticRatioAbs = 0.0;  // of the absolute ones (1 for an exact power law)
        double boundedOrder = 0.0, boundedSafetyFactor = 0.0;  // p_b and Fs of the bounded GCI
        std::string note;  // why there is no order, when there is none

        nlohmann::json toJson(Scale scale = Scale::relative) const;
    };

    /// Constant ratio r. Throws std::invalid_argument for r <= 1 or non-finite values.
    static Estimate estimate(double fine, double medium, double coarse, double ratio);
    /// Ratios r21 (medium/fine cell size) and r32 (coarse/medium). Throws as above.
    static Estimate estimate(double fine, double medium, double coarse, double r21, double r32);

    /// The refinement ratio of two meshes of one domain from their cell counts: h ~ N^(-1/D),
    /// r = (N_fine / N_coarse)^(1/D), D = 2 for a 2D mesh (one cell thick), 3 in 3D. Throws
    /// std::invalid_argument for counts below 1 or another dimension.
    static double ratioFromCells(double fineCells, double coarseCells, int dimension);

    /// Formal order of the discretisation (linearUpwind / Gauss linear: second order).
    static constexpr double kFormalOrder = 2.0;
    static constexpr double kSafetyFactor = 1.25;          // three grids (Roache, Celik)
    static constexpr double kBoundedSafetyFactor = 3.0;    // p far from the formal order
    static constexpr double kMinRatio = 1.3;               // Celik et al. 2008
    static constexpr int kMaxOrderIterations = 200;

    static std::string name(Behaviour behaviour);
};

}  // namespace drafting::cases::study
