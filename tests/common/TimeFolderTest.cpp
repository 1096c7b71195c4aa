// OpenFOAM time folders: names read as times, listed in numeric order.
#include "common/TimeFolder.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

using drafting::test::TempDir;
using drafting::test::writeFile;

TEST(TimeFolder, NamesAreOpenFoamTimesInNumericOrder) {
    for (const auto& [name, time] : std::vector<std::pair<std::string, double>>{
             {"0", 0.0}, {"139", 139.0}, {"0.025", 0.025}, {"1e-05", 1e-5}, {"-0.5", -0.5}})
        EXPECT_EQ(drafting::common::TimeFolder::timeOf(name), time) << name;
    for (const std::string name : {"", "constant", "1a", " 1", "0x10", "inf", "nan", "1e999", "processor0"})
        EXPECT_FALSE(drafting::common::TimeFolder::timeOf(name)) << name;

    TempDir dir;
    for (const std::string name : {"10", "4", "0.5", "0", "constant"})
        std::filesystem::create_directories(dir.path() + "/" + name);
    writeFile(dir.path() + "/7", "a file, not a folder");
    std::vector<double> times;
    for (const auto& folder : drafting::common::TimeFolder::in(dir.path())) {
        times.push_back(folder.time);
        EXPECT_EQ(folder.path.parent_path(), std::filesystem::path(dir.path()));
    }
    EXPECT_EQ(times, (std::vector<double>{0, 0.5, 4, 10}));
    EXPECT_TRUE(drafting::common::TimeFolder::in(dir.path() + "/missing").empty());
}
