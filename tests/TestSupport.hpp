#pragma once
#include <string>
#include <vector>

namespace drafting::test {

/// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), capturing stdout and stderr.
CommandResult runCommand(const std::vector<std::string>& argv, const std::string& workDir = "");

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);

/// A listing of every file under `dir` with size and content hash: equal listings, equal trees.
std::string treeSnapshot(const std::string& dir);

}  // namespace drafting::test
