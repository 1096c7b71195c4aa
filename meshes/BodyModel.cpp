#include "meshes/BodyModel.hpp"

#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkSMPTools.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace drafting::meshes {

namespace {

constexpr double kDeg = M_PI / 180.0;

struct Vec3 {
    double x = 0, y = 0, z = 0;
};
Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 operator*(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double norm(Vec3 a) { return std::sqrt(dot(a, a)); }
double sign(double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }

/// Unit vector in the sagittal plane `angleDeg` from straight down (positive: forward, +x),
/// tilted `abductionDeg` sideways towards `side` (+1 left, +y; -1 right).
Vec3 limbDirection(double angleDeg, double abductionDeg = 0.0, double side = 1.0) {
    const double a = angleDeg * kDeg, b = abductionDeg * kDeg;
    return {std::sin(a) * std::cos(b), side * std::sin(b), -std::cos(a) * std::cos(b)};
}

}  // namespace

/// One piece of the implicit body: a tapered capsule (exact distance, Quilez's round cone) or an
/// elliptic capsule (segment swept by an ellipse with ellipsoidal caps; a == b is an ellipsoid,
/// approximate distance).
struct BodyModel::Primitive {
    enum class Kind { roundCone, ellipticCapsule } kind = Kind::roundCone;
    Vec3 a, b;
    double ra = 0, rb = 0;         // round cone: radii at a and b
    Vec3 e1, e2, u;                // elliptic: section axes and axis (unit), half-axes ha, hb
    double ha = 0, hb = 0, hc = 0; // hc: cap half-length along the axis
    double blend = RunnerBody::kBlend;  // smooth-union radius with what came before
    double lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};

    static Primitive cone(Vec3 a, Vec3 b, double ra, double rb) {
        // One end's sphere inside the other's: the hull is that sphere (the formula needs l > |ra - rb|).
        if (norm(b - a) <= std::abs(ra - rb) + 1e-9) {
            if (rb > ra) a = b;
            b = a;
            ra = rb = std::max(ra, rb);
        }
        Primitive p;
        p.kind = Kind::roundCone;
        p.a = a;
        p.b = b;
        p.ra = ra;
        p.rb = rb;
        const double ea[3] = {a.x, a.y, a.z}, eb[3] = {b.x, b.y, b.z};
        for (int i = 0; i < 3; ++i) {
            p.lo[i] = std::min(ea[i] - ra, eb[i] - rb);
            p.hi[i] = std::max(ea[i] + ra, eb[i] + rb);
        }
        return p;
    }

    static Primitive elliptic(Vec3 a, Vec3 b, Vec3 e1, Vec3 e2, double ha, double hb, double hc) {
        Primitive p;
        p.kind = Kind::ellipticCapsule;
        p.a = a;
        p.b = b;
        p.e1 = e1;
        p.e2 = e2;
        p.ha = ha;
        p.hb = hb;
        p.hc = hc;
        const double len = norm(b - a);
        const Vec3 u = len > 1e-12 ? (1.0 / len) * (b - a) : cross(e1, e2);
        p.u = u;
        const double c1[3] = {e1.x, e1.y, e1.z}, c2[3] = {e2.x, e2.y, e2.z}, cu[3] = {u.x, u.y, u.z};
        const double ea[3] = {a.x, a.y, a.z}, eb[3] = {b.x, b.y, b.z};
        for (int i = 0; i < 3; ++i) {
            const double half = std::sqrt(std::pow(ha * c1[i], 2) + std::pow(hb * c2[i], 2) + std::pow(hc * cu[i], 2));
            p.lo[i] = std::min(ea[i], eb[i]) - half;
            p.hi[i] = std::max(ea[i], eb[i]) + half;
        }
        return p;
    }

