// The file-safety layer (issue 12): writes never go through a symbolic link, reads refuse links,
// FIFOs, devices, folders, huge and deeply nested files, and a case's "remove" list cannot reach
// outside the case.
#include "cases/run/CaseRunner.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/run/SweepLock.hpp"
#include "cases/files/ToolPaths.hpp"
#include "common/AtomicFile.hpp"
#include "meshes/FoamFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <future>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;
using drafting::cases::run::CaseRunner;
using drafting::common::InputError;
using drafting::common::JsonFile;
using drafting::common::RunError;
using drafting::cases::run::SweepLock;
using drafting::cases::files::ToolPaths;
using drafting::common::AtomicFile;
using drafting::meshes::FoamFile;
using drafting::test::readFile;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

const char* kVictimText = "precious, not ours\n";

// Every entry of a folder, links included, not followed.
std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The message a call throws as `Error`, or "" (and a test failure) if it throws nothing or else.
template <class Error, class F>
std::string messageOf(F call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "wrong exception type: " << e.what();
        return "";
    }
    ADD_FAILURE() << "nothing thrown";
    return "";
}

void expectOneLine(const std::string& message) {
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_LE(message.size(), 400u) << message.substr(0, 600);
}

}  // namespace

// ---- atomic writes -------------------------------------------------------------------------

TEST(FileSafetyAtomicWrite, ALinkAtTheTargetIsReplacedNotWrittenThrough) {
    TempDir tmp;
    const std::string victim = tmp.path() + "/victim.txt";
    writeFile(victim, kVictimText);
    fs::create_symlink(victim, tmp.path() + "/a.json");
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/a.json", {{"x", 1}});
    EXPECT_EQ(readFile(victim), kVictimText);
    EXPECT_FALSE(fs::is_symlink(tmp.path() + "/a.json"));
    EXPECT_EQ(drafting::common::JsonFile::read(tmp.path() + "/a.json")["x"], 1);
}

TEST(FileSafetyAtomicWrite, ALinkAtThePredictableTemporaryIsNotWrittenThrough) {
    TempDir tmp;
    const std::string victim = tmp.path() + "/victim.txt";
    writeFile(victim, kVictimText);
    fs::create_symlink(victim, tmp.path() + "/a.json.tmp");
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/a.json", {{"x", 1}});
    EXPECT_EQ(readFile(victim), kVictimText);
    EXPECT_EQ(drafting::common::JsonFile::read(tmp.path() + "/a.json")["x"], 1);
    // Nothing left but the file, the victim and the planted link (which is not ours to remove).
    EXPECT_EQ(entries(tmp.path()), (std::vector<std::string>{"a.json", "a.json.tmp", "victim.txt"}));
}

TEST(FileSafetyAtomicWrite, FoamFileWritesNeitherThroughALinkNorItsTemporary) {
    TempDir tmp;
    const std::string victim = tmp.path() + "/victim.txt";
    writeFile(victim, kVictimText);
    fs::create_directories(tmp.path() + "/system");
    fs::create_symlink(victim, tmp.path() + "/system/controlDict");
    fs::create_symlink(victim, tmp.path() + "/system/fvSchemes.tmp");
    FoamFile::write(tmp.path() + "/system/controlDict", "application draftFoam;\n");
    FoamFile::write(tmp.path() + "/system/fvSchemes", "ddtSchemes {}\n");
    EXPECT_EQ(readFile(victim), kVictimText);
    EXPECT_EQ(readFile(tmp.path() + "/system/controlDict"), "application draftFoam;\n");
    EXPECT_EQ(readFile(tmp.path() + "/system/fvSchemes"), "ddtSchemes {}\n");
}

