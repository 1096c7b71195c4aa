#include "meshes/RunnerBody.hpp"

#include "meshes/FoamFile.hpp"
#include "meshes/GeometryError.hpp"
#include "common/Printable.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCellArray.h>
#include <vtkCleanPolyData.h>
#include <vtkExecutive.h>
#include <vtkFeatureEdges.h>
#include <vtkFloatArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyDataConnectivityFilter.h>
#include <vtkPolyDataNormals.h>
#include <vtkQuadricDecimation.h>
#include <vtkSMPTools.h>
#include <vtkSTLReader.h>
#include <vtkTriangleFilter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

/// One piece of the implicit body: a tapered capsule (exact distance, Quilez's round cone) or an
/// elliptic capsule (segment swept by an ellipse with ellipsoidal caps; a == b is an ellipsoid,
/// approximate distance).
struct Primitive {
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

/// Polynomial smooth minimum (Quilez): the exact min once a and b differ by more than k.
double smoothMin(double a, double b, double k) {
    const double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::min(a, b) - 0.25 * h * h * k;
}

// Sagittal angles of one pose, degrees from straight down, positive forward.
struct Arm {
    double upper, fore, abduction, foreAbduction;
};
struct Leg {
    double thigh, shank, plantarFlexion;
};
struct PoseAngles {
    double lean;
    Arm left, right;  // left = +y
    Leg legLeft, legRight;
};

PoseAngles anglesOf(RunnerBody::Pose pose) {
    if (pose == RunnerBody::Pose::standing) return {0.0, {0, 0, 5, 5}, {0, 0, 5, 5}, {0, 0, 0}, {0, 0, 0}};
    // Flight phase: left leg reaching forward, right leg folded behind; the right arm (opposite
    // the front leg) swings forward, both elbows at 90°. The left plantar flexion is solved.
    return {RunnerBody::kTrunkLeanDeg, {-45, 45, 10, 0}, {30, 120, 10, 0}, {28, -12, 0}, {-10, -80, 30}};
}

// Winter (2009) Fig. 4.1, fractions of H.
constexpr double kHeadTop = 1.0, kChin = 0.870, kShoulder = 0.818, kHip = 0.530;
constexpr double kShoulderWidth = 0.259, kHipWidth = 0.191;
constexpr double kUpperArm = 0.186, kForearm = 0.146, kHand = 0.108;
constexpr double kThigh = 0.245, kShank = 0.246, kAnkle = 0.039, kFootLength = 0.152, kFootWidth = 0.055;

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
constexpr vtkIdType kMaxCrumbTriangles = 200;
// Bony sizes scale with H only: head half-axes and foot half-thickness as fractions of H.
constexpr double kHeadHalfDepth = 0.057, kHeadHalfWidth = 0.044, kFootHalfThickness = 0.015;

struct Model {
    std::vector<Primitive> primitives;
    std::vector<RunnerBody::Segment> segments;
    double zMin = 0, zMax = 0;
};

/// The posed primitives for height H [m], girth scale g, with the left foot's plantar flexion.
Model buildModel(double H, double g, const PoseAngles& pose) {
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
        const Vec3 elbow = shoulder + kUpperArm * H * limbDirection(arm.upper, arm.abduction, s);
        const Vec3 foreDir = limbDirection(arm.fore, arm.foreAbduction, s);
        const Vec3 wrist = elbow + kForearm * H * foreDir;
        // A loose fist: half the hand's length, rounded.
        const Vec3 fist = wrist + 0.5 * kHand * H * foreDir;
        add(Primitive::cone(leanPoint(shoulder), leanPoint(elbow), kUpperArmR[0] * g, kUpperArmR[1] * g));
        add(Primitive::cone(leanPoint(elbow), leanPoint(wrist), kForearmR[0] * g, kForearmR[1] * g));
        add(Primitive::cone(leanPoint(wrist), leanPoint(fist), kFistR * g, kFistR * g));
        round(tag + "upper arm", kUpperArm * H, kUpperArm, kUpperArmR[0] * g, kUpperArmR[1] * g);
        round(tag + "forearm", kForearm * H, kForearm, kForearmR[0] * g, kForearmR[1] * g);
        round(tag + "hand (fist: half the hand length)", 0.5 * kHand * H, 0.5 * kHand, kFistR * g, kFistR * g);
    }

