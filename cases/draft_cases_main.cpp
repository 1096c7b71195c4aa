// draft-cases: formations and spacing sweeps → OpenFOAM cases, and running them.
#include "cases/CasesCli.hpp"
#include "cases/ConfigError.hpp"
#include "meshes/GeometryError.hpp"

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
    try {
        return cases::CasesCli::run({argv + 1, argv + argc}, std::cout, std::cerr);
    } catch (const cases::ConfigError& e) {
        std::cerr << "draft-cases: error: " << e.what() << '\n';
        return 1;
    } catch (const meshes::GeometryError& e) {
        std::cerr << "draft-cases: error: " << e.what() << '\n';
        return 1;
    } catch (const cases::RunError& e) {
        std::cerr << "draft-cases: run failed: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "draft-cases: unexpected error: " << e.what() << '\n';
        return 2;
    }
}
