#include "postprocess/ParaViewScript.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::writeFile;

// The folder the script carries for `paraview --script` is a Python string literal whatever its
// bytes: quotes, backslashes, newlines and $(...) come back as they were and end nothing.
TEST(ParaViewScript, TheFolderItCarriesIsAStringLiteralWhateverItHolds) {
    TempDir tmp;
    const std::string folder = "/tmp/a\"b'c\\d\nimport os; os.system('touch PWNED') #$(x)\xc3\xa9";
    writeFile(tmp.path() + "/script.py", drafting::post::ParaViewScript::text(folder));
    writeFile(tmp.path() + "/check.py",
              "import ast, json, sys\n"
              "tree = ast.parse(open(sys.argv[1]).read())\n"
              "for node in ast.walk(tree):\n"
              "    if isinstance(node, ast.Assign) and getattr(node.targets[0], 'id', '') == 'HERE':\n"
              "        print(json.dumps(ast.literal_eval(node.value.orelse)))\n");
    const auto r = runCommand({"/usr/bin/python3", tmp.path() + "/check.py", tmp.path() + "/script.py"}, tmp.path());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out).get<std::string>(), folder);
    EXPECT_FALSE(fs::exists(tmp.path() + "/PWNED"));
}
