// draft-post: reduces a sweep to drag savings, fits, plots and mile times; predicts and replays races.
#include "common/Main.hpp"
#include "postprocess/PostCli.hpp"

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
    return common::runMain("draft-post", std::cerr,
                           [&] { return post::PostCli::run({argv, argv + argc}, std::cout, std::cerr); });
}
