// The Slurm client: a job id that is not a number never reaches scontrol.
#include "common/Error.hpp"
#include "cases/slurm/SlurmClient.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using namespace drafting;
using drafting::cases::slurm::SlurmClient;

TEST(SlurmClient, RefusesAJobIdThatIsNotANumberBeforeRunningScontrol) {
    // Old code handed these to `scontrol show job -o ID`, where "--help" is an option.
    for (const char* bad : {"--help", "1;2", "123abc"}) {
        EXPECT_NE(test::inputErrorOf([&] { SlurmClient::jobState(bad); }), "") << bad;
        EXPECT_NE(test::inputErrorOf([&] { SlurmClient::arrayStates(bad); }), "") << bad;
        EXPECT_NE(test::inputErrorOf([&] { SlurmClient::inQueue({bad}); }), "") << bad;
    }
}