    double distance(Vec3 p) const {
        if (kind == Kind::roundCone) {
            const Vec3 ba = b - a, pa = p - a;
            if (dot(ba, ba) < 1e-18) return norm(pa) - ra;
            const double l2 = dot(ba, ba), rr = ra - rb, a2 = l2 - rr * rr, il2 = 1.0 / l2;
            const double y = dot(pa, ba), z = y - l2;
            const Vec3 w = l2 * pa - y * ba;
            const double x2 = dot(w, w), y2 = y * y * l2, z2 = z * z * l2;
            const double k = sign(rr) * rr * rr * x2;
            if (sign(z) * a2 * z2 > k) return std::sqrt(x2 + z2) * il2 - rb;
            if (sign(y) * a2 * y2 < k) return std::sqrt(x2 + y2) * il2 - ra;
            return (std::sqrt(x2 * a2 * il2) + y * rr) * il2 - ra;
        }
        // Nearest point of the axis, then Quilez's ellipsoid bound on what is left.
        const Vec3 q = p - a;
        const double len = dot(b - a, u), s = dot(q, u), t = std::clamp(s, 0.0, len);
        const Vec3 r = q - t * u;
        const double x1 = dot(r, e1), x2 = dot(r, e2), x3 = s - t;
        const double k0 = std::sqrt(std::pow(x1 / ha, 2) + std::pow(x2 / hb, 2) + std::pow(x3 / hc, 2));
        const double k1 = std::sqrt(std::pow(x1 / (ha * ha), 2) + std::pow(x2 / (hb * hb), 2) + std::pow(x3 / (hc * hc), 2));
        if (k1 < 1e-12) return -std::min({ha, hb, hc});
        return k0 * (k0 - 1.0) / k1;
    }
};

namespace {

using Primitive = BodyModel::Primitive;
using PoseAngles = BodyModel::PoseAngles;
using Arm = BodyModel::Arm;
using Leg = BodyModel::Leg;


/// Polynomial smooth minimum (Quilez): the exact min once a and b differ by more than k.
double smoothMin(double a, double b, double k) {
    const double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::min(a, b) - 0.25 * h * h * k;
}

}  // namespace

BodyModel::PoseAngles BodyModel::anglesOf(RunnerBody::Pose pose) {
    if (pose == RunnerBody::Pose::standing) return {0.0, {0, 0, 5, 5}, {0, 0, 5, 5}, {0, 0, 0}, {0, 0, 0}};
    // Flight phase: left leg reaching forward, right leg folded behind; the right arm (opposite
    // the front leg) swings forward, both elbows at 90°. The left plantar flexion is solved.
    return {RunnerBody::kTrunkLeanDeg, {-45, 45, kArmAbductionDeg, 0}, {30, 120, kArmAbductionDeg, 0}, {28, -12, 0}, {-10, -80, 30}};
}

