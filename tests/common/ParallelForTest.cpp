// common::parallelFor: every index once, and an exception in a worker reaches the caller
// instead of ending the program.
#include "common/ParallelFor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using drafting::common::parallelFor;

TEST(ParallelFor, CallsEveryIndexExactlyOnceWhateverTheJobs) {
    for (const int jobs : {-1, 0, 1, 3, 64}) {
        std::vector<std::atomic<int>> calls(50);
        parallelFor(calls.size(), jobs, [&](std::size_t k) { ++calls[k]; });
        for (std::size_t k = 0; k < calls.size(); ++k) EXPECT_EQ(calls[k].load(), 1) << "jobs " << jobs << ", k " << k;
    }
    parallelFor(0, 4, [](std::size_t) { FAIL() << "no work to do"; });
}

TEST(ParallelFor, AWorkersExceptionReachesTheCallerAndStopsNewWork) {
    for (const int jobs : {1, 2, 8}) {
        std::atomic<int> calls{0};
        try {
            parallelFor(1000, jobs, [&](std::size_t k) {
                ++calls;
                if (k == 3) throw std::runtime_error("case 3 failed");
            });
            ADD_FAILURE() << "nothing was thrown with " << jobs << " jobs";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "case 3 failed");
        }
        // One worker stops at once; with more, the others may take a few more indices before
        // they see the stop, so only the serial count is exact.
        if (jobs == 1) EXPECT_EQ(calls.load(), 4);
    }
}
