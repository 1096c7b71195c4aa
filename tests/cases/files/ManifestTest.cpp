// manifest.json: case names that would leave the sweep's folder are refused.
#include "common/Error.hpp"
#include "cases/files/Manifest.hpp"
#include "common/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>


using namespace drafting;
using drafting::test::TempDir;

TEST(Manifest, RefusesCaseNamesThatLeaveTheSweep) {
    TempDir dir;
    drafting::common::JsonFile::writeAtomic(dir.path() + "/manifest.json",
                                 {{"name", "x"}, {"config", cases::config::SweepConfig::parse("").toJson()},
                                  {"cases", {{{"name", "../../etc"}, {"parameters", nlohmann::json::object()}}}}});
    EXPECT_THROW(cases::files::Manifest::read(dir.path()), common::InputError);  // bad input, named
}
