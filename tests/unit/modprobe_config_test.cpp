#include "facts/modprobe_config.hpp"

#include <gtest/gtest.h>
#include <libkmod.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <utility>

#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/kmod_context.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

std::vector<std::string> reasons(const ModprobeConfig& config) {
    std::vector<std::string> out;
    for (const auto& problem : config.problems)
        out.push_back(problem.path + ":" + std::to_string(problem.line) + " " + problem.reason);
    return out;
}

// ---------------------------------------------------------------- one file's text

TEST(ModprobeConfig, ParsesEveryCommandWithFileLineAndText) {
    auto config = ModprobeConfig::parse("/etc/modprobe.d/alsa.conf",
                                        "# the sound setup\n"
                                        "\n"
                                        "alias snd-card-0 snd-hda-intel\n"
                                        "options snd-hda-intel index=0 model=auto\n"
                                        "blacklist snd-pcsp\n"
                                        "install snd-foo /bin/true\n"
                                        "remove snd-foo /bin/echo gone\n"
                                        "softdep snd-hda-intel pre: snd-hda-codec-hdmi\n");
    EXPECT_TRUE(config.problems.empty()) << ::testing::PrintToString(reasons(config));
    ASSERT_EQ(config.entries.size(), 6u);
    const auto& alias = config.entries[0];
    EXPECT_EQ(alias.command, ModprobeCommand::alias);
    EXPECT_EQ(alias.alias, "snd_card_0");
    EXPECT_EQ(alias.module, "snd_hda_intel");
    EXPECT_EQ(alias.where.path, "/etc/modprobe.d/alsa.conf");
    EXPECT_EQ(alias.where.line, 3);
    EXPECT_EQ(alias.where.text, "alias snd-card-0 snd-hda-intel");
    const auto& options = config.entries[1];
    EXPECT_EQ(options.command, ModprobeCommand::options);
    EXPECT_EQ(options.module, "snd_hda_intel");
    EXPECT_EQ(options.argument, "index=0 model=auto");
    EXPECT_EQ(options.where.line, 4);
    EXPECT_EQ(config.entries[2].command, ModprobeCommand::blacklist);
    EXPECT_EQ(config.entries[2].module, "snd_pcsp");
    EXPECT_EQ(config.entries[3].command, ModprobeCommand::install);
    EXPECT_EQ(config.entries[3].argument, "/bin/true");
    EXPECT_EQ(config.entries[4].command, ModprobeCommand::remove);
    EXPECT_EQ(config.entries[4].argument, "/bin/echo gone");
    EXPECT_EQ(config.entries[5].command, ModprobeCommand::softdep);
    EXPECT_EQ(config.entries[5].argument, "pre: snd-hda-codec-hdmi");
}

TEST(ModprobeConfig, JoinsContinuedLinesAndKeepsTheFirstLineNumber) {
    auto config = ModprobeConfig::parse("/x.conf",
                                        "options snd-hda-intel index=0 \\\n"
                                        "        model=auto\n"
                                        "blacklist snd-pcsp\n");
    ASSERT_EQ(config.entries.size(), 2u);
    EXPECT_EQ(config.entries[0].argument, "index=0         model=auto");
    EXPECT_EQ(config.entries[0].where.line, 1);
    EXPECT_EQ(config.entries[1].where.line, 3);
}

TEST(ModprobeConfig, DropsABackslashBeforeAnyOtherCharacterAsKmodDoes) {
    auto config = ModprobeConfig::parse("/x.conf", "options snd id=a\\b\n");
    ASSERT_EQ(config.entries.size(), 1u);
    EXPECT_EQ(config.entries[0].argument, "id=ab");
}

TEST(ModprobeConfig, KeepsTheRestOfAnOptionsLineAsKmodStoresIt) {
    // A comment after the options is part of them: the kernel gets '#comment' as a parameter.
    // Tabs become spaces; the blanks after the one that ended the module name stay.
    auto config = ModprobeConfig::parse("/x.conf",
                                        "options snd_hda_intel model=auto #comment\n"
                                        "options\tsnd-usb-audio\t\tindex=1\tvid=0x46d\n");
    ASSERT_EQ(config.entries.size(), 2u);
    EXPECT_EQ(config.entries[0].argument, "model=auto #comment");
    EXPECT_EQ(config.entries[1].module, "snd_usb_audio");
    EXPECT_EQ(config.entries[1].argument, " index=1 vid=0x46d");
}

