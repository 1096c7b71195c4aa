#pragma once
// A 3D runner surface: parametric from anthropometry, or a user STL, sized to the athlete.

#include "meshes/Athlete.hpp"

#include <nlohmann/json.hpp>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <optional>
#include <string>
#include <vector>

namespace drafting::meshes {

class BodyModel;

/// One closed, manifold triangulated runner: feet on z = 0, facing +x, bounding box centred on
/// x = 0, y = 0, metres.
///
/// The parametric body is a smooth union (polynomial smooth-min, blend radius kBlend) of capsules,
/// tapered capsules and elliptic capsules, one per segment, sampled on a kCell grid, contoured
/// with vtkFlyingEdges3D and decimated to about kTargetTriangles. Segment lengths and joint
/// heights are fractions of the height H from Winter DA (2009), Biomechanics and Motor Control of
/// Human Movement, 4th ed., Wiley, ch. 4, Fig. 4.1 (after Drillis & Contini 1966): shoulder
/// 0.818H, hip 0.530H, knee 0.285H, ankle 0.039H, chin 0.870H, shoulder width 0.259H, hip width
/// 0.191H, upper arm 0.186H, forearm 0.146H, hand 0.108H, thigh 0.245H, shank 0.246H, foot
/// length 0.152H, foot width 0.055H. Winter gives no girths: the radii are those of a reference
/// lean runner (kRefHeight, kRefMass), scaled by sqrt((m / H) / (kRefMass / kRefHeight)) so that
/// mass ∝ girth² × height; they were chosen so the model's volume is the athlete's mass at about
/// 1000 kg/m³ and its frontal area is close to Pugh's 0.266 × BSA (Athlete::frontalArea()).
class RunnerBody {
public:
    enum class Pose { midStride, standing };
    /// "mid-stride" | "standing"; throws GeometryError naming geometry.pose otherwise.
    static Pose poseFrom(const std::string& name);
    static std::string poseName(Pose pose);

    /// Parametric body from anthropometric segment proportions scaled to the athlete's height
    /// and mass. Mid-stride is the flight phase: left leg forward (thigh 28° forward of vertical,
    /// knee bent), right leg back with the shank raised behind, arms opposite with elbows at 90°,
    /// trunk inclined 5° forward. The front foot's plantar flexion is solved so the posed body
    /// still spans the athlete's height from forefoot to head top (a forefoot landing).
    RunnerBody(const Athlete& athlete, Pose pose);

    /// Parametric body at `stridePhase` of the measured running stride (GaitCycle: 0 = right foot
    /// strike, wrapped into [0, 1)): its legs, arms and trunk lean as measured, so it spans less
    /// than the athlete's height with its knees bent. Its lowest point is on the ground like every
    /// body's, in flight too (the few centimetres a runner clears the ground in flight are not
    /// modelled). Throws GeometryError naming geometry.stride_phase if the phase is not finite.
    RunnerBody(const Athlete& athlete, double stridePhase);

    /// A user STL (ASCII or binary) scaled uniformly to the athlete's height, placed the same
    /// way. The file must already be z-up and facing +x; it is not rotated. Throws GeometryError
    /// (naming geometry.stl, the quoted path and the failing bound) if it is not a regular file,
    /// is larger than kMaxStlBytes or has more than kMaxStlTriangles triangles, has a coordinate
    /// that is not finite, is unreadable or empty, is wider or deeper than kMaxStlExtent once
    /// scaled, thinner than kMinStlThickness of its height, or not closed/manifold. The bounds are
    /// checked before anything is meshed or rasterised, so a wrong file costs no memory.
    static RunnerBody fromStl(const std::string& path, const Athlete& athlete);

    /// A reference body's STL (cases::reference::ReferenceCase) at its own size, in metres: the same checks
    /// and placement as fromStl (depth and width up to kMaxReferenceStlExtent), but not scaled to
    /// an athlete, so a body no athlete's size fits
    /// (the Ahmed body, 0.288 m tall and 1.044 m long) keeps its wind-tunnel size. runner.json
    /// then carries no athlete (pose "reference stl").
    static RunnerBody fromReferenceStl(const std::string& path);

    /// Triangles, outward-oriented; feet on z = 0 (min z exactly 0), facing +x, bounding box
    /// centre at x = 0, y = 0.
    vtkSmartPointer<vtkPolyData> surface() const { return surface_; }
    double height() const { return bounds_[5]; }                  // max z [m]
    double depth() const { return bounds_[1] - bounds_[0]; }      // x extent [m]
    double width() const { return bounds_[3] - bounds_[2]; }      // y extent [m]
    /// Area projected on the y-z plane [m²]: the triangles rasterised on a kRasterCell grid.
    double frontalArea() const { return frontalArea_; }
    double volume() const { return volume_; }                     // enclosed volume [m³]
    /// The phase of the measured stride the body is posed at; none for the frozen poses and STLs.
    std::optional<double> stridePhase() const { return stridePhase_; }
    /// The limbs' proportions of the parametric body (SegmentProportions::name); "" for an STL.
    const std::string& proportions() const { return proportions_; }

