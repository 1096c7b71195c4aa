#include "cases/JsonFile.hpp"

#include "cases/ConfigError.hpp"

#include <cstdio>
#include <fstream>

namespace drafting::cases {

nlohmann::json JsonFile::read(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw RunError("cannot read " + path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw RunError(path + ": not valid JSON (" + e.what() + ")");
    }
}

void JsonFile::writeAtomic(const std::string& path, const nlohmann::json& value) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw RunError("cannot write " + tmp);
        out << value.dump(2) << '\n';
        out.flush();
        if (!out) throw RunError("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw RunError("cannot rename " + tmp + " to " + path);
}

}  // namespace drafting::cases