TEST(ModprobeConfig, TreatsDashesOutsideAliasPatternBracketsAsUnderscores) {
    auto config = ModprobeConfig::parse("/x.conf", "alias pci:v*d*bc04sc0[1-3]i* snd-hda-intel\n");
    ASSERT_EQ(config.entries.size(), 1u);
    EXPECT_EQ(config.entries[0].alias, "pci:v*d*bc04sc0[1-3]i*");
    EXPECT_EQ(config.entries[0].module, "snd_hda_intel");
}

TEST(ModprobeConfig, IgnoresCommentsAndBlankLinesSilently) {
    auto config = ModprobeConfig::parse("/x.conf",
                                        "# a comment\n"
                                        "   # an indented comment\n"
                                        "   \t \n"
                                        "\n");
    EXPECT_TRUE(config.entries.empty());
    EXPECT_TRUE(config.problems.empty()) << ::testing::PrintToString(reasons(config));
}

TEST(ModprobeConfig, ReportsMalformedLinesAndKeepsGoing) {
    auto config = ModprobeConfig::parse("/etc/modprobe.d/bad.conf",
                                        "options\n"
                                        "options snd-hda-intel\n"
                                        "alias snd-card-0\n"
                                        "blacklist\n"
                                        "optoins snd-hda-intel index=0\n"
                                        "include /etc/other.conf\n"
                                        "install snd-foo\n"
                                        "options snd-hda-intel index=0\n");
    ASSERT_EQ(config.problems.size(), 7u);
    for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(config.problems[i].path, "/etc/modprobe.d/bad.conf");
        EXPECT_EQ(config.problems[i].line, i + 1);
    }
    EXPECT_NE(config.problems[0].reason.find("no module named"), std::string::npos);
    EXPECT_NE(config.problems[1].reason.find("nothing after the module"), std::string::npos);
    EXPECT_NE(config.problems[4].reason.find("unknown command 'optoins'"), std::string::npos);
    EXPECT_NE(config.problems[5].reason.find("no longer reads 'include'"), std::string::npos);
    ASSERT_EQ(config.entries.size(), 1u);
    EXPECT_EQ(config.entries[0].where.line, 8);
}

TEST(ModprobeConfig, ReportsDosLineEndsOnceAndKeepsTheCrAsKmodDoes) {
    auto config = ModprobeConfig::parse("/x.conf",
                                        "blacklist snd-hda-intel\r\n"
                                        "options snd-hda-intel index=0\r\n");
    ASSERT_EQ(config.problems.size(), 1u);
    EXPECT_EQ(config.problems[0].line, 1);
    EXPECT_NE(config.problems[0].reason.find("DOS line ends"), std::string::npos);
    ASSERT_EQ(config.entries.size(), 2u);
    EXPECT_EQ(config.entries[0].module, "snd_hda_intel\r");  // this blacklist matches nothing
    EXPECT_EQ(config.entries[0].where.text, "blacklist snd-hda-intel");
}

TEST(ModprobeConfig, ReadsATruncatedFile) {
    // Cut off without a final newline: the last line still counts.
    auto cut = ModprobeConfig::parse("/x.conf", "alias snd-card-0 snd-hda-intel\noptions snd-v");
    ASSERT_EQ(cut.entries.size(), 1u);
    ASSERT_EQ(cut.problems.size(), 1u);
    EXPECT_EQ(cut.problems[0].line, 2);
    // Cut off inside a continued line.
    auto continued = ModprobeConfig::parse("/x.conf", "options snd-hda-intel index=0 \\");
    ASSERT_EQ(continued.problems.size(), 1u);
    EXPECT_NE(continued.problems[0].reason.find("cut off"), std::string::npos);
    ASSERT_EQ(continued.entries.size(), 1u);
    EXPECT_EQ(continued.entries[0].argument, "index=0 ");
}

TEST(ModprobeConfig, RefusesBinaryData) {
    std::string junk("options snd\0\x01\x02\xff junk\n", 22);
    auto config = ModprobeConfig::parse("/etc/modprobe.d/junk.conf", junk);
    EXPECT_TRUE(config.entries.empty());
    ASSERT_EQ(config.problems.size(), 1u);
    EXPECT_EQ(config.problems[0].path, "/etc/modprobe.d/junk.conf");
    EXPECT_NE(config.problems[0].reason.find("binary"), std::string::npos);
}

