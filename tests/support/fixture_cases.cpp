#include "fixture_cases.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "fixes/fixes.hpp"

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

std::vector<FixtureCase> discover_fix_cases() {
    std::vector<FixtureCase> cases;
    for (auto& c : discover_fixture_cases()) {
        if (c.expect.is_discarded() || c.expect.value("fixes", nlohmann::json::array()).empty())
            continue;
        std::string status = c.expect.value("status", "");
        if ((status == "warn" || status == "fail") &&
            fixes::find_fix(c.expect["fixes"][0].get<std::string>()) != nullptr)
            cases.push_back(std::move(c));
    }
    return cases;
}

std::vector<std::string> with_user(std::vector<std::string> argv, const nlohmann::json& expect) {
    if (expect.contains("user")) {
        argv.push_back("--user");
        argv.push_back(expect["user"]);
    }
    return argv;
}

void PrintTo(const FixtureCase& c, std::ostream* out) {
    *out << c.check << "/" << c.name;
}

std::string test_name_of(const FixtureCase& c) {
    std::string name = c.check + "_" + c.name;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch)))
            ch = '_';
    return name;
}

std::vector<nlohmann::json> journal_manifests(const std::filesystem::path& root) {
    std::vector<nlohmann::json> manifests;
    std::filesystem::path dir = root / "var/lib/sndoctor/journal";
    if (!std::filesystem::is_directory(dir))
        return manifests;
    std::vector<std::filesystem::path> entries;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        entries.push_back(entry.path());
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
        std::ifstream in(entry / "manifest.json");
        manifests.push_back(nlohmann::json::parse(in, nullptr, false));
    }
    return manifests;
}

}  // namespace sndoctor::testing
