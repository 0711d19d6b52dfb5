#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sndoctor::testing {

/// One fixture root and its expectation: tests/fixtures/<check>/<name>/ with <name>.expect.json.
struct FixtureCase {
    std::string check;
    std::string name;
    std::filesystem::path root;  ///< the built root (under SNDOCTOR_FIXTURES)
    nlohmann::json expect;       ///< discarded when the file is not valid JSON
};

/// Every built fixture with an expectation, sorted by check and name; empty outside meson test.
std::vector<FixtureCase> discover_fixture_cases();

/// "cards.present_warn-hdmi-first" → a valid GoogleTest parameter name.
std::string test_name_of(const FixtureCase& c);

}  // namespace sndoctor::testing
