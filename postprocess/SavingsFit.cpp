#include "postprocess/SavingsFit.hpp"

#include "common/ValueList.hpp"
#include "postprocess/TableText.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace drafting::post {

namespace {

// s(g) = 100 exp(-(g/L)^n) and its derivatives in L and n.
double model(double g, double length, double shape) { return 100.0 * std::exp(-std::pow(g / length, shape)); }

void gradient(double g, double length, double shape, double& dL, double& dn) {
    const double u = std::pow(g / length, shape), s = 100.0 * std::exp(-u);
    dL = s * u * shape / length;
    dn = g > 0.0 ? -s * u * std::log(g / length) : 0.0;
}

double weightedSquares(const SavingsFit::Curve& c, double length, double shape, const std::vector<double>& w) {
    double sum = 0.0;
    for (std::size_t i = 0; i < c.gaps.size(); ++i) {
        const double r = c.savings[i] - model(c.gaps[i], length, shape);
        sum += w[i] * r * r;
    }
    return sum;
}

// Levenberg–Marquardt on (L, n), from a straight line through ln(-ln(s/100)) against ln g.
void fitCurve(SavingsFit::Curve& c) {
    const std::size_t n = c.gaps.size();
    if (n < 2) {
        c.status = "too-few-points";
        c.note = "one gap: nothing to fit";
        return;
    }
    // Error bars below the floor say nothing about how well one curve fits: equal weights then.
    std::vector<double> w(n, 1.0);
    c.weighted = std::any_of(c.errors.begin(), c.errors.end(), [](double e) { return e > SavingsFit::kMinError; });
    if (c.weighted) {
        for (std::size_t i = 0; i < n; ++i) {
            const double e = std::max(c.errors[i], SavingsFit::kMinError);
            w[i] = 1.0 / (e * e);
        }
    }
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (c.savings[i] <= 0.0 || c.savings[i] >= 100.0 || c.gaps[i] <= 0.0) continue;
        const double x = std::log(c.gaps[i]), y = std::log(-std::log(c.savings[i] / 100.0));
        sx += x, sy += y, sxx += x * x, sxy += x * y, ++m;
    }
    double length = 1.5, shape = 1.5;
    if (m >= 2 && m * sxx - sx * sx > 0.0) {
        const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        if (slope > 0.05 && slope < 20.0) {
            shape = slope;
            length = std::exp(-(sy - slope * sx) / m / slope);
        }
    }
    if (!(length > 0.01 && length < 100.0)) length = 1.5;

    double lambda = 1e-3, cost = weightedSquares(c, length, shape, w);
    double jtj[2][2] = {};
    for (int iter = 0; iter < 300; ++iter) {
        double g[2] = {0, 0};
        jtj[0][0] = jtj[0][1] = jtj[1][1] = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            double j0 = 0, j1 = 0;
            gradient(c.gaps[i], length, shape, j0, j1);
            const double r = c.savings[i] - model(c.gaps[i], length, shape);
            g[0] += w[i] * j0 * r, g[1] += w[i] * j1 * r;
            jtj[0][0] += w[i] * j0 * j0, jtj[0][1] += w[i] * j0 * j1, jtj[1][1] += w[i] * j1 * j1;
        }
        bool improved = false, done = false;
        while (lambda < 1e12) {
            const double a = jtj[0][0] * (1 + lambda), b = jtj[0][1], d = jtj[1][1] * (1 + lambda);
            const double det = a * d - b * b;
            if (!(std::abs(det) > 0.0)) break;
            const double dl = (d * g[0] - b * g[1]) / det, dn = (a * g[1] - b * g[0]) / det;
            const double nl = length + dl, ns = shape + dn;
            if (nl > 1e-3 && nl < 1e3 && ns > 1e-3 && ns < 50.0) {
                const double nc = weightedSquares(c, nl, ns, w);
                if (nc <= cost) {
                    done = std::abs(dl) < 1e-10 * nl && std::abs(dn) < 1e-10 * ns;
                    length = nl, shape = ns, cost = nc, lambda = std::max(lambda / 10, 1e-12), improved = true;
                    break;
                }
            }
            lambda *= 10;
        }
        if (!improved || done) break;
    }
    c.decayLength = length;
    c.shape = shape;
    double sq = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double r = c.savings[i] - c.at(c.gaps[i]);
        sq += r * r;
    }
    c.rmse = std::sqrt(sq / n);
    if (n == 2) {
        c.status = "exact";
        c.note = "two gaps: the curve passes through both, no error estimate";
        return;
    }
    c.status = "fitted";
    // Standard errors from the inverse of JᵀWJ, scaled by the reduced chi-square.
    const double det = jtj[0][0] * jtj[1][1] - jtj[0][1] * jtj[0][1];
    if (det > 0.0) {
        const double scale = cost / static_cast<double>(n - 2);
        c.decayLengthSe = std::sqrt(scale * jtj[1][1] / det);
        c.shapeSe = std::sqrt(scale * jtj[0][0] / det);
    }
    if (c.rmse > 5.0) c.note = "poor fit: the savings do not follow this curve (rmse > 5 points)";
}

}  // namespace

