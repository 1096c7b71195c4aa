#include "common/AtomicFile.hpp"

#include "common/Printable.hpp"

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace drafting::common {

namespace {

[[noreturn]] void fail(int error, const std::string& path) {
    throw std::system_error(error, std::generic_category(), "cannot write " + Printable::quote(path));
}

// Unpredictable, so nobody can plant a link at the temporary's name ahead of us (O_EXCL refuses
// it anyway; this keeps the retry loop short).
std::string randomHex() {
    thread_local std::mt19937_64 engine([] {
        std::random_device device;
        const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        return (static_cast<std::uint64_t>(device()) << 32) ^ device() ^ now ^ static_cast<std::uint64_t>(getpid());
    }());
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(engine()));
    return buf;
}

// 0, or the errno of the write that failed (a write of nothing counts as EIO).
int writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO;
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

}  // namespace

bool AtomicFile::isTemporaryOf(const std::string& name, const std::string& fileName) {
    const std::string suffix = kTempSuffix;
    const std::size_t hexAt = fileName.size() + 1;
    if (name.size() != hexAt + 16 + suffix.size() || name.compare(0, fileName.size(), fileName) != 0 ||
        name[fileName.size()] != '.' || name.compare(hexAt + 16, suffix.size(), suffix) != 0)
        return false;
    return name.find_first_not_of("0123456789abcdef", hexAt) == hexAt + 16;
}

std::string AtomicFile::writeTemporary(const std::string& path, const std::string& text, mode_t mode) {
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.empty()) fail(EISDIR, path);

    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        tmp = folder + name + "." + randomHex() + kTempSuffix;
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST) fail(errno, path);
    }
    if (fd < 0) fail(EEXIST, path);

    int error = writeAll(fd, text);
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
        ::unlink(tmp.c_str());
        fail(error, path);
    }
    return tmp;
}

void AtomicFile::write(const std::string& path, const std::string& text, mode_t mode) {
    const std::string tmp = writeTemporary(path, text, mode);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        fail(error, path);
    }
    const std::size_t slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
    // Make the rename itself durable; a folder that cannot be synced loses nothing already written.
    const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

}  // namespace drafting::common
