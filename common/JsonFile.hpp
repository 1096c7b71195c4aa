#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::common {

/// JSON files written atomically (temporary file + rename, never through a link), so a reader or
/// a resumed run never sees half a file; and read defensively, since any of them may be hostile.
class JsonFile {
public:
    /// Larger files are refused unread: nothing this tool writes comes near.
    static constexpr std::size_t kMaxBytes = 16u << 20;
    /// Deeper arrays/objects are refused before parsing: copying, dumping or walking a value
    /// recurses once per level, and 200 000 levels overflow the stack.
    static constexpr int kMaxDepth = 64;

    /// Reads a regular file (a symbolic link, FIFO, device or folder is refused without blocking).
    /// Throws InputError, one line naming the file, if it is not a regular file, is a link, is too
    /// big, too deep or not valid JSON; RunError if it is missing or cannot be read (I/O).
    static nlohmann::json read(const std::string& path);
    /// read() for a file a command-line option names: a missing or unreadable file is the option's
    /// bad value too, so every failure is an InputError ("OPTION = 'PATH': why").
    static nlohmann::json readOption(const std::string& path, const std::string& option);
    /// Throws RunError if the file cannot be written.
    static void writeAtomic(const std::string& path, const nlohmann::json& value);

    /// Deepest nesting of arrays and objects in JSON text (brackets inside strings do not count),
    /// stopping early once it exceeds `limit`.
    static int nestingDepth(const std::string& text, int limit = kMaxDepth);
};

}  // namespace drafting::common
