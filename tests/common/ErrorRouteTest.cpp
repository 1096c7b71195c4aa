// The one error route: whatever a library throws, every tool exits 1 for bad input and 2 for a
// failed run, with one line naming the tool.
#include "common/Error.hpp"
#include "common/Main.hpp"
#include "meshes/FoamFile.hpp"
#include "meshes/GeometryError.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PostError.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace drafting;

namespace {

template <typename Error>
std::pair<int, std::string> exitFor(const std::string& what) {
    std::ostringstream err;
    const int status = common::runMain("tool", err, [&]() -> int { throw Error(what); });
    return {status, err.str()};
}

}  // namespace

TEST(ErrorRoute, EveryKindOfBadInputExitsOneInEveryTool) {
    for (const auto& [status, text] : {exitFor<common::InputError>("config.ini: run.speed = 'x': not a number"),
                                       exitFor<meshes::GeometryError>("athlete.height = 3: out of range"),
                                       exitFor<post::PacingError>("mass = -1: must be positive")}) {
        EXPECT_EQ(status, 1) << text;
        EXPECT_EQ(text.rfind("tool: error: ", 0), 0u) << text;
        EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
    }
}

TEST(ErrorRoute, EveryKindOfFailedRunExitsTwo) {
    for (const auto& [status, text] : {exitFor<common::RunError>("draftFoam could not start"),
                                       exitFor<post::PostError>("no manifest.json"),
                                       exitFor<meshes::FoamFileError>("cannot write 0/U")}) {
        EXPECT_EQ(status, 2) << text;
        EXPECT_EQ(text.rfind("tool: run failed: ", 0), 0u) << text;
    }
    const auto [status, text] = exitFor<std::logic_error>("a bug");
    EXPECT_EQ(status, 2);
    EXPECT_EQ(text, "tool: unexpected error: a bug\n");
}

TEST(ErrorRoute, ABodyThatReturnsKeepsItsStatus) {
    std::ostringstream err;
    EXPECT_EQ(common::runMain("tool", err, [] { return 3; }), 3);
    EXPECT_TRUE(err.str().empty());
}
