#include "facts/kmod_context.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/root.hpp"
#include "core/unique_fd.hpp"
#include "facts/facts.hpp"
#include "ko_writer.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

/// The vermagic the context reads from a host file; nullopt when the file cannot be opened (as
/// the stale-module check, which opens it through the root, treats a dangling link).
std::optional<std::string> vermagic_from(const KmodContext& kmod, const std::string& host_path) {
    UniqueFd file(::open(host_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!file)
        return std::nullopt;
    return kmod.vermagic_from_file(file.get(), host_path);
}

namespace fs = std::filesystem;
using namespace std::string_literals;
using testing::make_kernel_module;
using testing::required_env;
using testing::TempDir;

constexpr const char* k_release = "6.1.0-test";
constexpr const char* k_vermagic = "vermagic=6.1.0-test SMP preempt mod_unload ";

/// A system with one release: snd and snd-hda-intel as files, soundcore built in, and whatever
/// a test adds to `src/` before calling build(). make-fixture-root (the tool that builds every
/// fixture) turns the sources into real modules and runs depmod on them.
class KmodContextTest : public ::testing::Test {
  protected:
    void SetUp() override {
        spec("lib/modules/6.1.0-test/kernel/sound/core/snd.ko.spec",
             "name=snd\n" + std::string(k_vermagic) +
                 "\nparm=slots:Module names assigned to the slots.\nparmtype=slots:array of "
                 "charp\n");
        spec("lib/modules/6.1.0-test/kernel/sound/pci/hda/snd-hda-intel.ko.spec",
             "name=snd_hda_intel\n" + std::string(k_vermagic) +
                 "\nparm=index:Index value for Intel HD audio interface.\nparmtype=index:array "
                 "of int\nparm=id:ID string\nparmtype=id:array of charp\nparm=model:Use the "
                 "given board model.\nparmtype=model:array of charp\n");
        spec("lib/modules/6.1.0-test/modules.builtin", "kernel/sound/soundcore.ko\n");
        spec("lib/modules/6.1.0-test/modules.builtin.modinfo",
             "soundcore.file=sound/soundcore\0soundcore.parm=preclaim_oss:Preclaim OSS device "
             "numbers\0"s);
        spec(".depmod", std::string(k_release) + "\n");
        spec("proc/sys/kernel/osrelease", std::string(k_release) + "\n");
    }

    void spec(const std::string& path, const std::string& text) {
        m_dir.write("src/" + path, text);
    }

    /// Builds the tree and loads the context over it.
    KmodContext build() {
        std::string tool = required_env("SNDOCTOR_MAKE_FIXTURE_ROOT");
        std::string command =
            "'" + tool + "' '" + src().string() + "' '" + root_dir().string() + "'";
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        m_root = open_dir_root(root_dir().string(), RootSource::dir);
        m_facts = std::make_unique<Facts>(*m_root, Environment{});
        return KmodContext::load(*m_facts);
    }

    fs::path src() const { return m_dir.path() / "src"; }
    fs::path root_dir() const { return m_dir.path() / "root"; }
    std::string host(const std::string& path) const { return (root_dir() / path).string(); }

    TempDir m_dir;
    std::unique_ptr<Root> m_root;
    std::unique_ptr<Facts> m_facts;
};

TEST_F(KmodContextTest, LocatesModuleFilesBuiltinsAndMissingNames) {
    auto kmod = build();
    ASSERT_TRUE(kmod.available()) << kmod.unavailable_reason();
    EXPECT_EQ(kmod.release(), k_release);
    EXPECT_EQ(kmod.locate("snd"), ModuleLocation::file);
    EXPECT_EQ(kmod.locate("snd-hda-intel"), ModuleLocation::file);
    EXPECT_EQ(kmod.locate("snd_hda_intel"), ModuleLocation::file);
    EXPECT_EQ(kmod.locate("soundcore"), ModuleLocation::builtin);
    EXPECT_EQ(kmod.locate("snd-nonexistent"), ModuleLocation::missing);
}

TEST_F(KmodContextTest, InfoByNameReadsVermagicAndParams) {
    auto kmod = build();
    auto info = kmod.info_by_name("snd-hda-intel");
    ASSERT_TRUE(info.has_value());
    EXPECT_EQ(info->name, "snd_hda_intel");
    EXPECT_EQ(info->path, host("lib/modules/6.1.0-test/kernel/sound/pci/hda/snd-hda-intel.ko"));
    EXPECT_EQ(info->vermagic, "6.1.0-test SMP preempt mod_unload ");
    EXPECT_EQ(vermagic_release(info->vermagic), k_release);
    // parm and parmtype both name each parameter; it is listed once.
    EXPECT_EQ(info->params, (std::vector<std::string>{"index", "id", "model"}));
    EXPECT_TRUE(info->has_param("model"));
    EXPECT_FALSE(info->has_param("position_fix"));
}

TEST_F(KmodContextTest, InfoByNameOfABuiltinModuleHasNoPath) {
    auto kmod = build();
    auto info = kmod.info_by_name("soundcore");
    ASSERT_TRUE(info.has_value());
    EXPECT_TRUE(info->path.empty());
    EXPECT_TRUE(info->has_param("preclaim_oss"));
}

TEST_F(KmodContextTest, InfoByNameOfAMissingModuleIsNothing) {
    auto kmod = build();
    EXPECT_FALSE(kmod.info_by_name("snd-nonexistent").has_value());
}

TEST_F(KmodContextTest, VermagicFromFileReadsPlainXzAndGzipModules) {
    for (const char* suffix : {".ko", ".ko.xz", ".ko.gz"})
        spec(std::string("lib/modules/6.1.0-test/updates/snd-dummy") + suffix + ".spec",
             std::string("name=snd_dummy\nvermagic=5.10.0-old SMP mod_unload \n") +
                 "parm=pcm_devs:PCM devices\n");
    auto kmod = build();
    for (const char* suffix : {".ko", ".ko.xz", ".ko.gz"}) {
        std::string path = host(std::string("lib/modules/6.1.0-test/updates/snd-dummy") + suffix);
        auto vermagic = vermagic_from(kmod, path);
        ASSERT_TRUE(vermagic.has_value()) << suffix;
        EXPECT_EQ(*vermagic, "5.10.0-old SMP mod_unload ") << suffix;
        EXPECT_EQ(vermagic_release(*vermagic), "5.10.0-old") << suffix;
    }
}

TEST_F(KmodContextTest, VermagicFromFileReadsTheFileEvenWhenItsNameIsBuiltinHere) {
    // A soundcore.ko left in another release's directory is that file, not this kernel's
    // built-in soundcore.
    spec("lib/modules/5.10.0-old/kernel/sound/soundcore.ko.spec",
         "name=soundcore\nvermagic=5.10.0-old SMP mod_unload \n");
    auto kmod = build();
    auto vermagic = vermagic_from(kmod, host("lib/modules/5.10.0-old/kernel/sound/soundcore.ko"));
    ASSERT_TRUE(vermagic.has_value());
    EXPECT_EQ(vermagic_release(*vermagic), "5.10.0-old");
}

TEST_F(KmodContextTest, VermagicFromFileOfJunkTruncatedOrEmptyFilesIsNothing) {
    auto elf = make_kernel_module({"name=snd_cut", k_vermagic});
    spec("lib/modules/6.1.0-test/extra/snd-junk.ko", "this is not an ELF file\n");
    spec("lib/modules/6.1.0-test/extra/snd-cut.ko", elf.substr(0, elf.size() / 2));
    spec("lib/modules/6.1.0-test/extra/snd-header.ko", elf.substr(0, 20));
    spec("lib/modules/6.1.0-test/extra/snd-empty.ko", "");
    spec("lib/modules/6.1.0-test/extra/snd-badgz.ko.gz", "\x1f\x8b\x08\x00 not really gzip"s);
    spec("lib/modules/6.1.0-test/extra/snd-plain.ko.gz", "neither gzip nor ELF\n");
    fs::remove(src() / ".depmod");  // depmod would complain about the junk; no look-up needs it
    auto kmod = build();
    for (const char* name : {"snd-junk.ko", "snd-cut.ko", "snd-header.ko", "snd-empty.ko",
                             "snd-badgz.ko.gz", "snd-plain.ko.gz", "snd-absent.ko"})
        EXPECT_FALSE(vermagic_from(kmod, host("lib/modules/6.1.0-test/extra/") + name)) << name;
}

TEST_F(KmodContextTest, TruncatedGzipModuleIsNothing) {
    spec("lib/modules/6.1.0-test/extra/snd-whole.ko.gz.spec", "name=snd_whole\n");
    auto kmod = build();
    auto whole = host("lib/modules/6.1.0-test/extra/snd-whole.ko.gz");
    ASSERT_TRUE(vermagic_from(kmod, whole).has_value());
    fs::resize_file(whole, fs::file_size(whole) / 2);
    EXPECT_FALSE(vermagic_from(kmod, whole).has_value());
}

TEST_F(KmodContextTest, ConfigurationComesOnlyFromTheRoot) {
    auto kmod = build();
    EXPECT_TRUE(kmod.config_paths().empty());
    // With no configuration in the root, an alias the host might define is not seen either.
    EXPECT_EQ(kmod.locate("snd-card-0"), ModuleLocation::missing);
}

TEST_F(KmodContextTest, ConfigurationPathsAreTheRootsInKmodsOrder) {
    spec("lib/modprobe.d/50-alsa.conf", "alias snd-card-0 snd-hda-intel\n");
    spec("etc/modprobe.d/alsa-base.conf", "options snd-hda-intel index=0\n");
    spec("etc/modprobe.conf", "# legacy\n");
    auto kmod = build();
    EXPECT_EQ(kmod.config_paths(),
              (std::vector<std::string>{host("etc/modprobe.d"), host("lib/modprobe.d"),
                                        host("etc/modprobe.conf")}));
    for (const auto& path : kmod.config_paths())
        EXPECT_TRUE(path.starts_with(root_dir().string())) << path;
    EXPECT_EQ(kmod.locate("snd-card-0"), ModuleLocation::file);
}

TEST_F(KmodContextTest, UnknownReleaseStillReadsModuleFiles) {
    fs::remove(src() / "proc/sys/kernel/osrelease");
    auto kmod = build();
    ASSERT_TRUE(kmod.available());
    EXPECT_TRUE(kmod.release().empty());
    EXPECT_EQ(kmod.locate("snd"), ModuleLocation::missing);
    auto vermagic = vermagic_from(kmod, host("lib/modules/6.1.0-test/kernel/sound/core/snd.ko"));
    ASSERT_TRUE(vermagic.has_value());
    EXPECT_EQ(vermagic_release(*vermagic), k_release);
}

// The modalias QEMU's Intel HD-Audio controller (8086:2668, class 0x0403) shows in sysfs.
constexpr const char* k_ich6_modalias = "pci:v00008086d00002668sv00001AF4sd00001100bc04sc03i00";

/// The module tree with alias lines in the modules' .modinfo, which depmod turns into a real
/// modules.alias (and the built-in ones into modules.builtin.alias.bin).
class KmodAliasTest : public KmodContextTest {
  protected:
    /// snd-hda-intel as the kernel builds it: it claims devices by id, and every HD-Audio class
    /// device of some vendors (ATI's here, as Debian's modules.alias has it).
    void add_hda_aliases() {
        spec("lib/modules/6.1.0-test/kernel/sound/pci/hda/snd-hda-intel.ko.spec",
             "name=snd_hda_intel\n" + std::string(k_vermagic) +
                 "\nalias=pci:v00008086d00002668sv*sd*bc*sc*i*\n"
                 "alias=pci:v00001002d*sv*sd*bc04sc03i00*\n");
    }
};

TEST_F(KmodAliasTest, ModulesForAliasFindsTheModuleThatClaimsAModalias) {
    add_hda_aliases();
    auto kmod = build();
    ASSERT_TRUE(fs::exists(root_dir() / "lib/modules/6.1.0-test/modules.alias"));
    auto found = kmod.modules_for_alias(k_ich6_modalias);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, "snd_hda_intel");
    EXPECT_EQ(found[0].location, ModuleLocation::file);
    // An ATI HD-Audio controller matches the vendor's class-wide alias.
    auto other = kmod.modules_for_alias("pci:v00001002d0000AAE0sv00001002sd0000AAE0bc04sc03i00");
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0].name, "snd_hda_intel");
    // A device no module claims (an Intel DSP of class 0x0401 here) finds nothing.
    EXPECT_TRUE(
        kmod.modules_for_alias("pci:v00008086d0000A348sv000017AAsd00002245bc04sc01i00").empty());
}