    // Hip joints one reference thigh radius inside Winter's hip width: inside the pelvis for
    // every girth in the athlete range, so the legs stay attached.
    const double yHip = 0.5 * kHipWidth * H - kThighR[0] * H / RunnerBody::kRefHeight;
    const double footHalfWidth = 0.5 * kFootWidth * H, footHalf = kFootHalfThickness * H;
    for (const double s : {1.0, -1.0}) {
        const Leg& leg = s > 0 ? pose.legLeft : pose.legRight;
        const std::string tag = s > 0 ? "left " : "right ";
        const Vec3 hip{0, s * yHip, zHip};
        const Vec3 knee = hip + kThigh * H * limbDirection(leg.thigh);
        const Vec3 ankle = knee + kShank * H * limbDirection(leg.shank);
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
        const Vec3 heel = ankle + offset + (-0.25 * kFootLength * H + cap) * along;
        const Vec3 toe = ankle + offset + (0.75 * kFootLength * H - cap) * along;
        add(Primitive::elliptic(heel, toe, normal, side, footHalf, footHalfWidth, cap));
        round(tag + "thigh", kThigh * H, kThigh, kThighR[0] * g, kThighR[1] * g);
        round(tag + "shank", kShank * H, kShank, kShankR[0] * g, rAnkle);
        elliptic(tag + "foot", kFootLength * H, kFootLength, 0.0, footHalfWidth, footHalf);
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
double solvePlantarFlexion(double H, double g, PoseAngles pose) {
    auto span = [&](double phi) {
        pose.legLeft.plantarFlexion = phi;
        const Model m = buildModel(H, g, pose);
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
vtkSmartPointer<vtkImageData> sample(const std::vector<Primitive>& prims, double cell) {
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

/// An open file descriptor, closed when it goes out of scope.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

struct EdgeDefects {
    vtkIdType open = 0, nonManifold = 0;
    int regions = 0;
};

EdgeDefects edgeDefects(vtkPolyData* surface) {
    EdgeDefects d;
    auto count = [surface](bool boundary) {
        vtkNew<vtkFeatureEdges> edges;
        edges->SetInputData(surface);
        edges->FeatureEdgesOff();
        edges->ManifoldEdgesOff();
        edges->SetBoundaryEdges(boundary);
        edges->SetNonManifoldEdges(!boundary);
        edges->Update();
        return edges->GetOutput()->GetNumberOfLines();
    };
    d.open = count(true);
    d.nonManifold = count(false);
    vtkNew<vtkPolyDataConnectivityFilter> connectivity;
    connectivity->SetInputData(surface);
    connectivity->SetExtractionModeToAllRegions();
    connectivity->Update();
    d.regions = connectivity->GetNumberOfExtractedRegions();
    return d;
}

/// Area of the union of the triangles projected on the y-z plane: each triangle fills the
/// raster cells whose centres it covers.
double projectedArea(vtkPolyData* surface, double cell) {
    double b[6];
    surface->GetBounds(b);
    const double y0 = b[2] - cell, z0 = b[4] - cell;
    const int ny = static_cast<int>(std::ceil((b[3] - y0) / cell)) + 2, nz = static_cast<int>(std::ceil((b[5] - z0) / cell)) + 2;
    std::vector<unsigned char> covered(static_cast<size_t>(ny) * nz, 0);
    vtkPoints* pts = surface->GetPoints();
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    auto polys = surface->GetPolys();
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        double p[3][3];
        for (int v = 0; v < 3; ++v) pts->GetPoint(ids[v], p[v]);
        const double ay = p[0][1], az = p[0][2], by = p[1][1], bz = p[1][2], cy = p[2][1], cz = p[2][2];
        const double area2 = (by - ay) * (cz - az) - (bz - az) * (cy - ay);
        if (std::abs(area2) < 1e-18) continue;  // edge-on: its neighbours cover the silhouette
        const double s = area2 > 0 ? 1.0 : -1.0;
        const int j0 = std::max(0, static_cast<int>(std::floor((std::min({ay, by, cy}) - y0) / cell - 0.5)));
        const int j1 = std::min(ny - 1, static_cast<int>(std::ceil((std::max({ay, by, cy}) - y0) / cell - 0.5)));
        const int k0 = std::max(0, static_cast<int>(std::floor((std::min({az, bz, cz}) - z0) / cell - 0.5)));
        const int k1 = std::min(nz - 1, static_cast<int>(std::ceil((std::max({az, bz, cz}) - z0) / cell - 0.5)));
        for (int k = k0; k <= k1; ++k) {
            const double z = z0 + (k + 0.5) * cell;
            for (int j = j0; j <= j1; ++j) {
                const double y = y0 + (j + 0.5) * cell;
                const double w0 = s * ((by - ay) * (z - az) - (bz - az) * (y - ay));
                const double w1 = s * ((cy - by) * (z - bz) - (cz - bz) * (y - by));
                const double w2 = s * ((ay - cy) * (z - cz) - (az - cz) * (y - cy));
                if (w0 >= 0 && w1 >= 0 && w2 >= 0) covered[static_cast<size_t>(k) * ny + j] = 1;
            }
        }
    }
    return static_cast<double>(std::count(covered.begin(), covered.end(), 1)) * cell * cell;
}

/// Enclosed volume by the divergence theorem (positive when the triangles face outwards).
double signedVolume(vtkPolyData* surface) {
    vtkPoints* pts = surface->GetPoints();
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    double sum = 0.0;
    auto polys = surface->GetPolys();
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        double a[3], b[3], c[3];
        pts->GetPoint(ids[0], a);
        pts->GetPoint(ids[1], b);
        pts->GetPoint(ids[2], c);
        sum += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    }
    return sum / 6.0;
}

bool safeName(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}

}  // namespace

RunnerBody::Pose RunnerBody::poseFrom(const std::string& name) {
    if (name == "mid-stride") return Pose::midStride;
    if (name == "standing") return Pose::standing;
    throw GeometryError("geometry.pose = " + common::Printable::quote(name) + ": expected mid-stride|standing");
}

std::string RunnerBody::poseName(Pose pose) { return pose == Pose::midStride ? "mid-stride" : "standing"; }

RunnerBody::RunnerBody(const Athlete& athlete, std::string pose, std::string source)
    : athleteHeight_(athlete.height()),
      mass_(athlete.mass()),
      pughArea_(athlete.frontalArea()),
      pose_(std::move(pose)),
      source_(std::move(source)) {}

RunnerBody::RunnerBody(const Athlete& athlete, Pose pose) : RunnerBody(athlete, poseName(pose), "parametric") {
    const double H = athlete.height();
    const double g = std::sqrt((athlete.mass() / H) / (kRefMass / kRefHeight));
    PoseAngles angles = anglesOf(pose);
    if (pose == Pose::midStride) angles.legLeft.plantarFlexion = solvePlantarFlexion(H, g, angles);
    const Model model = buildModel(H, g, angles);
    segments_ = model.segments;
    auto armJson = [](const Arm& a) {
        return nlohmann::json{{"upper_arm", a.upper}, {"forearm", a.fore}, {"abduction", a.abduction}};
    };
    auto legJson = [](const Leg& l) {
        return nlohmann::json{{"thigh", l.thigh}, {"shank", l.shank}, {"plantar_flexion", l.plantarFlexion}};
    };
    poseAngles_ = {{"convention", "degrees from straight down, positive forward (+x); arms relative to the trunk"},
                   {"trunk_lean", angles.lean},
                   {"left_arm", armJson(angles.left)},
                   {"right_arm", armJson(angles.right)},
                   {"left_leg", legJson(angles.legLeft)},
                   {"right_leg", legJson(angles.legRight)}};
    girthScale_ = g;

    vtkNew<vtkFlyingEdges3D> contour;
    contour->SetInputData(sample(model.primitives, kCell));
    contour->SetValue(0, 0.0);
    contour->ComputeNormalsOff();
    contour->ComputeGradientsOff();
    contour->ComputeScalarsOff();
    contour->Update();

    // Where a blend web between two limbs thins out, the grid can leave a crumb of a few
    // triangles apart from the body: only the largest shell is kept, crumbs only.
    vtkNew<vtkPolyDataConnectivityFilter> largest;
    largest->SetInputConnection(contour->GetOutputPort());
    largest->SetExtractionModeToLargestRegion();
    vtkNew<vtkCleanPolyData> compact;
    compact->SetInputConnection(largest->GetOutputPort());
    compact->PointMergingOff();
    compact->Update();
    const vtkIdType raw = compact->GetOutput()->GetNumberOfPolys();
    const vtkIdType crumbs = contour->GetOutput()->GetNumberOfPolys() - raw;
    if (crumbs > kMaxCrumbTriangles) {
        std::ostringstream msg;
        msg << "runner surface (" << pose_ << ", " << H << " m, " << athlete.mass() << " kg) falls apart: " << crumbs
            << " triangles outside the main shell";
        throw GeometryError(msg.str());
    }

    // Quadric decimation does not check the link condition, so now and then (about one body in
    // seventy) it pinches an edge into a non-manifold one: then a gentler reduction, and at worst
    // the contour as it is.
    auto surface = vtkSmartPointer<vtkPolyData>::New();
    EdgeDefects d;
    for (const long target : {kTargetTriangles, kTargetTriangles * 7 / 6, kTargetTriangles * 4 / 3, 0L}) {
        if (target > 0 && target < raw) {
            vtkNew<vtkQuadricDecimation> decimate;
            decimate->SetInputConnection(compact->GetOutputPort());
            decimate->SetTargetReduction(1.0 - static_cast<double>(target) / static_cast<double>(raw));
            decimate->VolumePreservationOn();
            decimate->Update();
            surface->DeepCopy(decimate->GetOutput());
        } else {
            surface->DeepCopy(compact->GetOutput());
        }
        d = edgeDefects(surface);
        if (d.open == 0 && d.nonManifold == 0 && d.regions == 1) break;
    }
    if (d.open != 0 || d.nonManifold != 0 || d.regions != 1) {
        std::ostringstream msg;
        msg << "runner surface (" << pose_ << ", " << H << " m, " << athlete.mass() << " kg) is not one closed shell: " << d.open
            << " open edges, " << d.nonManifold << " non-manifold edges, " << d.regions << " regions";
        throw GeometryError(msg.str());
    }
    adopt(surface);
}

RunnerBody::RunnerBody(std::string source)
    : athleteHeight_(0.0), mass_(0.0), pughArea_(0.0), pose_("reference stl"), source_(std::move(source)) {}

RunnerBody RunnerBody::fromStl(const std::string& path, const Athlete& athlete) { return loadStl(path, &athlete); }

RunnerBody RunnerBody::fromReferenceStl(const std::string& path) { return loadStl(path, nullptr); }

RunnerBody RunnerBody::loadStl(const std::string& path, const Athlete* athlete) {
    const std::string field = "geometry.stl = " + common::Printable::quote(path) + ": ";
    auto refused = [&field](const std::string& why) { return GeometryError(field + why); };
    auto shown = [](double v) {
        std::ostringstream text;
        text.precision(4);
        text << v;
        return text.str();
    };

    // A FIFO, a device or a directory is refused by its type before it is opened (opening a
    // device can have effects of its own; reading /dev/zero never ends). Then the file is opened
    // without blocking and checked again on the descriptor, so a path swapped in between is no
    // way around the checks; VTK reads that same open file through /proc/self/fd where there is one.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw refused("cannot open the file");
    if (!S_ISREG(st.st_mode)) throw refused("not a regular file");
    const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    const int fd = file.fd;
    if (fd < 0) throw refused("cannot open the file");
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw refused("not a regular file");
    if (st.st_size > kMaxStlBytes)
        throw refused(std::to_string(st.st_size) + " bytes, above the limit of " + std::to_string(kMaxStlBytes) +
                      " bytes (64 MiB)");
    // A binary STL states its triangle count in bytes 80-83 (little endian): a file whose size
    // matches a count above the limit is refused before anything is read.
    unsigned char head[84];
    if (::pread(fd, head, sizeof(head), 0) == static_cast<ssize_t>(sizeof(head))) {
        const unsigned long long count = head[80] | head[81] << 8 | head[82] << 16 |
                                         static_cast<unsigned long long>(head[83]) << 24;
        if (84 + 50 * count == static_cast<unsigned long long>(st.st_size) && count > kMaxStlTriangles)
            throw refused(std::to_string(count) + " triangles, above the limit of " +
                          std::to_string(kMaxStlTriangles));
    }
    const std::string openFile = "/proc/self/fd/" + std::to_string(fd);
    const std::string readPath = ::access(openFile.c_str(), R_OK) == 0 ? openFile : path;

    // vtkSTLReader reports bad files through VTK's error output; turn that into our error.
    vtkNew<vtkSTLReader> reader;
    std::string readerError;
    vtkNew<vtkCallbackCommand> onError;
    onError->SetClientData(&readerError);
    onError->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
        auto* text = static_cast<std::string*>(client);
        if (text->empty() && call != nullptr) *text = static_cast<const char*>(call);
    });
    reader->AddObserver(vtkCommand::ErrorEvent, onError);
    reader->GetExecutive()->AddObserver(vtkCommand::ErrorEvent, onError);
    reader->SetFileName(readPath.c_str());
    // The reader's own point merging bins points by their bounds, which a NaN or infinite
    // coordinate breaks: points are merged by vtkCleanPolyData below, once they are known finite.
    reader->MergingOff();
    reader->Update();
    if (!readerError.empty()) throw refused("not a readable STL file");
    vtkPolyData* raw = reader->GetOutput();
    if (raw->GetNumberOfPolys() > kMaxStlTriangles)
        throw refused(std::to_string(raw->GetNumberOfPolys()) + " triangles, above the limit of " +
                      std::to_string(kMaxStlTriangles));
    for (vtkIdType i = 0; i < raw->GetNumberOfPoints(); ++i) {
        double p[3];
        raw->GetPoint(i, p);
        if (!std::isfinite(p[0]) || !std::isfinite(p[1]) || !std::isfinite(p[2]))
            throw refused("a vertex coordinate is not a finite number");
    }

