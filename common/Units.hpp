#pragma once

/// The physical constants every tool shares. Each lives here once: a second copy would let the
/// solver, the tables and the pacing model disagree on what "a mile" or "the air" is.
namespace drafting::common {

/// One statute mile, m.
inline constexpr double kMileMetres = 1609.344;

/// The study's air: dry air at 25 °C and sea level, kg/m³ (docs/physics.md).
inline constexpr double kAirDensity = 1.18;

/// Dynamic viscosity of air at 25 °C, Pa s; the cases' ν = μ / ρ follows the config's density.
inline constexpr double kAirViscosity = 1.84e-5;

/// Standard gravity, m/s².
inline constexpr double kGravity = 9.81;

}  // namespace drafting::common
