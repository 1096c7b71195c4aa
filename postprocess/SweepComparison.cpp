#include "postprocess/SweepComparison.hpp"

#include "cases/files/Manifest.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/AtomicFile.hpp"
#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SweepSettings.hpp"
#include "postprocess/TableText.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::post {

namespace {

// Two sweeps ran the same solo case (the same settings give the same drag to the last bit, as the
// identical, size and stride variants of scripts/study.sh factors do).
bool sameSolo(const SavingsRow* a, const SavingsRow* b) {
    return a && b && a->dragLead && b->dragLead && *a->dragLead == *b->dragLead;
}

}  // namespace

// The iterative uncertainty of b's saving minus a's, in points. Apart, the two savings' in
// quadrature. Over one shared solo drag S the move is 100 (La - Lb) / S: the leads' uncertainties
// in quadrature over S, and the solo's only through the difference of the leads, so it is not
// counted twice.
std::optional<double> SweepComparison::moveUncertainty(const SavingsRow& a, const SavingsRow& b,
                                                       const SavingsRow* soloA, const SavingsRow* soloB) {
    if (sameSolo(soloA, soloB) && a.dragLead && b.dragLead && a.dragLeadIterative && b.dragLeadIterative &&
        soloA->dragLeadIterative) {
        const double solo = *soloA->dragLead;
        return 100.0 / solo *
               std::hypot(std::hypot(*a.dragLeadIterative, *b.dragLeadIterative),
                          std::abs(*a.dragLead - *b.dragLead) / solo * *soloA->dragLeadIterative);
    }
    if (a.savingIterPct && b.savingIterPct) return std::hypot(*a.savingIterPct, *b.savingIterPct);
    return std::nullopt;
}

