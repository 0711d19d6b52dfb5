#include "facts/module_trees.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/root.hpp"
#include "facts/facts.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(SoundModuleName, SoundModulesInEveryCompression) {
    EXPECT_EQ(sound_module_name("snd.ko"), "snd");
    EXPECT_EQ(sound_module_name("snd-hda-intel.ko"), "snd_hda_intel");
    EXPECT_EQ(sound_module_name("snd_hda_intel.ko.xz"), "snd_hda_intel");
    EXPECT_EQ(sound_module_name("snd-pcm.ko.zst"), "snd_pcm");
    EXPECT_EQ(sound_module_name("snd-usb-audio.ko.gz"), "snd_usb_audio");
    EXPECT_EQ(sound_module_name("soundcore.ko"), "soundcore");
    EXPECT_EQ(sound_module_name("soundwire-bus.ko.xz"), "soundwire_bus");
}

TEST(SoundModuleName, OtherFilesAreNot) {
    for (const char* name :
         {"e1000e.ko", "i915.ko.zst", "snd", "snd.ko.bz2", "snd.ko.xz.old", "snd.o", ".ko",
          ".ko.xz", "modules.dep", "asnd.ko", "xsound.ko", "snd.ko~", ""})
        EXPECT_FALSE(sound_module_name(name).has_value()) << name;
}

TEST(ModulePlace, ByTheFirstDirectory) {
    EXPECT_EQ(module_place("kernel/sound/pci/hda/snd-hda-intel.ko"), ModulePlace::in_kernel);
    EXPECT_EQ(module_place("updates/snd-hda-intel.ko"), ModulePlace::out_of_tree);
    EXPECT_EQ(module_place("updates/dkms/snd-hda-intel.ko"), ModulePlace::out_of_tree);
    EXPECT_EQ(module_place("extra/snd-aloop.ko.xz"), ModulePlace::out_of_tree);
    EXPECT_EQ(module_place("misc/snd.ko"), ModulePlace::out_of_tree);
    EXPECT_EQ(module_place("alsa-driver/snd.ko"), ModulePlace::other);
    EXPECT_EQ(module_place("snd.ko"), ModulePlace::other);
    EXPECT_EQ(module_place("kernelx/snd.ko"), ModulePlace::other);
}

TEST(AlsaDriverDir, NamedForTheOutOfTreePackage) {
    EXPECT_TRUE(is_alsa_driver_dir("alsa-driver"));
    EXPECT_TRUE(is_alsa_driver_dir("alsa-driver-1.0.25"));
    EXPECT_FALSE(is_alsa_driver_dir("alsa"));
    EXPECT_FALSE(is_alsa_driver_dir("alsa-driverx"));
    EXPECT_FALSE(is_alsa_driver_dir("sound"));
}

std::vector<DirEntry> files(std::initializer_list<const char*> names) {
    std::vector<DirEntry> entries;
    for (const char* name : names)
        entries.push_back({name, FileType::regular});
    return entries;
}

TEST(BootImage, EveryKnownNameForTheRelease) {
    const std::string release = "6.1.0-18-amd64";
    EXPECT_EQ(
        boot_image_for(release, files({"config-6.1.0-18-amd64", "vmlinuz-6.1.0-18-amd64"}), {}),
        "/boot/vmlinuz-6.1.0-18-amd64");
    EXPECT_EQ(boot_image_for(release, files({"vmlinux-6.1.0-18-amd64"}), {}),
              "/boot/vmlinux-6.1.0-18-amd64");
    EXPECT_EQ(boot_image_for(release, files({"kernel-6.1.0-18-amd64"}), {}),
              "/boot/kernel-6.1.0-18-amd64");
    EXPECT_EQ(boot_image_for(release, files({"bzImage-6.1.0-18-amd64"}), {}),
              "/boot/bzImage-6.1.0-18-amd64");
    EXPECT_EQ(boot_image_for(release, files({"kernel-genkernel-x86_64-6.1.0-18-amd64"}), {}),
              "/boot/kernel-genkernel-x86_64-6.1.0-18-amd64");
    // A link counts (installkernel makes them); the image Arch and Fedora keep does too.
    EXPECT_EQ(boot_image_for(release, {{"vmlinuz-6.1.0-18-amd64", FileType::symlink}}, {}),
              "/boot/vmlinuz-6.1.0-18-amd64");
    EXPECT_EQ(boot_image_for(release, {}, files({"modules.dep", "vmlinuz"})),
              "/lib/modules/6.1.0-18-amd64/vmlinuz");
}

