#include "facts/process_list.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/facts.hpp"
#include "facts/sound_servers.hpp"
#include "temp_dir.hpp"

namespace sndoctor {
namespace {

using testing::required_env;

std::unique_ptr<Root> pipewire_fixture() {
    return open_dir_root(
        required_env("SNDOCTOR_FIXTURES") + "/userspace.sound-server/pass-pipewire",
        RootSource::dir);
}

TEST(ProcessList, ReadsEveryProcessOfAFixtureRootInNameOrder) {
    auto root = pipewire_fixture();
    auto list = ProcessList::read(*root);
    std::vector<std::pair<int, std::string>> seen;
    for (const auto& process : list.processes)
        seen.emplace_back(process.pid, process.command);
    EXPECT_EQ(seen, (std::vector<std::pair<int, std::string>>{{1, "systemd"},
                                                              {1201, "pipewire"},
                                                              {1202, "wireplumber"},
                                                              {1203, "pipewire-pulse"},
                                                              {812, "bash"}}));
    ASSERT_FALSE(list.processes.empty());
    EXPECT_EQ(list.processes[1].dir, "/proc/1201");
    EXPECT_FALSE(list.processes[1].binary);
}

TEST(ProcessList, LeavesOutWhatIsNoProcessAndProcessesWithoutComm) {
    MemoryRoot root("test");
    root.add_file("/proc/812/comm", "pipewire\n");
    root.add_file("/proc/900/status", "Name:\tgone\n");  // no comm: ended, or a half copy
    root.add_file("/proc/950/comm", std::string("\x01\x02x\0", 4));
    root.add_file("/proc/self/comm", "sndoctor\n");
    root.add_file("/proc/sys/kernel/comm", "x\n");
    root.add_file("/proc/cpuinfo", "");

    auto list = ProcessList::read(root);
    ASSERT_EQ(list.processes.size(), 2u);
    EXPECT_EQ(list.processes[0].pid, 812);
    EXPECT_EQ(list.processes[0].command, "pipewire");
    EXPECT_EQ(list.processes[1].pid, 950);
    EXPECT_TRUE(list.processes[1].binary);
}

TEST(ProcessList, IsPidTakesDigitsOnly) {
    EXPECT_TRUE(ProcessList::is_pid("1"));
    EXPECT_TRUE(ProcessList::is_pid("812"));
    EXPECT_FALSE(ProcessList::is_pid(""));
    EXPECT_FALSE(ProcessList::is_pid("self"));
    EXPECT_FALSE(ProcessList::is_pid("-1"));
    EXPECT_FALSE(ProcessList::is_pid("0x1f"));
}

TEST(ProcessList, IsReadOnceForTheSoundServersAndEveryoneElse) {
    auto root = pipewire_fixture();
    Environment env;
    env.user = "alex";
    Facts facts(*root, std::move(env));
    const auto& servers = facts.get<SoundServers>();
    EXPECT_TRUE(servers.runs("pipewire"));
    EXPECT_EQ(facts.get<ProcessList>().processes.size(), 5u);
    EXPECT_EQ(facts.load_count<ProcessList>(), 1);
}

}  // namespace
}  // namespace sndoctor
