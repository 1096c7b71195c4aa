#include "support/ReportModel.hpp"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::test {

// A small real PNG (a colour gradient) written by VTK, as the plots are.
void writePng(const std::string& path, int width, int height) {
    fs::create_directories(fs::path(path).parent_path());
    vtkNew<vtkImageData> image;
    image->SetDimensions(width, height, 1);
    image->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            auto* px = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
            px[0] = static_cast<unsigned char>(255 * x / width);
            px[1] = static_cast<unsigned char>(255 * y / height);
            px[2] = 160;
        }
    }
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(path.c_str());
    png->SetInputData(image);
    png->Write();
}

// The model draft-post assembles, with every section and a hostile case name.
nlohmann::json fullReportModel() {
    const nlohmann::json savingsColumns = nlohmann::json::array(
        {{{"key", "case"}, {"title", "Case"}},
         {{"key", "front_gap_m"}, {"title", "Front gap [m]"}, {"digits", 2}},
         {{"key", "back_gap_m"}, {"title", "Rear gap [m]"}, {"digits", 2}},
         {{"key", "drag_lead_N"}, {"title", "Drag [N]"}, {"digits", 3}},
         {{"key", "saving_pct"}, {"title", "Saving [%]"}, {"digits", 1}},
         {{"key", "converged"}, {"title", "Converged"}}});
    return {
        {"title", "Drafting study: quickstart"},
        {"sweep_dir", "runs/quickstart"},
        {"generated_utc", "2026-11-24T12:00:00Z"},
        {"tool_version", "0.1.0"},
        {"summary",
         {{"cases", 4}, {"ok", 3}, {"failed", 1}, {"solo_drag_N", 7.08}, {"unconverged", {"behind-b1"}}}},
        {"config",
         {{"name", "quickstart"},
          {"athlete", {{"height", 1.57}, {"mass", 42}}},
          {"sweep", {{"front_gap", "0.8:2.0:0.4"}, {"ahead", {{"lateral", 0.0}}}}}}},
        {"savings",
         {{"columns", savingsColumns},
          {"rows",
           {{{"case", "solo"}, {"front_gap_m", nullptr}, {"back_gap_m", nullptr}, {"drag_lead_N", 7.08},
             {"saving_pct", 0.0}, {"converged", true}},
            {{"case", "ahead-f1.3"}, {"front_gap_m", 1.3}, {"drag_lead_N", 2.31}, {"saving_pct", 67.4},
             {"converged", true}},
            {{"case", "<script>alert(1)</script>"}, {"front_gap_m", 2.0}, {"drag_lead_N", 3.2},
             {"saving_pct", 54.8}, {"converged", false}}}}}},
        {"fit",
         {{"model", "The shelter of a wake decays roughly exponentially with the gap."},
          {"equation", "s(g) = s0 * exp(-g / L)"},
          {"curves",
           {{{"label", "no pacer behind"}, {"parameters", {{"s0", 95.1}, {"L", 3.9}}}, {"rmse_pct", 0.42},
             {"points", 3}}}}}},
        {"pacing",
         {{"athlete", "1.57 m, 42 kg"},
          {"baseline_time", "4:07.64"},
          {"columns", {{{"key", "case"}, {"title", "Case"}}, {{"key", "mile"}, {"title", "Mile"}}}},
          {"rows", {{{"case", "ahead-f1.3"}, {"mile", "4:01.2"}}}},
          {"notes", {"At her solo metabolic power."}}}},
        {"race",
         {{"title", "Pacers until 1200 m"},
          {"columns", {{{"key", "distance_m"}, {"title", "Distance [m]"}}, {{"key", "time"}, {"title", "Time"}}}},
          {"rows", {{{"distance_m", 400}, {"time", "0:59.8"}}, {{"distance_m", 1609.34}, {"time", "3:59.1"}}}},
          {"final_time", "3:59.1"}}},
        {"comparison",
         {{"title", "The lead's saving in each sweep, and its move from identical"},
          {"sweeps", {"identical (runs/identical, solo 7.169 N): the reference",
                      "wind (runs/wind, solo 7.687 N): run.wind_speed_mps: unset -> 2.0 <i>"}},
          {"columns", {{{"key", "case"}, {"title", "Case"}}, {{"key", "sweep0"}, {"title", "identical: saving [%]"}},
                       {{"key", "sweep1"}, {"title", "wind: saving (move) [%]"}}}},
          {"rows", {{{"case", "ahead-f1.3"}, {"sweep0", "64.9 \u00b1 0.1"}, {"sweep1", "12.6 \u00b1 0.3 (-52.3 \u00b1 0.3)"}}}},
          {"notes", {"Each sweep's saving is against its own solo runner."}}}},
        {"stride",
         {{"title", "The lead's saving over her stride (2 phases)"},
          {"sweeps", {"phase 0: runs/in-p0 (solo 6.746 N)", "phase 0.5: runs/in-p0.5 <b> (solo 6.502 N)"}},
          {"columns", {{{"key", "case"}, {"title", "Case"}}, {{"key", "mean"}, {"title", "Over the stride: saving [%]"}},
                       {{"key", "phase0"}, {"title", "Phase 0 [%]"}}}},
          {"rows", {{{"case", "ahead-f1.3"}, {"mean", "63.5 \u00b1 0.1"}, {"phase0", "64.2 \u00b1 0.1"}}}},
          {"notes", {"Quasi-steady: the stride's drag is the mean of the instants' drags."}}}},
        {"failed", {{{"case", "behind-b0.5"}, {"reason", "mesh fails checkMesh: faceSkewness & <more>"}}}},
        {"figures",
         {{{"title", "Saving vs front gap"}, {"path", "savings.png"}, {"caption", "one line per rear gap"}},
          {{"title", "Gone"}, {"path", "nothere.png"}}}},
        {"flow_images", {{{"case", "ahead-f1.3"}, {"path", "flow/ahead-f1.3/speed.png"}}}},
        {"links", {{{"title", "All cases in ParaView"}, {"href", "flow/sweep.pvd"}},
                   {{"title", "bad"}, {"href", "javascript:alert(2)"}}}},
        {"warnings", {"not converged: behind-b1 <b>"}},
    };
}

}  // namespace drafting::test