TEST(BootImage, NoImageForThisRelease) {
    const std::string release = "6.1.0-18-amd64";
    EXPECT_EQ(boot_image_for(release,
                             files({"config-6.1.0-18-amd64", "System.map-6.1.0-18-amd64",
                                    "initrd.img-6.1.0-18-amd64", "vmlinuz-6.1.0-17-amd64",
                                    "vmlinuz-6.1.0-18-amd64.old", "vmlinuz", "vmlinuz-"}),
                             {}),
              "");
    EXPECT_EQ(boot_image_for(release, {{"vmlinuz-6.1.0-18-amd64", FileType::directory}}, {}), "");
    EXPECT_EQ(boot_image_for("", files({"vmlinuz-"}), {}), "");
}

/// A system with a running kernel, an old one still installed and a removed one's leftovers.
MemoryRoot sample_root() {
    MemoryRoot root("sample");
    const std::string running = "/lib/modules/6.1.0";
    root.add_file(running + "/modules.dep", "", 1700000000);
    root.add_file(running + "/kernel/sound/core/snd.ko", "");
    root.add_file(running + "/kernel/sound/core/snd-pcm.ko.xz", "");
    root.add_file(running + "/kernel/sound/pci/hda/snd-hda-intel.ko", "");
    root.add_file(running + "/kernel/sound/soundcore.ko", "");
    root.add_file(running + "/kernel/drivers/net/e1000e.ko", "");
    root.add_file(running + "/updates/dkms/snd-hda-intel.ko", "");
    root.add_file(running + "/alsa-driver/acore/snd.ko", "");
    root.add_file(running + "/alsa-driver/alsa-driver-1.0/snd-dummy.ko", "");
    root.add_link(running + "/build", "/usr/src/linux-6.1.0");
    root.add_file("/usr/src/linux-6.1.0/sound/core/snd.ko", "");
    root.add_file("/lib/modules/5.10.0/kernel/sound/core/snd.ko", "");
    root.add_file("/lib/modules/4.19.0/updates/snd-hda-intel.ko", "");
    root.add_link("/lib/modules/current", "6.1.0");
    root.add_file("/lib/modules/README", "not a release\n");
    root.add_file("/boot/vmlinuz-6.1.0", "");
    root.add_file("/boot/vmlinuz-5.10.0", "");
    return root;
}

TEST(ModuleTrees, EveryReleaseDirectorySortedWithItsImage) {
    auto trees = ModuleTrees::scan(sample_root());
    ASSERT_TRUE(trees.has_modules_dir);
    ASSERT_EQ(trees.trees.size(), 3u);
    EXPECT_EQ(trees.trees[0].release, "4.19.0");
    EXPECT_EQ(trees.trees[0].boot_image, "");
    EXPECT_EQ(trees.trees[1].release, "5.10.0");
    EXPECT_EQ(trees.trees[1].boot_image, "/boot/vmlinuz-5.10.0");
    EXPECT_EQ(trees.trees[2].release, "6.1.0");
    EXPECT_EQ(trees.trees[2].path, "/lib/modules/6.1.0");
    EXPECT_EQ(trees.trees[2].modules_dep_mtime, 1700000000);
    EXPECT_FALSE(trees.trees[1].modules_dep_mtime.has_value());
}

