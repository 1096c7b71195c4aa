// draft-post: reduces a sweep to drag savings, fits, plots and mile times; predicts and replays races.
#include "common/Process.hpp"
#include "common/Main.hpp"
#include "postprocess/PostCli.hpp"

#include <vtkLogger.h>
#include <vtkOutputWindow.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

// Debian's VTK renders through X. On a headless machine draft-post runs itself again under
// xvfb-run, once (DRAFTING_XVFB marks the second run): true when a display is there, false when
// there is none to be had; on success execv does not return.
bool displayOrRerunUnderXvfb(const std::vector<std::string>& argv) {
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') return true;
    if (std::getenv("DRAFTING_XVFB") != nullptr) return false;  // already tried: xvfb-run gave no display
    const std::string xvfb = drafting::common::Process::which("xvfb-run");
    if (xvfb.empty()) return false;

    std::error_code ec;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    std::vector<std::string> args = {xvfb, "-a", "-s", "-screen 0 1280x1024x24", ec ? argv[0] : self};
    args.insert(args.end(), argv.begin() + 1, argv.end());
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    raw.push_back(nullptr);
    setenv("DRAFTING_XVFB", "1", 1);
    execv(xvfb.c_str(), raw.data());
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace drafting;
    // VTK's own warnings and errors (colour-coded, several lines) never reach our stderr: every
    // refusal is one line of ours. Observers (RunnerBody's ErrorEvent on the STL reader) still see
    // them, which vtkObject::GlobalWarningDisplayOff() would silence as well.
    vtkOutputWindow::GetInstance()->SetDisplayModeToNever();
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_OFF);
    const std::vector<std::string> args(argv, argv + argc);
    return common::runMain("draft-post", std::cerr, [&] {
        return post::PostCli::run(args, std::cout, std::cerr, [&] { return displayOrRerunUnderXvfb(args); });
    });
}
