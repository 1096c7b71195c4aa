#include "postprocess/FlowFieldExport.hpp"

#include "cases/files/CaseResult.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/ValueList.hpp"
#include "common/AtomicFile.hpp"
#include "postprocess/FlowFieldImage.hpp"
#include "postprocess/ParaViewScript.hpp"
#include "postprocess/PostError.hpp"

#include <vtkCellData.h>
#include <vtkCompositeDataSet.h>
#include <vtkCutter.h>
#include <vtkDataArray.h>
#include <vtkDataObjectTreeIterator.h>
#include <vtkDoubleArray.h>
#include <vtkFloatArray.h>
#include <vtkInformation.h>
#include <vtkMultiBlockDataSet.h>
#include <vtkNew.h>
#include <vtkOpenFOAMReader.h>
#include <vtkPlane.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLMultiBlockDataWriter.h>
#include <vtkXMLPolyDataWriter.h>

#include <algorithm>
#include <set>
#include <system_error>
#include <fcntl.h>
#include <unistd.h>
#include <optional>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::post {

namespace {

const char* const kSliceFields[] = {"U", "p"};
const char* const kSurfaceFields[] = {"U", "p", "wallShearStress"};

// The case's results.json, checked as SavingsTable checks it (types, physical sanity, no runner
// pushed forward; which case it belongs to needs the manifest, so exportSweep's list stands for it),
// or PostError saying why it is not an exportable case: a case the tables leave out has no pictures.
cases::files::CaseResult okResults(const fs::path& caseDir) {
    const fs::path path = caseDir / cases::files::SweepLayout::kResults;
    if (!fs::exists(path)) throw PostError("no results.json (not solved)");
    cases::files::CaseResult results;
    try {
        results = cases::files::CaseResult::fromJson(common::JsonFile::read(path.string()), path.string());
    } catch (const std::exception& e) {
        throw PostError(e.what());
    }
    if (results.ok() && results.checkPhysical()) results.checkDragPositive();
    if (!results.ok())
        throw PostError("status " + results.status + (results.reason.empty() ? "" : ": " + results.reason));
    return results;
}

// A number among a result's parameters, or nothing when it is absent or not a number.
std::optional<double> parameter(const cases::files::CaseResult& results, const char* key) {
    const auto it = results.parameters.find(key);
    return it != results.parameters.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

std::string textParameter(const cases::files::CaseResult& results, const char* key) {
    const auto it = results.parameters.find(key);
    return it != results.parameters.end() && it->is_string() ? it->get<std::string>() : std::string();
}

double airSpeed(const cases::files::CaseResult& results) {
    if (const auto air = parameter(results, "air_speed_mps")) return *air;
    return parameter(results, "speed_mps").value_or(0.0);
}

std::vector<std::string> arrayNames(vtkFieldData* data) {
    std::vector<std::string> names;
    for (int i = 0; i < data->GetNumberOfArrays(); ++i) {
        if (const char* n = data->GetArrayName(i)) names.emplace_back(n);
    }
    return names;
}

// |U| beside U, so ParaView and the PNG colour by speed without a calculator.
void addMagnitude(vtkFieldData* data) {
    vtkDataArray* u = data->GetArray("U");
    if (u == nullptr || u->GetNumberOfComponents() != 3) return;
    vtkNew<vtkFloatArray> mag;
    mag->SetName("U_magnitude");
    mag->SetNumberOfTuples(u->GetNumberOfTuples());
    for (vtkIdType i = 0; i < u->GetNumberOfTuples(); ++i) {
        const double* v = u->GetTuple3(i);
        mag->SetValue(i, static_cast<float>(std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])));
    }
    data->AddArray(mag);
}

// Raw appended binary, zlib-compressed: ParaView's default and the smallest files.
template <class Writer>
void configure(Writer* w, const std::string& path) {
    w->SetFileName(path.c_str());
    w->SetDataModeToAppended();
    w->EncodeAppendedDataOff();
}

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

