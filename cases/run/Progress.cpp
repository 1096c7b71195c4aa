#include "cases/run/Progress.hpp"

#include <cmath>
#include <cstdio>

namespace drafting::cases::run {

Progress::Progress(std::ostream& out, std::size_t total, bool terminal)
    : out_(out), total_(total), terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (terminal_) out_ << "\r\033[K" << std::flush;  // the bar goes; the lines above stay
}

std::string Progress::bar(std::size_t done, std::size_t failed, std::size_t running, std::size_t total,
                          double elapsed) {
    constexpr int kWidth = 24;
    const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
    std::string text = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] ";
    text += std::to_string(done) + "/" + std::to_string(total) + " done, " + std::to_string(failed) + " failed, " +
            std::to_string(running) + " running";
    if (done > 0 && done < total) {
        // Cases run side by side, so wall time per finished case already includes the parallelism.
        const long eta = std::lround(elapsed / static_cast<double>(done) * static_cast<double>(total - done));
        char buf[32];
        std::snprintf(buf, sizeof(buf), ", ETA %ldm%02lds", eta / 60, eta % 60);
        text += buf;
    }
    return text;
}

void Progress::printLine(const std::string& line) {
    if (terminal_) out_ << "\r\033[K";
    out_ << line << '\n';
    if (terminal_) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        out_ << bar(done_, failed_, running_, total_, elapsed);
    }
    out_ << std::flush;
}

void Progress::started() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++running_;
    if (terminal_) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        out_ << "\r\033[K" << bar(done_, failed_, running_, total_, elapsed) << std::flush;
    }
}

void Progress::finished(bool ok, const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    --running_;
    ++done_;
    if (!ok) ++failed_;
    printLine(line);
}

void Progress::note(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    printLine(line);
}

}  // namespace drafting::cases::run
