#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "postprocess/FlowFieldImage.hpp"

namespace drafting::post {

/// What FlowFieldExport wrote for one solved case (paths are absolute or as given by the caller).
struct FlowCaseExport {
    std::string caseName;
    std::string formation;     // results.json parameters.formation: the pvd's `group`
    std::optional<double> frontGap, backGap;  // results.json parameters front_gap_m, back_gap_m
    int index = 0;             // the case's timestep in sweep.pvd (position among the exported cases)
    int dimension = 2;
    double time = 0.0;         // the OpenFOAM time exported (the latest)
    double sliceZ = 0.0;       // height of the horizontal slice [m]
    std::string slice;         // slice.vtp
    std::string surfaces;      // surfaces.vtm
    std::string image;         // speed.png; empty when not rendered
    FlowImageMarks imageMarks; // its length scale bar and runner names (when rendered)
    long sliceCells = 0;
    std::vector<std::string> sliceArrays;    // point-data arrays of slice.vtp
    std::vector<std::string> runners;        // surfaces.vtm blocks, in order
    std::vector<long> surfaceCells;          // faces per runner block
    std::vector<std::string> surfaceArrays;  // cell-data arrays on the runner surfaces
    std::vector<std::string> warnings;       // e.g. an array the case never wrote
    double seconds = 0.0;                    // wall time of this case's export

    nlohmann::json toJson() const;
};

/// What FlowFieldExport wrote for a sweep.
struct FlowSweepExport {
    /// One formation's cases as a ParaView time series, OUT/<formation>.pvd: each step a case,
    /// its time the gap the formation varies, with two parts per step, "slice" and "runners".
    struct Series {
        std::string formation;
        std::string pvd;               // OUT/<formation>.pvd
        std::string axis;              // "front_gap_m", "back_gap_m", "case index" or "none" (one case)
        std::vector<double> steps;     // ascending
        std::vector<std::string> cases;  // in the order of the steps
        nlohmann::json toJson() const;
    };

    std::string outDir;
    std::string pvd;                    // OUT/sweep.pvd
    std::vector<Series> series;         // one per formation with an exported case
    std::string script;                 // OUT/open-in-paraview.py (ParaViewScript)
    double speedMax = 0.0;              // top of the PNGs' shared colour range [m/s]
    std::vector<FlowCaseExport> cases;  // exported (ok) cases, in the manifest's order
    std::vector<std::string> skipped;   // "case: why" for every case not exported
    std::vector<std::string> warnings;  // sweep-wide, e.g. no display for the PNGs

    nlohmann::json toJson() const;
};

struct FlowExportOptions {
    bool render = true;  // speed.png per case; needs an X display (draft-post's main provides one)
    int imageWidth = 1200;
    int imageHeight = 500;
    /// Top of the colour range [m/s]; unset: 1.3 × the largest air speed of the exported cases.
    std::optional<double> speedMax;
};

/// Flow fields of solved cases for ParaView, through VTK's OpenFOAM reader: per case a horizontal
/// slice at chest height (slice.vtp: U, p, U_magnitude), the runners' surfaces (surfaces.vtm: U, p,
/// wallShearStress, one block per runner) and a picture of the speed (speed.png); per sweep a
/// sweep.pvd that steps through the cases like time steps. Failed cases are never exported.
class FlowFieldExport {
public:
    /// The chest height of a standing athlete as a fraction of body height: where the torso,
    /// the widest part of the frontal area, meets the arms.
    static constexpr double kChestFraction = 0.72;
    /// The colour range's top over the air speed: leaves room for the flow accelerated around a runner.
    static constexpr double kSpeedRangeFactor = 1.3;

    /// Exports every ok case of SWEEPDIR (manifest.json order) into OUTDIR/<case>/ and writes
    /// OUTDIR/sweep.pvd. Cases without results.json, with status other than ok or whose fields
    /// cannot be read are skipped and listed, never exported. Throws PostError when SWEEPDIR has
    /// no manifest.json or OUTDIR cannot be written.
    static FlowSweepExport exportSweep(const std::string& sweepDir, const std::string& outDir,
                                       const FlowExportOptions& options = {});

    /// Exports one solved case (results.json status ok) into OUTDIR. Creates CASEDIR/case.foam if it
    /// is missing. Throws PostError if the case is not ok or its latest time cannot be read; a
    /// field the case did not write is a warning.
    static FlowCaseExport exportCase(const std::string& caseDir, const std::string& outDir,
                                     const FlowExportOptions& options = {});

    /// Writes the ParaView collection of `cases` (paths relative to the pvd's folder when inside it).
    static void writePvd(const std::string& path, const std::vector<FlowCaseExport>& cases);

    /// Groups `cases` by formation and writes OUTDIR/<formation>.pvd for each (the time axis: the
    /// front gap when it tells the cases apart, else the back gap, else the case's index). A
    /// formation whose name is not a safe file name gets no series, and a warning.
    static std::vector<FlowSweepExport::Series> writeSeries(const std::string& outDir,
                                                            const std::vector<FlowCaseExport>& cases,
                                                            std::vector<std::string>& warnings);

private:
    struct PvdEntry {
        double timestep;
        int part;
        std::string name, group, file;
    };
    static void writeCollection(const std::string& path, const std::vector<PvdEntry>& entries);
};

}  // namespace drafting::post