TEST_F(KmodAliasTest, ModulesForAliasFindsBuiltinDrivers) {
    spec("lib/modules/6.1.0-test/modules.builtin",
         "kernel/sound/soundcore.ko\nkernel/sound/pci/snd-intel8x0.ko\n");
    spec("lib/modules/6.1.0-test/modules.builtin.modinfo",
         "soundcore.file=sound/soundcore\0snd_intel8x0.file=sound/pci/snd-intel8x0\0"
         "snd_intel8x0.alias=pci:v00008086d00002415sv*sd*bc*sc*i*\0"s);
    auto kmod = build();
    auto found = kmod.modules_for_alias("pci:v00008086d00002415sv00000000sd00000000bc04sc01i00");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, "snd_intel8x0");
    EXPECT_EQ(found[0].location, ModuleLocation::builtin);
}

TEST_F(KmodAliasTest, ModulesForAliasSeesBlacklistedModules) {
    add_hda_aliases();
    // modprobe filters blacklisted modules after the lookup; the check wants to name them.
    spec("etc/modprobe.d/local.conf", "blacklist snd_hda_intel\n");
    auto kmod = build();
    auto found = kmod.modules_for_alias(k_ich6_modalias);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, "snd_hda_intel");
}

TEST_F(KmodAliasTest, ModulesForAliasTakesTheRootsAliasLinesFirstAsModprobeDoes) {
    add_hda_aliases();
    // kmod asks the configuration's alias lines first and stops there when one matches, so they
    // replace modules.alias; one naming a module this release lacks adds nothing.
    spec("etc/modprobe.d/local.conf",
         "alias pci:v00008086d00002668sv* snd\nalias pci:v00008086d00002668sv* snd_not_here\n");
    auto kmod = build();
    auto found = kmod.modules_for_alias(k_ich6_modalias);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, "snd");
    EXPECT_EQ(found[0].location, ModuleLocation::file);
    // An ATI controller is not matched by those lines: modules.alias answers.
    auto other = kmod.modules_for_alias("pci:v00001002d0000AAE0sv00001002sd0000AAE0bc04sc03i00");
    ASSERT_EQ(other.size(), 1u);
    EXPECT_EQ(other[0].name, "snd_hda_intel");
}

