// A value from a file or the command line as a message shows it: quoted, escaped and cut.
#include "common/Printable.hpp"

#include <gtest/gtest.h>

#include <string>

TEST(Printable, QuotedValuesAreOneEscapedLineOfBoundedLength) {
    using drafting::common::Printable;
    EXPECT_EQ(drafting::common::Printable::quote("plain"), "'plain'");
    EXPECT_EQ(drafting::common::Printable::quote("nl\nCR\r\tx"), "'nl\\nCR\\r\\tx'");
    EXPECT_EQ(drafting::common::Printable::quote("\x1b[2J"), "'\\x1b[2J'");
    EXPECT_EQ(drafting::common::Printable::quote(std::string("nul\0x", 5)), "'nul\\x00x'");
    const std::string cut = drafting::common::Printable::quote(std::string(300, 'a'));
    EXPECT_EQ(cut.rfind("'" + std::string(100, 'a') + "'", 0), 0u) << cut;
    EXPECT_NE(cut.find("(+200 bytes)"), std::string::npos) << cut;
    EXPECT_EQ(drafting::common::Printable::quote("\xc3\xa9t\xc3\xa9"), "'\xc3\xa9t\xc3\xa9'");  // UTF-8 passes through
    // A reason read from a file, shown in a progress line: escaped and cut, without quotes.
    EXPECT_EQ(Printable::line("diverged\n\x1b[2J at 12"), "diverged\\n\\x1b[2J at 12");
    const std::string long_ = Printable::line(std::string(500, 'b'));
    EXPECT_EQ(long_, std::string(Printable::kMaxLineChars, 'b') + "... (+100 bytes)");
}
