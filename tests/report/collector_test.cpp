// The collector on a fixture root with an HD-Audio codec (tests/report/writer/hda-laptop), on
// the demo system and on small memory roots: the sections alsa-info.sh prints, in its order,
// with its layout; the sections whose source is missing left out; unreadable files reported.
#include <gtest/gtest.h>

#include <map>

#include "checks/checks.hpp"
#include "core/root.hpp"
#include "core/unique_fd.hpp"
#include "engine/runner.hpp"
#include "facts/facts.hpp"
#include "report/collector.hpp"
#include "report/section_files.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;

/// Mon Oct  7 08:55:48 UTC 2013, the time of the corpus report the fixture's codec comes from.
constexpr std::int64_t k_now = 1381136148;

std::string fixture() {
    return required_env("SNDOCTOR_SOURCE_ROOT") + "/tests/report/writer/hda-laptop";
}

Environment environment(const std::string& user) {
    Environment env;
    env.user = user;
    env.user_source = UserSource::option;
    env.now = k_now;
    return env;
}

report::Report collect(const Root& root, const std::string& user,
                       std::vector<Result>* results_out = nullptr) {
    Facts facts(root, environment(user));
    auto results = run_checks(checks::registry(), facts);
    auto report = report::collect_report(facts, results);
    if (results_out)
        *results_out = results;
    return report;
}

std::vector<std::string> titles(const report::Report& report) {
    std::vector<std::string> list;
    for (const auto& section : report.sections)
        list.push_back(section.title);
    return list;
}

const report::Section& section(const report::Report& report, std::string_view title) {
    static const report::Section missing;
    const auto* found = report.find(title);
    EXPECT_NE(found, nullptr) << "no section " << title;
    return found ? *found : missing;
}

TEST(Collector, FixtureSectionsComeInAlsaInfoOrder) {
    auto root = open_dir_root(fixture(), RootSource::dir);
    auto report = collect(*root, "robin");
    EXPECT_EQ(report.script_version, "sndoctor " SNDOCTOR_VERSION);
    std::vector<std::string> expected = {
        "Script ran on: Mon Oct  7 08:55:48 UTC 2013",
        "Linux Distribution",
        "DMI Information",
        "Kernel Information",
        "ALSA Version",
        "Loaded ALSA modules",
        "Sound Servers on this system",
        "Soundcards recognised by ALSA",
        "PCI Soundcards installed in the system",
        "Modprobe options (Sound related)",
        "Loaded sound module options",
        "Sysfs card info",
        "HDA-Intel Codec information",
        "ALSA configuration files",
        "All Loaded Modules",
        "Sysfs Files",
        "sndoctor findings",
    };
    EXPECT_EQ(titles(report), expected);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front().path;
}

TEST(Collector, FixtureSectionContents) {
    auto root = open_dir_root(fixture(), RootSource::dir);
    auto report = collect(*root, "robin");
    EXPECT_EQ(section(report, "Linux Distribution").text,
              "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\" NAME=\"Debian GNU/Linux\" "
              "ID=debian\n");
    EXPECT_NE(section(report, "DMI Information").text.find("Product Name:      UX31A\n"),
              std::string::npos);
    EXPECT_EQ(section(report, report::k_kernel_information_title).text,
              "Kernel release:    6.1.0-18-amd64\nOperating System:  GNU/Linux\n"
              "Architecture:      x86_64\nSMP Enabled:       Yes\n");
    EXPECT_EQ(section(report, report::k_alsa_version_title).text,
              "Driver version:     k6.1.0-18-amd64\nLibrary version:    \n");
    EXPECT_EQ(section(report, report::k_card_modules_title).text, "snd_hda_intel (card 0)\n");
    EXPECT_EQ(section(report, "Sound Servers on this system").text,
              "PipeWire:\n      Installed - Yes (/usr/bin/pipewire)\n      Running - Yes\n");
    EXPECT_EQ(section(report, report::k_cards_title).text, *root->read("/proc/asound/cards"));
    EXPECT_EQ(section(report, "PCI Soundcards installed in the system")
                  .text.rfind("00:1b.0 Audio device [0403]: ", 0),
              0u);
    EXPECT_NE(section(report, "PCI Soundcards installed in the system")
                  .text.find("[8086:1e20]\n\tSubsystem: [1043:1517]\n"),
              std::string::npos);
    // Only the sound modules' options, in alsa-info's "module: options" form.
    EXPECT_EQ(section(report, report::k_modprobe_title).text,
              "snd_hda_intel: model=asus-zenbook power_save=1\n");
    const auto& options = section(report, report::k_module_options_title);
    ASSERT_EQ(options.subsections.size(), 1u);
    EXPECT_EQ(options.subsections[0].title, "Module: snd_hda_intel");
    EXPECT_EQ(options.subsections[0].text,
              "\tmodel : asus-zenbook\n\tpower_save : 1\n\tpower_save_controller : Y\n");
    const auto& cards = section(report, "Sysfs card info");
    ASSERT_EQ(cards.subsections.size(), 1u);
    EXPECT_EQ(cards.subsections[0].title, "Card: /sys/class/sound/card0");
    EXPECT_EQ(cards.subsections[0].text.substr(0, 45),
              "Driver: /sys/bus/pci/drivers/snd_hda_intel\nTr");
    EXPECT_NE(cards.subsections[0].text.find("├── device -> ../../../devices/pci0000:00/"),
              std::string::npos);
    EXPECT_EQ(section(report, report::k_codecs_title).text,
              *root->read("/proc/asound/card0/codec#0"));
    const auto& configs = section(report, "ALSA configuration files");
    ASSERT_EQ(configs.subsections.size(), 2u);
    EXPECT_EQ(configs.subsections[0].title, "User specific config file (~/.asoundrc)");
    EXPECT_EQ(configs.subsections[1].title, "System wide config file (/etc/asound.conf)");
    EXPECT_EQ(section(report, report::k_all_modules_title).text,
              "snd_hda_codec\nsnd_hda_codec_realtek\nsnd_hda_intel\n");
    EXPECT_EQ(section(report, report::k_sysfs_files_title)
                  .text.rfind("/sys/class/sound/hwC0D0/init_pin_configs:\n0x12 0x99a3092f\n", 0),
              0u);
    EXPECT_NE(section(report, report::k_sysfs_files_title)
                  .text.find("\n/sys/class/sound/hwC0D0/hints:\n\n"),
              std::string::npos);
}