nlohmann::json FlowCaseExport::toJson() const {
    nlohmann::json blocks = nlohmann::json::array();
    for (std::size_t i = 0; i < runners.size(); ++i)
        blocks.push_back({{"runner", runners[i]}, {"cells", i < surfaceCells.size() ? surfaceCells[i] : 0}});
    return {{"case", caseName},
            {"formation", formation},
            {"front_gap_m", frontGap ? nlohmann::json(*frontGap) : nlohmann::json()},
            {"back_gap_m", backGap ? nlohmann::json(*backGap) : nlohmann::json()},
            {"index", index},
            {"dimension", dimension},
            {"time", time},
            {"slice_z_m", sliceZ},
            {"files", {{"slice", slice}, {"surfaces", surfaces}, {"image", image.empty() ? nullptr : nlohmann::json(image)}}},
            {"image_scale_bar_m", image.empty() ? nlohmann::json() : nlohmann::json(imageMarks.scaleBarM)},
            {"slice_cells", sliceCells},
            {"slice_arrays", sliceArrays},
            {"runners", blocks},
            {"surface_arrays", surfaceArrays},
            {"warnings", warnings},
            {"seconds", seconds}};
}

nlohmann::json FlowSweepExport::Series::toJson() const {
    return {{"formation", formation}, {"pvd", pvd}, {"axis", axis}, {"steps", steps}, {"cases", cases}};
}

nlohmann::json FlowSweepExport::toJson() const {
    nlohmann::json list = nlohmann::json::array(), seriesList = nlohmann::json::array();
    for (const auto& c : cases) list.push_back(c.toJson());
    for (const auto& s : series) seriesList.push_back(s.toJson());
    return {{"out_dir", outDir},     {"pvd", pvd},         {"speed_max_mps", speedMax}, {"series", seriesList},
            {"script", script},      {"cases", list},      {"skipped", skipped},        {"warnings", warnings}};
}

