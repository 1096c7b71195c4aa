#include "meshes/RunnerBody.hpp"

#include "meshes/BodyModel.hpp"
#include "meshes/GaitCycle.hpp"

#include "meshes/FoamFile.hpp"
#include "meshes/GeometryError.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "meshes/SurfaceMeasures.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCellArray.h>
#include <vtkCleanPolyData.h>
#include <vtkExecutive.h>
#include <vtkFeatureEdges.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyDataConnectivityFilter.h>
#include <vtkPolyDataNormals.h>
#include <vtkQuadricDecimation.h>
#include <vtkSTLReader.h>
#include <vtkTriangleFilter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drafting::meshes {

namespace {

constexpr vtkIdType kMaxCrumbTriangles = 200;


/// An open file descriptor, closed when it goes out of scope.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

RunnerBody::Pose RunnerBody::poseFrom(const std::string& name) {
    if (name == "mid-stride") return Pose::midStride;
    if (name == "standing") return Pose::standing;
    throw GeometryError(common::ErrorSite::of("geometry.pose", name), "expected mid-stride|standing");
}

std::string RunnerBody::poseName(Pose pose) { return pose == Pose::midStride ? "mid-stride" : "standing"; }

RunnerBody::RunnerBody(const Athlete& athlete, std::string pose, std::string source)
    : athleteHeight_(athlete.height()),
      mass_(athlete.mass()),
      pughArea_(athlete.frontalArea()),
      pose_(std::move(pose)),
      source_(std::move(source)) {}

namespace {

/// Girths of the reference runner scale with sqrt((m / H) / (m_ref / H_ref)).
double girthScaleOf(const Athlete& athlete) {
    return std::sqrt((athlete.mass() / athlete.height()) / (RunnerBody::kRefMass / RunnerBody::kRefHeight));
}

}  // namespace

RunnerBody::RunnerBody(const Athlete& athlete, Pose pose) : RunnerBody(athlete, poseName(pose), "parametric") {
    buildParametric(athlete, BodyModel(athlete.height(), girthScaleOf(athlete), pose, athlete.proportions()));
}

RunnerBody::RunnerBody(const Athlete& athlete, double stridePhase) : RunnerBody(athlete, "stride", "parametric") {
    if (!std::isfinite(stridePhase))
        throw GeometryError(common::ErrorSite::of("geometry.stride_phase", std::to_string(stridePhase)), "not a finite number");
    stridePhase_ = GaitCycle::wrap(stridePhase);
    buildParametric(athlete, BodyModel(athlete.height(), girthScaleOf(athlete), GaitCycle::poseAt(*stridePhase_), athlete.proportions()));
}

void RunnerBody::buildParametric(const Athlete& athlete, const BodyModel& model) {
    proportions_ = athlete.proportions().name;
    const double H = athlete.height();
    const double g = girthScaleOf(athlete);
    const BodyModel::PoseAngles& angles = model.angles();
    segments_ = model.segments();
    auto armJson = [](const BodyModel::Arm& a) {
        return nlohmann::json{{"upper_arm", a.upper}, {"forearm", a.fore}, {"abduction", a.abduction}};
    };
    auto legJson = [](const BodyModel::Leg& l) {
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
    contour->SetInputData(model.sample(kCell));
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
    SurfaceMeasures::EdgeDefects d;
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
        d = SurfaceMeasures::edgeDefects(surface);
        if (d.closedShell()) break;
    }
    if (!d.closedShell()) {
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
    auto refused = [&path](const std::string& why) { return GeometryError(common::ErrorSite::of("geometry.stl", path), why); };
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

    const SurfaceMeasures::EdgeDefects d = SurfaceMeasures::edgeDefects(surface);
    if (!d.closedShell()) {
        std::ostringstream msg;
        msg << "not one closed manifold shell: " << d.open << " open edges, " << d.nonManifold
            << " non-manifold edges, " << d.regions << " connected regions";
        throw refused(msg.str());
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
    const bool inwards = SurfaceMeasures::signedVolume(oriented) < 0;

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
    volume_ = SurfaceMeasures::signedVolume(surface_);
    frontalArea_ = SurfaceMeasures::projectedArea(surface_, kRasterCell);
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
        // Only a body of other proportions than Winter's says so: earlier bodies' files stand.
        if (proportions_ != "winter") {
            j["proportions"] = proportions_;
            j["segment_lengths_source"] = j["segment_lengths_source"].get<std::string>() +
                                          "; the limbs with de Leva P (1996) J Biomech 29:1223, Table 1, " +
                                          proportions_ + " against both sexes' mean (meshes/SegmentProportions.hpp)";
        }
        j["pose_angles_deg"] = poseAngles_;
        if (stridePhase_) {
            j["stride_phase"] = *stridePhase_;
            j["pose_source"] = GaitCycle::kSource;
        }
        j["girth_scale"] = girthScale_;
        j["grid_cell_m"] = kCell;
        j["blend_radius_m"] = kBlend;
    }
    return j;
}

std::string RunnerBody::stl(const std::string& solidName, double dx, double dy, double dz) const {
    if (!common::SafeName::isSafe(solidName))
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
        double p[3][3];
        for (int v = 0; v < 3; ++v) {
            pts->GetPoint(ids[v], p[v]);
            p[v][0] += dx;
            p[v][1] += dy;
            p[v][2] += dz;
        }
        const double u[3] = {p[1][0] - p[0][0], p[1][1] - p[0][1], p[1][2] - p[0][2]};
        const double w[3] = {p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]};
        double n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
        const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (len > 0)
            for (double& c : n) c *= 1.0 / len;
        out += "  facet normal " + num(n[0]) + ' ' + num(n[1]) + ' ' + num(n[2]) + "\n    outer loop\n";
        for (const auto& v : p) out += "      vertex " + num(v[0]) + ' ' + num(v[1]) + ' ' + num(v[2]) + '\n';
        out += "    endloop\n  endfacet\n";
    }
    out += "endsolid " + solidName + "\n";
    return out;
}

bool RunnerBody::isClosedManifold(vtkPolyData* surface) {
    if (surface == nullptr || surface->GetNumberOfPolys() == 0) return false;
    const SurfaceMeasures::EdgeDefects d = SurfaceMeasures::edgeDefects(surface);
    return d.closedShell();
}

}  // namespace drafting::meshes
