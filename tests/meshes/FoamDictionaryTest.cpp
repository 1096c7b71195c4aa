// meshes::FoamDictionary: the one layout of every solver dictionary, and the refusal of a key or
// value that would end an entry early.
#include "meshes/FoamDictionary.hpp"
#include "meshes/FoamFile.hpp"

#include <gtest/gtest.h>

using drafting::meshes::FoamDictionary;
using drafting::meshes::FoamFileError;

TEST(FoamDictionary, EntriesSitAtColumnSixteenAndSubDictionariesIndentByFour) {
    const FoamDictionary d = FoamDictionary()
                                 .entry("application", "draftFoam")
                                 .entry("endTime", 300)
                                 .entry("checkpointInterval", 600.0)
                                 .entry("solvers", FoamDictionary()
                                                       .entry("p", FoamDictionary().entry("solver", "GAMG").entry("relTol", 0.05))
                                                       .entry("pFinal", FoamDictionary().macro("p").entry("relTol", 0)))
                                 .entry("writeFormat", "binary");
    EXPECT_EQ(d.text(),
              "application     draftFoam;\n"
              "endTime         300;\n"
              "checkpointInterval 600;\n"
              "\n"
              "solvers\n"
              "{\n"
              "    p\n"
              "    {\n"
              "        solver          GAMG;\n"
              "        relTol          0.05;\n"
              "    }\n"
              "    pFinal\n"
              "    {\n"
              "        $p;\n"
              "        relTol          0;\n"
              "    }\n"
              "}\n"
              "\n"
              "writeFormat     binary;\n");
}

TEST(FoamDictionary, NumbersKeepNineSignificantDigitsAndListsAreWordsInParentheses) {
    EXPECT_EQ(FoamDictionary().entry("nu", 1.0 / 3.0).text(), "nu              0.333333333;\n");
    EXPECT_EQ(FoamDictionary().entry("tolerance", 1e-7).text(), "tolerance       1e-07;\n");
    EXPECT_EQ(FoamDictionary::list({"lead", "pacer1"}), "( lead pacer1 )");
    EXPECT_EQ(FoamDictionary().entry("\"(U|k)Final\"", 1).text(), "\"(U|k)Final\"    1;\n");
}

TEST(FoamDictionary, TheFileStartsWithTheBannerNamingTheObjectAndItsFolder) {
    const std::string file = FoamDictionary().entry("simulationType", "laminar").file("turbulenceProperties", "constant");
    EXPECT_EQ(file, drafting::meshes::FoamFile::header("turbulenceProperties", "dictionary", "constant") +
                        "simulationType  laminar;\n");
}

TEST(FoamDictionary, AKeyOrValueThatWouldEndTheEntryEarlyIsRefused) {
    for (const std::string value : {"kOmegaSST; #include \"/etc/passwd\"", "a}", "{", "two\nlines", "\"open", ""}) {
        EXPECT_THROW(FoamDictionary().entry("RASModel", value), FoamFileError) << value;
    }
    EXPECT_THROW(FoamDictionary().entry("bad;key", "x"), FoamFileError);
    EXPECT_THROW(FoamDictionary().entry("", FoamDictionary()), FoamFileError);
    EXPECT_THROW(FoamDictionary().macro("p;"), FoamFileError);
    try {
        FoamDictionary().entry("RASModel", "kOmegaSST;");
        FAIL() << "no error";
    } catch (const FoamFileError& e) {
        EXPECT_EQ(e.site().field, "dictionary entry RASModel");
        EXPECT_EQ(e.site().value, std::optional<std::string>("kOmegaSST;"));
    }
}

TEST(FoamDictionary, ListsOfItemsAndOfNamedDictionariesAndCommentsAsBlockMeshWantsThem) {
    const FoamDictionary patch = FoamDictionary().comment("x = xMax: the air comes in").entry("type", "patch").listEntry("faces", {"(2 6 5 1)"});
    const FoamDictionary d = FoamDictionary()
                                 .entry("scale", 1)
                                 .listEntry("vertices", {FoamDictionary::vector(0, 0, 0), FoamDictionary::vector(1.5, 0, 0)})
                                 .entry("boundary", {{"inlet", patch}});
    EXPECT_EQ(d.text(),
              "scale           1;\n"
              "\n"
              "vertices\n"
              "(\n"
              "    (0 0 0)\n"
              "    (1.5 0 0)\n"
              ");\n"
              "\n"
              "boundary\n"
              "(\n"
              "    inlet\n"
              "    {\n"
              "        // x = xMax: the air comes in\n"
              "        type            patch;\n"
              "        faces\n"
              "        (\n"
              "            (2 6 5 1)\n"
              "        );\n"
              "    }\n"
              ");\n");
    EXPECT_THROW(FoamDictionary().listEntry("faces", {"(1 2 3 4));"}), FoamFileError);
    EXPECT_THROW(FoamDictionary().entry("boundary", {{"in;let", FoamDictionary()}}), FoamFileError);
    EXPECT_THROW(FoamDictionary().comment("two\nlines"), FoamFileError);
    // merge appends the other's entries: SnappyDict's shared parts go after a mesher's own.
    EXPECT_EQ(FoamDictionary().entry("a", 1).merge(FoamDictionary().entry("b", 2)).text(), "a               1;\nb               2;\n");
}