TEST_F(KmodAliasTest, ModulesForAliasOfANameIsThatModule) {
    auto kmod = build();
    auto found = kmod.modules_for_alias("snd-hda-intel");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, "snd_hda_intel");
    EXPECT_TRUE(kmod.modules_for_alias("pci:v0000FFFFd0000FFFFsv*").empty());
}

TEST(KmodContext, RootWithoutModulesIsUnavailable) {
    TempDir dir;
    dir.write("proc/sys/kernel/osrelease", "6.1.0-test\n");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    Facts facts(*root, Environment{});
    auto kmod = KmodContext::load(facts);
    EXPECT_FALSE(kmod.available());
    EXPECT_NE(kmod.unavailable_reason().find("/lib/modules"), std::string::npos);
    EXPECT_EQ(kmod.locate("snd"), ModuleLocation::missing);
    EXPECT_FALSE(kmod.info_by_name("snd").has_value());
    EXPECT_FALSE(vermagic_from(kmod, (dir.path() / "snd.ko").string()).has_value());
    EXPECT_TRUE(kmod.modules_for_alias(k_ich6_modalias).empty());
}

TEST(KmodContext, ReportRootHasNoModuleFiles) {
    MemoryRoot root("report.txt");
    root.add_file("/proc/sys/kernel/osrelease", "6.1.0-test\n");
    root.add_file("/lib/modules/6.1.0-test/modules.dep", "");
    Facts facts(root, Environment{});
    auto kmod = KmodContext::load(facts);
    EXPECT_FALSE(kmod.available());
    EXPECT_NE(kmod.unavailable_reason().find("report"), std::string::npos);
}

TEST(ModuleInfo, VermagicReleaseIsTheFirstWord) {
    EXPECT_EQ(vermagic_release("6.1.0-18-amd64 SMP preempt mod_unload modversions "),
              "6.1.0-18-amd64");
    EXPECT_EQ(vermagic_release("6.6.30-gentoo"), "6.6.30-gentoo");
    EXPECT_EQ(vermagic_release(""), "");
}

}  // namespace
}  // namespace sndoctor