TEST(ModprobeConfig, SurvivesLongLinesAndManyContinuations) {
    std::string text = "options snd-hda-intel model=" + std::string(100000, 'x') + "\n";
    for (int i = 0; i < 1000; ++i)
        text += "\\\n";
    text += "blacklist snd-pcsp\n";
    auto config = ModprobeConfig::parse("/x.conf", text);
    ASSERT_EQ(config.entries.size(), 2u);
    EXPECT_EQ(config.entries[1].where.line, 2);
    EXPECT_LE(config.entries[0].where.text.size(), 210u);  // clipped for evidence
}

// ---------------------------------------------------------------- files, as kmod finds them

TEST(ModprobeConfigFiles, FollowsKmodsPrecedenceFilterAndOrder) {
    MemoryRoot root("test");
    root.add_file("/etc/modprobe.d/b.conf", "options snd-b index=1\n");
    root.add_file("/lib/modprobe.d/b.conf", "options snd-hidden index=9\n");
    root.add_file("/usr/lib/modprobe.d/a.conf", "options snd-a index=0\n");
    root.add_file("/run/modprobe.d/c.alias", "alias snd-card-2 snd-c\n");
    root.add_file("/usr/local/lib/modprobe.d/d.conf", "blacklist snd-d\n");
    root.add_file("/etc/modprobe.d/b.conf.bak", "options snd-bak index=0\n");
    root.add_file("/etc/modprobe.d/.hidden.conf", "options snd-dot index=0\n");
    root.add_file("/etc/modprobe.d/README", "options snd-readme index=0\n");
    root.add_file("/etc/modprobe.d/sub.conf/inner.conf", "options snd-inner index=0\n");
    root.add_file("/etc/modprobe.conf", "options snd-legacy index=3\n");
    auto config = ModprobeConfig::read(root);
    std::vector<std::string> paths;
    for (const auto& file : config.files)
        paths.push_back(file.path);
    EXPECT_EQ(paths,
              (std::vector<std::string>{"/usr/lib/modprobe.d/a.conf", "/etc/modprobe.d/b.conf",
                                        "/run/modprobe.d/c.alias",
                                        "/usr/local/lib/modprobe.d/d.conf", "/etc/modprobe.conf"}));
    EXPECT_EQ(config.files[1].hidden, std::vector<std::string>{"/lib/modprobe.d/b.conf"});
    std::vector<std::string> modules;
    for (const auto& entry : config.entries)
        modules.push_back(entry.module);
    EXPECT_EQ(modules,
              (std::vector<std::string>{"snd_a", "snd_b", "snd_c", "snd_d", "snd_legacy"}));
    EXPECT_EQ(config.entries.back().where.path, "/etc/modprobe.conf");
}

TEST(ModprobeConfigFiles, LegacyFileIsHiddenByAModprobeDFileOfTheSameName) {
    MemoryRoot root("test");
    root.add_file("/etc/modprobe.d/modprobe.conf", "options snd-new index=0\n");
    root.add_file("/etc/modprobe.conf", "options snd-old index=0\n");
    auto config = ModprobeConfig::read(root);
    ASSERT_EQ(config.files.size(), 1u);
    EXPECT_EQ(config.files[0].hidden, std::vector<std::string>{"/etc/modprobe.conf"});
    ASSERT_EQ(config.entries.size(), 1u);
    EXPECT_EQ(config.entries[0].module, "snd_new");
}

TEST(ModprobeConfigFiles, ADanglingLinkStillHidesItsNamesake) {
    // The usual way to mask a packaged file: /etc/modprobe.d/x.conf → /dev/null.
    MemoryRoot root("test");
    root.add_link("/etc/modprobe.d/alsa.conf", "/dev/null");
    root.add_file("/lib/modprobe.d/alsa.conf", "options snd-virmidi index=0\n");
    auto config = ModprobeConfig::read(root);
    ASSERT_EQ(config.files.size(), 1u);
    EXPECT_EQ(config.files[0].path, "/etc/modprobe.d/alsa.conf");
    EXPECT_TRUE(config.entries.empty());
    EXPECT_TRUE(config.problems.empty());
}

