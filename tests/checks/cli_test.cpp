// The command line as a user meets it: help, usage errors, explain, exit codes, colour rules.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checks/checks.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;
using testing::run_program;
using testing::TempDir;

std::string bin() {
    return required_env("SNDOCTOR_BIN");
}

TEST(Cli, HelpNamesEveryCommandAndOption) {
    auto run = run_program({bin(), "--help"});
    EXPECT_EQ(run.exit_code, 0);
    for (const char* word : {"check", "explain", "--root", "--demo", "--user", "--only", "--json",
                             "--verbose", "--no-color", "64"})
        EXPECT_NE(run.out.find(word), std::string::npos) << word;
}

TEST(Cli, VersionPrintsTheVersion) {
    auto run = run_program({bin(), "--version"});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.out.rfind("sndoctor ", 0), 0u);
}

TEST(Cli, UsageErrorsExit64WithAMessage) {
    for (auto args : std::vector<std::vector<std::string>>{{"--bogus"},
                                                           {"frobnicate"},
                                                           {"check", "--root"},
                                                           {"check", "--only", "no.such"},
                                                           {"explain", "no.such"}}) {
        args.insert(args.begin(), bin());
        auto run = run_program(args);
        EXPECT_EQ(run.exit_code, 64) << args[1];
        EXPECT_NE(run.err.find("sndoctor: "), std::string::npos) << args[1];
        EXPECT_TRUE(run.out.empty());
    }
}

// libkmod is loaded by the first module look-up, not at start: a system where it cannot be
// loaded still gets every check, and the one that needed it says why it could not run.
/// `sndoctor check --json` on a fixture, with an empty file as the libkmod.so.2 the loader finds
/// first: a library that cannot be loaded.
testing::ProgramOutput check_with_broken_libkmod(const std::string& fixture) {
    TempDir libs;
    { std::ofstream broken(libs.path() / "libkmod.so.2"); }
    std::string root = required_env("SNDOCTOR_FIXTURES") + "/" + fixture;
    return run_program({bin(), "check", "--root", root, "--json"},
                       {{"LD_LIBRARY_PATH", libs.path().string()}});
}

TEST(Cli, UnloadableLibkmodIsTheLookingCheckErrorNotAFailedStart) {
    auto run = check_with_broken_libkmod("modprobe.card-aliases/pass-clean");
    auto report = nlohmann::json::parse(run.out);
    bool looked = false;
    for (const auto& check : report["checks"]) {
        if (check["id"] == "modprobe.card-aliases") {
            looked = true;
            EXPECT_EQ(check["status"], "error");
            EXPECT_NE(check["summary"].get<std::string>().find("libkmod.so.2: cannot be loaded"),
                      std::string::npos)
                << check["summary"];
        } else if (check["id"] == "cards.present") {
            EXPECT_EQ(check["status"], "pass");  // the run went on
        }
    }
    EXPECT_TRUE(looked);
}

// The other half: a system that gives no module to look up never loads libkmod at all, nor
// does a stock one whose only sound options are the distribution's own.
TEST(Cli, RunWithoutModuleLookUpsNeverLoadsLibkmod) {
    for (const char* fixture : {"modprobe.card-aliases/pass-no-config",
                                "modprobe.card-aliases/pass-distribution-options-only"}) {
        auto run = check_with_broken_libkmod(fixture);
        EXPECT_EQ(run.out.find("libkmod.so.2"), std::string::npos) << fixture << "\n" << run.out;
        auto report = nlohmann::json::parse(run.out);
        for (const auto& check : report["checks"])
            if (check["id"] == "modprobe.card-aliases")
                EXPECT_EQ(check["status"], "pass") << fixture;
    }
}

TEST(Cli, UnknownOnlyIdListsTheChecks) {
    auto run = run_program({bin(), "check", "--only", "cards.prsent"});
    EXPECT_EQ(run.exit_code, 64);
    EXPECT_NE(run.err.find("cards.present"), std::string::npos);
}

TEST(Cli, MissingRootDirectoryIsNamed) {
    auto run = run_program({bin(), "check", "--root", "/nonexistent-sndoctor-root"});
    EXPECT_EQ(run.exit_code, 66);
    EXPECT_NE(run.err.find("/nonexistent-sndoctor-root"), std::string::npos);
}

TEST(Cli, ExplainShowsTheExplanationAndListsChecks) {
    for (const auto* check : checks::registry()) {
        auto run = run_program({bin(), "explain", std::string(check->id)});
        EXPECT_EQ(run.exit_code, 0);
        EXPECT_NE(run.out.find(std::string(check->explanation.substr(0, 40))), std::string::npos)
            << check->id;
    }
    auto list = run_program({bin(), "explain"});
    EXPECT_EQ(list.exit_code, 0);
    for (const auto* check : checks::registry())
        EXPECT_NE(list.out.find(std::string(check->id)), std::string::npos);
}

TEST(Cli, PipedOutputHasNoColourAndTheTableHasEveryCheck) {
    TempDir empty;
    auto run = run_program({bin(), "check", "--root", empty.path().string()},
                           {{"TERM", "xterm-256color"}});
    EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
    for (const auto* check : checks::registry())
        EXPECT_NE(run.out.find(std::string(check->id)), std::string::npos);
    EXPECT_NE(run.out.find("checking the tree"), std::string::npos);
}

// An empty tree is a machine with nothing on it: every check still answers, none crashes, and
// the exit code agrees with the JSON.
TEST(Cli, EmptyRootGivesAVerdictForEveryCheck) {
    TempDir empty;
    auto run = run_program({bin(), "check", "--root", empty.path().string(), "--json"});
    auto doc = nlohmann::json::parse(run.out);
    EXPECT_EQ(doc["checks"].size(), checks::registry().size());
    EXPECT_EQ(doc["source"], "dir");
    int fails = doc["counts"]["fail"];
    int errors = doc["counts"]["error"];
    int warns = doc["counts"]["warn"];
    int expected = fails ? 2 : errors ? 3 : warns ? 1 : 0;
    EXPECT_EQ(run.exit_code, expected);
    EXPECT_GT(fails, 0) << "no card at all must fail cards.present";
}

// The documentation is part of the change: the man page names every check, option and exit code.
TEST(Cli, ManPageDocumentsEveryCheckOptionAndExitCode) {
    std::ifstream in(required_env("SNDOCTOR_SOURCE_ROOT") + "/man/sndoctor.1");
    std::stringstream text;
    text << in.rdbuf();
    std::string page = text.str();
    ASSERT_FALSE(page.empty());
    for (const auto* check : checks::registry())
        EXPECT_NE(page.find(".B " + std::string(check->id) + "\n"), std::string::npos) << check->id;
    for (const char* option : {"\\-\\-root", "\\-\\-demo", "\\-\\-user", "\\-\\-only", "\\-\\-json",
                               "\\-\\-verbose", "\\-\\-no\\-color"})
        EXPECT_NE(page.find(option), std::string::npos) << option;
    for (const char* code : {".B 0\n", ".B 1\n", ".B 2\n", ".B 3\n", ".B 64\n", ".B 66\n"})
        EXPECT_NE(page.find(code), std::string::npos) << code;
}

}  // namespace
}  // namespace sndoctor