double SavingsFit::Curve::at(double gap) const { return model(gap, decayLength, shape); }

double SavingsFit::Curve::halfSavingGap() const { return decayLength * std::pow(std::log(2.0), 1.0 / shape); }

std::string SavingsFit::seriesLabel(const SavingsRow& r) {
    std::string label = r.backGap ? "pacer behind at " + common::ValueList::format(*r.backGap) + " m"
                                  : "no pacer behind";
    if (r.lateral && *r.lateral != 0.0) label += ", lateral " + common::ValueList::format(*r.lateral) + " m";
    // Pacers of their own size: one series per height, never one curve through several.
    if (r.pacerHeight) label += ", pacers " + common::ValueList::format(*r.pacerHeight) + " m tall";
    if (r.formation != "ahead" && r.formation != "ahead-behind") label = r.formation + ": " + label;
    return label;
}

std::vector<SavingsFit::Curve> SavingsFit::fit(const SavingsTable& table) {
    std::map<std::string, Curve> byLabel;
    std::vector<std::string> order;
    for (const auto& r : table.rows()) {
        if (r.status != "ok" || !r.frontGap || !r.savingPct) continue;
        const std::string label = seriesLabel(r);
        auto [it, inserted] = byLabel.try_emplace(label);
        Curve& c = it->second;
        if (inserted) {
            order.push_back(label);
            c.label = label;
            c.formation = r.formation;
            c.backGap = r.backGap;
            c.lateral = r.lateral;
        }
        c.gaps.push_back(*r.frontGap);
        c.savings.push_back(*r.savingPct);
        // Weighed by the numerical error only: a model-form spread is one model's bias, known for a
        // few cases, and would tilt the fit toward the cases a study happened to run.
        c.errors.push_back(r.numericalErrorPct());
    }
    std::vector<Curve> curves;
    for (const auto& label : order) {
        Curve c = byLabel.at(label);
        // Points in gap order, so the stored points read as a curve.
        std::vector<std::size_t> idx(c.gaps.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return c.gaps[a] < c.gaps[b]; });
        Curve sorted = c;
        for (std::size_t i = 0; i < idx.size(); ++i) {
            sorted.gaps[i] = c.gaps[idx[i]], sorted.savings[i] = c.savings[idx[i]], sorted.errors[i] = c.errors[idx[i]];
        }
        fitCurve(sorted);
        curves.push_back(sorted);
    }
    return curves;
}

nlohmann::json SavingsFit::Curve::toJson() const {
    nlohmann::json points = nlohmann::json::array();
    for (std::size_t i = 0; i < gaps.size(); ++i) {
        points.push_back({{"front_gap_m", gaps[i]},
                          {"saving_pct", savings[i]},
                          {"error_pct", errors[i] > 0.0 ? nlohmann::json(errors[i]) : nlohmann::json()},
                          {"fitted_pct", status == "fitted" || status == "exact" ? nlohmann::json(at(gaps[i]))
                                                                                 : nlohmann::json()}});
    }
    nlohmann::json j = {{"label", label},
                        {"formation", formation},
                        {"back_gap_m", TableText::jsonNumber(backGap)},
                        {"lateral_m", TableText::jsonNumber(lateral)},
                        {"status", status},
                        {"note", note},
                        {"points", points}};
    if (status == "fitted" || status == "exact") {
        j["parameters"] = {{"decay_length_m", decayLength},
                           {"decay_length_se_m", TableText::jsonNumber(decayLengthSe)},
                           {"shape", shape},
                           {"shape_se", TableText::jsonNumber(shapeSe)},
                           {"half_saving_gap_m", halfSavingGap()}};
        j["rmse_pct"] = rmse;
        j["weighted"] = weighted;
    }
    return j;
}

nlohmann::json SavingsFit::toJson(const std::vector<Curve>& curves) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : curves) list.push_back(c.toJson());
    return {{"model", kModel},
            {"description",
             "Lead runner's drag saving s [%] against front gap g [m], one curve per rear gap: a stretched "
             "exponential that is 100 % at touching distance and vanishes far behind; L is the gap where the "
             "saving has fallen to 36.8 %, n how sharply it falls, and the saving is half at L (ln 2)^(1/n). "
             "Least squares (Levenberg-Marquardt), weighted 1/e^2 by each point's error bar (95 % averaging "
             "interval and GCI in quadrature) when any exceeds 0.5 points, else unweighted; standard errors "
             "from the covariance scaled by the reduced chi-square. Valid inside the swept gaps only."},
            {"curves", list}};
}

}  // namespace drafting::post