namespace {


// Winter (2009) Fig. 4.1, fractions of H.
constexpr double kHeadTop = 1.0, kChin = 0.870, kShoulder = 0.818, kHip = 0.530;
constexpr double kShoulderWidth = 0.259, kHipWidth = 0.191;
// The limbs' lengths are SegmentProportions' (Winter's, or with de Leva's female or male contrast).
constexpr double kAnkle = 0.039, kFootWidth = 0.055;

// Girths of the reference lean runner (kRefHeight, kRefMass) [m]; scaled with sqrt(m / H).
constexpr double kNeckR = 0.055;
constexpr double kUpperArmR[2] = {0.047, 0.036}, kForearmR[2] = {0.035, 0.026}, kFistR = 0.028;
constexpr double kThighR[2] = {0.092, 0.057}, kShankR[2] = {0.056, 0.034};
// Trunk as three elliptic sections [bottom, top as fractions of H; half-depth, half-width m].
struct TrunkPiece {
    const char* name;
    double bottom, top, halfDepth, halfWidth;
};
constexpr TrunkPiece kTrunk[3] = {{"pelvis", 0.455, 0.600, 0.105, 0.155},
                                  {"abdomen", 0.570, 0.690, 0.098, 0.140},
                                  {"thorax", 0.660, 0.818, 0.112, 0.152}};
constexpr double kTrunkBlend = 0.04;  // m
// Bony sizes scale with H only: head half-axes and foot half-thickness as fractions of H.
constexpr double kHeadHalfDepth = 0.057, kHeadHalfWidth = 0.044, kFootHalfThickness = 0.015;

struct Model {
    std::vector<Primitive> primitives;
    std::vector<RunnerBody::Segment> segments;
    double zMin = 0, zMax = 0;
    std::size_t feet[2] = {0, 0};  // right, left
};

/// The posed primitives for height H [m], girth scale g, with the left foot's plantar flexion.
Model buildModel(double H, double g, const PoseAngles& pose, const SegmentProportions& lengths) {
    Model m;
    auto round = [&m](const std::string& name, double length, double fraction, double r0, double r1) {
        m.segments.push_back({name, length, fraction, r0, r1, 0, 0, 0});
    };
    auto elliptic = [&m](const std::string& name, double length, double fraction, double depth, double width, double height) {
        m.segments.push_back({name, length, fraction, 0, 0, depth, width, height});
    };
    const double zHip = kHip * H;
    const double lean = pose.lean * kDeg;
    // The upper body is built upright, then pitched forward about the hip centre.
    auto leanPoint = [&](Vec3 p) {
        const double dz = p.z - zHip;
        return Vec3{p.x * std::cos(lean) + dz * std::sin(lean), p.y, zHip - p.x * std::sin(lean) + dz * std::cos(lean)};
    };
    auto leanDir = [&](Vec3 v) {
        return Vec3{v.x * std::cos(lean) + v.z * std::sin(lean), v.y, -v.x * std::sin(lean) + v.z * std::cos(lean)};
    };
    auto add = [&m](Primitive p) { m.primitives.push_back(p); };
    const Vec3 fwd{1, 0, 0}, side{0, 1, 0};

    for (const auto& piece : kTrunk) {
        // Short caps and a wide blend: one smooth trunk rather than three stacked eggs.
        const double hd = piece.halfDepth * g, hw = piece.halfWidth * g, cap = 0.5 * hd;
        const Vec3 a{0, 0, piece.bottom * H + cap}, b{0, 0, piece.top * H - cap};
        Primitive p = Primitive::elliptic(leanPoint(a), leanPoint(b), leanDir(fwd), leanDir(side), hd, hw, cap);
        p.blend = kTrunkBlend;
        add(p);
        elliptic(piece.name, (piece.top - piece.bottom) * H, 0.0, hd, hw, 0.0);
    }

    // Joint centres are bony: one reference upper-arm radius inside Winter's shoulder width and
    // height; only a heavy runner's arms move out, to hang beside the thorax rather than in it.
    const double rShoulder = kUpperArmR[0] * g, rRef = kUpperArmR[0] * H / RunnerBody::kRefHeight;
    const double yShoulder = std::max(0.5 * kShoulderWidth * H - rRef, kTrunk[2].halfWidth * g - 0.5 * rShoulder);
    const double zShoulder = kShoulder * H - rRef;
    add(Primitive::cone(leanPoint({0, -yShoulder, zShoulder}), leanPoint({0, yShoulder, zShoulder}), rShoulder, rShoulder));
    round("shoulder width", kShoulderWidth * H, kShoulderWidth, rShoulder, rShoulder);

    // The neck ends inside the head, never wider than it, so it cannot poke out of a heavy
    // runner's head.
    const double rNeck = std::min(kNeckR * g, 0.8 * kHeadHalfWidth * H);
    add(Primitive::cone(leanPoint({0, 0, zShoulder}), leanPoint({0.01 * H, 0, (kChin + 0.03) * H}), rNeck, rNeck));
    round("neck (shoulder to chin)", (kChin - kShoulder) * H, kChin - kShoulder, rNeck, rNeck);

    const double headHalfHeight = 0.5 * (kHeadTop - kChin) * H;
    const Vec3 headCentre = leanPoint({0.012 * H, 0, kHeadTop * H - headHalfHeight});
    add(Primitive::elliptic(headCentre, headCentre, leanDir(fwd), leanDir(side), kHeadHalfDepth * H, kHeadHalfWidth * H,
                            headHalfHeight));
    elliptic("head (chin to top)", (kHeadTop - kChin) * H, kHeadTop - kChin, kHeadHalfDepth * H, kHeadHalfWidth * H,
             headHalfHeight);

    for (const double s : {1.0, -1.0}) {
        const Arm& arm = s > 0 ? pose.left : pose.right;
        const std::string tag = s > 0 ? "left " : "right ";
        const Vec3 shoulder{0, s * yShoulder, zShoulder};
        const Vec3 elbow = shoulder + lengths.upperArm * H * limbDirection(arm.upper, arm.abduction, s);
        const Vec3 foreDir = limbDirection(arm.fore, arm.foreAbduction, s);
        const Vec3 wrist = elbow + lengths.forearm * H * foreDir;
        // A loose fist: half the hand's length, rounded.
        const Vec3 fist = wrist + 0.5 * lengths.hand * H * foreDir;
        add(Primitive::cone(leanPoint(shoulder), leanPoint(elbow), kUpperArmR[0] * g, kUpperArmR[1] * g));
        add(Primitive::cone(leanPoint(elbow), leanPoint(wrist), kForearmR[0] * g, kForearmR[1] * g));
        add(Primitive::cone(leanPoint(wrist), leanPoint(fist), kFistR * g, kFistR * g));
        round(tag + "upper arm", lengths.upperArm * H, lengths.upperArm, kUpperArmR[0] * g, kUpperArmR[1] * g);
        round(tag + "forearm", lengths.forearm * H, lengths.forearm, kForearmR[0] * g, kForearmR[1] * g);
        round(tag + "hand (fist: half the hand length)", 0.5 * lengths.hand * H, 0.5 * lengths.hand, kFistR * g, kFistR * g);
    }

    // Hip joints one reference thigh radius inside Winter's hip width: inside the pelvis for
    // every girth in the athlete range, so the legs stay attached.
    const double yHip = 0.5 * kHipWidth * H - kThighR[0] * H / RunnerBody::kRefHeight;
    const double footHalfWidth = 0.5 * kFootWidth * H, footHalf = kFootHalfThickness * H;
    for (const double s : {1.0, -1.0}) {
        const Leg& leg = s > 0 ? pose.legLeft : pose.legRight;
        const std::string tag = s > 0 ? "left " : "right ";
        const Vec3 hip{0, s * yHip, zHip};
        const Vec3 knee = hip + lengths.thigh * H * limbDirection(leg.thigh);
        const Vec3 ankle = knee + lengths.shank * H * limbDirection(leg.shank);
        // A heavy runner's ankle must still clear the sole.
        const double rAnkle = std::min(kShankR[1] * g, 0.8 * kAnkle * H);
        add(Primitive::cone(hip, knee, kThighR[0] * g, kThighR[1] * g));
        add(Primitive::cone(knee, ankle, kShankR[0] * g, rAnkle));
        // Foot: heel-to-toe axis at right angles to the shank when neutral; the ankle is a quarter
        // of the foot's length from the heel, kAnkle above the sole.
        const double footAngle = leg.shank + 90.0 - leg.plantarFlexion;
        const Vec3 along = limbDirection(footAngle), normal = -1.0 * limbDirection(footAngle - 90.0);
        const double cap = footHalfWidth;
        const Vec3 offset = (footHalf - kAnkle * H) * normal;
        // The ankle joined to the foot's axis, so thin ankles over thick feet stay attached.
        const double rLink = std::min(rAnkle, 0.6 * footHalf);
        add(Primitive::cone(ankle, ankle + offset, rLink, rLink));
        const Vec3 heel = ankle + offset + (-0.25 * lengths.foot * H + cap) * along;
        const Vec3 toe = ankle + offset + (0.75 * lengths.foot * H - cap) * along;
        m.feet[s > 0 ? 1 : 0] = m.primitives.size();
        add(Primitive::elliptic(heel, toe, normal, side, footHalf, footHalfWidth, cap));
        round(tag + "thigh", lengths.thigh * H, lengths.thigh, kThighR[0] * g, kThighR[1] * g);
        round(tag + "shank", lengths.shank * H, lengths.shank, kShankR[0] * g, rAnkle);
        elliptic(tag + "foot", lengths.foot * H, lengths.foot, 0.0, footHalfWidth, footHalf);
    }

    m.zMin = std::numeric_limits<double>::max();
    m.zMax = std::numeric_limits<double>::lowest();
    for (const auto& p : m.primitives) {
        m.zMin = std::min(m.zMin, p.lo[2]);
        m.zMax = std::max(m.zMax, p.hi[2]);
    }
    return m;
}

/// Solves the front (left) foot's plantar flexion so the posed body spans H from its lowest to
/// its highest point: the flight-phase legs alone would make the runner ~3 % shorter.
double solvePlantarFlexion(double H, double g, PoseAngles pose, const SegmentProportions& lengths) {
    auto span = [&](double phi) {
        pose.legLeft.plantarFlexion = phi;
        const Model m = buildModel(H, g, pose, lengths);
        return m.zMax - m.zMin;
    };
    // Scan up from a neutral foot to bracket (the heel is lowest for small angles), then bisect.
    double lo = 0.0, hi = 0.0;
    if (span(lo) >= H) return lo;
    for (hi = 1.0; hi <= 60.0 && span(hi) < H; hi += 1.0) lo = hi;
    if (hi > 60.0) return 60.0;
    for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        (span(mid) < H ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

/// Samples the smooth union on a regular grid that holds every primitive with margin, so the
/// zero contour is closed.
}  // namespace

vtkSmartPointer<vtkImageData> BodyModel::sample(double cell) const {
    const std::vector<Primitive>& prims = primitives_;
    double blend = 0.0;
    for (const auto& p : prims) blend = std::max(blend, p.blend);
    double lo[3], hi[3];
    for (int i = 0; i < 3; ++i) {
        lo[i] = std::numeric_limits<double>::max();
        hi[i] = std::numeric_limits<double>::lowest();
        for (const auto& p : prims) {
            lo[i] = std::min(lo[i], p.lo[i]);
            hi[i] = std::max(hi[i], p.hi[i]);
        }
    }
    // Beyond blend + 2 cells a primitive cannot move the contour, so it is skipped there.
    const double reach = blend + 2.0 * cell, margin = reach + 2.0 * cell;
    int n[3];
    for (int i = 0; i < 3; ++i) {
        lo[i] -= margin;
        n[i] = static_cast<int>(std::ceil((hi[i] + margin - lo[i]) / cell)) + 1;
    }
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(n);
    image->SetOrigin(lo);
    image->SetSpacing(cell, cell, cell);
    auto field = vtkSmartPointer<vtkFloatArray>::New();
    field->SetName("distance");
    field->SetNumberOfTuples(static_cast<vtkIdType>(n[0]) * n[1] * n[2]);
    float* out = field->GetPointer(0);

    vtkSMPTools::For(0, n[2], [&](vtkIdType k0, vtkIdType k1) {
        std::vector<const Primitive*> inSlice, inRow;
        for (vtkIdType k = k0; k < k1; ++k) {
            const double z = lo[2] + k * cell;
            inSlice.clear();
            for (const auto& p : prims)
                if (z >= p.lo[2] - reach && z <= p.hi[2] + reach) inSlice.push_back(&p);
            for (int j = 0; j < n[1]; ++j) {
                const double y = lo[1] + j * cell;
                inRow.clear();
                for (const Primitive* p : inSlice)
                    if (y >= p->lo[1] - reach && y <= p->hi[1] + reach) inRow.push_back(p);
                float* row = out + (k * n[1] + j) * static_cast<vtkIdType>(n[0]);
                for (int i = 0; i < n[0]; ++i) {
                    const double x = lo[0] + i * cell;
                    double d = std::numeric_limits<double>::max();
                    for (const Primitive* p : inRow)
                        if (x >= p->lo[0] - reach && x <= p->hi[0] + reach) d = smoothMin(d, p->distance({x, y, z}), p->blend);
                    row[i] = static_cast<float>(std::min(d, reach));
                }
            }
        }
    });
    image->GetPointData()->SetScalars(field);
    return image;
}

namespace {

/// A pose's angles, with mid-stride's front-foot plantar flexion solved for the athlete.
BodyModel::PoseAngles solvedAngles(double H, double g, RunnerBody::Pose pose, const SegmentProportions& lengths) {
    BodyModel::PoseAngles angles = BodyModel::anglesOf(pose);
    if (pose == RunnerBody::Pose::midStride)
        angles.legLeft.plantarFlexion = solvePlantarFlexion(H, g, angles, lengths);
    return angles;
}

}  // namespace

BodyModel::BodyModel(double H, double g, RunnerBody::Pose pose, const SegmentProportions& lengths)
    : BodyModel(H, g, solvedAngles(H, g, pose, lengths), lengths) {}

BodyModel::BodyModel(double H, double g, const PoseAngles& angles, const SegmentProportions& lengths)
    : angles_(angles) {
    Model m = buildModel(H, g, angles_, lengths);
    primitives_ = std::move(m.primitives);
    segments_ = std::move(m.segments);
    feet_[0] = m.feet[0];
    feet_[1] = m.feet[1];
}

double BodyModel::lowest() const {
    double z = std::numeric_limits<double>::max();
    for (const auto& p : primitives_) z = std::min(z, p.lo[2]);
    return z;
}

double BodyModel::footLowest(bool left) const { return primitives_[feet_[left ? 1 : 0]].lo[2]; }

BodyModel::~BodyModel() = default;
BodyModel::BodyModel(const BodyModel&) = default;

}  // namespace drafting::meshes
