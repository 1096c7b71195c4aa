#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace drafting::cases::files {

/// Files a command writes where -o says (draft-cases geometry: FILE.stl and FILE.json): checked
/// before anything is computed, then written together or not at all.
class OutputFiles {
public:
    /// Refuses, with a common::InputError naming `option` and the quoted path: an empty path, an
    /// existing directory, a symbolic link (dangling or not: no file is written through a link),
    /// a FIFO or device, and a path under anything that is not a directory or cannot be reached.
    /// An existing regular file is fine: it is replaced.
    static void check(const std::string& option, const std::filesystem::path& path);

    /// Writes every file or none. Each text goes to a fresh temporary beside its target
    /// (O_EXCL|O_NOFOLLOW, NAME.<16 hex>.tmp), synced; only when all are written are they renamed
    /// into place. Missing parent folders are made first. On failure the temporaries, the folders
    /// made and any target that did not exist before are removed, and common::RunError is thrown.
    static void writeAll(const std::vector<std::pair<std::filesystem::path, std::string>>& files);
};

}  // namespace drafting::cases::files
