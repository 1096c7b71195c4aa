#include "cases/SweepLock.hpp"

#include "cases/ConfigError.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace drafting::cases {

SweepLock::SweepLock(const std::string& sweepDir) {
    const std::string path = sweepDir + "/" + kFileName;
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw RunError("cannot open " + path + ": " + std::strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char buf[32] = {};
        const ssize_t n = pread(fd_, buf, sizeof(buf) - 1, 0);
        close(fd_);
        fd_ = -1;
        const std::string holder = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "unknown";
        throw RunError("sweep " + sweepDir + " is in use by another draft-cases (pid " + holder + ")");
    }
    const std::string pid = std::to_string(getpid());
    if (ftruncate(fd_, 0) == 0) {
        [[maybe_unused]] const ssize_t written = pwrite(fd_, pid.data(), pid.size(), 0);
    }
}

SweepLock::~SweepLock() {
    if (fd_ >= 0) close(fd_);  // closing releases the lock
}

}  // namespace drafting::cases
