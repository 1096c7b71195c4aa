#include "postprocess/StrideAverage.hpp"

#include "cases/files/Manifest.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/AtomicFile.hpp"
#include "common/Error.hpp"
#include "common/Saving.hpp"
#include "common/ValueList.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SweepSettings.hpp"
#include "postprocess/TableText.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::post {

namespace {

constexpr const char* kOption = "--phase-sweep";
constexpr const char* kPhaseKey = "geometry.stride_phase";

// The instants' iterative uncertainties of a mean over N: in quadrature, over N.
std::optional<double> ofMean(const std::vector<std::optional<double>>& errors) {
    double sum = 0.0;
    bool any = false;
    for (const auto& e : errors)
        if (e) sum += *e * *e, any = true;
    if (!any) return std::nullopt;
    return std::sqrt(sum) / static_cast<double>(errors.size());
}

const SavingsRow* soloOf(const SavingsTable& t) {
    for (const auto& r : t.rows())
        if (r.formation == "solo" && r.status == "ok") return &r;
    return nullptr;
}

}  // namespace

StrideAverage StrideAverage::build(const std::string& dir, const SavingsTable& table, const std::vector<std::string>& others) {
    StrideAverage a;
    const auto here = SweepSettings::of(dir);
    if (!here.count(kPhaseKey))
        throw common::InputError(common::ErrorSite::of("SWEEPDIR", dir),
                                 "poses no phase of the stride (" + std::string(kPhaseKey) + " unset): " + kOption +
                                     " has nothing to average over");
    a.phases_.push_back({cases::files::Manifest::read(dir).config.stridePhase.value_or(0.0), dir, table});
    a.reducedSoloN_ = table.soloDrag();
    for (const auto& other : others) {
        const auto site = common::ErrorSite::of(kOption, other);
        if (!fs::is_regular_file(fs::path(other) / cases::files::SweepLayout::kManifest))
            throw common::InputError(site, "not a sweep directory (no manifest.json)");
        std::error_code ec;
        for (const auto& p : a.phases_)
            if (fs::equivalent(other, p.dir, ec))
                throw common::InputError(site, p.dir == dir ? "the sweep reduced itself" : "given twice");
        const auto there = SweepSettings::of(other);
        for (const auto& d : SweepSettings::differences(here, there))
            if (d.rfind(std::string(kPhaseKey) + ":", 0) != 0)
                throw common::InputError(site, "differs from the reduced sweep in more than the phase of the stride (" + d +
                                                   "): its mean would hold more than the stride");
        const double phase = cases::files::Manifest::read(other).config.stridePhase.value_or(0.0);
        for (const auto& p : a.phases_)
            if (p.phase == phase)
                throw common::InputError(site, "at phase " + common::ValueList::format(phase) + ", as " + p.dir);
        a.phases_.push_back({phase, other, SavingsTable::fromSweep(other)});
    }
    std::sort(a.phases_.begin(), a.phases_.end(), [](const Phase& x, const Phase& y) { return x.phase < y.phase; });
    // Evenly spaced over the whole stride, the last phase to the first's of the next stride included.
    const std::size_t n = a.phases_.size();
    const double step = 1.0 / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double next = i + 1 < n ? a.phases_[i + 1].phase : a.phases_.front().phase + 1.0;
        // To the precision a config gives a phase in (a third as 0.333333).
        if (std::abs(next - a.phases_[i].phase - step) > 1e-6) {
            std::string list;
            for (const auto& p : a.phases_) list += (list.empty() ? "" : ", ") + common::ValueList::format(p.phase);
            throw common::InputError(common::ErrorSite::of(kOption, others.empty() ? dir : others.back()),
                                     "phases " + list + " are not evenly spaced over the stride (every " +
                                         common::ValueList::format(step) +
                                         "): the mean of their drags is not the stride's");
        }
    }

    // Her solo over the stride.
    std::vector<double> solos;
    std::vector<std::optional<double>> soloErrors;
    for (const auto& p : a.phases_) {
        solos.push_back(p.table.soloDrag());
        const SavingsRow* solo = soloOf(p.table);
        soloErrors.push_back(solo ? solo->dragLeadIterative : std::nullopt);
    }
    double sum = 0.0;
    for (double s : solos) sum += s;
    a.soloDragN_ = sum / static_cast<double>(n);
    a.soloIterN_ = ofMean(soloErrors);
    a.soloSpreadPct_ = 100.0 * (*std::max_element(solos.begin(), solos.end()) - *std::min_element(solos.begin(), solos.end())) /
                       a.soloDragN_;

    // The cases, in the order of the reduced sweep, then any another phase has and it has not (every
    // phase's sweep has the same config, but a manifest may have lost one).
    std::vector<const SavingsRow*> cases;
    std::vector<std::string> seen;
    const auto add = [&](const SavingsTable& t) {
        for (const auto& r : t.rows())
            if (r.formation != "solo" && std::find(seen.begin(), seen.end(), r.caseName) == seen.end())
                seen.push_back(r.caseName), cases.push_back(&r);
    };
    add(table);
    for (const auto& p : a.phases_) add(p.table);
    for (const SavingsRow* rp : cases) {
        const SavingsRow& r = *rp;
        Row row{r.caseName, r.formation, r.frontGap, r.backGap, r.lateral, {}, "averaged", "", {}, {}, {}, {}, {}, {}, {}};
        double leadSum = 0.0;
        std::vector<std::optional<double>> leadErrors;
        for (const auto& p : a.phases_) {
            Instant instant{"absent", "no case of this name in the sweep", false, {}, {}, {}, {}};
            for (const auto& pr : p.table.rows()) {
                if (pr.caseName != r.caseName) continue;
                const bool ok = pr.status == "ok" && pr.dragLead && pr.savingPct;
                instant.status = ok ? "ok" : "failed";
                instant.reason = ok ? "" : (pr.reason.empty() ? "no saving" : pr.reason);
                instant.converged = pr.converged;
                if (ok)
                    instant.leadDragN = pr.dragLead, instant.leadIterN = pr.dragLeadIterative,
                    instant.savingPct = pr.savingPct, instant.savingIterPct = pr.savingIterPct;
            }
            if (instant.status != "ok" && row.status == "averaged") {
                row.status = "incomplete";
                row.reason = "phase " + common::ValueList::format(p.phase) + ": " + instant.status + ": " + instant.reason;
            }
            if (instant.leadDragN) leadSum += *instant.leadDragN, leadErrors.push_back(instant.leadIterN);
            row.instants.push_back(instant);
        }
        if (row.status == "averaged") {
            row.leadDragN = leadSum / static_cast<double>(n);
            row.leadIterN = ofMean(leadErrors);
            row.savingPct = common::savingPct(*row.leadDragN, a.soloDragN_);
            row.savingIterPct = SavingsTable::savingUncertainty(*row.leadDragN, row.leadIterN, a.soloDragN_, a.soloIterN_);
            for (const auto& i : row.instants) {
                row.savingMinPct = row.savingMinPct ? std::min(*row.savingMinPct, *i.savingPct) : *i.savingPct;
                row.savingMaxPct = row.savingMaxPct ? std::max(*row.savingMaxPct, *i.savingPct) : *i.savingPct;
            }
            if (a.samplingWhyNot().empty()) {
                // Every other phase: the means of each half, against the mean of all.
                double largest = 0.0;
                for (std::size_t half = 0; half < 2; ++half) {
                    double lead = 0.0, solo = 0.0;
                    for (std::size_t i = half; i < n; i += 2) lead += *row.instants[i].leadDragN, solo += solos[i];
                    largest = std::max(largest, std::abs(common::savingPct(lead, solo) - *row.savingPct));
                }
                row.savingPhasePct = largest;
            }
        }
        a.rows_.push_back(std::move(row));
    }
    return a;
}

