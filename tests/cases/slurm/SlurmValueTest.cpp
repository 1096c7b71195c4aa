// The rules of every value that reaches a Slurm job script or sbatch: times, modules, names,
// paths and job ids.
#include "common/Error.hpp"
#include "cases/slurm/SlurmValue.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using namespace drafting;
using drafting::cases::slurm::SlurmValue;

TEST(SlurmValue, AcceptsSlurmsFormatsWithTheirSeconds) {
    const std::pair<const char*, long long> good[] = {
        {"30", 1800},         {"90:00", 5400},           {"5:7", 307},        {"2:00:00", 7200},
        {"48:00:00", 172800}, {"1-0", 86400},            {"1-23", 169200},    {"0-01:30", 5400},
        {"0-01:30:00", 5400}, {"2-23:59:59", 259199},    {"0:30", 30},        {"365-0", 365 * 86400}};
    for (const auto& [text, seconds] : good) {
        EXPECT_EQ(SlurmValue::timeLimitSeconds(text), seconds) << text;
        EXPECT_EQ(test::inputErrorOf([&] { SlurmValue::timeLimit("--time", text); }), "") << text;
    }
}

TEST(SlurmValue, RefusesFieldsBeyondTheirUnitZeroAndMoreThanAYear) {
    const std::pair<const char*, const char*> bad[] = {
        {"1-99:99:99", "hours after the days must be below 24"},
        {"1-24", "hours after the days must be below 24"},
        {"1-25:00:00", "hours after the days must be below 24"},
        {"0:60:00", "minutes must be below 60"},
        {"1:00:60", "seconds must be below 60"},
        {"10:60", "seconds must be below 60"},
        {"0-00:59:60", "seconds must be below 60"},
        {"0", "a limit of 0 means none"},
        {"0-0:0:0", "a limit of 0 means none"},
        {"366-0", "more than 365 days"},
        {"999999999", "more than 365 days"},
        {"", "use a Slurm time limit"},
        {"1-", "use a Slurm time limit"},
        {"-5", "use a Slurm time limit"},
        {"1:2:3:4", "use a Slurm time limit"},
        {" 30", "use a Slurm time limit"},
        {"30\n#SBATCH --uid=0", "use a Slurm time limit"},
        {"UNLIMITED", "use a Slurm time limit"},
        {"1e3", "use a Slurm time limit"}};
    for (const auto& [text, why] : bad) {
        EXPECT_FALSE(SlurmValue::timeLimitSeconds(text).has_value()) << text;
        const std::string message = test::inputErrorOf([&] { SlurmValue::timeLimit("--time", text); });
        EXPECT_NE(message.find(why), std::string::npos) << text << ": " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(SlurmValue, AcceptsSiteModuleNamesAndRefusesOptionsAndShellWords) {
    for (const char* good : {"openfoam/v1912", "openmpi", "gcc/12.2.0", "OpenFOAM/v2306-foss-2023a", "python3+mpi"})
        EXPECT_EQ(test::inputErrorOf([&] { SlurmValue::module("--module", good); }), "") << good;
    for (const char* bad : {"--help", "-s", "openmpi/-x", "/etc/passwd", "a//b", "a/", "", "a/../b", "$(id)",
                            "a b", "a;b", "x\nid", "mpi@4.1", "~/mods"}) {
        const std::string message = test::inputErrorOf([&] { SlurmValue::module("--module", bad); });
        EXPECT_EQ(message.rfind("--module = '", 0), 0u) << bad << ": " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
    EXPECT_NE(test::inputErrorOf([&] { SlurmValue::module("--module", std::string(129, 'a')); }), "");
}

TEST(SlurmValue, NamesPathsAndJobIdsFollowOneRuleEach) {
    EXPECT_EQ(test::inputErrorOf([] { SlurmValue::name("--partition", "debug"); }), "");
    EXPECT_EQ(test::inputErrorOf([] { SlurmValue::name("--partition", "-p"); }), "--partition = '-p': use letters, digits, "
                                                                        "'_', '-', '.' (at most 64, starting with a "
                                                                        "letter or digit, no '..')");
    EXPECT_NE(test::inputErrorOf([] { SlurmValue::name("name", "x\ntouch /tmp/PWNED\n#"); }).find("'x\\ntouch /tmp/PWNED\\n#'"),
              std::string::npos);
    EXPECT_EQ(test::inputErrorOf([] { SlurmValue::path("sweep directory", "/shared/runs/mine-2"); }), "");
    for (const char* bad : {"relative/dir", "/a b", "/a\n#SBATCH", "/a;b", "/$HOME"})
        EXPECT_NE(test::inputErrorOf([&] { SlurmValue::path("sweep directory", bad); }), "") << bad;
    for (const char* good : {"1", "123456", "4294967295"}) EXPECT_TRUE(SlurmValue::isJobId(good)) << good;
    for (const char* bad : {"", "0", "012", "4294967296", "12345678901", "12_3", "-1", "--help", "12 ", "1e3"})
        EXPECT_FALSE(SlurmValue::isJobId(bad)) << bad;
}
