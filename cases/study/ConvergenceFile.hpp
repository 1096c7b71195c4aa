#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/study/GridConvergence.hpp"
#include "common/JsonFields.hpp"

namespace drafting::cases::study {

/// convergence.json, the reduction of a mesh-convergence study: the one type that writes it
/// (ConvergenceStudy::reduce) and reads it (its table, draft-post's savings GCIs through
/// --discretisation or a study directory, and the copies committed under docs/studies/).
/// toJson and fromJson round-trip: a file this build wrote, read and written again, is the same
/// JSON; a key it does not write, or a method constant it does not use, is refused.
class ConvergenceFile {
public:
    /// What draft-post --discretisation accepts: an older format must be reduced again.
    static constexpr const char* kFormat = "draft-cases convergence 2";

    using Triplet = std::array<std::string, 3>;  // coarse, medium, fine of the triplet

    /// One triplet's estimate of one quantity, or why there is none ("undefined").
    struct TripletEstimate {
        Triplet triplet;
        std::optional<GridConvergence::Estimate> estimate;
        std::string undefinedReason;  // when there is no estimate
    };

    /// The GCI at one level from one triplet holding it: its GCI_medium where the level is the
    /// triplet's middle grid (role "medium"), its GCI_fine where it is the finest ("fine").
    /// Relative (fractions of the drag) for a drag, absolute (points) for a saving; NaN: none.
    struct LevelGci {
        Triplet triplet;
        std::string role;
        std::string behaviour;
        double order = 0.0;
        bool ratioBelowMinimum = false;
        double gci = 0.0;
        double gciBounded = 0.0;
        std::vector<LevelGci> others;  // the other triplets holding the level (only on the chosen one)
    };

    /// One quantity of one case over the levels: a body's drag (N) or its saving (points).
    struct Quantity {
        std::map<std::string, double> values;  // by level, only where the case is ok
        std::vector<TripletEstimate> triplets;
        std::map<std::string, LevelGci> atLevel;  // the GCI to quote at each level that has one
    };

    struct CaseLevel {
        std::string status, reason;
        std::optional<long> cells;
        std::optional<int> dimension;
        std::optional<std::string> templateVersion;
    };

    /// A case's refinement ratios for one triplet, from its cell counts, or why there are none.
    struct CaseTriplet {
        Triplet triplet;
        double r21 = 0.0, r32 = 0.0;
        bool ratioBelowMinimum = false;
        std::string reason;  // not empty: no ratios
    };

    struct Case {
        std::string name, formation;
        nlohmann::json parameters;  // the manifest's, as the sweep planned the case
        std::map<std::string, CaseLevel> levels;
        std::vector<CaseTriplet> triplets;
        std::string status, reason;  // ok, partial, pending or failed, and why
        std::map<std::string, Quantity> bodies;                  // drag_N
        std::optional<std::map<std::string, Quantity>> savings;  // saving_pct; none for the solo case
    };

    std::vector<std::string> levels;  // consecutive, coarsest first, three or more
    std::optional<std::string> templateVersion;  // the cases' template when they share one
    std::vector<std::string> templates;
    std::string toolTemplate;  // the template of the tool that reduced the study
    std::optional<std::string> soloCase;
    std::vector<Case> cases;

    nlohmann::json toJson() const;

    /// Reads a study; every fault is one line naming `origin`, the field and its value: a
    /// common::InputError or a common::RunError by `source`. An older format is refused with how
    /// to reduce it again.
    static ConvergenceFile fromJson(const nlohmann::json& study, const std::string& origin,
                                    common::JsonFields::Source source);

    /// FILE given with `option` (--discretisation): a user's file, so its faults are InputErrors.
    static ConvergenceFile read(const std::string& path, const std::string& option);

    /// The case of that name and formation, or none.
    const Case* find(const std::string& name, const std::string& formation) const;
};

}  // namespace drafting::cases::study
