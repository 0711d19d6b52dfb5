#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
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

/// The fixtures whose check warns or fails and links a fix that exists ("fixes" on a passing
/// fixture only says the fix is linked): every case a fix is applied to (the fixes and
/// privilege suites share this list).
std::vector<FixtureCase> discover_fix_cases();

/// `argv` with "--user U" added when the case's expectation names a user.
std::vector<std::string> with_user(std::vector<std::string> argv, const nlohmann::json& expect);

/// The journal entries a fix left in `root` (their manifest.json, oldest first), as `sndoctor
/// history` reads them; a manifest that is not JSON is a discarded value.
std::vector<nlohmann::json> journal_manifests(const std::filesystem::path& root);

/// How GoogleTest shows a failing case: "cards.present/warn-hdmi-first", not its bytes.
void PrintTo(const FixtureCase& c, std::ostream* out);

/// "cards.present_warn-hdmi-first" → a valid GoogleTest parameter name.
std::string test_name_of(const FixtureCase& c);

}  // namespace sndoctor::testing