TEST(ModprobeConfigFiles, AnAbsoluteLinkToDevNullStaysInsideADirectoryRoot) {
    testing::TempDir dir;
    dir.write("lib/modprobe.d/alsa.conf", "options snd-virmidi index=0\n");
    dir.write("dev/.keep", "");  // the root has a /dev, without a null in it
    std::filesystem::create_directories(dir.path() / "etc/modprobe.d");
    std::filesystem::create_symlink("/dev/null", dir.path() / "etc/modprobe.d/alsa.conf");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    // Inside the root /dev/null does not exist: a dangling link, which must not throw either.
    auto config = ModprobeConfig::read(*root);
    ASSERT_EQ(config.files.size(), 1u);
    EXPECT_TRUE(config.entries.empty());
    EXPECT_TRUE(config.problems.empty()) << ::testing::PrintToString(reasons(config));
}

TEST(ModprobeConfigFiles, ReportsAnOversizedFileAndReadsTheOthers) {
    MemoryRoot root("test");
    root.add_file("/etc/modprobe.d/big.conf", std::string(ModprobeConfig::k_read_cap + 1, '#'));
    root.add_file("/etc/modprobe.d/good.conf", "options snd-hda-intel index=0\n");
    auto config = ModprobeConfig::read(root);
    ASSERT_EQ(config.problems.size(), 1u);
    EXPECT_EQ(config.problems[0].path, "/etc/modprobe.d/big.conf");
    EXPECT_NE(config.problems[0].reason.find("not read"), std::string::npos);
    ASSERT_EQ(config.entries.size(), 1u);
}

TEST(ModprobeConfigFiles, EmptyRootHasNoFiles) {
    MemoryRoot root("test");
    auto config = ModprobeConfig::read(root);
    EXPECT_TRUE(config.files.empty());
    EXPECT_TRUE(config.entries.empty());
}

// ---------------------------------------------------------------- option strings

TEST(SplitModuleParams, SplitsAsTheKernelDoes) {
    auto params = split_module_params(
        " index=0,1 model=\"dell headset\" \"id=My Card\" enable #comment =5 flag=\t");
    ASSERT_EQ(params.size(), 7u);
    EXPECT_EQ(params[0].name, "index");
    EXPECT_EQ(params[0].value, "0,1");
    EXPECT_EQ(params[1].name, "model");
    EXPECT_EQ(params[1].value, "dell headset");
    EXPECT_EQ(params[2].name, "id");
    EXPECT_EQ(params[2].value, "My Card");
    EXPECT_EQ(params[3].name, "enable");
    EXPECT_FALSE(params[3].has_value);
    EXPECT_EQ(params[4].name, "#comment");
    EXPECT_EQ(params[5].name, "=5");  // '=' as the first character does not split
    EXPECT_FALSE(params[5].has_value);
    EXPECT_EQ(params[6].name, "flag");
    EXPECT_TRUE(params[6].has_value);
    EXPECT_EQ(params[6].value, "");
}

TEST(SplitModuleParams, HandlesEmptyAndUnterminatedQuotes) {
    EXPECT_TRUE(split_module_params("").empty());
    EXPECT_TRUE(split_module_params(" \r\n").empty());
    auto params = split_module_params("id=\"open model=x");
    ASSERT_EQ(params.size(), 1u);  // the open quote runs to the end, as in the kernel
    EXPECT_EQ(params[0].name, "id");
    EXPECT_EQ(params[0].value, "open model=x");
    auto lone = split_module_params("id=\"");
    ASSERT_EQ(lone.size(), 1u);
    EXPECT_EQ(lone[0].value, "");
}

// ---------------------------------------------------------------- agreement with libkmod

/// One libkmod config list in its order: (module or alias name, value).
using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// Everything one libkmod config iterator holds.
KeyValues collect(kmod_config_iter* iter) {
    KeyValues out;
    while (kmod_config_iter_next(iter)) {
        const char* value = kmod_config_iter_get_value(iter);
        out.emplace_back(kmod_config_iter_get_key(iter), value != nullptr ? value : "");
    }
    kmod_config_iter_free_iter(iter);
    return out;
}

struct KmodView {
    KeyValues options, blacklists, aliases;
};

struct CtxUnref {
    void operator()(kmod_ctx* ctx) const { kmod_unref(ctx); }
};

KmodView kmod_view(const std::string& modules_dir, const std::vector<std::string>& paths) {
    std::vector<const char*> c_paths;
    for (const auto& path : paths)
        c_paths.push_back(path.c_str());
    c_paths.push_back(nullptr);
    std::unique_ptr<kmod_ctx, CtxUnref> ctx(kmod_new(modules_dir.c_str(), c_paths.data()));
    EXPECT_NE(ctx, nullptr);
    if (!ctx)
        return {};
    return {collect(kmod_config_get_options(ctx.get())),
            collect(kmod_config_get_blacklists(ctx.get())),
            collect(kmod_config_get_aliases(ctx.get()))};
}

