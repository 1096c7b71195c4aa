#include "common/JsonFile.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/AtomicFile.hpp"

#include <algorithm>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace drafting::common {

namespace {

// Closes the descriptor however read() leaves.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

int JsonFile::nestingDepth(const std::string& text, int limit) {
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char ch : text) {
        if (inString) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '[' || ch == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) break;
        } else if (ch == ']' || ch == '}') {
            --depth;  // unbalanced text is the parser's to reject
        }
    }
    return deepest;
}

nlohmann::json JsonFile::read(const std::string& path) {
    const std::string file = Printable::quote(path);
    // O_NOFOLLOW: a link planted in place of the file is refused; O_NONBLOCK: opening a FIFO
    // does not wait for a writer (fstat then refuses it).
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) {
        const int error = errno;
        if (error == ELOOP) throw InputError(file + ": is a symbolic link; refusing to follow it");
        if (error == ENXIO) throw InputError(file + ": not a regular file");
        throw RunError("cannot read " + file + ": " + std::strerror(error));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw RunError("cannot read " + file + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        throw InputError(file + ": not a regular file (" + (S_ISDIR(info.st_mode) ? "a folder" : "a device, FIFO or socket") + ")");
    const std::string tooBig = file + ": larger than " + std::to_string(kMaxBytes >> 20) + " MiB";
    if (static_cast<unsigned long long>(info.st_size) > kMaxBytes) throw InputError(tooBig);

    // Read to the end, up to one byte past the limit: the file may have grown since fstat.
    std::string text;
    text.resize(static_cast<std::size_t>(info.st_size) + 1);
    std::size_t used = 0;
    for (;;) {
        if (used == text.size()) {
            if (text.size() > kMaxBytes) throw InputError(tooBig);
            text.resize(std::min(text.size() * 2 + 1, kMaxBytes + 1));
        }
        const ssize_t n = ::read(fd.get(), &text[used], text.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw RunError("cannot read " + file + ": " + std::strerror(errno));
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    text.resize(used);

    if (nestingDepth(text) > kMaxDepth)
        throw InputError(file + ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        // nlohmann's message quotes the offending token, which may be the rest of the file.
        std::string detail = e.what();
        if (const auto end = detail.find("] "); detail.rfind("[json.exception.", 0) == 0 && end != std::string::npos)
            detail.erase(0, end + 2);
        throw InputError(file + ": not valid JSON: " + Printable::quote(detail, 160));
    }
}

void JsonFile::writeAtomic(const std::string& path, const nlohmann::json& value) {
    try {
        common::AtomicFile::write(path, value.dump(2) + "\n");
    } catch (const std::system_error& e) {
        throw RunError(e.what());
    }
}

nlohmann::json JsonFile::readOption(const std::string& path, const std::string& option) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
        throw InputError(ErrorSite::of(option, path), "no such file");
    try {
        return read(path);
    } catch (const RunError& e) {  // unreadable: still the option's bad value
        throw InputError(ErrorSite::of(option, path), e.what());
    }
}

}  // namespace drafting::common
