// draft-cases: formations and spacing sweeps → OpenFOAM cases, and running them.
#include "cases/CasesCli.hpp"
#include "cases/ConfigError.hpp"
#include "meshes/GeometryError.hpp"

#include <iostream>

int main(int argc, char** argv) {
    using namespace drafting;
    try {
        return cases::CasesCli::run({argv + 1, argv + argc}, std::cout, std::cerr);
    } catch (const cases::ConfigError& e) {
        std::cerr << "draft-cases: error: " << e.what() << '\n';
        return 1;
    } catch (const meshes::GeometryError& e) {
        std::cerr << "draft-cases: error: " << e.what() << '\n';
        return 1;
    } catch (const cases::RunError& e) {
        std::cerr << "draft-cases: run failed: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "draft-cases: unexpected error: " << e.what() << '\n';
        return 2;
    }
}
