#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The lead runner's saving against front gap, one curve per rear gap (and formation,
/// lateral offset): s(g) = 100 % · exp(−(g / L)^n), a stretched exponential: full shelter at
/// touching distance, none far behind, a plateau at short gaps when n > 1 (the wake's core
/// is as long as the pacer is deep). Fitted by least squares (Levenberg–Marquardt), weighted
/// by each point's error bar (averaging CI and GCI in quadrature) when they matter.
class SavingsFit {
public:
    struct Curve {
        std::string label;
        std::string formation;
        std::optional<double> backGap, lateral;
        std::vector<double> gaps, savings, errors;  // the points, errors in points of saving (0: none)
        std::string status;  // fitted | exact | too-few-points | failed
        std::string note;
        double decayLength = 0.0, shape = 0.0;  // L [m], n
        std::optional<double> decayLengthSe, shapeSe;
        double rmse = 0.0;  // points of saving
        bool weighted = false;

        double at(double gap) const;
        double halfSavingGap() const;  // where the fitted saving is 50 %
        nlohmann::json toJson() const;
    };

    static std::vector<Curve> fit(const SavingsTable& table);
    static nlohmann::json toJson(const std::vector<Curve>& curves);

    /// One series label: "no pacer behind", "pacer behind at 1 m", with formation / lateral.
    static std::string seriesLabel(const SavingsRow& row);

    static constexpr const char* kModel = "s(g) = 100 * exp(-(g / L)^n)";
    // Error bars below this [points] do not weight the fit: the curve's own misfit is larger.
    static constexpr double kMinError = 0.5;
};

}  // namespace drafting::post