    /// runner.json: measured sizes beside Pugh's frontal area, source, triangles, and the
    /// segment table (lengths, radii, citation) for the parametric body.
    nlohmann::json describe() const;

    /// ASCII STL whose solid is named `solidName` (letters, digits, _ . -), translated by
    /// (dx, dy, dz). Throws GeometryError for an unsafe name.
    std::string stl(const std::string& solidName, double dx = 0, double dy = 0, double dz = 0) const;

    /// True if every edge is shared by exactly two triangles and the surface is one connected
    /// shell (vtkFeatureEdges boundary + non-manifold = 0, vtkPolyDataConnectivityFilter 1 region).
    static bool isClosedManifold(vtkPolyData* surface);

    /// One modelled segment [m]: a round section tapering from radiusStart (proximal) to
    /// radiusEnd, or an elliptic one with the half-axes that apply (the others 0).
    struct Segment {
        std::string name;
        double length = 0.0;
        double lengthFraction = 0.0;  // of H, from Winter Fig. 4.1 (0 when the length is this model's)
        double radiusStart = 0.0, radiusEnd = 0.0;
        double halfDepth = 0.0, halfWidth = 0.0, halfHeight = 0.0;
    };
    const std::vector<Segment>& segments() const { return segments_; }

    static constexpr double kCell = 0.006;            // sampling grid [m]
    static constexpr double kBlend = 0.015;           // smooth-union radius [m]
    static constexpr long kTargetTriangles = 30000;
    static constexpr double kRasterCell = 0.002;      // frontal-area raster [m]
    static constexpr double kRefHeight = 1.75;        // reference lean runner [m]
    static constexpr double kRefMass = 60.0;          // [kg]
    static constexpr double kTrunkLeanDeg = 5.0;

    // Bounds on a user STL (fromStl). A human body plus margin fits well inside them; a file
    // outside them is the wrong file or in the wrong units, and would otherwise exhaust memory
    // (reader, frontal-area raster) or give a background mesh the size of a town. The height
    // needs no bound of its own: the surface is scaled to the athlete's, which Athlete keeps in
    // [kMinHeight, kMaxHeight].
    /// File size: a binary STL of this size holds 1.3 million triangles, an ASCII one about
    /// 250 000; a whole-body scan decimated for CFD has well under 500 000.
    static constexpr long long kMaxStlBytes = 64LL * 1024 * 1024;
    /// Triangles: beyond this snappyHexMesh's surface refinement and our edge checks take
    /// minutes; the parametric body has kTargetTriangles.
    static constexpr long kMaxStlTriangles = 500000;
    /// Depth (x) and width (y) once scaled [m]: arms spread, a 2.3 m athlete spans about 2.3 m;
    /// a mid-stride runner is about 0.65 H deep.
    static constexpr double kMaxStlExtent = 3.0;
    /// The same bound for a reference body at its own size (fromReferenceStl): the longest, the
    /// DARPA SUBOFF hull, is 4.36 m. Depth costs no raster memory (the frontal area is rasterised
    /// across the flow), and the width stays within what a runner may span.
    static constexpr double kMaxReferenceStlExtent = 5.0;
    /// Thinnest extent as a fraction of the height: a standing person is about 0.12 H deep and
    /// 0.26 H wide; a flat sheet would need a cell size the mesher and the raster cannot afford.
    static constexpr double kMinStlThickness = 0.05;

private:
    RunnerBody(const Athlete& athlete, std::string pose, std::string source);
    explicit RunnerBody(std::string source);  // a reference STL: no athlete, pose "reference stl"

    /// fromStl's reading, checks and placement; scaled to the athlete's height, or kept at its
    /// own size when there is no athlete (fromReferenceStl).
    static RunnerBody loadStl(const std::string& path, const Athlete* athlete);

    vtkSmartPointer<vtkPolyData> surface_;
    double athleteHeight_, mass_, pughArea_;
    std::string pose_, source_;
    std::vector<Segment> segments_;
    nlohmann::json poseAngles_ = nlohmann::json::object();
    double girthScale_ = 1.0;
    double bounds_[6] = {0, 0, 0, 0, 0, 0};
    double frontalArea_ = 0.0;
    double volume_ = 0.0;

    /// Orients, places and measures a closed surface (shared by both sources).
    void adopt(vtkSmartPointer<vtkPolyData> surface);
    /// Contours, cleans and adopts the parametric model (both parametric constructors).
    void buildParametric(const Athlete& athlete, const BodyModel& model);
    std::optional<double> stridePhase_;
    std::string proportions_;
};

}  // namespace drafting::meshes
