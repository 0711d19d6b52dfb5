// Every fixture root against its expectation file, through the real binary and its JSON
// (tests/fixtures/<check-id>/<case>/ with <case>.expect.json beside it).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "checks/checks.hpp"
#include "fixture_cases.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::required_env;
using testing::run_program;

using testing::FixtureCase;

int exit_code_for_status(const std::string& status) {
    static const std::map<std::string, int> codes = {{"pass", 0}, {"info", 0}, {"skip", 0},
                                                     {"warn", 1}, {"fail", 2}, {"error", 3}};
    return codes.at(status);
}

class FixtureExpectation : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(FixtureExpectation, CheckGivesTheExpectedResult) {
    const FixtureCase& c = GetParam();
    ASSERT_FALSE(c.expect.is_discarded()) << c.name << ".expect.json is not valid JSON";
    ASSERT_TRUE(fs::is_directory(c.root)) << "no root directory for " << c.name;
    ASSERT_EQ(c.expect.value("check", ""), c.check) << "expect file names another check";
    std::vector<std::string> argv = {required_env("SNDOCTOR_BIN"),
                                     "check",
                                     "--root",
                                     c.root.string(),
                                     "--only",
                                     c.check,
                                     "--json"};
    if (c.expect.contains("user")) {
        argv.push_back("--user");
        argv.push_back(c.expect["user"]);
    }
    auto run = run_program(argv, {{"SUDO_USER", ""}});
    auto doc = json::parse(run.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << "not JSON: " << run.out << run.err;
    ASSERT_EQ(doc["checks"].size(), 1u);
    const json& result = doc["checks"][0];
    std::string expected_status = c.expect["status"];
    std::string context = c.check + "/" + c.name + ": " + result.dump(2);
    EXPECT_EQ(result["id"], c.check);
    EXPECT_EQ(result["status"], expected_status) << context;
    EXPECT_EQ(run.exit_code, exit_code_for_status(expected_status)) << context;
    EXPECT_FALSE(result["summary"].get<std::string>().empty()) << context;
    if (c.expect.contains("summary_contains")) {
        std::string wanted = c.expect["summary_contains"];
        EXPECT_NE(result["summary"].get<std::string>().find(wanted), std::string::npos)
            << "summary lacks '" << wanted << "': " << context;
    }
    std::set<std::string> paths;
    std::string evidence_text;
    for (const auto& evidence : result["evidence"]) {
        evidence_text += evidence["text"].get<std::string>() + "\n";
        std::string path = evidence["path"];
        EXPECT_TRUE(path.starts_with("/")) << "evidence path not absolute in root: " << context;
        EXPECT_EQ(path.find(c.root.string()), std::string::npos)
            << "evidence shows a host path: " << context;
        paths.insert(path);
    }
    for (const auto& wanted : c.expect.value("evidence_paths", json::array()))
        EXPECT_TRUE(paths.count(wanted)) << "no evidence from " << wanted << ": " << context;
    for (const auto& wanted : c.expect.value("explanation_contains", json::array()))
        EXPECT_NE(result["explanation"].get<std::string>().find(wanted.get<std::string>()),
                  std::string::npos)
            << "the explanation lacks '" << wanted.get<std::string>() << "': " << context;
    for (const auto& wanted : c.expect.value("evidence_contains", json::array()))
        EXPECT_NE(evidence_text.find(wanted.get<std::string>()), std::string::npos)
            << "no evidence says '" << wanted.get<std::string>() << "': " << context;
    std::set<std::string> fixes;
    for (const auto& fix : result["fixes"])
        fixes.insert(fix["id"].get<std::string>());
    for (const auto& wanted : c.expect.value("fixes", json::array()))
        EXPECT_TRUE(fixes.count(wanted)) << "fix " << wanted << " not linked: " << context;
    if (expected_status == "fail" || expected_status == "warn") {
        EXPECT_FALSE(result["evidence"].empty()) << "a problem without evidence: " << context;
    }
}

std::string case_name(const ::testing::TestParamInfo<FixtureCase>& info) {
    return testing::test_name_of(info.param);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureExpectation,
                         ::testing::ValuesIn(testing::discover_fixture_cases()), case_name);

// The rule: a check has a fixture root where it passes and one for each way it fails.
TEST(FixtureCoverage, EveryCheckHasAPassingAndAFailingRoot) {
    auto cases = testing::discover_fixture_cases();
    ASSERT_FALSE(cases.empty()) << "no fixtures found under " << required_env("SNDOCTOR_FIXTURES");
    for (const auto* check : checks::registry()) {
        std::set<std::string> statuses;
        for (const auto& c : cases)
            if (c.check == check->id)
                statuses.insert(c.expect.value("status", ""));
        bool passes = statuses.count("pass") || statuses.count("info");
        bool finds = statuses.count("fail") || statuses.count("warn");
        EXPECT_TRUE(passes) << check->id << " has no passing fixture";
        EXPECT_TRUE(finds) << check->id << " has no failing fixture";
    }
}

// git keeps no empty directory, so a fixture that needs one would pass here and fail on a fresh
// clone: such a directory must hold a file.
TEST(FixtureSources, NoDirectoryIsEmpty) {
    for (const fs::path& tree : {fs::path(required_env("SNDOCTOR_FIXTURE_SOURCES")),
                                 fs::path(required_env("SNDOCTOR_SOURCE_ROOT")) / "data"}) {
        for (const auto& entry : fs::recursive_directory_iterator(tree))
            if (entry.is_directory() && !entry.is_symlink()) {
                EXPECT_FALSE(fs::is_empty(entry.path()))
                    << entry.path() << " is empty: a clone would not have it";
            }
    }
}

}  // namespace
}  // namespace sndoctor
