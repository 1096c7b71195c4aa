#pragma once
#include <string>

namespace drafting::cases::run {

/// Holds an exclusive lock on a sweep directory while draft-cases writes or runs it, so two
/// runners never work on one sweep. flock(2) on SWEEPDIR/.draft-cases.lock: the kernel releases
/// it when the process ends, however it ends (kill -9 included), so a stale lock cannot block.
class SweepLock {
public:
    /// Throws common::RunError naming the holder's pid when another process holds the lock; common::InputError when
    /// the lock path is a symbolic link, a FIFO, device or hard link (never truncated).
    explicit SweepLock(const std::string& sweepDir);
    ~SweepLock();
    SweepLock(const SweepLock&) = delete;
    SweepLock& operator=(const SweepLock&) = delete;

    static constexpr const char* kFileName = ".draft-cases.lock";

private:
    int fd_ = -1;
};

}  // namespace drafting::cases::run
