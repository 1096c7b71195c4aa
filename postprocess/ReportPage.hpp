#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// report.html: one self-contained page that a reader opens in any browser, offline. CSS is
/// inline and images are embedded as data URIs, so the page requests nothing; links to local
/// files (ParaView's .pvd, the CSVs) stay relative. No JavaScript.
///
/// The model (draft-post assembles it) is a JSON object; only "title" is required:
///   title, sweep_dir, generated_utc, tool_version,
///   summary {cases, ok, failed, solo_drag_N, unconverged[], ...},
///   config {section: {key: value}},
///   savings / pacing / race {columns [{key, title, digits?}], rows [{key: value}]} (pacing also
///     athlete, baseline_time, notes[]; race also title, final_time),
///   fit {model, equation, curves [{label, parameters {name: value}, rmse_pct, points}]},
///   failed [{case, reason}], figures [{title, path, caption}], flow_images [{case, path}],
///   links [{title, href}], warnings [], how_to_read (replaces the default reading note).
/// A missing or empty section is left out; "failed" present but empty says "none".
/// Image paths are relative to outDir; a missing or unreadable image is shown as
/// "missing: path", never as a broken image. Every text from the model is HTML-escaped.
class ReportPage {
public:
    /// Renders the model and writes OUTDIR/fileName atomically (a .tmp file renamed into
    /// place), creating outDir. Throws PostError on a model of the wrong shape (no title, a
    /// section of the wrong JSON type) or when the file cannot be written.
    static void write(const nlohmann::json& model, const std::string& outDir,
                      const std::string& fileName = "report.html");

    /// The page as text; images are read from (and relative links resolved against) outDir.
    static std::string render(const nlohmann::json& model, const std::string& outDir);

    /// Text made safe for HTML element content and quoted attribute values.
    static std::string escape(const std::string& text);
};

}  // namespace drafting::post
