// Every codec of the hda-emu corpus ($SNDOCTOR_CORPUS/hda-emu), emulated: it answers its own
// identity, topology, widget caps, connection lists and pin configs as the dump says, and keeps
// a retasked pin config, EAPD switched on and off, and every GPIO line driven high. Prints the
// totals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.hpp"
#include "corpus.hpp"
#include "file_text.hpp"
#include "hda/codec_operations.hpp"
#include "hda/codec_parser.hpp"
#include "hda/emulated_codec.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

struct Totals {
    int files = 0;
    int codecs = 0;
    int widgets = 0;
    int connection_entries = 0;
    int pins_retasked = 0;
    int eapd_pins = 0;
    int gpio_lines = 0;
};

std::uint32_t get(Backend& codec, int nid, std::uint32_t verb, std::uint32_t payload = 0) {
    return codec.execute(Verb{nid, verb, payload});
}

/// Checks one codec; returns what went wrong (empty when nothing did).
std::vector<std::string> check_codec(const Codec& model, const std::string& where, Totals& totals) {
    std::vector<std::string> wrong;
    auto expect = [&](bool ok, const std::string& what) {
        if (!ok)
            wrong.push_back(where + ": " + what);
    };
    EmulatedCodec codec(model, where);
    expect(get(codec, 0, 0xf00, 0x00) == model.vendor_id, "vendor id");
    expect(get(codec, 0, 0xf00, 0x02) == model.revision_id, "revision id");
    CodecNodes nodes = discover_nodes(codec);
    if (!model.widgets.empty())
        expect(nodes.audio_group() == model.afg_nid, "the audio function group");
    if (model.gpio)
        expect((read_parameter(codec, model.afg_nid, 0x11) & 0xff) ==
                   static_cast<std::uint32_t>(model.gpio->io & 0xff),
               "GPIO_CAP io");
    for (const Widget& w : model.widgets) {
        if (model.widget(w.nid) != &w)
            continue;  // a node listed twice (hand-pasted dumps): the first one counts
        ++totals.widgets;
        std::string node = "node " + hex(static_cast<std::uint32_t>(w.nid), 2) + " ";
        expect(nodes.exists(w.nid), node + "exists");
        expect(read_parameter(codec, w.nid, 0x09) == w.wcaps, node + "widget caps");
        std::uint32_t length = read_parameter(codec, w.nid, 0x0e) & 0x7f;
        expect(length == std::min<std::size_t>(w.connections.size(), 0x7f),
               node + "connection list length");
        for (std::uint32_t at = 0; at < length; at += 4) {
            std::uint32_t four = get(codec, w.nid, 0xf02, at);
            for (std::uint32_t i = 0; i < 4 && at + i < length; ++i) {
                expect(((four >> (8 * i)) & 0xff) ==
                           static_cast<std::uint32_t>(w.connections[at + i] & 0xff),
                       node + "connection " + std::to_string(at + i));
                ++totals.connection_entries;
            }
        }
        if (!w.pin)
            continue;
        std::uint32_t original = w.pin->default_config;
        expect(get(codec, w.nid, 0xf1c) == original, node + "config default");
        const std::uint32_t retasked = original ^ 0xa5c3f00f;
        for (std::uint32_t byte = 0; byte < 4; ++byte)
            codec.execute({w.nid, 0x71c + byte, (retasked >> (8 * byte)) & 0xff});
        expect(get(codec, w.nid, 0xf1c) == retasked, node + "retasked config default");
        ++totals.pins_retasked;
        if ((w.pin->pincap & (1u << 16)) != 0) {
            expect(pin_has_eapd(codec, w.nid), node + "EAPD capability");
            expect((switch_eapd(codec, w.nid, Eapd::on).after & 2u) != 0, node + "EAPD on");
            expect((switch_eapd(codec, w.nid, Eapd::off).after & 2u) == 0, node + "EAPD off");
            ++totals.eapd_pins;
        }
    }
    if (model.gpio && !model.widgets.empty()) {
        int lines = std::min(model.gpio->io, 8);
        for (int line = 0; line < lines; ++line) {
            GpioChange change = drive_gpio_line(codec, model.afg_nid, line, Level::high);
            std::uint32_t bit = 1u << line;
            expect((change.after.mask & change.after.direction & change.after.data & bit) != 0,
                   "GPIO " + std::to_string(line) + " driven high");
            ++totals.gpio_lines;
        }
    }
    return wrong;
}

TEST(HdaEmulatedCorpus, EveryCodecAnswersAndKeepsWhatIsSet) {
    std::vector<std::filesystem::path> files = testing::corpus_files();
    Totals totals;
    std::vector<std::string> wrong;
    for (const auto& file : files) {
        ++totals.files;
        for (const Codec& codec : parse_codec_dump(read_file(file), file.string())) {
            ++totals.codecs;
            auto problems = check_codec(
                codec, file.filename().string() + " codec " + std::to_string(codec.address),
                totals);
            wrong.insert(wrong.end(), problems.begin(), problems.end());
        }
    }
    std::cout << "emulated corpus: " << totals.files << " files, " << totals.codecs << " codecs, "
              << totals.widgets << " widgets, " << totals.connection_entries
              << " connection entries read back, " << totals.pins_retasked << " pins retasked, "
              << totals.eapd_pins << " EAPD pins switched, " << totals.gpio_lines
              << " GPIO lines driven\n";
    EXPECT_EQ(totals.files, 394);
    EXPECT_GT(totals.eapd_pins, 100);
    EXPECT_GT(totals.gpio_lines, 100);
    for (std::size_t i = 0; i < std::min<std::size_t>(wrong.size(), 20); ++i)
        ADD_FAILURE() << wrong[i];
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " mismatches";
}

}  // namespace
}  // namespace sndoctor::hda
