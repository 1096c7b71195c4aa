#include "postprocess/OffscreenDisplay.hpp"

#include "cases/Process.hpp"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace drafting::post {

bool OffscreenDisplay::ensure(const std::vector<std::string>& argv) {
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') return true;
    if (std::getenv("DRAFTING_XVFB") != nullptr) return false;  // already tried: xvfb-run gave no display
    const std::string xvfb = cases::Process::which("xvfb-run");
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

}  // namespace drafting::post
