// The output files of draft-cases geometry (the STL and its JSON): both written or neither, and a
// path that cannot be a file refused before anything is written.
#include "cases/files/OutputFiles.hpp"
#include "common/Error.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace fs = std::filesystem;
using drafting::test::TempDir;

TEST(OutputFiles, NothingIsLeftWhenTheSecondFileCannotBeWritten) {
    TempDir tmp;
    drafting::test::writeFile(tmp.path() + "/file", "not a folder\n");
    const std::string before = drafting::test::treeSnapshot(tmp.path());
    EXPECT_THROW(drafting::cases::files::OutputFiles::writeAll({{tmp.path() + "/new/runner.stl", "solid runner\n"},
                                                        {tmp.path() + "/file/runner.json", "{}\n"}}),
                 drafting::common::RunError);
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), before);
}

TEST(OutputFiles, BothFilesReplaceTheirOldVersions) {
    TempDir tmp;
    const std::string stl = tmp.path() + "/runner.stl", json = tmp.path() + "/runner.json";
    drafting::test::writeFile(stl, "old\n");
    drafting::test::writeFile(json, "old\n");
    drafting::cases::files::OutputFiles::writeAll({{stl, "solid runner\n"}, {json, "{}\n"}});
    EXPECT_EQ(drafting::test::readFile(stl), "solid runner\n");
    EXPECT_EQ(drafting::test::readFile(json), "{}\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path()), fs::directory_iterator()), 2);
}

TEST(OutputFiles, CheckRefusesWhatCannotBeAFile) {
    TempDir tmp;
    const std::string t = tmp.path();
    drafting::test::writeFile(t + "/file", "x\n");
    fs::create_directory(t + "/dir.stl");
    fs::create_symlink(t + "/nowhere/x.stl", t + "/dangling.stl");
    fs::create_symlink(t + "/nowhere", t + "/gone");
    ASSERT_EQ(::mkfifo((t + "/pipe.stl").c_str(), 0600), 0);
    const std::pair<std::string, std::string> refused[] = {
        {"", "-o '': empty path"},
        {t + "/file/sub.stl", "-o '" + t + "/file/sub.stl': '" + t + "/file' is not a directory"},
        {t + "/dir.stl", "is a directory"},
        {t + "/dangling.stl", "is a symbolic link"},
        {t + "/gone/x.stl", "'" + t + "/gone' is a link to no directory"},
        {t + "/pipe.stl", "exists and is not a regular file"},
    };
    for (const auto& [path, message] : refused) {
        try {
            drafting::cases::files::OutputFiles::check("-o", path);
            ADD_FAILURE() << path << " accepted";
        } catch (const drafting::common::InputError& e) {
            EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(drafting::cases::files::OutputFiles::check("-o", t + "/new/deeper/runner.stl"));
    EXPECT_NO_THROW(drafting::cases::files::OutputFiles::check("-o", "runner.stl"));
    EXPECT_NO_THROW(drafting::cases::files::OutputFiles::check("-o", t + "/file"));  // replaced
}