std::optional<PacingPrediction> StrideAverage::pace(const Row& row, const PacingTable& pacing) const {
    if (!row.savingPct || *row.savingPct < 0.0) return std::nullopt;
    const auto instant = std::find_if(pacing.rows().begin(), pacing.rows().end(),
                                      [&](const PacingTable::Row& r) { return r.caseName == row.caseName; });
    if (instant == pacing.rows().end() || !instant->prediction) return std::nullopt;
    // The drag area goes with the drag at one speed and density: her solo's over the stride.
    PacingInputs inputs = pacing.inputs();
    inputs.cdaM2 = instant->prediction->cdaM2 * soloDragN_ / reducedSoloN_;
    return PacingModel(inputs).predict(*row.savingPct / 100.0);
}

std::string StrideAverage::samplingWhyNot() const {
    if (phases_.size() < 4) return "needs at least 4 phases (" + std::to_string(phases_.size()) + " given)";
    if (phases_.size() % 2 != 0) return "needs an even number of phases (" + std::to_string(phases_.size()) + " given)";
    return "";
}

std::vector<std::string> StrideAverage::notes() {
    return {"Quasi-steady: each phase is a steady flow around one instant of the stride; the stride's drag is the mean "
            "of the instants' drags (the lead's and her solo's alike), and its saving 100 (1 - mean lead / mean solo). "
            "The wake of a moving leg is not in it (a URANS of the moving body would be).",
            "The range is the lowest and highest instant's saving, each against her solo at that instant: how much "
            "the shelter swings over one stride.",
            "The first \u00b1 is the iterative uncertainty of the means (each instant's in quadrature, over N). The "
            "phase sampling is how far the mean over every other phase falls from the mean over all (the larger "
            "half; from 4 phases, an even number): what sampling the stride at these instants alone may leave out, "
            "as a bound rather than an estimate. Every phase is at the same mesh level; the discretisation error "
            "is in neither.",
            "A case averages only when every phase gave it a drag; failed and non-physical instants leave it "
            "incomplete, with no mean."};
}