TEST(FileSafetyAtomicWrite, FoamFileWritesABareFileNameInTheCurrentDirectory) {
    TempDir tmp;
    const fs::path previous = fs::current_path();
    fs::current_path(tmp.path());
    try {
        FoamFile::write("kipyegon.stl", "solid kipyegon\nendsolid kipyegon\n");
    } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
    }
    fs::current_path(previous);
    EXPECT_EQ(readFile(tmp.path() + "/kipyegon.stl"), "solid kipyegon\nendsolid kipyegon\n");
    EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"kipyegon.stl"});
}

TEST(FileSafetyAtomicWrite, AFailedRenameLeavesNoTemporary) {
    TempDir tmp;
    // A non-empty folder at the target: the temporary is written, the rename over it fails.
    fs::create_directories(tmp.path() + "/out.json/inside");
    const std::string message = messageOf<RunError>([&] { drafting::common::JsonFile::writeAtomic(tmp.path() + "/out.json", {{"x", 1}}); });
    EXPECT_NE(message.find("out.json"), std::string::npos) << message;
    expectOneLine(message);
    EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"out.json"});
    EXPECT_THROW(drafting::common::AtomicFile::write(tmp.path() + "/missing-folder/x", "x"), std::system_error);
    EXPECT_EQ(entries(tmp.path()), std::vector<std::string>{"out.json"});
}

TEST(FileSafetyAtomicWrite, TemporariesAreRecognisedForCleanUp) {
    EXPECT_TRUE(drafting::common::AtomicFile::isTemporaryOf("results.json.0123456789abcdef.tmp", "results.json"));
    EXPECT_FALSE(drafting::common::AtomicFile::isTemporaryOf("results.json.tmp", "results.json"));
    EXPECT_FALSE(drafting::common::AtomicFile::isTemporaryOf("results.json.0123456789abcdeX.tmp", "results.json"));
    EXPECT_FALSE(drafting::common::AtomicFile::isTemporaryOf("other.json.0123456789abcdef.tmp", "results.json"));
}

// ---- the sweep lock --------------------------------------------------------------------------

