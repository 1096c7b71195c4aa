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
    const auto herPhase = here.find(kPhaseKey);
    if (herPhase == here.end())
        throw common::InputError(common::ErrorSite::of(kOption, others.empty() ? dir : others.front()),
                                 "the reduced sweep poses no phase of the stride (" + std::string(kPhaseKey) +
                                     " unset): nothing to average over");
    a.phases_.push_back({cases::files::Manifest::read(dir).config.stridePhase.value_or(0.0), dir, table});
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
        if (std::abs(next - a.phases_[i].phase - step) > 1e-9) {
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

    // The cases, in the order of the reduced sweep (every phase's sweep has the same config).
    for (const auto& r : table.rows()) {
        if (r.formation == "solo") continue;
        Row row{r.caseName, r.formation, r.frontGap, r.backGap, r.lateral, {}, "averaged", "", {}, {}, {}, {}, {}, {}};
        double leadSum = 0.0;
        std::vector<std::optional<double>> leadErrors;
        for (const auto& p : a.phases_) {
            Instant instant{"absent", "no case of this name in the sweep", {}, {}, {}, {}};
            for (const auto& pr : p.table.rows()) {
                if (pr.caseName != r.caseName) continue;
                const bool ok = pr.status == "ok" && pr.dragLead && pr.savingPct;
                instant.status = ok ? "ok" : "failed";
                instant.reason = ok ? "" : (pr.reason.empty() ? "no saving" : pr.reason);
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
        }
        a.rows_.push_back(std::move(row));
    }
    return a;
}

std::vector<std::string> StrideAverage::notes() {
    return {"Quasi-steady: each phase is a steady flow around one instant of the stride; the stride's drag is the mean "
            "of the instants' drags (the lead's and her solo's alike), and its saving 100 (1 - mean lead / mean solo). "
            "The wake of a moving leg is not in it (a URANS of the moving body would be).",
            "The range is the lowest and highest instant's saving, each against her solo at that instant: how much "
            "the shelter swings over one stride.",
            "\u00b1 is the iterative uncertainty of the means (each instant's in quadrature, over N). Every phase is "
            "at the same mesh level; the discretisation error is not in it.",
            "A case averages only when every phase gave it a drag; failed and non-physical instants leave it "
            "incomplete, with no mean."};
}

void StrideAverage::writeCsv(const std::string& path) const {
    std::ostringstream out;
    out << "case,formation,front_gap_m,back_gap_m,lateral_m,phase,status,solo_drag_N,lead_drag_N,lead_iter_N,saving_pct,"
           "saving_iter_pct,saving_min_pct,saving_max_pct,reason\n";
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
                << TableText::csvNumber(in.savingIterPct) << ",,," << TableText::csvField(in.reason) << '\n';
        }
        out << head() << "mean," << row.status << ',' << TableText::csvNumber(soloDragN_) << ','
            << TableText::csvNumber(row.leadDragN) << ',' << TableText::csvNumber(row.leadIterN) << ','
            << TableText::csvNumber(row.savingPct) << ',' << TableText::csvNumber(row.savingIterPct) << ','
            << TableText::csvNumber(row.savingMinPct) << ',' << TableText::csvNumber(row.savingMaxPct) << ','
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
                        {"saving_min_pct", TableText::jsonNumber(row.savingMinPct)},
                        {"saving_max_pct", TableText::jsonNumber(row.savingMaxPct)},
                        {"instants", instants}});
    }
    return {{"level", phases_.empty() ? "" : phases_.front().table.level()},
            {"phases", phases},
            {"solo_drag_N", TableText::jsonNumber(soloDragN_)},
            {"solo_iter_N", TableText::jsonNumber(soloIterN_)},
            {"solo_spread_pct", TableText::jsonNumber(soloSpreadPct_)},
            {"rows", rows},
            {"notes", notes()}};
}

}  // namespace drafting::post
