#include "cases/OutputFiles.hpp"

#include "cases/ConfigError.hpp"
#include "cases/Printable.hpp"

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::cases {

namespace {

// Unpredictable, so a name planted ahead of us only costs a retry (O_EXCL refuses it anyway).
std::string randomHex() {
    static std::mt19937_64 engine([] {
        std::random_device device;
        const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        return (static_cast<std::uint64_t>(device()) << 32) ^ device() ^ now ^ static_cast<std::uint64_t>(getpid());
    }());
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(engine()));
    return buf;
}

[[noreturn]] void machineFailure(const std::string& what, const fs::path& path, int error) {
    throw RunError("cannot " + what + " " + Printable::quote(path.string()) + ": " + std::strerror(error));
}

// 0, or the errno of the failed step; the temporary is complete and on disk when 0.
int writeTemporary(const fs::path& temp, const std::string& text) {
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    int error = 0;
    for (std::size_t done = 0; done < text.size() && error == 0;) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) error = n < 0 ? errno : EIO;
        else done += static_cast<std::size_t>(n);
    }
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    return error;
}

}  // namespace

void OutputFiles::check(const std::string& option, const fs::path& path) {
    const std::string shown = option + " " + Printable::quote(path.string());
    if (path.empty()) throw ConfigError(shown + ": empty path");
    if (path.filename().empty() || path.filename() == "." || path.filename() == "..")
        throw ConfigError(shown + ": not a file name");
    std::error_code ec;
    const auto own = fs::symlink_status(path, ec);
    if (ec && own.type() != fs::file_type::not_found)
        throw ConfigError(shown + ": cannot be reached (" + ec.message() + ")");
    if (fs::is_symlink(own)) throw ConfigError(shown + ": is a symbolic link (no file is written through one)");
    if (fs::is_directory(own)) throw ConfigError(shown + ": is a directory");
    if (fs::exists(own) && !fs::is_regular_file(own)) throw ConfigError(shown + ": exists and is not a regular file");
    // The nearest existing ancestor must be a directory (a link to one is fine): "file/sub.stl"
    // and a link to nowhere cannot hold the file.
    for (fs::path up = path.parent_path(); !up.empty(); up = up.parent_path()) {
        const auto link = fs::symlink_status(up, ec);
        if (link.type() == fs::file_type::not_found) {  // missing: made by writeAll
            if (up == up.parent_path()) break;
            continue;
        }
        if (ec)
            throw ConfigError(shown + ": " + Printable::quote(up.string()) + " cannot be reached (" + ec.message() + ")");
        if (!fs::is_directory(fs::status(up, ec)))
            throw ConfigError(shown + ": " + Printable::quote(up.string()) +
                              (fs::is_symlink(link) ? " is a link to no directory" : " is not a directory"));
        break;
    }
}

void OutputFiles::writeAll(const std::vector<std::pair<fs::path, std::string>>& files) {
    std::vector<fs::path> madeFolders, temporaries, placed;
    auto undo = [&] {
        std::error_code ignored;
        for (const auto& p : temporaries) fs::remove(p, ignored);
        for (const auto& p : placed) fs::remove(p, ignored);
        for (auto it = madeFolders.rbegin(); it != madeFolders.rend(); ++it) fs::remove(*it, ignored);
    };

    for (const auto& [target, text] : files) {
        // Folders made here, innermost last, so that a failure can take them away again.
        std::vector<fs::path> missing;
        std::error_code ec;
        for (fs::path up = target.parent_path(); !up.empty() && !fs::exists(fs::symlink_status(up, ec));
             up = up.parent_path()) {
            missing.push_back(up);
            if (up == up.parent_path()) break;
        }
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            if (::mkdir(it->c_str(), 0755) != 0) {
                const int error = errno;
                undo();
                machineFailure("make the directory", *it, error);
            }
            madeFolders.push_back(*it);
        }
        int error = EEXIST;
        fs::path temp;
        for (int attempt = 0; attempt < 100 && error == EEXIST; ++attempt) {
            temp = target;
            temp += "." + randomHex() + ".tmp";
            error = writeTemporary(temp, text);
            if (error != EEXIST) temporaries.push_back(temp);
        }
        if (error != 0) {
            undo();
            machineFailure("write", target, error);
        }
    }
    // Renames are what cannot half-fail in practice; should one fail anyway, the files that did
    // not exist before are taken back, so the outputs stay a pair.
    for (std::size_t i = 0; i < files.size(); ++i) {
        const fs::path& target = files[i].first;
        std::error_code ec;
        const bool existed = fs::exists(fs::symlink_status(target, ec));
        if (::rename(temporaries[i].c_str(), target.c_str()) != 0) {
            const int error = errno;
            undo();
            machineFailure("replace", target, error);
        }
        temporaries[i].clear();
        if (!existed) placed.push_back(target);
    }
}

}  // namespace drafting::cases
