// draft-post: reduces a sweep to drag savings, fits, plots and mile times; predicts and replays races.
#include "cases/ConfigError.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PostCli.hpp"
#include "postprocess/PostError.hpp"

#include <iostream>

int main(int argc, char** argv) {
    using namespace drafting;
    try {
        return post::PostCli::run({argv, argv + argc}, std::cout, std::cerr);
    } catch (const cases::ConfigError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 1;
    } catch (const post::PacingError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 1;
    } catch (const post::PostError& e) {
        std::cerr << "draft-post: error: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "draft-post: unexpected error: " << e.what() << '\n';
        return 2;
    }
}