TEST(ModuleTrees, SoundModulesWithTheirPlaceAndNoLinkEntered) {
    auto trees = ModuleTrees::scan(sample_root());
    const ModuleTree& tree = trees.trees[2];
    std::vector<std::string> paths;
    for (const auto& module : tree.sound_modules)
        paths.push_back(module.path);
    EXPECT_EQ(paths, (std::vector<std::string>{
                         "/lib/modules/6.1.0/alsa-driver/acore/snd.ko",
                         "/lib/modules/6.1.0/alsa-driver/alsa-driver-1.0/snd-dummy.ko",
                         "/lib/modules/6.1.0/kernel/sound/core/snd-pcm.ko.xz",
                         "/lib/modules/6.1.0/kernel/sound/core/snd.ko",
                         "/lib/modules/6.1.0/kernel/sound/pci/hda/snd-hda-intel.ko",
                         "/lib/modules/6.1.0/kernel/sound/soundcore.ko",
                         "/lib/modules/6.1.0/updates/dkms/snd-hda-intel.ko",
                     }));
    const auto& dkms = tree.sound_modules.back();
    EXPECT_EQ(dkms.name, "snd_hda_intel");
    EXPECT_EQ(dkms.place, ModulePlace::out_of_tree);
    EXPECT_TRUE(dkms.alsa_driver_dir.empty());
    EXPECT_EQ(tree.sound_modules[2].name, "snd_pcm");
    EXPECT_EQ(tree.sound_modules[2].place, ModulePlace::in_kernel);
}

TEST(ModuleTrees, AlsaDriverDirectoriesOutermostOnly) {
    auto trees = ModuleTrees::scan(sample_root());
    const ModuleTree& tree = trees.trees[2];
    EXPECT_EQ(tree.alsa_driver_dirs, (std::vector<std::string>{"/lib/modules/6.1.0/alsa-driver"}));
    EXPECT_EQ(tree.sound_modules[0].alsa_driver_dir, "/lib/modules/6.1.0/alsa-driver");
    EXPECT_EQ(tree.sound_modules[1].alsa_driver_dir, "/lib/modules/6.1.0/alsa-driver");
    EXPECT_EQ(tree.sound_modules[0].place, ModulePlace::other);
}

TEST(ModuleTrees, InKernelCopiesByName) {
    auto trees = ModuleTrees::scan(sample_root());
    const ModuleTree& tree = trees.trees[2];
    EXPECT_EQ(tree.in_kernel.size(), 4u);
    EXPECT_EQ(tree.in_kernel.at("snd_hda_intel"),
              "/lib/modules/6.1.0/kernel/sound/pci/hda/snd-hda-intel.ko");
    EXPECT_EQ(tree.in_kernel.at("snd"), "/lib/modules/6.1.0/kernel/sound/core/snd.ko");
    EXPECT_FALSE(tree.in_kernel.contains("snd_dummy"));
}

/// A release directory with modules.order, a sound module in a staging directory it lists and
/// one in a directory it does not (which only a full walk of kernel/ would find).
MemoryRoot ordered_root(bool with_order) {
    MemoryRoot root("ordered");
    const std::string tree = "/lib/modules/6.1.0";
    if (with_order)
        root.add_file(tree + "/modules.order",
                      "kernel/drivers/net/e1000e.ko\n"
                      "kernel/sound/core/snd.ko\n"
                      "kernel/drivers/soundwire/soundwire-bus.ko\n"
                      "kernel/drivers/staging/vc04_services/bcm2835-audio/snd-bcm2835.ko\n");
    root.add_file(tree + "/kernel/drivers/net/e1000e.ko", "");
    root.add_file(tree + "/kernel/sound/core/snd.ko", "");
    root.add_file(tree + "/kernel/sound/pci/stale/snd-old.ko", "");
    root.add_file(tree + "/kernel/drivers/soundwire/soundwire-bus.ko", "");
    root.add_file(tree + "/kernel/drivers/staging/vc04_services/bcm2835-audio/snd-bcm2835.ko", "");
    root.add_file(tree + "/kernel/drivers/media/snd-dropped-here.ko", "");
    root.add_file(tree + "/updates/deep/dir/snd-dkms.ko", "");
    return root;
}

std::vector<std::string> module_names(const ModuleTree& tree) {
    std::vector<std::string> names;
    for (const auto& module : tree.sound_modules)
        names.push_back(module.name);
    std::sort(names.begin(), names.end());
    return names;
}