namespace {

bool labelOk(const std::string& label) {
    if (label.empty() || label.size() > 40) return false;
    for (const unsigned char c : label)
        if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

}  // namespace

std::pair<std::string, std::string> SweepComparison::parseOption(const std::string& value) {
    const auto site = common::ErrorSite::of("--compare", value);
    const auto eq = value.find('=');
    if (eq == std::string::npos) throw common::InputError(site, "expected LABEL=SWEEPDIR");
    std::string label = value.substr(0, eq), dir = value.substr(eq + 1);
    if (!labelOk(label)) throw common::InputError(site, "the label must be 1-40 letters, digits, '.', '_' or '-'");
    if (dir.empty()) throw common::InputError(site, "no sweep directory after '='");
    return {label, dir};
}

SweepComparison SweepComparison::build(const std::string& label, const std::string& dir, const SavingsTable& table,
                                       const std::vector<std::pair<std::string, std::string>>& compared) {
    SweepComparison c;
    std::map<std::string, std::string> referenceSettings;
    for (const auto& [otherLabel, otherDir] : compared) {
        const auto site = common::ErrorSite::of("--compare", otherLabel + "=" + otherDir);
        if (otherLabel == label)
            throw common::InputError(site, "the label of the sweep reduced itself (SWEEPDIR's folder name); choose another");
        for (const auto& s : c.sweeps_)
            if (s.label == otherLabel) throw common::InputError(site, "the label is given twice");
        if (!fs::is_regular_file(fs::path(otherDir) / cases::files::SweepLayout::kManifest))
            throw common::InputError(site, "not a sweep directory (no manifest.json)");
        // The same folder twice would show a move of 0 with an uncertainty, from one measurement.
        std::error_code ec;
        if (fs::equivalent(otherDir, dir, ec))
            throw common::InputError(site, "the sweep reduced itself, under another name");
        for (const auto& s : c.sweeps_)
            if (fs::equivalent(otherDir, s.dir, ec))
                throw common::InputError(site, "the same sweep as --compare " + s.label);
        SavingsTable other = SavingsTable::fromSweep(otherDir);
        auto mismatch = [&](const char* what, const std::string& there, const std::string& here) {
            if (there != here)
                throw common::InputError(site, std::string(what) + " " + common::Printable::quote(there) +
                                                   ", the reduced sweep's " + common::Printable::quote(here) +
                                                   ": its moves would hold more than the factor");
        };
        mismatch("dimension", std::to_string(other.dimension()), std::to_string(table.dimension()));
        mismatch("mesh level", other.level(), table.level());
        mismatch("gap definition", other.gapDefinition(), table.gapDefinition());
        Sweep s{otherLabel, otherDir, std::move(other), {}};
        if (c.sweeps_.empty())
            referenceSettings = SweepSettings::of(otherDir);
        else
            s.differs = SweepSettings::differences(referenceSettings, SweepSettings::of(otherDir));
        c.sweeps_.push_back(std::move(s));
    }
    c.sweeps_.push_back({label, dir, table, compared.empty() ? std::vector<std::string>{}
                                                             : SweepSettings::differences(referenceSettings, SweepSettings::of(dir))});

    // The cases, in the order of the reduced sweep, then any the others have and it has not.
    std::map<std::string, std::size_t> rowOf;
    auto addRows = [&](const SavingsTable& t) {
        for (const auto& r : t.rows()) {
            if (r.formation == "solo" || rowOf.count(r.caseName)) continue;
            rowOf[r.caseName] = c.rows_.size();
            c.rows_.push_back({r.caseName, r.formation, SavingsFit::seriesLabel(r), r.frontGap, r.backGap, r.lateral, {}});
        }
    };
    addRows(c.sweeps_.back().table);
    for (const auto& s : c.sweeps_) addRows(s.table);

    // Each sweep's solo row: its lead drag's iterative uncertainty is the solo's.
    std::vector<const SavingsRow*> solos;
    for (const auto& s : c.sweeps_) {
        const SavingsRow* solo = nullptr;
        for (const auto& r : s.table.rows())
            if (r.formation == "solo" && r.status == "ok") solo = &r;
        solos.push_back(solo);
    }
    for (auto& row : c.rows_) {
        std::vector<const SavingsRow*> found;
        for (const auto& s : c.sweeps_) {
            Cell cell{"absent", "no case of this name in the sweep", std::nullopt, std::nullopt, std::nullopt, std::nullopt};
            const SavingsRow* match = nullptr;
            for (const auto& r : s.table.rows()) {
                if (r.caseName != row.caseName) continue;
                match = &r;
                cell.status = r.status == "ok" && r.savingPct ? "ok" : "failed";
                cell.reason = cell.status == "ok" ? "" : (r.reason.empty() ? "no saving" : r.reason);
                if (cell.status == "ok") cell.savingPct = r.savingPct, cell.savingIterPct = r.savingIterPct;
            }
            row.cells.push_back(cell);
            found.push_back(match);
        }
        const Cell& reference = row.cells.front();
        for (std::size_t i = 1; i < row.cells.size() && !compared.empty(); ++i) {
            Cell& cell = row.cells[i];
            if (!cell.savingPct || !reference.savingPct) continue;
            cell.movePct = *cell.savingPct - *reference.savingPct;
            cell.moveIterPct = moveUncertainty(*found[0], *found[i], solos[0], solos[i]);
            cell.soloShared = sameSolo(solos[0], solos[i]);
        }
    }
    return c;
}

std::vector<std::string> SweepComparison::notes() {
    return {"Each sweep's saving is against its own solo runner: a wind that changes her drag alone is in her saving.",
            "± is the iterative uncertainty (95 % interval and drift of both drags); a move's is both savings' in "
            "quadrature, or, where both sweeps ran the same solo case (solo_shared), the two leads' over that one "
            "solo drag. Every sweep is at the same mesh level, so much of the discretisation error is common to "
            "them; how much of it a move keeps is not known, and none is claimed.",
            "Failed and non-physical cases give no number, and no move."};
}

void SweepComparison::writeCsv(const std::string& path) const {
    std::ostringstream out;
    out << "case,formation,front_gap_m,back_gap_m,lateral_m,sweep,status,saving_pct,saving_iter_pct,move_pct,"
           "move_iter_pct,solo_shared,reason\n";
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < sweeps_.size(); ++i) {
            const Cell& cell = row.cells[i];
            out << TableText::csvField(row.caseName) << ',' << TableText::csvField(row.formation) << ','
                << TableText::csvNumber(row.frontGap) << ',' << TableText::csvNumber(row.backGap) << ','
                << TableText::csvNumber(row.lateral) << ',' << TableText::csvField(sweeps_[i].label) << ','
                << cell.status << ',' << TableText::csvNumber(cell.savingPct) << ','
                << TableText::csvNumber(cell.savingIterPct) << ',' << TableText::csvNumber(cell.movePct) << ','
                << TableText::csvNumber(cell.moveIterPct) << ',' << (cell.soloShared ? "true" : "false") << ','
                << TableText::csvField(cell.reason) << '\n';
        }
    }
    try {
        common::AtomicFile::write(path, out.str());
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

nlohmann::json SweepComparison::toJson() const {
    nlohmann::json sweeps = nlohmann::json::array();
    for (const auto& s : sweeps_)
        sweeps.push_back({{"label", s.label},
                          {"dir", s.dir},
                          {"solo_drag_N", TableText::jsonNumber(s.table.soloDrag())},
                          {"differs_from_reference", s.differs}});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < sweeps_.size(); ++i) {
            const Cell& cell = row.cells[i];
            rows.push_back({{"case", row.caseName},
                            {"formation", row.formation},
                            {"series", row.series},
                            {"front_gap_m", TableText::jsonNumber(row.frontGap)},
                            {"back_gap_m", TableText::jsonNumber(row.backGap)},
                            {"lateral_m", TableText::jsonNumber(row.lateral)},
                            {"sweep", sweeps_[i].label},
                            {"status", cell.status},
                            {"reason", cell.reason},
                            {"saving_pct", TableText::jsonNumber(cell.savingPct)},
                            {"saving_iter_pct", TableText::jsonNumber(cell.savingIterPct)},
                            {"move_pct", TableText::jsonNumber(cell.movePct)},
                            {"move_iter_pct", TableText::jsonNumber(cell.moveIterPct)},
                            {"solo_shared", cell.soloShared}});
        }
    }
    return {{"reference", sweeps_.empty() ? "" : sweeps_.front().label},
            {"level", sweeps_.empty() ? "" : sweeps_.front().table.level()},
            {"sweeps", sweeps},
            {"rows", rows},
            {"notes", notes()}};
}

}  // namespace drafting::post
