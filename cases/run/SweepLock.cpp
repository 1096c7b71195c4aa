#include "cases/run/SweepLock.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drafting::cases::run {

SweepLock::SweepLock(const std::string& sweepDir) {
    const std::string path = sweepDir + "/" + kFileName;
    const std::string shown = common::Printable::quote(path);
    // O_NOFOLLOW: a link planted at the lock path must not lead us to truncate its target.
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        const int error = errno;
        if (error == ELOOP) throw common::InputError("lock file " + shown + " is a symbolic link; remove it");
        if (error == EISDIR || error == ENXIO) throw common::InputError("lock file " + shown + " is not a regular file; remove it");
        throw common::RunError("cannot open " + shown + ": " + std::strerror(error));
    }
    // Only a plain file with no other name is used: not a FIFO or device, and not a hard link to
    // someone's file (its pid would be written over their text).
    struct stat info {};
    if (fstat(fd_, &info) != 0) {
        const int error = errno;
        close(fd_);
        fd_ = -1;
        throw common::RunError("cannot open " + shown + ": " + std::strerror(error));
    }
    if (!S_ISREG(info.st_mode) || info.st_nlink != 1) {
        close(fd_);
        fd_ = -1;
        throw common::InputError("lock file " + shown + " is not a plain file (a device, FIFO or hard link); remove it");
    }
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char buf[32] = {};
        const ssize_t n = pread(fd_, buf, sizeof(buf) - 1, 0);
        close(fd_);
        fd_ = -1;
        const std::string holder = n > 0 ? common::Printable::quote(std::string(buf, static_cast<std::size_t>(n))) : "unknown";
        throw common::RunError("sweep " + common::Printable::quote(sweepDir) + " is in use by another draft-cases (pid " + holder + ")");
    }
    // The holder's pid, for the message above; a lock file of another user (a shared sweep) is
    // locked but never rewritten.
    const std::string pid = std::to_string(getpid());
    if (info.st_uid == geteuid() && ftruncate(fd_, 0) == 0) {
        [[maybe_unused]] const ssize_t written = pwrite(fd_, pid.data(), pid.size(), 0);
    }
}

SweepLock::~SweepLock() {
    if (fd_ >= 0) close(fd_);  // closing releases the lock
}

}  // namespace drafting::cases::run
