// SweepRunner::fingerprint: what makes two cases the same case, so generate keeps a finished one.
#include "cases/config/SweepPlan.hpp"
#include "cases/run/SweepRunner.hpp"

#include <gtest/gtest.h>

using drafting::cases::config::SweepConfig;
using drafting::cases::config::SweepPlan;
using drafting::cases::run::SweepRunner;

namespace {

// Each case's fingerprint, by name.
std::map<std::string, std::string> prints(const std::string& configText) {
    const auto config = SweepConfig::parse(configText);
    std::map<std::string, std::string> out;
    for (const auto& spec : SweepPlan::expand(config)) out[spec.name] = SweepRunner::fingerprint(config, spec, "");
    return out;
}

}  // namespace

TEST(SweepRunner, APacersSectionChangesOnlyTheCasesWithPacersOfTheirOwnSize) {
    const std::string formation = "[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n";
    const auto before = prints(formation);
    // Her size: her body, the same cases.
    EXPECT_EQ(prints("[pacers]\nheight = 1.57\nmass = 42\n" + formation), before);
    // Taller pacers: the solo case is kept, the case with a pacer is a new one.
    const auto taller = prints("[pacers]\nheight = 1.80\nmass = 65\n" + formation);
    EXPECT_EQ(taller.at("solo"), before.at("solo"));
    EXPECT_NE(taller.at("ahead-f1.3"), before.at("ahead-f1.3"));
    // A name is not physics; the speed is.
    EXPECT_EQ(prints("name = other\n" + formation), before);
    EXPECT_NE(prints("[run]\nspeed = 6\n" + formation).at("solo"), before.at("solo"));
}

// The stride (issue 16): her phase is physics of every case; the pacers' offset only of the cases
// with pacers, and an offset of 0 is her step, the same cases. A sweep without a phase keeps the
// fingerprints it had before phases existed.
TEST(SweepRunner, HerPhaseChangesEveryCaseThePacersOffsetOnlyThoseWithPacers) {
    const std::string formation = "[mesh]\ndimension = 3\nlevel = coarse\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n";
    const auto frozen = prints(formation);
    const auto atZero = prints(formation + "[geometry]\nstride_phase = 0\n");
    EXPECT_NE(atZero.at("solo"), frozen.at("solo"));
    EXPECT_NE(prints(formation + "[geometry]\nstride_phase = 0.5\n").at("solo"), atZero.at("solo"));
    EXPECT_EQ(prints(formation + "[geometry]\nstride_phase = 0\n[pacers]\nstride_offset = 0\n"), atZero);
    const auto outOfStep = prints(formation + "[geometry]\nstride_phase = 0\n[pacers]\nstride_offset = 0.5\n");
    EXPECT_EQ(outOfStep.at("solo"), atZero.at("solo"));
    EXPECT_NE(outOfStep.at("ahead-f1.3"), atZero.at("ahead-f1.3"));
}
