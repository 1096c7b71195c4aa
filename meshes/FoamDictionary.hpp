#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace drafting::meshes {

/// An OpenFOAM dictionary built entry by entry and written in one layout: `key value;` with the
/// value at column 16 as OpenFOAM's own files have it, sub-dictionaries indented by four, a blank
/// line around each top-level sub-dictionary. Every dictionary the generator, the reference cases,
/// the meshers and the MPI runner write (controlDict, fvSchemes, fvSolution, the constant/
/// properties, the 0/ fields, decomposeParDict, function objects, blockMeshDict and
/// snappyHexMeshDict) is built here, so a setting is one `entry` in
/// one place, and no value can end an entry early: a ';', '{', '}', a line break or an unpaired '"'
/// in a key or value is refused (FoamFileError) before anything is written.
class FoamDictionary {
public:
    /// `key value;`; a value is one or more OpenFOAM tokens: a word, "(1 0 0)", "Gauss linear",
    /// "(\"libforces.so\")".
    FoamDictionary& entry(const std::string& key, const std::string& value);
    /// A number as FoamFile::number writes it (9 significant digits).
    FoamDictionary& entry(const std::string& key, double value);
    FoamDictionary& entry(const std::string& key, int value);
    FoamDictionary& entry(const std::string& key, long value);
    FoamDictionary& entry(const std::string& key, const char* value) { return entry(key, std::string(value)); }
    /// A sub-dictionary `key { … }`.
    FoamDictionary& entry(const std::string& key, const FoamDictionary& sub);
    /// `$name;`: the entries of the sibling `name` (pFinal { $p; relTol 0; }).
    FoamDictionary& macro(const std::string& name);
    /// A list of named dictionaries, `key ( name { … } … );` (blockMesh's boundary).
    FoamDictionary& entry(const std::string& key, const std::vector<std::pair<std::string, FoamDictionary>>& dictionaries);
    /// A list one item a line, `key ( item … );` (blockMesh's vertices, blocks, edges, faces).
    FoamDictionary& listEntry(const std::string& key, const std::vector<std::string>& items);
    /// A `// text` line for a person reading the file.
    FoamDictionary& comment(const std::string& text);
    /// The entries of `other`, after these (the parts of a dictionary two writers share).
    FoamDictionary& merge(const FoamDictionary& other);

    /// A field's boundary condition: `type TYPE;` and its values in order ("value", "inletValue").
    static FoamDictionary condition(const std::string& type,
                                    const std::vector<std::pair<std::string, std::string>>& values = {});
    /// "(x y z)", each number as FoamFile::number writes it.
    static std::string vector(double x, double y, double z);
    /// "( a b c )": a list of words (patch names, bodies).
    static std::string list(const std::vector<std::string>& words);

    /// The entries, each line indented by `depth` × 4 spaces.
    std::string text(int depth = 0) const;
    /// The whole file: FoamFile::header(object, cls, location), then the entries (a field file is
    /// one of class volScalarField or volVectorField in 0/).
    std::string file(const std::string& object, const std::string& location, const std::string& cls = "dictionary") const;

private:
    enum class Kind { value, dictionary, macro, comment, dictionaries, items };
    struct Entry {
        Kind kind = Kind::value;
        std::string key;
        std::string value;                                        // value, or comment text
        std::shared_ptr<const FoamDictionary> sub;                // dictionary
        std::vector<std::pair<std::string, FoamDictionary>> list; // dictionaries
        std::vector<std::string> items;                           // items
        bool isBlock() const { return kind == Kind::dictionary || kind == Kind::dictionaries || kind == Kind::items; }
    };
    static void check(const std::string& key, const std::string& text, bool allowEmpty);
    std::vector<Entry> entries_;
};

}  // namespace drafting::meshes
