#include "facts/sound_users.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"

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

}  // namespace
}  // namespace sndoctor
