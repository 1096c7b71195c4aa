// Which failed runs the case runner tries again: by the failure's kind, never by its message.
#include "cases/CaseResult.hpp"
#include "cases/CaseRunner.hpp"

#include <gtest/gtest.h>


using namespace drafting;

TEST(CaseRunnerRetry, OnlyAProgramThatExitedOrDidNotStartIsRetried) {
    using Failure = cases::CaseResult::Failure;
    EXPECT_TRUE(cases::CaseRunner::retryable(Failure::stepExited));
    EXPECT_TRUE(cases::CaseRunner::retryable(Failure::couldNotStart));
    for (const Failure kind : {Failure::none, Failure::badCase, Failure::meshCheck, Failure::solverStopped,
                               Failure::noResults, Failure::nonPhysical, Failure::notThisCase})
        EXPECT_FALSE(cases::CaseRunner::retryable(kind)) << cases::CaseResult::failureName(kind);
}