TEST(Collector, DemoCarriesTheFindings) {
    auto root = open_dir_root(required_env("SNDOCTOR_DEMO"), RootSource::dir);
    std::vector<Result> results;
    auto report = collect(*root, "alex", &results);
    EXPECT_EQ(titles(report).back(), "sndoctor findings");
    const std::string& findings = report.sections.back().text;
    int not_passed = 0;
    for (const auto& result : results) {
        if (result.status == Status::pass) {
            EXPECT_EQ(findings.find(" " + result.id + ": "), std::string::npos) << result.id;
            continue;
        }
        ++not_passed;
        EXPECT_NE(findings.find(std::string(to_string(result.status)) + " " + result.id + ": " +
                                result.summary + "\n"),
                  std::string::npos)
            << result.id;
        for (const auto& evidence : result.evidence)
            EXPECT_NE(findings.find("    " + evidence.path), std::string::npos) << result.id;
    }
    EXPECT_GT(not_passed, 0);  // the demo is a broken machine
    EXPECT_NE(section(report, report::k_cards_title).text.find("VirMIDI"), std::string::npos);
    EXPECT_EQ(section(report, report::k_card_modules_title).text,
              "snd_virmidi (card 0)\nsnd_hda_intel (card 1)\n");
}

/// A root that counts the reads of each path and passes everything on.
class ReadCountingRoot : public Root {
  public:
    explicit ReadCountingRoot(const Root& inner) : m_inner(inner) {}

    RootSource source() const override { return m_inner.source(); }
    std::string origin() const override { return m_inner.origin(); }
    std::optional<std::string> read(std::string_view path, std::size_t cap) const override {
        ++m_reads[std::string(path)];
        return m_inner.read(path, cap);
    }
    UniqueFd open_file(std::string_view path, FileInfo* info = nullptr) const override {
        ++m_reads[std::string(path)];
        return m_inner.open_file(path, info);
    }
    std::optional<FileInfo> stat(std::string_view path) const override {
        return m_inner.stat(path);
    }
    std::optional<FileInfo> lstat(std::string_view path) const override {
        return m_inner.lstat(path);
    }
    std::optional<std::string> read_link(std::string_view path) const override {
        return m_inner.read_link(path);
    }
    std::vector<DirEntry> list(std::string_view path) const override { return m_inner.list(path); }
    std::optional<std::string> host_path(std::string_view path) const override {
        return m_inner.host_path(path);
    }

    int reads(const std::string& path) const {
        auto it = m_reads.find(path);
        return it == m_reads.end() ? 0 : it->second;
    }

  private:
    const Root& m_inner;
    mutable std::map<std::string, int> m_reads;
};

/// The files `dir`/*/`name` of a root (`name` empty: the entries of `dir` themselves whose names
/// start with `prefix`).
std::vector<std::string> files_below(const Root& root, const std::string& dir,
                                     std::string_view prefix, std::string_view name) {
    std::vector<std::string> paths;
    for (const auto& entry : root.list(dir)) {
        if (!entry.name.starts_with(prefix))
            continue;
        std::string path = dir + "/" + entry.name;
        if (name.empty() || root.stat(path + "/" + std::string(name)))
            paths.push_back(name.empty() ? path : path + "/" + std::string(name));
    }
    return paths;
}

