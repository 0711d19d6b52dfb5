// The Packages installed section: dpkg's status file (installed entries only, a garbage
// paragraph reported and skipped), pacman's local database, portage's /var/db/pkg, alsa-info's
// name filter with the names it misses, and dpkg -l's row layout.
#include <gtest/gtest.h>

#include "core/root.hpp"
#include "report/installed_packages.hpp"
#include "report/section_files.hpp"

namespace sndoctor {
namespace {

constexpr const char* k_status =
    "Package: alsa-utils\n"
    "Status: install ok installed\n"
    "Priority: optional\n"
    "Architecture: amd64\n"
    "Version: 1.2.8-1\n"
    "Description: Utilities for configuring and using ALSA\n"
    " Included tools:\n"
    "  - alsactl: advanced controls for ALSA sound drivers\n"
    "\n"
    "Package: alsa-ucm-conf\n"
    "Status: deinstall ok config-files\n"
    "Version: 1.2.8-1\n"
    "\n"
    "this line is no field\n"
    "Package: firmware-sof-signed\n"
    "Status: install ok installed\n"
    "\n"
    "Package: firmware-sof-signed\n"
    "Status: install ok installed\n"
    "Architecture: all\n"
    "Version: 2.2.4-1\n"
    "Description: Intel SOF firmware\n"
    "\n"
    "Package: bash\n"
    "Status: install ok installed\n"
    "Version: 5.2.15-2+b2\n";

TEST(InstalledPackages, DpkgStatusGivesInstalledEntries) {
    std::vector<ParseProblem> problems;
    auto packages = report::parse_dpkg_status(k_status, "/var/lib/dpkg/status", problems);
    ASSERT_EQ(packages.size(), 3u);
    EXPECT_EQ(packages[0].name, "alsa-utils");
    EXPECT_EQ(packages[0].version, "1.2.8-1");
    EXPECT_EQ(packages[0].architecture, "amd64");
    EXPECT_EQ(packages[0].description, "Utilities for configuring and using ALSA");
    EXPECT_EQ(packages[1].name, "firmware-sof-signed");
    EXPECT_EQ(packages[1].version, "2.2.4-1");
    EXPECT_EQ(packages[2].name, "bash");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/var/lib/dpkg/status");
    EXPECT_EQ(problems[0].line, 14);
}

TEST(InstalledPackages, AlsaInfosFilterAndTheNamesItMisses) {
    for (const char* name :
         {"alsa-utils", "alsa-ucm-conf", "alsa-topology-conf", "alsa-lib", "alsa-plugins",
          "alsa-sof-firmware", "sof-firmware", "libalsa2", "tinycompress", "firmware-sof-signed",
          "linux-firmware", "pipewire", "pipewire-alsa", "wireplumber", "libasound2",
          "media-sound/alsa-utils"}) {
        EXPECT_TRUE(report::is_sound_package(name)) << name;
    }
    for (const char* name : {"bash", "alsa", "pulseaudio-utils", "firmware-iwlwifi"})
        EXPECT_FALSE(report::is_sound_package(name)) << name;
}

TEST(InstalledPackages, PacmanDesc) {
    auto package = report::parse_pacman_desc(
        "%NAME%\nalsa-utils\n\n%VERSION%\n1.2.10-1\n\n%BASE%\nalsa-utils\n\n"
        "%DESC%\nAdvanced Linux Sound Architecture - Utilities\n\n%ARCH%\nx86_64\n");
    ASSERT_TRUE(package);
    EXPECT_EQ(package->name, "alsa-utils");
    EXPECT_EQ(package->version, "1.2.10-1");
    EXPECT_EQ(package->architecture, "x86_64");
    EXPECT_EQ(package->description, "Advanced Linux Sound Architecture - Utilities");
    EXPECT_FALSE(report::parse_pacman_desc("%VERSION%\n1\n"));
}

TEST(InstalledPackages, RowsInDpkgListLayout) {
    EXPECT_EQ(report::package_rows({{"alsa-utils", "1.2.8-1", "amd64", "Utilities"},
                                    {"firmware-sof-signed", "2.2.4-1", "all", "Intel SOF"}}),
              "ii  alsa-utils          1.2.8-1 amd64 Utilities\n"
              "ii  firmware-sof-signed 2.2.4-1 all   Intel SOF\n");
}

TEST(InstalledPackages, SectionFromEveryDatabase) {
    MemoryRoot root("memory");
    root.add_file("/var/lib/dpkg/status", k_status);
    root.add_file("/var/lib/pacman/local/pipewire-1:1.0.0-1/desc",
                  "%NAME%\npipewire\n\n%VERSION%\n1:1.0.0-1\n\n%ARCH%\nx86_64\n");
    root.add_file("/var/lib/pacman/local/zsh-5.9-5/desc", "%NAME%\nzsh\n");
    root.add_file("/var/lib/pacman/local/broken-1-1/desc", "nothing\n");
    root.add_file("/var/db/pkg/media-libs/alsa-lib-1.2.10-r2/DESCRIPTION",
                  "Advanced Linux Sound Architecture Library\n");
    root.add_file("/var/db/pkg/media-sound/alsa-utils-1.2.10/DESCRIPTION", "Utilities\n");
    root.add_file("/var/db/pkg/app-shells/bash-5.2_p21/DESCRIPTION", "shell\n");
    std::vector<ParseProblem> problems;
    auto section = report::packages_section(root, problems);
    ASSERT_TRUE(section);
    EXPECT_EQ(section->title, report::k_packages_title);
    EXPECT_EQ(
        section->text,
        "ii  alsa-utils             1.2.8-1   amd64  Utilities for configuring and using ALSA\n"
        "ii  firmware-sof-signed    2.2.4-1   all    Intel SOF firmware\n"
        "ii  media-libs/alsa-lib    1.2.10-r2        Advanced Linux Sound Architecture "
        "Library\n"
        "ii  media-sound/alsa-utils 1.2.10           Utilities\n"
        "ii  pipewire               1:1.0.0-1 x86_64\n");
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].path, "/var/lib/dpkg/status");
    EXPECT_EQ(problems[1].path, "/var/lib/pacman/local/broken-1-1/desc");
}

TEST(InstalledPackages, ABinaryStatusFileIsAProblemAndTheRestGoesOn) {
    MemoryRoot root("memory");
    root.add_file("/var/lib/dpkg/status", std::string("\0\1\2garbage\0\0", 12));
    root.add_file("/var/lib/pacman/local/alsa-utils-1.2.10-1/desc",
                  "%NAME%\nalsa-utils\n\n%VERSION%\n1.2.10-1\n");
    std::vector<ParseProblem> problems;
    auto section = report::packages_section(root, problems);
    ASSERT_TRUE(section);
    EXPECT_EQ(section->text, "ii  alsa-utils 1.2.10-1\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/var/lib/dpkg/status");
}

TEST(InstalledPackages, NoDatabaseNoSection) {
    MemoryRoot root("memory");
    root.add_file("/etc/hostname", "box\n");
    std::vector<ParseProblem> problems;
    EXPECT_FALSE(report::packages_section(root, problems));
}

}  // namespace
}  // namespace sndoctor
