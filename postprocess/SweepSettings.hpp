#pragma once
#include <map>
#include <string>
#include <vector>

namespace drafting::post {

/// A sweep's settings as its manifest records them, flattened, to say what two sweeps of one config
/// do differently (draft-post --compare and --phase-sweep).
class SweepSettings {
public:
    /// SWEEPDIR/manifest.json's config as "section.key" -> its JSON text (strings unquoted), nested
    /// objects flattened; a key written empty is left out (the same as one not written), and so is
    /// the sweep's name (the variants of one config share it, and it changes no case).
    static std::map<std::string, std::string> of(const std::string& sweepDir);

    /// What `other` sets differently from `reference`, as "key: reference -> other" ("unset" where
    /// absent), in key order.
    static std::vector<std::string> differences(const std::map<std::string, std::string>& reference,
                                                const std::map<std::string, std::string>& other);
};

}  // namespace drafting::post
