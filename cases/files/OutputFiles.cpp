#include "cases/files/OutputFiles.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/AtomicFile.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::cases::files {

namespace {

[[noreturn]] void machineFailure(const std::string& what, const fs::path& path, int error) {
    throw common::RunError("cannot " + what + " " + common::Printable::quote(path.string()) + ": " + std::strerror(error));
}

}  // namespace

void OutputFiles::check(const std::string& option, const fs::path& path) {
    const std::string shown = option + " " + common::Printable::quote(path.string());
    if (path.empty()) throw common::InputError(shown + ": empty path");
    if (path.filename().empty() || path.filename() == "." || path.filename() == "..")
        throw common::InputError(shown + ": not a file name");
    std::error_code ec;
    const auto own = fs::symlink_status(path, ec);
    if (ec && own.type() != fs::file_type::not_found)
        throw common::InputError(shown + ": cannot be reached (" + ec.message() + ")");
    if (fs::is_symlink(own)) throw common::InputError(shown + ": is a symbolic link (no file is written through one)");
    if (fs::is_directory(own)) throw common::InputError(shown + ": is a directory");
    if (fs::exists(own) && !fs::is_regular_file(own)) throw common::InputError(shown + ": exists and is not a regular file");
    // The nearest existing ancestor must be a directory (a link to one is fine): "file/sub.stl"
    // and a link to nowhere cannot hold the file.
    for (fs::path up = path.parent_path(); !up.empty(); up = up.parent_path()) {
        const auto link = fs::symlink_status(up, ec);
        if (link.type() == fs::file_type::not_found) {  // missing: made by writeAll
            if (up == up.parent_path()) break;
            continue;
        }
        if (ec)
            throw common::InputError(shown + ": " + common::Printable::quote(up.string()) + " cannot be reached (" + ec.message() + ")");
        if (!fs::is_directory(fs::status(up, ec)))
            throw common::InputError(shown + ": " + common::Printable::quote(up.string()) +
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
        try {
            temporaries.push_back(common::AtomicFile::writeTemporary(target.string(), text));
        } catch (const std::system_error& e) {
            undo();
            throw common::RunError(e.what());
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

}  // namespace drafting::cases::files
