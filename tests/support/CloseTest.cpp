// EXPECT_CLOSE (support/Close.hpp): the bound is the looser of the two tolerances, and a failure
// names both operands, the difference and the bound.
#include "support/Close.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <limits>

TEST(CloseHelper, PassesWithinTheLooserOfTheTwoTolerances) {
    EXPECT_CLOSE(100.0, 100.0, 0.0, 0.0);                  // exact, no tolerance
    EXPECT_CLOSE(100.5, 100.0, 0.01, 0.0);                 // relative: 0.5 ≤ 1
    EXPECT_CLOSE(0.0004, 0.0, 1e-6, 1e-3);                 // absolute, where relative to 0 is nothing
    EXPECT_CLOSE(-2.0005, -2.0, 1e-3, 0.0);                // |expected| for a negative expected value
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_CLOSE(inf, inf, 0.0, 0.0);
}

TEST(CloseHelper, FailsOutsideTheBoundAndShowsTheNumbers) {
    const double measured = 101.5, reference = 100.0;
    EXPECT_NONFATAL_FAILURE(EXPECT_CLOSE(measured, reference, 0.01, 0.1), "measured is not close to reference");
    EXPECT_NONFATAL_FAILURE(EXPECT_CLOSE(measured, reference, 0.01, 0.1), "difference: 1.5");
    EXPECT_NONFATAL_FAILURE(EXPECT_CLOSE(measured, reference, 0.01, 0.1), "bound:      1 = max(abs 0.1");
}

TEST(CloseHelper, NaNIsNeverClose) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NONFATAL_FAILURE(EXPECT_CLOSE(nan, 1.0, 1.0, 1.0), "actual:     nan");
    EXPECT_NONFATAL_FAILURE(EXPECT_CLOSE(1.0, nan, 1.0, 1.0), "expected:   nan");
}
