// common::Error: the site an error carries (source, line, field, value) and the one message form
// built from it.
#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/ValueList.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using drafting::common::ErrorSite;
using drafting::common::InputError;
using drafting::common::JsonFields;
using drafting::common::RunError;

TEST(Error, TheMessageShowsEveryPartOfTheSiteThatIsKnown) {
    EXPECT_EQ(ErrorSite({"config file", "a.cfg", 3, "athlete.height", "0.4"}).describe("too short"),
              "config file 'a.cfg', line 3: athlete.height = '0.4': too short");
    EXPECT_EQ(ErrorSite::inFile("r.json", "drag_N", "\"x\"").describe("not a number"),
              "'r.json': drag_N = '\"x\"': not a number");
    EXPECT_EQ(ErrorSite::inFile("r.json", "runners").describe("missing"), "'r.json': runners: missing");
    EXPECT_EQ(ErrorSite::inFile("r.json").describe("not an object"), "'r.json': not an object");
    EXPECT_EQ(ErrorSite::of("--jobs", "0").describe("outside [1, 256]"), "--jobs = '0': outside [1, 256]");
    EXPECT_EQ(ErrorSite({"command line", std::nullopt, 0, "", std::nullopt}).describe("unknown key"),
              "command line: unknown key");
    EXPECT_EQ(ErrorSite{}.describe("why"), "why");
}

TEST(Error, AnEmptyPathIsShownAndAValueIsQuotedAndCut) {
    EXPECT_EQ(ErrorSite({"config file", "", 0, "", std::nullopt}).describe("cannot be read (empty path)"),
              "config file '': cannot be read (empty path)");
    const std::string hostile = "a\nb" + std::string(300, 'x');
    const std::string message = ErrorSite::of("name", hostile).describe("bad");
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_LT(message.size(), 200u);
}

TEST(Error, ItKeepsTheSiteAndTheReasonApartForPrograms) {
    const InputError e(ErrorSite::inFile("m.json", "config.run.speed", "\"fast\""), "not a number");
    ASSERT_TRUE(e.site().file);
    EXPECT_EQ(*e.site().file, "m.json");
    EXPECT_EQ(e.site().field, "config.run.speed");
    EXPECT_EQ(e.site().value, std::optional<std::string>("\"fast\""));
    EXPECT_EQ(e.why(), "not a number");
    const RunError plain("squeue: not found");
    EXPECT_FALSE(plain.site().file);
    EXPECT_EQ(plain.site().field, "");
    EXPECT_EQ(plain.why(), plain.what());
}

TEST(Error, ACheckerNamesFieldAndValueAndItsCallerTheSource) {
    try {
        drafting::common::ValueList::parse("sweep.front_gap", "1,x");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_FALSE(e.site().file);
        const InputError placed = e.at("config file", "a.cfg", 7);
        EXPECT_EQ(*placed.site().file, "a.cfg");
        EXPECT_EQ(placed.site().line, 7);
        EXPECT_EQ(placed.site().field, "sweep.front_gap");
        EXPECT_EQ(placed.site().value, std::optional<std::string>("1,x"));
        EXPECT_EQ(placed.why(), e.why());
        EXPECT_EQ(std::string(placed.what()).rfind("config file 'a.cfg', line 7: sweep.front_gap = '1,x': ", 0), 0u)
            << placed.what();
    }
}

TEST(Error, JsonFieldsRefusalsCarryTheSiteAndTheKindByTheFilesSource) {
    const nlohmann::json j = {{"run", {{"speed", "fast"}}}};
    try {
        JsonFields("results.json").number(j.at("run"), "speed", "run");
        FAIL() << "no error";
    } catch (const RunError& e) {
        EXPECT_EQ(*e.site().file, "results.json");
        EXPECT_EQ(e.site().field, "run.speed");
        EXPECT_EQ(e.site().value, std::optional<std::string>("\"fast\""));
        EXPECT_EQ(e.why(), "not a number");
    }
    EXPECT_THROW(JsonFields("manifest.json", JsonFields::Source::input).required(j, "name"), InputError);
}
