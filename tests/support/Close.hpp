#pragma once
// EXPECT_CLOSE / ASSERT_CLOSE: a number within a relative or an absolute tolerance of another,
// whichever is looser, and a failure that shows both operands, the difference and the bound,
// so a drifted number says by how much without a rerun.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace drafting::test {

/// Predicate-format for EXPECT_PRED_FORMAT4: passes when
/// |actual − expected| ≤ max(absTolerance, relTolerance · |expected|).
/// Equal values pass (also equal infinities); a NaN on either side never does.
inline ::testing::AssertionResult closeFormat(const char* actualText, const char* expectedText,
                                              const char* relText, const char* absText, double actual,
                                              double expected, double relTolerance, double absTolerance) {
    if (actual == expected) return ::testing::AssertionSuccess();
    const double difference = std::abs(actual - expected);
    const double bound = std::max(absTolerance, relTolerance * std::abs(expected));
    if (difference <= bound) return ::testing::AssertionSuccess();  // false for NaN

    std::ostringstream message;
    message.precision(std::numeric_limits<double>::max_digits10);
    message << actualText << " is not close to " << expectedText << "\n"
            << "  actual:     " << actual << "\n"
            << "  expected:   " << expected << "\n"
            << "  difference: " << difference << "\n"
            << "  bound:      " << bound << " = max(abs " << absText << " = " << absTolerance << ", rel "
            << relText << " = " << relTolerance << " x |expected|)";
    return ::testing::AssertionFailure() << message.str();
}

}  // namespace drafting::test

#define EXPECT_CLOSE(actual, expected, rel, abs) \
    EXPECT_PRED_FORMAT4(::drafting::test::closeFormat, actual, expected, rel, abs)
#define ASSERT_CLOSE(actual, expected, rel, abs) \
    ASSERT_PRED_FORMAT4(::drafting::test::closeFormat, actual, expected, rel, abs)
