// draft-cases: formations and spacing sweeps → OpenFOAM cases, and running them.
#include "cases/cli/CasesCli.hpp"
#include "common/Main.hpp"

#include <vtkLogger.h>
#include <vtkOutputWindow.h>

#include <iostream>

int main(int argc, char** argv) {
    using namespace drafting;
    // VTK's own warnings and errors (colour-coded, several lines) never reach our stderr: every
    // refusal is one line of ours. Observers (RunnerBody's ErrorEvent on the STL reader) still see
    // them, which vtkObject::GlobalWarningDisplayOff() would silence as well.
    vtkOutputWindow::GetInstance()->SetDisplayModeToNever();
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_OFF);
    return common::runMain("draft-cases", std::cerr,
                           [&] { return cases::cli::CasesCli::run({argv + 1, argv + argc}, std::cout, std::cerr); });
}
