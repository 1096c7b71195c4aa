// draft-post: reduces a sweep to drag savings, fits, plots and mile times; predicts and replays races.
#include "cases/ConfigError.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PostCli.hpp"
#include "postprocess/PostError.hpp"

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
        return post::PostCli::run({argv, argv + argc}, std::cout, std::cerr);
    } catch (const cases::ConfigError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 1;
    } catch (const post::PacingError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 1;
    } catch (const post::PostError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "draft-post: unexpected error: " << e.what() << '\n';
        return 2;
    }
}
