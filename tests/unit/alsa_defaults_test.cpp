#include "facts/alsa_defaults.hpp"

#include <gtest/gtest.h>

namespace sndoctor {
namespace {

AlsaDefaults scan(std::string_view text, const std::string& path = "/etc/asound.conf") {
    AlsaDefaults defaults;
    AlsaDefaults::scan(path, text, defaults);
    return defaults;
}

TEST(AlsaDefaults, ReadsDefaultsCardLines) {
    auto defaults = scan(
        "# defaults.pcm.card 9 is a comment\n"
        "defaults.pcm.card 1\n"
        "defaults.ctl.!card = \"PCH\"\n");
    ASSERT_EQ(defaults.settings.size(), 2u);
    EXPECT_EQ(defaults.settings[0].key, DefaultSetting::Key::pcm_card);
    EXPECT_EQ(defaults.settings[0].target, DefaultTarget::card);
    EXPECT_EQ(defaults.settings[0].value, "1");
    EXPECT_EQ(defaults.settings[0].first_line, 2);
    EXPECT_EQ(defaults.settings[0].where.text, "defaults.pcm.card 1");
    EXPECT_EQ(defaults.settings[1].key, DefaultSetting::Key::ctl_card);
    EXPECT_EQ(defaults.settings[1].value, "PCH");
    ASSERT_NE(defaults.pcm_decision(), nullptr);
    EXPECT_EQ(defaults.pcm_decision()->value, "1");
}

TEST(AlsaDefaults, ReadsADefaultDefinitionAndItsLines) {
    auto defaults = scan(
        "pcm.!default {\n"
        "    type hw\n"
        "    card NVidia  # the monitor\n"
        "    device 3\n"
        "}\n"
        "ctl.!default { type hw card 1 }\n");
    ASSERT_EQ(defaults.settings.size(), 2u);
    const auto& pcm = defaults.settings[0];
    EXPECT_EQ(pcm.key, DefaultSetting::Key::pcm_default);
    EXPECT_EQ(pcm.target, DefaultTarget::card);
    EXPECT_EQ(pcm.value, "NVidia");
    EXPECT_EQ(pcm.first_line, 1);
    EXPECT_EQ(pcm.last_line, 5);
    EXPECT_EQ(defaults.settings[1].key, DefaultSetting::Key::ctl_default);
    EXPECT_EQ(defaults.settings[1].value, "1");
    EXPECT_EQ(defaults.settings[1].first_line, 6);
    EXPECT_EQ(defaults.settings[1].last_line, 6);
}

TEST(AlsaDefaults, TellsCardsFromDeviceNamesAndServersFromTypes) {
    auto slave = scan("pcm.!default {\n type plug\n slave.pcm \"hdmi:CARD=NVidia,DEV=0\"\n}\n");
    ASSERT_EQ(slave.settings.size(), 1u);
    EXPECT_EQ(slave.settings[0].target, DefaultTarget::card);
    EXPECT_EQ(slave.settings[0].value, "NVidia");

    auto plughw = scan("pcm.!default \"plughw:2,0\"\n");
    ASSERT_EQ(plughw.settings.size(), 1u);
    EXPECT_EQ(plughw.settings[0].value, "2");

    auto pipewire = scan("pcm.!default {\n type pipewire\n playback_node \"-1\"\n}\n");
    ASSERT_EQ(pipewire.settings.size(), 1u);
    EXPECT_EQ(pipewire.settings[0].target, DefaultTarget::server);
    EXPECT_EQ(pipewire.settings[0].value, "pipewire");

    auto pulse = scan("pcm.!default pulse\n");
    ASSERT_EQ(pulse.settings.size(), 1u);
    EXPECT_EQ(pulse.settings[0].target, DefaultTarget::server);

    auto custom = scan("pcm.!default {\n type plug\n slave.pcm mixed\n}\n");
    ASSERT_EQ(custom.settings.size(), 1u);
    EXPECT_EQ(custom.settings[0].target, DefaultTarget::other);
}

TEST(AlsaDefaults, ADefinitionBeatsACardLineWhereverItIs) {
    AlsaDefaults defaults;
    AlsaDefaults::scan("/etc/alsa/conf.d/50-x.conf", "pcm.!default { type hw card 2 }\n", defaults);
    AlsaDefaults::scan("/etc/asound.conf", "defaults.pcm.card 1\n", defaults);
    ASSERT_NE(defaults.pcm_decision(), nullptr);
    EXPECT_EQ(defaults.pcm_decision()->path, "/etc/alsa/conf.d/50-x.conf");
    EXPECT_EQ(defaults.pcm_decision()->value, "2");
    AlsaDefaults::scan("/home/alex/.asoundrc", "pcm.default { type hw card 0 }\n", defaults);
    EXPECT_EQ(defaults.pcm_decision()->path, "/home/alex/.asoundrc") << "the last one wins";
}

TEST(AlsaDefaults, NestedAndQuotedTextIsNotASetting) {
    auto defaults = scan(
        "pcm.dmixed {\n"
        "    defaults.pcm.card 3\n"
        "    hint.description \"pcm.!default { card 4 }\"\n"
        "}\n"
        "defaults { pcm { card 5 } }\n");
    EXPECT_TRUE(defaults.settings.empty());
    EXPECT_EQ(defaults.pcm_decision(), nullptr);
}

TEST(AlsaDefaults, BrokenTextGivesNoCrash) {
    EXPECT_TRUE(scan("pcm.!default {\n type hw\n card").settings.size() == 1);
    EXPECT_TRUE(scan("defaults.pcm.card").settings.empty());
    EXPECT_TRUE(scan("\"unterminated").settings.empty());
    EXPECT_TRUE(scan("}}}{{{").settings.empty());
}

}  // namespace
}  // namespace sndoctor
