#include "fixture_cases.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace sndoctor::testing {

namespace fs = std::filesystem;

std::vector<FixtureCase> discover_fixture_cases() {
    std::vector<FixtureCase> cases;
    const char* dir = std::getenv("SNDOCTOR_FIXTURES");
    if (dir == nullptr || !fs::is_directory(dir))
        return cases;
    const std::string suffix = ".expect.json";
    for (const auto& check_dir : fs::directory_iterator(dir)) {
        if (!check_dir.is_directory())
            continue;
        for (const auto& entry : fs::directory_iterator(check_dir.path())) {
            std::string file = entry.path().filename().string();
            if (!file.ends_with(suffix))
                continue;
            FixtureCase c;
            c.check = check_dir.path().filename().string();
            c.name = file.substr(0, file.size() - suffix.size());
            c.root = check_dir.path() / c.name;
            std::ifstream in(entry.path());
            c.expect = nlohmann::json::parse(in, nullptr, false);
            cases.push_back(std::move(c));
        }
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) {
        return std::tie(a.check, a.name) < std::tie(b.check, b.name);
    });
    return cases;
}

std::string test_name_of(const FixtureCase& c) {
    std::string name = c.check + "_" + c.name;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return name;
}

}  // namespace sndoctor::testing
