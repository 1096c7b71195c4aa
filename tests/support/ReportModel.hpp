#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::test {

/// The model draft-post assembles for report.html, with every section and a hostile case name
/// (ReportPageTest, ReportBrowserTest).
nlohmann::json fullReportModel();

/// A small real PNG (a colour gradient) written by VTK, as the plots are.
void writePng(const std::string& path, int width, int height);

}  // namespace drafting::test
