#include <gtest/gtest.h>

#include "fixes/install_ucm_conf.hpp"

namespace sndoctor {
namespace {

using fixes::ucm_package::install_command;

TEST(UcmPackage, NamesTheCommandOfEachDistribution) {
    EXPECT_EQ(install_command("NAME=\"Debian GNU/Linux\"\nID=debian\n"),
              "sudo apt-get update && sudo apt-get install alsa-ucm-conf");
    EXPECT_NE(install_command("ID=fedora\n")->find("dnf install alsa-ucm"), std::string::npos);
    EXPECT_NE(install_command("ID=arch\n")->find("pacman"), std::string::npos);
    EXPECT_NE(install_command("ID=gentoo\n")->find("media-libs/alsa-ucm-conf"), std::string::npos);
}

TEST(UcmPackage, FallsBackOnIdLikeAndFamilies) {
    // Linux Mint says ID=linuxmint, ID_LIKE="ubuntu debian".
    EXPECT_NE(install_command("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n")->find("apt-get"),
              std::string::npos);
    EXPECT_NE(install_command("ID=\"opensuse-tumbleweed\"\n")->find("zypper"), std::string::npos);
    EXPECT_NE(install_command("ID=endeavouros\nID_LIKE=arch\n")->find("pacman"), std::string::npos);
}

TEST(UcmPackage, UnknownOrEmptyGivesNothing) {
    EXPECT_EQ(install_command(""), std::nullopt);
    EXPECT_EQ(install_command("ID=plan9\n"), std::nullopt);
    EXPECT_EQ(install_command("IDENTITY=debian\n"), std::nullopt);
}

}  // namespace
}  // namespace sndoctor
