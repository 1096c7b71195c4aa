#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"

#include <gtest/gtest.h>

using drafting::meshes::Athlete;

TEST(Athlete, DuBoisSurfaceAreaOfAReferenceAdult) {
    // Du Bois & Du Bois: 70 kg, 1.75 m → 1.85 m² (standard tables).
    EXPECT_NEAR(Athlete(1.75, 70.0).bodySurfaceArea(), 1.85, 0.01);
}

TEST(Athlete, FrontalAreaOfKipyegonFollowsPugh) {
    // 1.57 m, 42 kg: BSA 1.37 m², A = 0.266 BSA ≈ 0.365 m².
    const Athlete kipyegon(1.57, 42.0);
    EXPECT_NEAR(kipyegon.bodySurfaceArea(), 1.372, 0.005);
    EXPECT_NEAR(kipyegon.frontalArea(), 0.365, 0.002);
}

TEST(Athlete, SectionTimesHeightIsTheFrontalArea) {
    const Athlete a(1.80, 65.0);
    EXPECT_NEAR(a.sectionWidth() * a.height(), a.frontalArea(), 1e-12);
    EXPECT_NEAR(a.sectionDepth(), 0.6 * a.sectionWidth(), 1e-12);
}

TEST(Athlete, HeavierAthleteOfSameHeightIsWider) {
    EXPECT_GT(Athlete(1.70, 80.0).sectionWidth(), Athlete(1.70, 55.0).sectionWidth());
}

TEST(Athlete, RejectsHeightOutOfRangeNamingTheField) {
    try {
        Athlete(0.5, 60.0);
        FAIL();
    } catch (const drafting::meshes::GeometryError& e) {
        EXPECT_NE(std::string(e.what()).find("athlete.height = 0.5"), std::string::npos) << e.what();
    }
}

TEST(Athlete, RejectsNonPositiveMass) {
    EXPECT_THROW(Athlete(1.7, 0.0), drafting::meshes::GeometryError);
    EXPECT_THROW(Athlete(1.7, -5.0), drafting::meshes::GeometryError);
}