void StrideAverage::writeCsv(const std::string& path) const {
    std::ostringstream out;
    out << "case,formation,front_gap_m,back_gap_m,lateral_m,phase,status,solo_drag_N,lead_drag_N,lead_iter_N,saving_pct,"
           "saving_iter_pct,saving_phase_pct,saving_min_pct,saving_max_pct,reason\n";
    for (const auto& row : rows_) {
        const auto head = [&] {
            std::ostringstream h;
            h << TableText::csvField(row.caseName) << ',' << TableText::csvField(row.formation) << ','
              << TableText::csvNumber(row.frontGap) << ',' << TableText::csvNumber(row.backGap) << ','
              << TableText::csvNumber(row.lateral) << ',';
            return h.str();
        };
        for (std::size_t i = 0; i < phases_.size(); ++i) {
            const Instant& in = row.instants[i];
            out << head() << common::ValueList::format(phases_[i].phase) << ',' << in.status << ','
                << TableText::csvNumber(phases_[i].table.soloDrag()) << ',' << TableText::csvNumber(in.leadDragN) << ','
                << TableText::csvNumber(in.leadIterN) << ',' << TableText::csvNumber(in.savingPct) << ','
                << TableText::csvNumber(in.savingIterPct) << ",,,," << TableText::csvField(in.reason) << '\n';
        }
        out << head() << "mean," << row.status << ',' << TableText::csvNumber(soloDragN_) << ','
            << TableText::csvNumber(row.leadDragN) << ',' << TableText::csvNumber(row.leadIterN) << ','
            << TableText::csvNumber(row.savingPct) << ',' << TableText::csvNumber(row.savingIterPct) << ','
            << TableText::csvNumber(row.savingPhasePct) << ',' << TableText::csvNumber(row.savingMinPct) << ',' << TableText::csvNumber(row.savingMaxPct) << ','
            << TableText::csvField(row.reason) << '\n';
    }
    try {
        common::AtomicFile::write(path, out.str());
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

nlohmann::json StrideAverage::toJson() const {
    nlohmann::json phases = nlohmann::json::array();
    for (const auto& p : phases_) {
        const SavingsRow* solo = soloOf(p.table);
        phases.push_back({{"phase", p.phase},
                          {"dir", p.dir},
                          {"solo_drag_N", TableText::jsonNumber(p.table.soloDrag())},
                          {"solo_iter_N", TableText::jsonNumber(solo ? solo->dragLeadIterative : std::nullopt)}});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : rows_) {
        nlohmann::json instants = nlohmann::json::array();
        for (std::size_t i = 0; i < phases_.size(); ++i) {
            const Instant& in = row.instants[i];
            instants.push_back({{"phase", phases_[i].phase},
                                {"status", in.status},
                                {"reason", in.reason},
                                {"converged", in.converged},
                                {"lead_drag_N", TableText::jsonNumber(in.leadDragN)},
                                {"lead_iter_N", TableText::jsonNumber(in.leadIterN)},
                                {"saving_pct", TableText::jsonNumber(in.savingPct)},
                                {"saving_iter_pct", TableText::jsonNumber(in.savingIterPct)}});
        }
        rows.push_back({{"case", row.caseName},
                        {"formation", row.formation},
                        {"front_gap_m", TableText::jsonNumber(row.frontGap)},
                        {"back_gap_m", TableText::jsonNumber(row.backGap)},
                        {"lateral_m", TableText::jsonNumber(row.lateral)},
                        {"status", row.status},
                        {"reason", row.reason},
                        {"lead_drag_N", TableText::jsonNumber(row.leadDragN)},
                        {"lead_iter_N", TableText::jsonNumber(row.leadIterN)},
                        {"saving_pct", TableText::jsonNumber(row.savingPct)},
                        {"saving_iter_pct", TableText::jsonNumber(row.savingIterPct)},
                        {"saving_phase_pct", TableText::jsonNumber(row.savingPhasePct)},
                        {"saving_min_pct", TableText::jsonNumber(row.savingMinPct)},
                        {"saving_max_pct", TableText::jsonNumber(row.savingMaxPct)},
                        {"instants", instants}});
    }
    return {{"level", phases_.empty() ? "" : phases_.front().table.level()},
            {"phases", phases},
            {"solo_drag_N", TableText::jsonNumber(soloDragN_)},
            {"solo_iter_N", TableText::jsonNumber(soloIterN_)},
            {"solo_spread_pct", TableText::jsonNumber(soloSpreadPct_)},
            {"phase_sampling", samplingWhyNot().empty() ? "every other phase against all" : "none: " + samplingWhyNot()},
            {"rows", rows},
            {"notes", notes()}};
}

}  // namespace drafting::post
