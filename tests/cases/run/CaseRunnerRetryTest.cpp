// Which failed runs the case runner tries again: by the failure's kind, never by its message.
#include "cases/files/CaseResult.hpp"
#include "cases/run/CaseRunner.hpp"

#include <gtest/gtest.h>


using namespace drafting;

TEST(CaseRunnerRetry, OnlyAProgramThatExitedOrDidNotStartIsRetried) {
    using Failure = cases::files::CaseResult::Failure;
    EXPECT_TRUE(cases::run::CaseRunner::retryable(Failure::stepExited));
    EXPECT_TRUE(cases::run::CaseRunner::retryable(Failure::couldNotStart));
    for (const Failure kind : {Failure::none, Failure::badCase, Failure::meshCheck, Failure::solverStopped,
                               Failure::noResults, Failure::nonPhysical, Failure::notThisCase})
        EXPECT_FALSE(cases::run::CaseRunner::retryable(kind)) << cases::files::CaseResult::failureName(kind);
}
