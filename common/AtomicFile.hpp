#pragma once
#include <string>
#include <sys/types.h>

namespace drafting::common {

/// Writes a file as a transaction: a reader, a resumed run or a crash sees the old file or the new
/// one, never half of one, and nothing is written through a symbolic link. The text goes to a
/// temporary next to the target, created fresh (O_EXCL|O_NOFOLLOW, unpredictable name), is synced,
/// then renamed over the target; rename replaces a link at the target instead of following it.
class AtomicFile {
public:
    /// Throws std::system_error, what() "cannot write 'PATH': reason" (one line, the path quoted by
    /// Printable), and leaves no temporary behind.
    /// `path` may have no folder part (then the current directory).
    static void write(const std::string& path, const std::string& text, mode_t mode = 0644);

    /// The first half of write(), for writers that place several files together: `text` in a
    /// fresh, synced temporary beside `path`. Returns the temporary's name; renaming it over
    /// `path` (or removing it) is the caller's. Throws like write(), leaving nothing behind.
    static std::string writeTemporary(const std::string& path, const std::string& text, mode_t mode = 0644);

    /// Whether `name` is one of the temporaries write() makes for `fileName` (FILENAME.<16 hex>.tmp),
    /// which a killed writer may leave behind.
    static bool isTemporaryOf(const std::string& name, const std::string& fileName);

    static constexpr const char* kTempSuffix = ".tmp";
};

}  // namespace drafting::common
