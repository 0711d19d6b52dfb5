#include "facts/sound_servers.hpp"

#include <gtest/gtest.h>

#include "core/root.hpp"
#include "facts/process_list.hpp"

namespace sndoctor {
namespace {

void add_process(MemoryRoot& root, int pid, const std::string& comm, int uid) {
    std::string dir = "/proc/" + std::to_string(pid);
    root.add_file(dir + "/comm", comm + "\n");
    root.add_file(dir + "/status", "Name:\t" + comm + "\nUid:\t" + std::to_string(uid) + "\t" +
                                       std::to_string(uid) + "\t0\t0\nGid:\t100\t100\t100\t100\n");
}

TEST(SoundServers, ReadsTheRealUidFromStatus) {
    EXPECT_EQ(SoundServers::parse_status_uid("Name:\tx\nUid:\t1000\t0\t0\t0\n"), 1000u);
    EXPECT_EQ(SoundServers::parse_status_uid("Uid: 0 0 0 0"), 0u);
    EXPECT_EQ(SoundServers::parse_status_uid("Name:\tx\n"), std::nullopt);
    EXPECT_EQ(SoundServers::parse_status_uid("Uid:\tabc\n"), std::nullopt);
    EXPECT_EQ(SoundServers::parse_status_uid("Uid:\t-3\n"), std::nullopt);
    EXPECT_EQ(SoundServers::parse_status_uid("Uid:\n"), std::nullopt);
}

TEST(SoundServers, KnowsWhichFamilyAUnitBelongsTo) {
    EXPECT_EQ(SoundServers::family_of_unit("pipewire-pulse.socket"), ServerFamily::pipewire);
    EXPECT_EQ(SoundServers::family_of_unit("wireplumber.service"), ServerFamily::pipewire);
    EXPECT_EQ(SoundServers::family_of_unit("pulseaudio.socket"), ServerFamily::pulseaudio);
    EXPECT_EQ(SoundServers::family_of_unit("pulseaudio.service.d"), std::nullopt);
    EXPECT_EQ(SoundServers::family_of_unit("dbus.service"), std::nullopt);
}

TEST(SoundServers, FindsTheUsersServersSocketsAndMasks) {
    MemoryRoot root("test");
    add_process(root, 1201, "pipewire", 1000);
    add_process(root, 1202, "wireplumber", 1000);
    add_process(root, 1203, "pipewire-media-", 1000);  // comm keeps 15 characters
    add_process(root, 1300, "pulseaudio", 115);        // a system-wide server of "pulse"
    add_process(root, 1400, "bash", 1000);
    root.add_file("/proc/1500/comm", "pipewire\n");  // no status: no owner, not counted
    root.add_file("/run/user/1000/pipewire-0", "");
    root.add_link("/home/alex/.config/systemd/user/pulseaudio.socket", "/dev/null");
    root.add_link("/home/alex/.config/systemd/user/pipewire.service", "/usr/lib/systemd/x");
    root.add_link("/etc/systemd/user/pipewire-pulse.socket", "/dev/null");
    root.add_file("/etc/systemd/user/wireplumber.service", "[Unit]\n");  // a file, not a mask
    root.add_file("/etc/alsa/conf.d/99-pipewire-default.conf", "pcm.!default { type pipewire }\n");
    root.add_file("/etc/alsa/conf.d/50-pulseaudio.conf", "");

    auto servers = SoundServers::read(root, ProcessList::read(root), "alex", 1000, "/home/alex");
    EXPECT_EQ(servers.user, "alex");
    EXPECT_TRUE(servers.runs("pipewire"));
    EXPECT_TRUE(servers.runs("wireplumber"));
    EXPECT_TRUE(servers.runs("pipewire-media-session"));
    EXPECT_FALSE(servers.runs("pulseaudio")) << "pulse's server is not alex's";
    EXPECT_EQ(servers.processes.size(), 4u);
    ASSERT_EQ(servers.of_user("pipewire").size(), 1u);
    EXPECT_EQ(servers.of_user("pipewire").front()->pid, 1201);
    EXPECT_EQ(servers.of_user("pipewire").front()->where.path, "/proc/1201/comm");

    EXPECT_TRUE(servers.runtime_dir_present);
    EXPECT_EQ(servers.pipewire_socket, "/run/user/1000/pipewire-0");
    EXPECT_EQ(servers.pulse_socket, std::nullopt);

    ASSERT_EQ(servers.masked.size(), 2u);
    EXPECT_EQ(servers.masked[0].unit, "pulseaudio.socket");
    EXPECT_EQ(servers.masked[0].family, ServerFamily::pulseaudio);
    EXPECT_TRUE(servers.masked[0].in_home);
    EXPECT_EQ(servers.masked[1].path, "/etc/systemd/user/pipewire-pulse.socket");
    EXPECT_FALSE(servers.masked[1].in_home);

    EXPECT_EQ(servers.pipewire_alsa_confs,
              std::vector<std::string>{"/etc/alsa/conf.d/99-pipewire-default.conf"});
}

TEST(SoundServers, ABinaryCommIsNoServerWhateverItTrimsTo) {
    MemoryRoot root("test");
    add_process(root, 1201, "\v\v\vpipewire", 1000);
    EXPECT_TRUE(SoundServers::read(root, ProcessList::read(root), "alex", 1000, "/home/alex")
                    .processes.empty());
}

TEST(SoundServers, AnEmptyRootHasNothing) {
    MemoryRoot root("test");
    auto servers = SoundServers::read(root, ProcessList::read(root), "alex", 1000, "/home/alex");
    EXPECT_TRUE(servers.processes.empty());
    EXPECT_FALSE(servers.runtime_dir_present);
    EXPECT_TRUE(servers.masked.empty());
    EXPECT_FALSE(servers.pipewire_socket.has_value());
}

TEST(SoundServers, ARelativeHomeIsNotSearched) {
    MemoryRoot root("test");
    root.add_link("/home/alex/.config/systemd/user/pipewire.socket", "/dev/null");
    EXPECT_TRUE(SoundServers::read(root, ProcessList::read(root), "alex", 1000, "home/alex")
                    .masked.empty());
    EXPECT_EQ(
        SoundServers::read(root, ProcessList::read(root), "alex", 1000, "/home/alex").masked.size(),
        1u);
}

}  // namespace
}  // namespace sndoctor