TEST(FileSafetyLock, ALinkAtTheLockPathIsRefusedAndItsTargetKept) {
    TempDir tmp;
    const std::string victim = tmp.path() + "/victim.txt";
    writeFile(victim, kVictimText);
    fs::create_directories(tmp.path() + "/sweep");
    fs::create_symlink(victim, tmp.path() + "/sweep/" + SweepLock::kFileName);
    const std::string message = messageOf<InputError>([&] { SweepLock lock(tmp.path() + "/sweep"); });
    EXPECT_NE(message.find(std::string("sweep/") + SweepLock::kFileName + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("symbolic link"), std::string::npos) << message;
    expectOneLine(message);
    EXPECT_EQ(readFile(victim), kVictimText);
}

TEST(FileSafetyLock, AHardLinkOrAFifoAtTheLockPathIsNeverTruncated) {
    TempDir tmp;
    const std::string victim = tmp.path() + "/victim.txt";
    writeFile(victim, kVictimText);
    fs::create_directories(tmp.path() + "/sweep");
    fs::create_hard_link(victim, tmp.path() + "/sweep/" + SweepLock::kFileName);
    EXPECT_THROW(SweepLock lock(tmp.path() + "/sweep"), InputError);
    EXPECT_EQ(readFile(victim), kVictimText);

    fs::create_directories(tmp.path() + "/fifo");
    ASSERT_EQ(mkfifo((tmp.path() + "/fifo/" + SweepLock::kFileName).c_str(), 0644), 0);
    EXPECT_THROW(SweepLock lock(tmp.path() + "/fifo"), InputError);
}

TEST(FileSafetyLock, AnOrdinaryLockStillWorks) {
    TempDir tmp;
    {
        const SweepLock lock(tmp.path());
        EXPECT_EQ(readFile(tmp.path() + "/" + SweepLock::kFileName), std::to_string(getpid()));
    }
    const SweepLock again(tmp.path());  // released, and the file of the last run is reused
}

// ---- reading JSON ----------------------------------------------------------------------------

TEST(FileSafetyRead, DeepNestingIsRefusedBeforeParsing) {
    TempDir tmp;
    const std::string path = tmp.path() + "/results.json";
    writeFile(path, std::string(200000, '[') + std::string(200000, ']'));
    const std::string message = messageOf<InputError>([&] { drafting::common::JsonFile::read(path); });
    EXPECT_NE(message.find("'" + path + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("nested deeper than 64"), std::string::npos) << message;
    expectOneLine(message);
}

TEST(FileSafetyRead, NestingUpToTheLimitReadsCopiesAndDumps) {
    TempDir tmp;
    const std::string path = tmp.path() + "/deep.json";
    writeFile(path, std::string(drafting::common::JsonFile::kMaxDepth, '[') + std::string(drafting::common::JsonFile::kMaxDepth, ']'));
    const auto value = drafting::common::JsonFile::read(path);
    const auto copy = value;
    EXPECT_EQ(copy.dump().size(), 2u * drafting::common::JsonFile::kMaxDepth);
    EXPECT_EQ(drafting::common::JsonFile::nestingDepth(R"({"a": "[[[{{{", "b": ["\"]["]})"), 2);
    EXPECT_EQ(drafting::common::JsonFile::nestingDepth("[[[]]]", 100), 3);
}

TEST(FileSafetyRead, AFifoIsRefusedPromptly) {
    TempDir tmp;
    const std::string path = tmp.path() + "/results.json";
    ASSERT_EQ(mkfifo(path.c_str(), 0644), 0);
    auto reading = std::async(std::launch::async, [&] {
        try {
            drafting::common::JsonFile::read(path);
            return std::string("read");
        } catch (const InputError& e) {
            return std::string("InputError: ") + e.what();
        } catch (const std::exception& e) {
            return std::string("other: ") + e.what();
        }
    });
    if (reading.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        ADD_FAILURE() << "JsonFile::read waits on a FIFO";
        // Release the blocked reader: a writer that comes and goes gives it end of file.
        const int fd = open(path.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) close(fd);
    }
    const std::string outcome = reading.get();
    EXPECT_EQ(outcome.rfind("InputError: ", 0), 0u) << outcome;
    EXPECT_NE(outcome.find("not a regular file"), std::string::npos) << outcome;
}

TEST(FileSafetyRead, DevicesFoldersAndLinksAreRefused) {
    TempDir tmp;
    EXPECT_NE(messageOf<InputError>([] { drafting::common::JsonFile::read("/dev/zero"); }).find("'/dev/zero': not a regular file"),
              std::string::npos);
    fs::create_directories(tmp.path() + "/folder.json");
    EXPECT_NE(messageOf<InputError>([&] { drafting::common::JsonFile::read(tmp.path() + "/folder.json"); }).find("a folder"),
              std::string::npos);
    writeFile(tmp.path() + "/real.json", "{\"x\": 1}");
    fs::create_symlink(tmp.path() + "/real.json", tmp.path() + "/link.json");
    const std::string message = messageOf<InputError>([&] { drafting::common::JsonFile::read(tmp.path() + "/link.json"); });
    EXPECT_NE(message.find("link.json': is a symbolic link"), std::string::npos) << message;
    fs::create_symlink("/dev/zero", tmp.path() + "/zero.json");
    EXPECT_THROW(drafting::common::JsonFile::read(tmp.path() + "/zero.json"), InputError);
}

TEST(FileSafetyRead, OversizedFilesAreRefusedUnread) {
    TempDir tmp;
    const std::string path = tmp.path() + "/big.json";
    writeFile(path, "\"" + std::string(drafting::common::JsonFile::kMaxBytes, 'a') + "\"");
    const std::string message = messageOf<InputError>([&] { drafting::common::JsonFile::read(path); });
    EXPECT_NE(message.find("big.json': larger than 16 MiB"), std::string::npos) << message;
}

TEST(FileSafetyRead, MalformedJsonIsBadInputOnOneShortLine) {
    TempDir tmp;
    // A newline in the file name and a megabyte-long unterminated string in the file.
    const std::string path = tmp.path() + "/bad\nname.json";
    writeFile(path, "{\"x\": \"" + std::string(1 << 20, 'a'));
    const std::string message = messageOf<InputError>([&] { drafting::common::JsonFile::read(path); });
    EXPECT_NE(message.find("bad\\nname.json': not valid JSON"), std::string::npos) << message.substr(0, 400);
    expectOneLine(message);
    // A missing file is not malformed input: the callers that expect it check first.
    EXPECT_THROW(drafting::common::JsonFile::read(tmp.path() + "/missing.json"), RunError);
}

// ---- a case's "remove" step and its own clearing -----------------------------------------------

namespace {

// A case folder whose only step removes `entries`, next to a victim folder with a file in it.
struct RemovalCase {
    TempDir tmp;
    std::string caseDir = tmp.path() + "/case";
    std::string victimDir = tmp.path() + "/victim";

    explicit RemovalCase(const std::vector<std::string>& removals) {
        fs::create_directories(caseDir + "/constant/polyMesh");
        fs::create_directories(victimDir + "/inside");
        writeFile(victimDir + "/inside/data.txt", kVictimText);
        writeFile(victimDir + "/x", kVictimText);
        writeFile(caseDir + "/keep.txt", "the case's own file\n");
        fs::create_symlink(victimDir, caseDir + "/link");
        nlohmann::json caseJson = {{"name", "removal"}, {"parameters", nlohmann::json::object()}};
        caseJson["steps"] = nlohmann::json::array({{{"name", "tidy"}, {"remove", removals}}});
        drafting::common::JsonFile::writeAtomic(caseDir + "/case.json", caseJson);
    }

    bool victimIntact() const {
        return fs::exists(victimDir + "/x") && readFile(victimDir + "/inside/data.txt") == kVictimText;
    }
};

}  // namespace

TEST(FileSafetyRemove, EntriesLeavingTheCaseFailItAndDeleteNothing) {
    for (const std::string bad : {"/abs/path", "a/../../x", "link/inside", "link", "constant//polyMesh", "./keep.txt"}) {
        RemovalCase c({"keep.txt", bad});
        if (bad == "/abs/path") {
            // The absolute entry names the victim itself.
            nlohmann::json caseJson = drafting::common::JsonFile::read(c.caseDir + "/case.json");
            caseJson["steps"][0]["remove"][1] = c.victimDir + "/inside";
            drafting::common::JsonFile::writeAtomic(c.caseDir + "/case.json", caseJson);
        }
        drafting::cases::files::CaseResult result;
        EXPECT_NO_THROW(result = CaseRunner(ToolPaths::discover()).run(c.caseDir)) << bad;
        EXPECT_FALSE(result.ok()) << bad;
        EXPECT_NE(result.reason.find("case.json: steps['tidy'].remove entry '"), std::string::npos) << result.reason;
        EXPECT_EQ(result.reason.find('\n'), std::string::npos) << result.reason;
        EXPECT_TRUE(c.victimIntact()) << bad;
        EXPECT_TRUE(fs::exists(c.caseDir + "/keep.txt")) << bad << ": a bad entry must stop the whole list";
        EXPECT_TRUE(fs::is_symlink(c.caseDir + "/link")) << bad;
    }
}

TEST(FileSafetyRemove, EntriesInsideTheCaseAreRemoved) {
    RemovalCase c({"keep.txt", "constant/polyMesh"});
    const auto result = CaseRunner(ToolPaths::discover()).run(c.caseDir);
    EXPECT_EQ(result.reason.find("remove"), std::string::npos) << result.reason;
    EXPECT_FALSE(fs::exists(c.caseDir + "/keep.txt"));
    EXPECT_FALSE(fs::exists(c.caseDir + "/constant/polyMesh"));
    EXPECT_TRUE(c.victimIntact());
}

TEST(FileSafetyRemove, ClearingRunArtefactsRemovesLinksNotTheirTargets) {
    TempDir tmp;
    const std::string caseDir = tmp.path() + "/case", victimDir = tmp.path() + "/victim";
    fs::create_directories(caseDir);
    fs::create_directories(victimDir + "/polyMesh");
    fs::create_directories(victimDir + "/postProcessing");
    writeFile(victimDir + "/polyMesh/owner", kVictimText);
    writeFile(victimDir + "/postProcessing/forces.dat", kVictimText);
    writeFile(victimDir + "/file.txt", kVictimText);
    // Links named as the artefacts a run makes, each leading out of the case.
    fs::create_symlink(victimDir, caseDir + "/constant");
    fs::create_symlink(victimDir + "/postProcessing", caseDir + "/postProcessing");
    fs::create_symlink(victimDir, caseDir + "/1000");
    fs::create_symlink(victimDir, caseDir + "/processor0");
    fs::create_symlink(victimDir + "/file.txt", caseDir + "/log.blockMesh");
    fs::create_symlink(victimDir + "/file.txt", caseDir + "/results.json");
    writeFile(caseDir + "/results.json.0123456789abcdef.tmp", "{");  // left by a killed writer

    CaseRunner::clearRunArtefacts(caseDir);

    EXPECT_EQ(readFile(victimDir + "/polyMesh/owner"), kVictimText);
    EXPECT_EQ(readFile(victimDir + "/postProcessing/forces.dat"), kVictimText);
    EXPECT_EQ(readFile(victimDir + "/file.txt"), kVictimText);
    EXPECT_FALSE(fs::exists(caseDir + "/results.json.0123456789abcdef.tmp"));
    EXPECT_FALSE(fs::is_symlink(caseDir + "/processor0"));  // the link goes, its target stays
}

TEST(FileSafetyRun, StepsOfCaseJsonRunOnlyTheCasePrograms) {
    // argv[0] becomes a program and the step name a log file name: a tampered case.json must not
    // run a shell or write log.../../x outside the case.
    TempDir tmp;
    const std::string caseDir = tmp.path() + "/case";
    fs::create_directories(caseDir);
    writeFile(tmp.path() + "/victim.txt", "keep\n");
    const std::vector<std::pair<nlohmann::json, std::string>> bad = {
        {{{"name", "sh"}, {"argv", {"sh", "-c", "echo pwned > ../victim.txt"}}}, "not one of the programs"},
        {{{"name", "blockMesh"}, {"argv", {"/bin/sh"}}}, "not an option or a plain file name"},
        {{{"name", "../../x"}, {"argv", {"blockMesh"}}}, "not a step name"},
        {{{"name", "blockMesh"}, {"argv", {"blockMesh", "-case", "/etc"}}}, "not an option or a plain file name"},
        {{{"name", "blockMesh"}, {"argv", nlohmann::json::array()}}, "not a list of words"},
    };
    for (const auto& [step, why] : bad) {
        drafting::common::JsonFile::writeAtomic(caseDir + "/case.json", {{"name", "case"},
                                                       {"parameters", nlohmann::json::object()},
                                                       {"steps", nlohmann::json::array({step})}});
        const auto result = CaseRunner(ToolPaths::discover()).run(caseDir);
        EXPECT_EQ(result.status, "failed") << step.dump();
        EXPECT_NE(result.reason.find(why), std::string::npos) << result.reason;
        EXPECT_EQ(readFile(tmp.path() + "/victim.txt"), "keep\n");
        EXPECT_FALSE(fs::exists(tmp.path() + "/x"));
    }
    using Step = drafting::cases::files::CaseFile::Step;
    EXPECT_EQ(CaseRunner::stepProblem(Step::program("snappyHexMesh", {"snappyHexMesh", "-overwrite"})), "");
    EXPECT_EQ(CaseRunner::stepProblem(Step::meshCheckStep()), "");
}
