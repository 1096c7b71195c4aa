#include "meshes/Athlete.hpp"

#include "meshes/GeometryError.hpp"

#include <cmath>
#include <sstream>
#include <utility>

namespace drafting::meshes {

namespace {
void requireWithin(const char* field, double value, double lo, double hi, const char* unit) {
    if (!std::isfinite(value) || value < lo || value > hi) {
        std::ostringstream msg;
        msg << field << " = " << value << " is outside [" << lo << ", " << hi << "] " << unit;
        throw GeometryError(msg.str());
    }
}
}  // namespace

Athlete::Athlete(double heightM, double massKg, SegmentProportions proportions)
    : height_(heightM), mass_(massKg), proportions_(std::move(proportions)) {
    requireWithin("athlete.height", heightM, kMinHeight, kMaxHeight, "m");
    requireWithin("athlete.mass", massKg, kMinMass, kMaxMass, "kg");
}

double Athlete::bodySurfaceArea() const {
    // Du Bois: BSA = 0.007184 W^0.425 H^0.725 (W in kg, H in cm).
    return 0.007184 * std::pow(mass_, 0.425) * std::pow(height_ * 100.0, 0.725);
}

double Athlete::frontalArea() const { return 0.266 * bodySurfaceArea(); }

double Athlete::sectionWidth() const { return frontalArea() / height_; }

double Athlete::sectionDepth() const { return kDepthToWidth * sectionWidth(); }

}  // namespace drafting::meshes
