#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace drafting::common {

/// Calls work(k) once for every k in [0, count) on up to `jobs` threads (at least one), each
/// thread taking the next index when it is free. The first exception a call throws is rethrown
/// here once every thread has finished its current call; no new index is handed out after it.
/// Without this an exception in a worker would end the program with std::terminate, not with
/// the tool's one-line error.
template <typename Work>
void parallelFor(std::size_t count, int jobs, Work&& work) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr first;
    std::mutex mutex;
    auto worker = [&]() {
        for (std::size_t k = next++; k < count; k = next++) {
            try {
                work(k);
            } catch (...) {
                const std::lock_guard<std::mutex> lock(mutex);
                if (!first) first = std::current_exception();
                next = count;  // hand out no more work
                return;
            }
        }
    };
    const std::size_t threads = std::min<std::size_t>(std::max(1, jobs), std::max<std::size_t>(1, count));
    std::vector<std::thread> pool;
    for (std::size_t j = 0; j < threads; ++j) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    if (first) std::rethrow_exception(first);
}

}  // namespace drafting::common
