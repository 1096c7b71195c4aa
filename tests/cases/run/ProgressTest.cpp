// The sweep's progress: a bar on a terminal, plain lines elsewhere, and the estimate of the rest.
#include "cases/run/Progress.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

using namespace drafting;

TEST(Progress, BarCountsAndEstimatesTheRest) {
    EXPECT_EQ(cases::run::Progress::bar(0, 0, 2, 8, 0.0), "[........................] 0/8 done, 0 failed, 2 running");
    // 2 of 8 in 60 s: 6 more take 180 s.
    EXPECT_EQ(cases::run::Progress::bar(2, 1, 2, 8, 60.0),
              "[######..................] 2/8 done, 1 failed, 2 running, ETA 3m00s");
    EXPECT_EQ(cases::run::Progress::bar(8, 0, 0, 8, 100.0), "[########################] 8/8 done, 0 failed, 0 running");
}

TEST(Progress, PlainLinesWhenNotATerminalAndABarRedrawnOnOne) {
    std::ostringstream plain, tty;
    {
        cases::run::Progress p(plain, 2, false);
        p.started();
        p.finished(true, "[1/2] solo: ok");
        p.started();
        p.finished(false, "[2/2] a: failed (x)");
    }
    EXPECT_EQ(plain.str(), "[1/2] solo: ok\n[2/2] a: failed (x)\n");
    {
        cases::run::Progress p(tty, 2, true);
        p.started();
        p.finished(true, "[1/2] solo: ok");
    }
    EXPECT_NE(tty.str().find("\r\033[K[1/2] solo: ok\n[############............] 1/2 done, 0 failed, 0 running"),
              std::string::npos)
        << tty.str();
    EXPECT_EQ(tty.str().substr(tty.str().size() - 4), "\r\033[K");  // the bar is cleared at the end
}
