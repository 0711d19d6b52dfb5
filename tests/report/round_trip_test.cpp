// Export and read back: the report `sndoctor report` writes for the fixture root and for the
// demo, read by the reader into a memory root, gives the same facts as the tree it came from
// (cards, card modules, codec names, kernel release, module parameters, sound modprobe options),
// and exporting that memory root again as JSON keeps them.
#include <gtest/gtest.h>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "engine/runner.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/modprobe_config.hpp"
#include "hda/codec_parser.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/alsa_info_writer.hpp"
#include "report/collector.hpp"
#include "report/report_root.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;

Environment environment(const std::string& user) {
    Environment env;
    env.user = user;
    env.user_source = UserSource::option;
    env.now = 1381136148;
    return env;
}

std::string exported(const Root& root, const std::string& user) {
    Facts facts(root, environment(user));
    auto results = run_checks(checks::registry(), facts);
    return report::write_alsa_info(report::collect_report(facts, results));
}

/// The facts both trees must agree on, as one comparable text.
std::string facts_of(const Root& root) {
    Facts facts(root, environment(""));
    std::string text;
    for (const auto& card : facts.get<CardList>().cards)
        text += "card " + std::to_string(card.index) + " " + card.id + " " + card.driver + " " +
                card.module + "\n";
    text += "kernel " + facts.get<KernelIdentity>().release + "\n";
    for (const auto& card : root.list("/proc/asound")) {
        for (const auto& entry : root.list("/proc/asound/" + card.name)) {
            if (entry.name.rfind("codec#", 0) != 0)
                continue;
            std::string path = "/proc/asound/" + card.name + "/" + entry.name;
            for (const auto& codec : hda::parse_codec_dump(root.read(path).value_or(""), path))
                text += path + " " + codec.name + "\n";
        }
    }
    for (const auto& entry : facts.get<ModprobeConfig>().entries)
        if (entry.command == ModprobeCommand::options && entry.module.rfind("snd_", 0) == 0)
            text += "options " + entry.module + " " + entry.argument + "\n";
    for (const auto& module : root.list("/sys/module"))
        for (const auto& parameter : root.list("/sys/module/" + module.name + "/parameters"))
            text += module.name + "." + parameter.name + "=" +
                    root.read("/sys/module/" + module.name + "/parameters/" + parameter.name)
                        .value_or("?") +
                    "\n";
    return text;
}

void expect_round_trip(const Root& original, const std::string& user) {
    std::string text = exported(original, user);
    auto read_back =
        report::build_report_root(report::read_alsa_info(text, "exported"), "exported");
    EXPECT_TRUE(read_back.report.problems.empty()) << read_back.report.problems.front().path << ": "
                                                   << read_back.report.problems.front().reason;
    EXPECT_EQ(read_back.report.script_version, "sndoctor " SNDOCTOR_VERSION);
    std::string before = facts_of(original);
    EXPECT_NE(before.find("card "), std::string::npos);  // there is something to compare
    EXPECT_EQ(facts_of(*read_back.root), before);
    // Exported again from the memory root, the shared sections come out the same.
    std::string again = exported(*read_back.root, user);
    auto first = report::read_alsa_info(text, "first");
    auto second = report::read_alsa_info(again, "second");
    for (const char* title : {"Soundcards recognised by ALSA", "Loaded ALSA modules",
                              "HDA-Intel Codec information", "Modprobe options (Sound related)"}) {
        const auto* a = first.find(title);
        const auto* b = second.find(title);
        ASSERT_EQ(a == nullptr, b == nullptr) << title;
        if (a) {
            EXPECT_EQ(a->text, b->text) << title;
        }
    }
}

TEST(RoundTrip, FixtureWithCodec) {
    auto root = open_dir_root(
        required_env("SNDOCTOR_SOURCE_ROOT") + "/tests/report/writer/hda-laptop", RootSource::dir);
    expect_round_trip(*root, "robin");
}

TEST(RoundTrip, Demo) {
    auto root = open_dir_root(required_env("SNDOCTOR_DEMO"), RootSource::dir);
    expect_round_trip(*root, "alex");
}

}  // namespace
}  // namespace sndoctor