TEST(ModuleTrees, ModulesOrderLimitsTheWalkOfKernelToSoundDirectories) {
    auto trees = ModuleTrees::scan(ordered_root(true));
    ASSERT_EQ(trees.trees.size(), 1u);
    // kernel/sound is walked whole (a stale file the order does not list is found), the
    // staging directory because the order names a sound module there, updates/ always.
    EXPECT_EQ(
        module_names(trees.trees[0]),
        (std::vector<std::string>{"snd", "snd_bcm2835", "snd_dkms", "snd_old", "soundwire_bus"}));
}

TEST(ModuleTrees, WithoutModulesOrderAllOfKernelIsWalked) {
    auto trees = ModuleTrees::scan(ordered_root(false));
    ASSERT_EQ(trees.trees.size(), 1u);
    EXPECT_EQ(module_names(trees.trees[0]),
              (std::vector<std::string>{"snd", "snd_bcm2835", "snd_dkms", "snd_dropped_here",
                                        "snd_old", "soundwire_bus"}));
}

TEST(ModuleTrees, NoModulesDirectory) {
    MemoryRoot root("empty");
    root.add_file("/proc/sys/kernel/osrelease", "6.1.0\n");
    auto trees = ModuleTrees::scan(root);
    EXPECT_FALSE(trees.has_modules_dir);
    EXPECT_TRUE(trees.trees.empty());
}

TEST(ModuleTrees, ModulesPathThatIsAFile) {
    MemoryRoot root("odd");
    root.add_file("/lib/modules", "junk");
    EXPECT_FALSE(ModuleTrees::scan(root).has_modules_dir);
}

TEST(ModuleTrees, DirectoryRootWithLinksOutOfTheTree) {
    TempDir dir;
    dir.write("lib/modules/6.1.0/kernel/sound/core/snd.ko", "");
    dir.write("lib/modules/6.1.0/modules.dep", "");
    dir.write("usr/src/linux-6.1.0/sound/snd-dummy.ko", "");
    fs::create_symlink("/usr/src/linux-6.1.0", dir.path() / "lib/modules/6.1.0/build");
    fs::create_symlink("/", dir.path() / "lib/modules/6.1.0/source");
    // A link to a module file is a module (some distributions link weak-updates).
    fs::create_directories(dir.path() / "lib/modules/6.1.0/extra");
    fs::create_symlink("../kernel/sound/core/snd.ko",
                       dir.path() / "lib/modules/6.1.0/extra/snd.ko");
    // modules.dep as a directory is no modules.dep.
    fs::create_directories(dir.path() / "lib/modules/5.10.0/modules.dep");
    auto root = open_dir_root(dir.path().string(), RootSource::dir);
    Facts facts(*root, Environment{});
    const auto& trees = facts.get<ModuleTrees>();
    ASSERT_EQ(trees.trees.size(), 2u);
    EXPECT_FALSE(trees.trees[0].modules_dep_mtime.has_value());
    const ModuleTree& tree = trees.trees[1];
    ASSERT_EQ(tree.sound_modules.size(), 2u);
    EXPECT_EQ(tree.sound_modules[0].path, "/lib/modules/6.1.0/extra/snd.ko");
    EXPECT_EQ(tree.sound_modules[1].path, "/lib/modules/6.1.0/kernel/sound/core/snd.ko");
    EXPECT_TRUE(tree.modules_dep_mtime.has_value());
    EXPECT_EQ(facts.load_count<ModuleTrees>(), 1);
}

TEST(ModuleTrees, DeepNestingEndsTheWalk) {
    MemoryRoot root("deep");
    std::string path = "/lib/modules/6.1.0";
    for (int i = 0; i < 100; ++i)
        path += "/d";
    root.add_file(path + "/snd.ko", "");
    root.add_file("/lib/modules/6.1.0/kernel/sound/snd.ko", "");
    auto trees = ModuleTrees::scan(root);
    ASSERT_EQ(trees.trees.size(), 1u);
    ASSERT_EQ(trees.trees[0].sound_modules.size(), 1u);
    EXPECT_EQ(trees.trees[0].sound_modules[0].path, "/lib/modules/6.1.0/kernel/sound/snd.ko");
}

}  // namespace
}  // namespace sndoctor