FlowCaseExport FlowFieldExport::exportCase(const std::string& caseDir, const std::string& outDir,
                                           const FlowExportOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const fs::path dir(caseDir);
    const cases::files::CaseResult results = okResults(dir);

    FlowCaseExport out;
    out.caseName = results.caseName.empty() ? dir.filename().string() : results.caseName;
    out.formation = textParameter(results, "formation");
    out.frontGap = parameter(results, "front_gap_m");
    out.backGap = parameter(results, "back_gap_m");
    out.dimension = results.mesh && results.mesh->dimension != 0 ? results.mesh->dimension : 2;
    std::vector<std::string> bodies;
    for (const auto& [name, forces] : results.bodies) bodies.push_back(name);
    // results.json sorts its keys; the lead runner first reads better in ParaView's block list.
    std::stable_partition(bodies.begin(), bodies.end(), [](const std::string& b) { return b == "lead"; });

    // ParaView (and VTK's reader) open a case through this empty marker; old cases may lack it.
    const fs::path marker = dir / cases::files::SweepLayout::kCaseFoam;
    if (!fs::exists(fs::symlink_status(marker))) {
        // O_EXCL|O_NOFOLLOW: never through a link planted at the marker's name.
        const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0) throw PostError("cannot create " + marker.string());
        ::close(fd);
    } else if (fs::is_symlink(fs::symlink_status(marker))) {
        throw PostError(marker.string() + " is a symbolic link: not the case's ParaView marker");
    }

    vtkNew<vtkOpenFOAMReader> reader;
    reader->SetFileName(marker.string().c_str());
    // snappyHexMesh's 3D cells include polyhedra VTK cannot always cut; decomposed they always
    // can. A 2D slab's polyhedra are extruded polygons that cut cleanly, one polygon per cell.
    reader->SetDecomposePolyhedra(out.dimension == 3);
    reader->CreateCellToPointOn();
    reader->ReadZonesOff();
    reader->UpdateInformation();
    vtkDoubleArray* times = reader->GetTimeValues();
    if (times == nullptr || times->GetNumberOfTuples() == 0) throw PostError(out.caseName + ": no time to read");
    out.time = times->GetValue(0);
    for (vtkIdType i = 1; i < times->GetNumberOfTuples(); ++i) out.time = std::max(out.time, times->GetValue(i));
    if (out.time <= 0.0) throw PostError(out.caseName + ": only the initial time 0, nothing solved");
    std::ostringstream timeText;
    timeText << out.time;
    const std::string timeName = timeText.str();

    reader->DisableAllPatchArrays();
    reader->SetPatchArrayStatus("internalMesh", 1);
    for (const auto& b : bodies) reader->SetPatchArrayStatus(("patch/" + b).c_str(), 1);
    reader->DisableAllCellArrays();
    for (const char* f : kSurfaceFields) reader->SetCellArrayStatus(f, 1);
    reader->DisableAllPointArrays();
    reader->DisableAllLagrangianArrays();
    reader->UpdateTimeStep(out.time);

    vtkUnstructuredGrid* grid = nullptr;
    std::map<std::string, vtkPolyData*> patches;
    vtkMultiBlockDataSet* tree = reader->GetOutput();
    vtkSmartPointer<vtkDataObjectTreeIterator> it;
    it.TakeReference(tree->NewTreeIterator());
    for (it->InitTraversal(); !it->IsDoneWithTraversal(); it->GoToNextItem()) {
        const char* name = it->GetCurrentMetaData()->Get(vtkCompositeDataSet::NAME());
        if (name == nullptr) continue;
        vtkDataObject* block = it->GetCurrentDataObject();
        if (std::string(name) == "internalMesh") grid = vtkUnstructuredGrid::SafeDownCast(block);
        else if (auto* poly = vtkPolyData::SafeDownCast(block)) patches[name] = poly;
    }
    if (grid == nullptr || grid->GetNumberOfCells() == 0)
        throw PostError(out.caseName + ": no internal mesh at time " + timeName);

    // ---- the horizontal slice: chest height in 3D (ground at z = 0); a 2D slab is one cell
    // thick over the athlete's height, so its mid-plane cuts every cell.
    double bounds[6];
    grid->GetBounds(bounds);
    const double height = parameter(results, "height_m").value_or(0.0);
    out.sliceZ = out.dimension == 3 && height > 0.0 ? kChestFraction * height : 0.5 * (bounds[4] + bounds[5]);
    if (out.sliceZ <= bounds[4] || out.sliceZ >= bounds[5])
        throw PostError(out.caseName + ": slice height " + std::to_string(out.sliceZ) + " m outside the mesh");
    vtkNew<vtkPlane> plane;
    plane->SetOrigin(0.0, 0.0, out.sliceZ);
    plane->SetNormal(0.0, 0.0, 1.0);
    vtkNew<vtkCutter> cutter;
    cutter->SetCutFunction(plane);
    cutter->SetInputData(grid);
    cutter->GenerateTrianglesOff();  // one polygon per cut cell, as in ParaView's slice
    cutter->Update();
    vtkPolyData* slice = cutter->GetOutput();
    for (const char* f : kSliceFields) {
        if (slice->GetPointData()->GetArray(f) == nullptr)
            out.warnings.push_back(std::string(f) + ": not on the slice (not written at time " + timeName + ")");
    }
    // Only the fields named on the slice: k, ω and the wall stress belong to other views.
    for (vtkFieldData* data : {static_cast<vtkFieldData*>(slice->GetPointData()), static_cast<vtkFieldData*>(slice->GetCellData())}) {
        for (const auto& name : arrayNames(data)) {
            if (name != "U" && name != "p") data->RemoveArray(name.c_str());
        }
        addMagnitude(data);
    }
    out.sliceCells = slice->GetNumberOfCells();
    out.sliceArrays = arrayNames(slice->GetPointData());
    if (out.sliceCells == 0) out.warnings.push_back("the slice at z = " + std::to_string(out.sliceZ) + " m cut no cell");

    const fs::path outPath(outDir);
    std::error_code ec;
    fs::create_directories(outPath, ec);
    if (ec) throw PostError("cannot create " + outDir + ": " + ec.message());
    fs::remove(outPath / "speed.png", ec);  // a picture left from an earlier export would not match these files
    out.slice = (outPath / "slice.vtp").string();
    vtkNew<vtkXMLPolyDataWriter> sliceWriter;
    configure(sliceWriter.Get(), out.slice);
    sliceWriter->SetInputData(slice);
    if (sliceWriter->Write() != 1) throw PostError("cannot write " + out.slice);

    // ---- the runners' surfaces, one named block each
    vtkNew<vtkMultiBlockDataSet> surfaces;
    std::vector<std::string> missingSurface;
    for (const auto& b : bodies) {
        const auto found = patches.find(b);
        if (found == patches.end()) {
            out.warnings.push_back("runner " + b + ": no patch '" + b + "' in the mesh");
            continue;
        }
        vtkPolyData* patch = found->second;
        for (const char* f : kSurfaceFields) {
            if (patch->GetCellData()->GetArray(f) == nullptr &&
                std::find(missingSurface.begin(), missingSurface.end(), f) == missingSurface.end())
                missingSurface.emplace_back(f);
        }
        const unsigned int n = surfaces->GetNumberOfBlocks();
        surfaces->SetBlock(n, patch);
        surfaces->GetMetaData(n)->Set(vtkCompositeDataSet::NAME(), b.c_str());
        out.runners.push_back(b);
        out.surfaceCells.push_back(patch->GetNumberOfCells());
        if (out.surfaceArrays.empty()) out.surfaceArrays = arrayNames(patch->GetCellData());
    }
    for (const auto& f : missingSurface) {
        out.warnings.push_back(f + ": not on the runner surfaces (not written at time " + timeName + ")");
    }
    out.surfaces = (outPath / "surfaces.vtm").string();
    fs::remove_all(outPath / "surfaces", ec);  // a re-export with fewer runners leaves no stale block files
    vtkNew<vtkXMLMultiBlockDataWriter> surfaceWriter;
    configure(surfaceWriter.Get(), out.surfaces);
    surfaceWriter->SetInputData(surfaces);
    if (surfaceWriter->Write() != 1) throw PostError("cannot write " + out.surfaces);

    // ---- the picture
    if (options.render) {
        if (!FlowFieldImage::displayAvailable()) {
            out.warnings.push_back("speed.png not rendered: no X display (run under xvfb-run)");
        } else if (slice->GetPointData()->GetArray("U_magnitude") == nullptr || out.sliceCells == 0) {
            out.warnings.push_back("speed.png not rendered: no velocity on the slice");
        } else {
            FlowImageSpec spec;
            spec.path = (outPath / "speed.png").string();
            spec.width = options.imageWidth;
            spec.height = options.imageHeight;
            spec.speedMax = options.speedMax ? *options.speedMax : kSpeedRangeFactor * airSpeed(results);
            char title[160];
            std::snprintf(title, sizeof(title), "%s: |U| at z = %.2f m%s", out.caseName.c_str(), out.sliceZ,
                          out.dimension == 3 ? " (chest height)" : " (2D section)");
            spec.title = title;
            out.imageMarks = FlowFieldImage::write(slice, surfaces, spec);
            out.image = spec.path;
        }
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

FlowSweepExport FlowFieldExport::exportSweep(const std::string& sweepDir, const std::string& outDir,
                                             const FlowExportOptions& options) {
    const fs::path sweep(sweepDir);
    const fs::path manifestPath = sweep / cases::files::Manifest::kFileName;
    if (!fs::exists(manifestPath)) throw PostError(sweepDir + ": not a sweep directory (no manifest.json)");
    // Manifest::read checks every field and every case name (common::InputError: bad input, exit 1).
    cases::files::Manifest manifest;
    try {
        manifest = cases::files::Manifest::read(sweepDir);
    } catch (const common::RunError& e) {
        throw PostError(e.site(), e.why());
    }

    FlowSweepExport result;
    result.outDir = outDir;
    // First pass: which cases are ok, and the shared colour range over them.
    std::vector<std::string> okCases;
    double maxAir = 0.0;
    for (const auto& entry : manifest.cases) {
        const std::string& name = entry.name;
        try {
            const auto results = okResults(sweep / name);
            maxAir = std::max(maxAir, airSpeed(results));
            okCases.push_back(name);
        } catch (const PostError& e) {
            result.skipped.push_back(name + ": " + e.what());
        }
    }
    result.speedMax = options.speedMax ? *options.speedMax : kSpeedRangeFactor * maxAir;

    FlowExportOptions caseOptions = options;
    caseOptions.speedMax = result.speedMax;
    if (caseOptions.render && !FlowFieldImage::displayAvailable()) {
        result.warnings.push_back("no X display: speed.png not rendered (run under xvfb-run)");
        caseOptions.render = false;
    }
    try {
        fs::create_directories(outDir);
    } catch (const fs::filesystem_error& e) {
        throw PostError("cannot create " + outDir + ": " + e.what());
    }
    for (const auto& name : okCases) {
        try {
            FlowCaseExport c = exportCase((sweep / name).string(), (fs::path(outDir) / name).string(), caseOptions);
            c.index = static_cast<int>(result.cases.size());
            result.cases.push_back(std::move(c));
        } catch (const PostError& e) {
            result.skipped.push_back(name + ": " + e.what());
        }
    }
    result.pvd = (fs::path(outDir) / "sweep.pvd").string();
    writePvd(result.pvd, result.cases);
    result.series = writeSeries(outDir, result.cases, result.warnings);
    result.script = (fs::path(outDir) / ParaViewScript::kFileName).string();
    try {
        common::AtomicFile::write(result.script, ParaViewScript::text(fs::absolute(outDir).lexically_normal().string()),
                                  0755);
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
    return result;
}

void FlowFieldExport::writePvd(const std::string& path, const std::vector<FlowCaseExport>& cases) {
    std::vector<PvdEntry> entries;
    for (const auto& c : cases) entries.push_back({static_cast<double>(c.index), 0, c.caseName, c.formation, c.slice});
    writeCollection(path, entries);
}

std::vector<FlowSweepExport::Series> FlowFieldExport::writeSeries(const std::string& outDir,
                                                                  const std::vector<FlowCaseExport>& cases,
                                                                  std::vector<std::string>& warnings) {
    std::vector<std::string> formations;  // in the order of their first case
    for (const auto& c : cases)
        if (std::find(formations.begin(), formations.end(), c.formation) == formations.end())
            formations.push_back(c.formation);
    std::vector<FlowSweepExport::Series> all;
    for (const auto& formation : formations) {
        // results.json names the formation: it becomes a file name only when it is a safe one.
        if (!common::SafeName::isSafe(formation) || formation == "sweep") {
            warnings.push_back("formation " + common::Printable::quote(formation) + ": not a file name, no series pvd");
            continue;
        }
        std::vector<const FlowCaseExport*> members;
        for (const auto& c : cases)
            if (c.formation == formation) members.push_back(&c);
        // The gap this formation varies: a time axis only when it tells every case apart.
        const auto distinct = [&](auto gapOf) {
            std::set<double> values;
            for (const auto* c : members) {
                const std::optional<double> g = gapOf(*c);
                if (!g) return false;
                values.insert(*g);
            }
            return values.size() == members.size();
        };
        FlowSweepExport::Series series;
        series.formation = formation;
        series.pvd = (fs::path(outDir) / (formation + ".pvd")).string();
        std::vector<std::pair<double, const FlowCaseExport*>> steps;
        if (members.size() == 1 && !members.front()->frontGap && !members.front()->backGap) {
            series.axis = "none";
            steps.push_back({0.0, members.front()});
        } else if (distinct([](const FlowCaseExport& c) { return c.frontGap; })) {
            series.axis = "front_gap_m";
            for (const auto* c : members) steps.push_back({*c->frontGap, c});
        } else if (distinct([](const FlowCaseExport& c) { return c.backGap; })) {
            series.axis = "back_gap_m";
            for (const auto* c : members) steps.push_back({*c->backGap, c});
        } else {
            series.axis = "case index";
            for (std::size_t i = 0; i < members.size(); ++i) steps.push_back({static_cast<double>(i), members[i]});
        }
        std::stable_sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<PvdEntry> entries;
        for (const auto& [time, c] : steps) {
            series.steps.push_back(time);
            series.cases.push_back(c->caseName);
            // Named parts, the same at every step: a script selects them as /Root/slice and /Root/runners.
            entries.push_back({time, 0, "slice", formation, c->slice});
            entries.push_back({time, 1, "runners", formation, c->surfaces});
        }
        writeCollection(series.pvd, entries);
        all.push_back(std::move(series));
    }
    return all;
}

void FlowFieldExport::writeCollection(const std::string& path, const std::vector<PvdEntry>& entries) {
    const fs::path base = fs::absolute(fs::path(path)).parent_path();
    std::ostringstream xml;
    xml << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
        << "  <Collection>\n";
    for (const auto& e : entries) {
        // Relative paths keep the folder movable; ParaView resolves them from the pvd's folder.
        const fs::path target = fs::absolute(fs::path(e.file));
        const fs::path rel = target.lexically_relative(base);
        const std::string file = !rel.empty() && *rel.begin() != ".." ? rel.generic_string() : target.string();
        xml << "    <DataSet timestep=\"" << common::ValueList::format(e.timestep) << "\" group=\"" << xmlEscape(e.group)
            << "\" part=\"" << e.part << "\" name=\"" << xmlEscape(e.name) << "\" file=\"" << xmlEscape(file) << "\"/>\n";
    }
    xml << "  </Collection>\n</VTKFile>\n";
    try {
        common::AtomicFile::write(path, xml.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

}  // namespace drafting::post
