#include "common/Error.hpp"
#include "common/ValueList.hpp"

#include <gtest/gtest.h>

using drafting::common::InputError;
using drafting::common::ValueList;

TEST(ValueList, ParsesCommaList) {
    EXPECT_EQ(drafting::common::ValueList::parse("sweep.front_gap", "1.0, 1.3,2"), (std::vector<double>{1.0, 1.3, 2.0}));
}

TEST(ValueList, RangeIncludesStopOnTheGrid) {
    EXPECT_EQ(drafting::common::ValueList::parse("k", "0.8:2.0:0.4"), (std::vector<double>{0.8, 1.2, 1.6, 2.0}));
}

TEST(ValueList, RangeRoundsAwayFloatingPointDrift) {
    const auto v = drafting::common::ValueList::parse("k", "0.8:1.1:0.1");
    ASSERT_EQ(v.size(), 4u);
    EXPECT_EQ(drafting::common::ValueList::format(v[3]), "1.1");
}

TEST(ValueList, RangeStopsBeforeAnOffGridStop) {
    EXPECT_EQ(drafting::common::ValueList::parse("k", "1:2:0.3"), (std::vector<double>{1.0, 1.3, 1.6, 1.9}));
}

TEST(ValueList, DescendingRangeWithNegativeStep) {
    EXPECT_EQ(drafting::common::ValueList::parse("k", "2:1:-0.5"), (std::vector<double>{2.0, 1.5, 1.0}));
}

TEST(ValueList, SingleValueRange) { EXPECT_EQ(drafting::common::ValueList::parse("k", "1.3:1.3:0.1"), (std::vector<double>{1.3})); }

struct BadList {
    const char* text;
    const char* message;
};

class ValueListRejects : public ::testing::TestWithParam<BadList> {};

TEST_P(ValueListRejects, WithFieldAndValueInTheMessage) {
    try {
        drafting::common::ValueList::parse("sweep.front_gap", GetParam().text);
        FAIL() << "accepted '" << GetParam().text << "'";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("sweep.front_gap"), std::string::npos) << what;
        EXPECT_NE(what.find(GetParam().message), std::string::npos) << what;
    }
}

INSTANTIATE_TEST_SUITE_P(Malformed, ValueListRejects,
                         ::testing::Values(BadList{"", "empty list"}, BadList{"1.0,,2", "empty value"},
                                           BadList{"1:2:0", "step must not be 0"},
                                           BadList{"2:1:0.5", "empty range"}, BadList{"1:2", "start:stop:step"},
                                           BadList{"abc", "not a number"}, BadList{"1, nan", "'nan': not a number"},
                                           BadList{"0x1p0", "'0x1p0': not a number"},
                                           BadList{"1, inf", "'inf': not a number"},
                                           BadList{"1e999", "'1e999': not a number"},
                                           BadList{"1:0x2:1", "'0x2': not a number"},
                                           BadList{"0X10, 1", "'0X10': not a number"},
                                           BadList{"0:1000:0.001", "more than"},
                                           BadList{"1.0;rm -rf", "not a number"}));

TEST(ValueList, MessagesQuoteTheValueEscapedAndCut) {
    const std::vector<std::string> hostile = {"1, \x1b[31mred\x1b[0m", std::string(10 * 1024 * 1024, '1') + "x",
                                              "1:2:" + std::string(5000, '\x1b')};
    for (const auto& text : hostile) {
        try {
            drafting::common::ValueList::parse("sweep.lateral", text);
            FAIL() << "accepted " << text.substr(0, 40);
        } catch (const InputError& e) {
            const std::string what = e.what();
            EXPECT_LE(what.size(), 300u) << what.substr(0, 400);
            EXPECT_EQ(what.find('\x1b'), std::string::npos) << what.substr(0, 400);
            EXPECT_EQ(what.rfind("sweep.lateral = '", 0), 0u) << what.substr(0, 400);
        }
    }
}

TEST(ValueList, DecimalExponentsStillWork) {
    EXPECT_EQ(drafting::common::ValueList::parse("k", "1e0, 15e-1, +2"), (std::vector<double>{1.0, 1.5, 2.0}));
}

TEST(ValueList, FormatIsShortest) {
    EXPECT_EQ(drafting::common::ValueList::format(1.3), "1.3");
    EXPECT_EQ(drafting::common::ValueList::format(2.0), "2");
    EXPECT_EQ(drafting::common::ValueList::format(-0.25), "-0.25");
}