    vtkNew<vtkCleanPolyData> clean;
    clean->SetInputData(raw);
    vtkNew<vtkTriangleFilter> triangulate;
    triangulate->SetInputConnection(clean->GetOutputPort());
    triangulate->PassLinesOff();
    triangulate->PassVertsOff();
    triangulate->Update();
    if (!readerError.empty()) throw refused("not a readable STL file");
    auto surface = vtkSmartPointer<vtkPolyData>::New();
    surface->ShallowCopy(triangulate->GetOutput());
    if (surface->GetNumberOfPolys() == 0) throw refused("no triangles");

    // Extents once scaled to the athlete, checked before the surface is oriented, meshed or
    // rasterised (a 1 x 1 x 1e-6 m box scales to 1750 km, whose raster cannot be allocated).
    // A reference body keeps its own size and the same bounds.
    double b[6];
    surface->GetBounds(b);
    if (!(b[5] - b[4] > 0)) throw refused("has no extent in z");
    const double H = athlete != nullptr ? athlete->height() : b[5] - b[4];
    const double scale = athlete != nullptr ? H / (b[5] - b[4]) : 1.0;
    const std::pair<const char*, double> extents[] = {{"depth (x)", scale * (b[1] - b[0])},
                                                       {"width (y)", scale * (b[3] - b[2])}};
    const double limit = athlete != nullptr ? kMaxStlExtent : kMaxReferenceStlExtent;
    for (const auto& [name, extent] : extents) {
        if (!(extent <= limit))
            throw refused(std::string(name) + " " + shown(extent) +
                          (athlete != nullptr ? " m once scaled to the athlete's height of " + shown(H) + " m"
                                              : std::string(" m")) +
                          ", above the limit of " + shown(limit) + " m");
    }
    for (const auto& [name, extent] : extents) {
        if (!(extent >= kMinStlThickness * H))
            throw refused(std::string(name) + " " + shown(extent) + (athlete != nullptr ? " m once scaled" : " m") +
                          ", below " + shown(kMinStlThickness) +
                          " of the height (" + shown(kMinStlThickness * H) + " m): a sheet, not a body");
    }

