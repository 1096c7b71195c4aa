// JSON files written whole or not at all, and read as values or refused.
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace drafting;
using drafting::test::TempDir;

TEST(JsonFile, AtomicWriteLeavesNoTemporary) {
    TempDir dir;
    drafting::common::JsonFile::writeAtomic(dir.path() + "/a.json", {{"x", 1}});
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/a.json"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.json.tmp"));
    EXPECT_EQ(drafting::common::JsonFile::read(dir.path() + "/a.json")["x"], 1);
}

TEST(JsonFile, GarbageIsAnErrorNotAValue) {
    TempDir dir;
    test::writeFile(dir.path() + "/bad.json", "{\"x\": ");
    // Bad input, not the machine's failure (JsonFile.hpp): common::InputError.
    EXPECT_THROW(drafting::common::JsonFile::read(dir.path() + "/bad.json"), common::InputError);
}