/// libkmod reads the host's /proc/cmdline ("snd_hda_intel.model=x") after the files, so its
/// lists are ours followed by the host's.
KeyValues followed_by(KeyValues ours, const KeyValues& host) {
    ours.insert(ours.end(), host.begin(), host.end());
    return ours;
}

TEST(ModprobeConfigAgreesWithLibkmod, OptionsBlacklistsAndAliases) {
    testing::TempDir dir;
    const std::string release = "6.1.0-18-amd64";
    dir.write("proc/sys/kernel/osrelease", release + "\n");
    std::filesystem::create_directories(dir.path() / "lib/modules" / release);
    dir.write("etc/modprobe.d/alsa.conf",
              "# card order\n"
              "alias snd-card-0 snd-hda-intel\n"
              "options snd-hda-intel index=0 \\\n"
              "\tmodel=auto #my\n"
              "options\tsnd-usb-audio\t\tindex=1\tvid=0x46d\n"
              "options snd-virmidi  index=-2  \n"
              "  # indented comment\n"
              "options snd id=a\\b\n"
              "blacklist snd-pcsp extra words\n"
              "alias pci:v*d*bc04sc0[1-3]i* snd-hda-intel\n"
              "options\n"
              "options snd-lonely\n"
              "optoins snd-typo index=3\n"
              "include /etc/other.conf\n"
              "softdep snd-hda-intel pre: snd-hda-codec-hdmi\n"
              "install snd-foo /bin/true\n");
    dir.write("etc/modprobe.d/dos.conf", "blacklist snd-dos\r\noptions snd-dos index=4\r\n");
    dir.write("etc/modprobe.d/z.conf", "options snd-last index=5");  // no final newline
    dir.write("lib/modprobe.d/alsa.conf", "options snd-hidden index=9\n");
    dir.write("usr/lib/modprobe.d/a.conf", "blacklist snd-first\n");
    dir.write("run/modprobe.d/old.alias", "alias snd-card-1 snd-usb-audio\n");
    dir.write("etc/modprobe.d/notes.txt", "options snd-not-read index=7\n");
    dir.write("etc/modprobe.d/.dot.conf", "options snd-not-read index=7\n");
    dir.write("etc/modprobe.conf", "options snd-legacy index=6\n");

    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    Facts facts(*root, Environment{});
    const auto& kmod = facts.get<KmodContext>();
    ASSERT_TRUE(kmod.available()) << kmod.unavailable_reason();
    const auto& ours = facts.get<ModprobeConfig>();

    std::string modules_dir = (dir.path() / "lib/modules" / release).string();
    KmodView theirs = kmod_view(modules_dir, kmod.config_paths());
    KmodView host = kmod_view(modules_dir, {});  // nothing but the host's kernel command line

    KmodView mine;
    for (const auto& entry : ours.entries) {
        if (entry.command == ModprobeCommand::options)
            mine.options.emplace_back(entry.module, entry.argument);
        else if (entry.command == ModprobeCommand::blacklist)
            mine.blacklists.emplace_back(entry.module, "");
        else if (entry.command == ModprobeCommand::alias)
            mine.aliases.emplace_back(entry.alias, entry.module);
    }
    // Same entries, same order (the order decides which of two index= settings wins).
    EXPECT_EQ(theirs.options, followed_by(mine.options, host.options));
    EXPECT_EQ(theirs.blacklists, followed_by(mine.blacklists, host.blacklists));
    EXPECT_EQ(theirs.aliases, followed_by(mine.aliases, host.aliases));
    // And the sample exercised what it should: hidden and filtered files, the legacy file, a
    // last line without a newline, a DOS line end.
    auto has = [](const KeyValues& list, const std::string& key) {
        return std::any_of(list.begin(), list.end(),
                           [&](const auto& kv) { return kv.first == key; });
    };
    EXPECT_FALSE(has(mine.options, "snd_hidden"));
    EXPECT_FALSE(has(mine.options, "snd_not_read"));
    EXPECT_TRUE(has(mine.options, "snd_legacy"));
    EXPECT_TRUE(has(mine.options, "snd_last"));
    EXPECT_TRUE(has(mine.blacklists, "snd_dos\r"));
    EXPECT_EQ(mine.options.size(), 7u);
    EXPECT_GE(ours.problems.size(), 5u);
}

}  // namespace
}  // namespace sndoctor