    const EdgeDefects d = edgeDefects(surface);
    if (d.open != 0 || d.nonManifold != 0 || d.regions != 1) {
        std::ostringstream msg;
        msg << field << "not one closed manifold shell: " << d.open << " open edges, " << d.nonManifold
            << " non-manifold edges, " << d.regions << " connected regions";
        throw GeometryError(msg.str());
    }

    // Uniform scale about the placement origin: bounding-box centre in x, y and the lowest point.
    const double cx = 0.5 * (b[0] + b[1]), cy = 0.5 * (b[2] + b[3]), cz = b[4];
    auto scaled = vtkSmartPointer<vtkPoints>::New();
    scaled->SetDataTypeToDouble();
    scaled->SetNumberOfPoints(surface->GetNumberOfPoints());
    for (vtkIdType i = 0; i < surface->GetNumberOfPoints(); ++i) {
        double p[3];
        surface->GetPoint(i, p);
        scaled->SetPoint(i, scale * (p[0] - cx), scale * (p[1] - cy), scale * (p[2] - cz));
    }
    surface->SetPoints(scaled);

    RunnerBody body = athlete != nullptr ? RunnerBody(*athlete, "stl", path) : RunnerBody(path);
    body.adopt(surface);
    return body;
}

void RunnerBody::adopt(vtkSmartPointer<vtkPolyData> surface) {
    // One consistent orientation (STL files do not promise one; the filter only reorders
    // triangles while it computes normals), then outwards: positive enclosed volume.
    vtkNew<vtkPolyDataNormals> orient;
    orient->SetInputData(surface);
    orient->SplittingOff();
    orient->ConsistencyOn();
    orient->ComputePointNormalsOff();
    orient->ComputeCellNormalsOn();
    orient->Update();
    vtkPolyData* oriented = orient->GetOutput();
    const bool inwards = signedVolume(oriented) < 0;

    // Only the points triangles use, in double precision, so min z is exactly 0 once placed.
    auto points = vtkSmartPointer<vtkPoints>::New();
    points->SetDataTypeToDouble();
    auto triangles = vtkSmartPointer<vtkCellArray>::New();
    std::vector<vtkIdType> newId(static_cast<size_t>(oriented->GetNumberOfPoints()), -1);
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    auto polys = oriented->GetPolys();
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        vtkIdType tri[3];
        for (int v = 0; v < 3; ++v) {
            vtkIdType& id = newId[static_cast<size_t>(ids[inwards ? 2 - v : v])];
            if (id < 0) {
                double p[3];
                oriented->GetPoint(ids[inwards ? 2 - v : v], p);
                id = points->InsertNextPoint(p);
            }
            tri[v] = id;
        }
        triangles->InsertNextCell(3, tri);
    }
    double b[6];
    points->GetBounds(b);
    const double cx = 0.5 * (b[0] + b[1]), cy = 0.5 * (b[2] + b[3]), cz = b[4];
    for (vtkIdType i = 0; i < points->GetNumberOfPoints(); ++i) {
        double p[3];
        points->GetPoint(i, p);
        points->SetPoint(i, p[0] - cx, p[1] - cy, p[2] - cz);
    }
    points->Modified();  // SetPoint does not, and the cached bounds would be the unplaced ones
    surface_ = vtkSmartPointer<vtkPolyData>::New();
    surface_->SetPoints(points);
    surface_->SetPolys(triangles);
    surface_->GetBounds(bounds_);
    volume_ = signedVolume(surface_);
    frontalArea_ = projectedArea(surface_, kRasterCell);
}

