#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// How far the other models moved one case's saving from the study's model (steady SST with wall
/// functions): one entry of a model-form study's "spread".
struct ModelFormSpread {
    std::string caseName;                    // ahead-f1.3, behind-b1, ...
    double basePct = 0.0;                    // the saving with the study's model
    std::map<std::string, double> movesPts;  // model variant -> how far it moved the saving, in points
    double spreadPts = 0.0;                  // the largest |move|: the model-form uncertainty of the saving
    /// Variants of the study not run yet or failed for this case or its solo: while any is left the
    /// spread is over fewer models than the study has, a lower bound.
    std::vector<std::string> pending;
};

/// A model-form study (scripts/study.sh model-form LEVEL, docs/studies/model-form-LEVEL.json) as
/// draft-post reads it for the model-form uncertainty of the savings (--model-form FILE): at which
/// mesh level and case template it was run and each case's spread over the models.
class ModelFormFile {
public:
    std::string level;            // the mesh level every model was run at
    std::string templateVersion;  // the case template of its cases ("" when the file has none)
    std::vector<ModelFormSpread> spreads;
    /// "variant/case" of every case the study has not finished yet (its "pending"): a case with no
    /// spread may still be one the study will give one.
    std::vector<std::string> pending;

    /// Reads FILE for `option`. Throws common::InputError, one line naming the file, the field and the
    /// value, when it is missing, not JSON or not a model-form study.
    static ModelFormFile read(const std::string& path, const std::string& option);
    /// The same checks on parsed JSON; `origin` names the file in messages.
    static ModelFormFile fromJson(const nlohmann::json& study, const std::string& origin);

    /// The spread of case `caseName`, or nullptr when the study does not hold it.
    const ModelFormSpread* find(const std::string& caseName) const;
    /// The variants not finished yet for `caseName` (from `pending`), in the file's order.
    std::vector<std::string> pendingFor(const std::string& caseName) const;
};

}  // namespace drafting::post