TEST(Collector, EachCodecDumpIsReadOnceForTheChecksAndTheReport) {
    // The kernel asks the codec anew on every read of a dump (tens of ms on real hardware):
    // the codec facts, cards.hdmi-default, codec.eapd-off and the report's section share one.
    auto demo = open_dir_root(required_env("SNDOCTOR_DEMO"), RootSource::dir);
    ReadCountingRoot root(*demo);
    auto report = collect(root, "alex");
    EXPECT_NE(section(report, report::k_codecs_title).text.find("Codec: "), std::string::npos);
    int dumps = 0;
    for (const auto& card : files_below(*demo, "/proc/asound", "card", "")) {
        for (const auto& path : files_below(*demo, card, "codec#", "")) {
            EXPECT_EQ(root.reads(path), 1) << path;
            ++dumps;
        }
    }
    EXPECT_GT(dumps, 0) << "the demo has codec dumps";
}

TEST(Collector, EachAcpiAddressIsReadOnceForTheChecksAndTheReport) {
    // firmware.dsp-driver and the SoundWire section both look at every ACPI device's _ADR.
    auto fixture = open_dir_root(
        required_env("SNDOCTOR_FIXTURES") + "/firmware.dsp-driver/fail-legacy-forced-soundwire",
        RootSource::dir);
    ReadCountingRoot root(*fixture);
    auto report = collect(root, "alex");
    EXPECT_NE(section(report, report::k_soundwire_title).text.find("Realtek"), std::string::npos);
    auto paths = files_below(*fixture, "/sys/bus/acpi/devices", "", "adr");
    ASSERT_FALSE(paths.empty());
    for (const auto& path : paths)
        EXPECT_EQ(root.reads(path), 1) << path;
}

TEST(Collector, ProcModulesIsReadOnceForTheChecksAndTheReport) {
    // pci.driver-bound, power.save-pops, firmware.sof and the "All Loaded Modules" section all
    // ask which modules are loaded.
    auto fixture = open_dir_root(
        required_env("SNDOCTOR_FIXTURES") + "/pci.driver-bound/fail-not-loaded", RootSource::dir);
    ReadCountingRoot root(*fixture);
    auto report = collect(root, "alex");
    EXPECT_NE(section(report, report::k_all_modules_title).text.find("soundcore\n"),
              std::string::npos);
    EXPECT_EQ(root.reads("/proc/modules"), 1);
}

TEST(Collector, TheCardListIsReadOnceForTheChecksAndTheReport) {
    auto demo = open_dir_root(required_env("SNDOCTOR_DEMO"), RootSource::dir);
    ReadCountingRoot root(*demo);
    auto report = collect(root, "alex");
    EXPECT_EQ(section(report, report::k_cards_title).text, *demo->read("/proc/asound/cards"));
    EXPECT_EQ(root.reads("/proc/asound/cards"), 1);
}

TEST(Collector, SectionsWithoutTheirSourceAreLeftOut) {
    testing::TempDir dir;
    dir.write("proc/asound/cards",
              " 0 [Dummy          ]: Dummy - Dummy\n"
              "                      Dummy 1\n");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    auto report = collect(*root, "");
    std::vector<std::string> expected = {"Script ran on: Mon Oct  7 08:55:48 UTC 2013",
                                         "Sound Servers on this system",
                                         "Soundcards recognised by ALSA", "sndoctor findings"};
    EXPECT_EQ(titles(report), expected);
    EXPECT_EQ(report.sections[1].text, "No sound servers found.\n");
}

TEST(Collector, AReportRootSaysNothingOfProcesses) {
    MemoryRoot root("memory");  // what the reader builds from a report
    root.add_file("/proc/asound/cards",
                  " 0 [Dummy          ]: Dummy - Dummy\n"
                  "                      Dummy 1\n");
    auto report = collect(root, "");
    EXPECT_EQ(report.find("Sound Servers on this system"), nullptr);
    EXPECT_NE(report.find(report::k_cards_title), nullptr);
}

TEST(Collector, AnUnreadableFileIsAProblemNamingIt) {
    MemoryRoot root("memory");
    root.add_file("/proc/asound/cards", std::string("\0\1\2\3junk", 8));
    root.add_file("/proc/asound/version",
                  "Advanced Linux Sound Architecture Driver Version k6.6.30.\n");
    auto report = collect(root, "");
    EXPECT_EQ(report.find(report::k_cards_title), nullptr);
    ASSERT_NE(report.find(report::k_alsa_version_title), nullptr);
    EXPECT_EQ(
        report.find(report::k_alsa_version_title)->text.rfind("Driver version:     k6.6.30\n", 0),
        0u);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_EQ(report.problems.front().path, "/proc/asound/cards");
}

}  // namespace
}  // namespace sndoctor