nlohmann::json RunnerBody::describe() const {
    nlohmann::json segs = nlohmann::json::array();
    for (const auto& s : segments_) {
        nlohmann::json j = {{"name", s.name}, {"length_m", s.length}};
        if (s.lengthFraction > 0) j["length_fraction_of_height"] = s.lengthFraction;
        const std::pair<const char*, double> sizes[] = {{"radius_start_m", s.radiusStart}, {"radius_end_m", s.radiusEnd},
                                                        {"half_depth_m", s.halfDepth},     {"half_width_m", s.halfWidth},
                                                        {"half_height_m", s.halfHeight}};
        for (const auto& [key, value] : sizes)
            if (value > 0) j[key] = value;
        segs.push_back(j);
    }
    nlohmann::json j = {{"source", source_},
                        {"pose", pose_},
                        {"athlete_height_m", athleteHeight_},
                        {"mass_kg", mass_},
                        {"height_m", height()},
                        {"depth_m", depth()},
                        {"width_m", width()},
                        {"frontal_area_m2", frontalArea_},
                        {"frontal_area_pugh_m2", pughArea_},
                        {"volume_m3", volume_},
                        {"triangles", surface_->GetNumberOfPolys()},
                        {"points", surface_->GetNumberOfPoints()},
                        {"frame", "feet on z = 0, facing +x, bounding-box centre at x = y = 0 [m]"}};
    if (athleteHeight_ == 0.0) {  // a reference body: no athlete sized it
        for (const char* key : {"athlete_height_m", "mass_kg", "frontal_area_pugh_m2"}) j.erase(key);
    }
    if (source_ == "parametric") {
        j["segments"] = segs;
        j["segment_lengths_source"] =
            "Winter DA (2009) Biomechanics and Motor Control of Human Movement, 4th ed., Wiley, Fig. 4.1 "
            "(segment lengths as fractions of height, after Drillis & Contini 1966)";
        j["radii_source"] = "reference lean runner (" + FoamFile::number(kRefHeight) + " m, " + FoamFile::number(kRefMass) +
                            " kg) scaled by sqrt((mass/height)/(reference mass/height))";
        j["pose_angles_deg"] = poseAngles_;
        j["girth_scale"] = girthScale_;
        j["grid_cell_m"] = kCell;
        j["blend_radius_m"] = kBlend;
    }
    return j;
}

