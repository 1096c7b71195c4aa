// Command-line refusals as data (PROJ's test/cli style): every tests/cli/*.json file holds rows
//   {"label", "tool": "draft-cases" | "draft-post", "before": [[args...] | {"tool", "args"}, ...],
//    "files": {path: text},
//    "symlinks": {path: target}, "args": [...], "exit": N, "message": "substring",
//    "absent": "substring that must not appear", "unchanged": true, "cwd": "@TMP"}
// Paths and arguments may use @TMP (the row's temp dir), @CFG (a valid config at @TMP/sweep.cfg) and
// @DIR (@TMP/out); "cwd" (optional) is the working directory of the command under test. A file's
// text may be {"repeat": "x", "times": N, "prefix": "...", "suffix": "..."}.
// "before" commands run the row's tool, or an object's own "tool" (e.g. draft-cases generate before
// a draft-post row), and must succeed; then files and links are written and the tree is snapshotted.
// A refusal (exit != 0) must print exactly one printable line of at most 400 characters and, unless
// "unchanged" is false, leave every file under @TMP as it was.
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;

namespace {

const char* kValidConfig = "name = cli\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.0, 1.5\n";

struct Row {
    std::string name;  // file stem + label, for the test's name
    nlohmann::json spec;
};

std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.name; }

std::vector<Row> loadRows() {
    std::vector<Row> rows;
    const fs::path dir = fs::path(DRAFTING_SOURCE_DIR) / "tests" / "cli";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file);
        const auto table = nlohmann::json::parse(in);
        for (const auto& spec : table) {
            std::string name = file.stem().string() + "_" + spec.at("label").get<std::string>();
            for (char& ch : name)
                if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
            rows.push_back({name, spec});
        }
    }
    return rows;
}

std::string substitute(std::string text, const std::string& tmp) {
    const std::pair<std::string, std::string> marks[] = {
        {"@CFG", tmp + "/sweep.cfg"}, {"@DIR", tmp + "/out"}, {"@TMP", tmp}};
    for (const auto& [mark, value] : marks)
        for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
            text.replace(at, mark.size(), value);
    return text;
}

std::vector<std::string> command(const std::string& tool, const nlohmann::json& args, const std::string& tmp) {
    std::vector<std::string> argv{tool == "draft-post" ? DRAFT_POST_BIN : DRAFT_CASES_BIN};
    for (const auto& a : args) argv.push_back(substitute(a.get<std::string>(), tmp));
    return argv;
}

std::string content(const nlohmann::json& text, const std::string& tmp) {
    if (text.is_string()) return substitute(text.get<std::string>(), tmp);
    std::string body;
    const std::string unit = text.at("repeat").get<std::string>();
    const auto times = text.at("times").get<std::size_t>();
    body.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) body += unit;
    return text.value("prefix", "") + body + text.value("suffix", "");
}

bool printableLine(const std::string& line) {
    return std::all_of(line.begin(), line.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c != 0x7f;  // UTF-8 continuation bytes (>= 0x80) are fine
    });
}

class CliRows : public ::testing::TestWithParam<Row> {};

TEST_P(CliRows, Row) {
    const auto& spec = GetParam().spec;
    TempDir tmp;
    const std::string root = tmp.path();
    writeFile(root + "/sweep.cfg", kValidConfig);
    const std::string tool = spec.value("tool", "draft-cases");
    for (const auto& before : spec.value("before", nlohmann::json::array())) {
        // [args...] runs the row's tool; {"tool", "args"} another one (a sweep for a draft-post row).
        const auto r = before.is_object()
                           ? runCommand(command(before.at("tool").get<std::string>(), before.at("args"), root))
                           : runCommand(command(tool, before, root));
        ASSERT_EQ(r.exitCode, 0) << "before: " << before.dump() << '\n' << r.err;
    }
    // Named, not temporaries: items() of a temporary would dangle once the loop starts.
    const nlohmann::json files = spec.value("files", nlohmann::json::object());
    const nlohmann::json symlinks = spec.value("symlinks", nlohmann::json::object());
    for (const auto& [path, text] : files.items()) {
        const fs::path p = substitute(path, root);
        fs::create_directories(p.parent_path());
        writeFile(p.string(), content(text, root));
    }
    for (const auto& [path, target] : symlinks.items()) {
        const fs::path p = substitute(path, root);
        fs::create_directories(p.parent_path());
        fs::remove(p);
        fs::create_symlink(substitute(target.get<std::string>(), root), p);
    }
    const std::string before = treeSnapshot(root);

    const auto r = runCommand(command(tool, spec.at("args"), root), substitute(spec.value("cwd", ""), root));
    const int exitCode = spec.at("exit").get<int>();
    EXPECT_EQ(r.exitCode, exitCode) << "stdout: " << r.out << "\nstderr: " << r.err;
    const std::string& text = exitCode == 0 ? r.out : r.err;
    const std::string message = substitute(spec.value("message", ""), root);
    EXPECT_NE(text.find(message), std::string::npos) << "stdout: " << r.out << "\nstderr: " << r.err;
    if (spec.contains("absent"))
        EXPECT_EQ((r.out + r.err).find(spec["absent"].get<std::string>()), std::string::npos) << r.out << r.err;
    if (exitCode != 0) {
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err.substr(0, 2000);
        const std::string line = r.err.substr(0, r.err.find('\n'));
        EXPECT_LE(line.size(), 400u) << line.substr(0, 600);
        EXPECT_TRUE(printableLine(line)) << line.substr(0, 600);
        if (spec.value("unchanged", true)) EXPECT_EQ(treeSnapshot(root), before);
    }
}

INSTANTIATE_TEST_SUITE_P(CliFileTable, CliRows, ::testing::ValuesIn(loadRows()),
                         [](const ::testing::TestParamInfo<Row>& info) { return info.param.name; });

}  // namespace
