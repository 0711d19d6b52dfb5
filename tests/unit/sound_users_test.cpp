#include "facts/sound_users.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

TEST(SoundUsers, FindsProcessesWithSoundDevicesOpen) {
    MemoryRoot root("test");
    root.add_file("/proc/812/comm", "pipewire\n");
    root.add_link("/proc/812/fd/3", "/dev/null");
    root.add_link("/proc/812/fd/23", "/dev/snd/controlC0");
    root.add_link("/proc/812/fd/24", "/dev/snd/pcmC0D0p");
    root.add_file("/proc/900/comm", "bash\n");
    root.add_link("/proc/900/fd/0", "/dev/pts/0");
    root.add_file("/proc/self/comm", "sndoctor\n");  // not a pid: read through its number
    root.add_file("/proc/cpuinfo", "");

    auto found = SoundUsers::read(root);
    ASSERT_EQ(found.users.size(), 1u);
    const SoundUser& user = found.users.front();
    EXPECT_EQ(user.pid, 812);
    EXPECT_EQ(user.command, "pipewire");
    EXPECT_EQ(user.device, "/dev/snd/controlC0") << "one entry a process: the first device";
    EXPECT_EQ(user.where.path, "/proc/812/fd/23");
    EXPECT_EQ(user.where.text, "pipewire has /dev/snd/controlC0 open");
    EXPECT_EQ(user.devices, (std::vector<std::string>{"/dev/snd/controlC0", "/dev/snd/pcmC0D0p"}));
}

TEST(SoundUsers, NoProcessesNoUsers) {
    MemoryRoot root("test");
    EXPECT_TRUE(SoundUsers::read(root).users.empty());
}

TEST(SoundUsers, LooksOnlyAtTheProcessesAskedFor) {
    MemoryRoot root("test");
    root.add_file("/proc/700/comm", "timidity\n");
    root.add_link("/proc/700/fd/4", "/dev/snd/seq");
    root.add_file("/proc/812/comm", "pipewire\n");
    root.add_link("/proc/812/fd/23", "/dev/snd/controlC0");
    root.add_file("/proc/900/comm", "bash\n");
    root.add_link("/proc/900/fd/0", "/dev/pts/0");
    root.add_file("/proc/1300/comm", "pulseaudio\n");
    root.add_link("/proc/1300/fd/9", "/dev/snd/pcmC0D0p");

    const int pids[] = {1300, 900, 812, 4242};  // 4242 has ended
    auto found = SoundUsers::read(root, pids);
    ASSERT_EQ(found.users.size(), 2u) << "timidity (700) was not asked about";
    EXPECT_EQ(found.users[0].pid, 1300) << "in the order asked";
    EXPECT_EQ(found.users[0].command, "pulseaudio");
    EXPECT_EQ(found.users[0].where.path, "/proc/1300/fd/9");
    EXPECT_EQ(found.users[1].pid, 812);
    EXPECT_EQ(found.users[1].device, "/dev/snd/controlC0");

    EXPECT_TRUE(SoundUsers::read(root, std::span<const int>{}).users.empty());
    EXPECT_EQ(SoundUsers::read(root).users.size(), 3u) << "every holder without pids";
}

TEST(SoundUsers, FindsTheServersHoldInAFixtureRoot) {
    auto root = open_dir_root(
        testing::required_env("SNDOCTOR_FIXTURES") + "/userspace.sound-server/pass-pipewire",
        RootSource::dir);
    const int pids[] = {812, 1201, 1202};
    auto found = SoundUsers::read(*root, pids);
    ASSERT_EQ(found.users.size(), 1u);
    const SoundUser& user = found.users.front();
    EXPECT_EQ(user.pid, 1201);
    EXPECT_EQ(user.command, "pipewire");
    EXPECT_EQ(user.where.path, "/proc/1201/fd/30");
    EXPECT_EQ(user.devices, (std::vector<std::string>{"/dev/snd/controlC0", "/dev/snd/pcmC0D0p"}));
}

}  // namespace
}  // namespace sndoctor