std::string RunnerBody::stl(const std::string& solidName, double dx, double dy, double dz) const {
    if (!safeName(solidName))
        throw GeometryError("runner solid name " + common::Printable::quote(solidName) + ": expected letters, digits, _ . -");
    std::string out = "solid " + solidName + "\n";
    out.reserve(static_cast<size_t>(surface_->GetNumberOfPolys()) * 260);
    vtkPoints* pts = surface_->GetPoints();
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    auto polys = surface_->GetPolys();
    auto num = [](double v) { return FoamFile::number(v); };
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        Vec3 p[3];
        for (int v = 0; v < 3; ++v) {
            double x[3];
            pts->GetPoint(ids[v], x);
            p[v] = {x[0] + dx, x[1] + dy, x[2] + dz};
        }
        Vec3 n = cross(p[1] - p[0], p[2] - p[0]);
        const double len = norm(n);
        if (len > 0) n = (1.0 / len) * n;
        out += "  facet normal " + num(n.x) + ' ' + num(n.y) + ' ' + num(n.z) + "\n    outer loop\n";
        for (const Vec3& v : p) out += "      vertex " + num(v.x) + ' ' + num(v.y) + ' ' + num(v.z) + '\n';
        out += "    endloop\n  endfacet\n";
    }
    out += "endsolid " + solidName + "\n";
    return out;
}

bool RunnerBody::isClosedManifold(vtkPolyData* surface) {
    if (surface == nullptr || surface->GetNumberOfPolys() == 0) return false;
    const EdgeDefects d = edgeDefects(surface);
    return d.open == 0 && d.nonManifold == 0 && d.regions == 1;
}

}  // namespace drafting::meshes
