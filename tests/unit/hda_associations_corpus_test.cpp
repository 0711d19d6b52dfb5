// The association grouping over every codec of the corpus of real codec dumps
// (SNDOCTOR_CORPUS/hda-emu): whatever a BIOS wrote, every pin lands in exactly one place and
// every usable association in exactly one device. Prints what the corpus holds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "corpus.hpp"
#include "file_text.hpp"
#include "hda/associations.hpp"
#include "hda/codec_parser.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

struct Tally {
    int codecs = 0;
    int pins = 0;
    int skipped = 0;
    int associations = 0;
    int disabled = 0;
    int redirects = 0;
    int devices = 0;
};

/// Checks the layout's invariants for one codec, adding failures that name `where`.
void check_layout(const Codec& codec, const AssociationLayout& layout, const std::string& where,
                  Tally& tally) {
    std::multiset<int> placed;
    for (const auto& pin : layout.skipped)
        placed.insert(pin.nid);
    for (const auto& association : layout.associations) {
        EXPECT_FALSE(association.pins.empty()) << where;
        for (std::size_t i = 0; i < association.pins.size(); ++i) {
            const AssociationPin& pin = association.pins[i];
            placed.insert(pin.nid);
            EXPECT_EQ(pin.config.association, association.number) << where;
            EXPECT_NE(pin.config.connectivity, Connectivity::none) << where;
            if (i > 0) {
                EXPECT_LE(association.pins[i - 1].config.sequence, pin.config.sequence) << where;
            }
        }
        if (association.number == 15) {
            EXPECT_EQ(association.pins.size(), 1u) << where;
        }
        tally.disabled += association.enabled() ? 0 : 1;
        tally.redirects += association.headphone_redirect ? 1 : 0;
    }
    int pins = 0;
    for (const auto& widget : codec.widgets)
        if (widget.type == WidgetType::pin_complex && widget.pin) {
            ++pins;
            EXPECT_EQ(placed.count(widget.nid), 1u) << where << " pin " << widget.nid;
        }
    EXPECT_EQ(placed.size(), static_cast<std::size_t>(pins)) << where;

    // Each usable association sits in one device, in the slot of its direction, with devices of
    // its kind only; a disabled one in none.
    std::vector<int> seats(layout.associations.size(), 0);
    for (const auto& device : layout.devices) {
        EXPECT_TRUE(device.playback || device.capture) << where;
        for (auto [slot, direction] : {std::pair{device.playback, Direction::playback},
                                       std::pair{device.capture, Direction::capture}}) {
            if (!slot)
                continue;
            ASSERT_LT(*slot, layout.associations.size()) << where;
            const Association& association = layout.associations[*slot];
            EXPECT_EQ(association.direction, direction) << where;
            EXPECT_EQ(association.digital, device.digital) << where;
            ++seats[*slot];
        }
    }
    for (std::size_t i = 0; i < layout.associations.size(); ++i)
        EXPECT_EQ(seats[i], layout.associations[i].enabled() ? 1 : 0) << where << " as " << i;

    ++tally.codecs;
    tally.pins += pins;
    tally.skipped += static_cast<int>(layout.skipped.size());
    tally.associations += static_cast<int>(layout.associations.size());
    tally.devices += static_cast<int>(layout.devices.size());
}

TEST(AssociationsCorpus, EveryCodecGroupsEveryPinOnce) {
    Tally tally;
    for (const auto& file : testing::corpus_files()) {
        std::string name = file.filename().string();
        for (const Codec& codec : parse_codec_dump(read_file(file), name))
            check_layout(codec, group_associations(codec), name + ":" + std::to_string(codec.line),
                         tally);
    }
    std::cout << "corpus: " << tally.codecs << " codecs, " << tally.pins << " pins ("
              << tally.skipped << " in no association), " << tally.associations << " associations ("
              << tally.disabled << " that FreeBSD disables, " << tally.redirects
              << " with headphone redirection), " << tally.devices << " devices\n";
    EXPECT_GT(tally.codecs, 400);
    EXPECT_GT(tally.associations, 1000);
}

}  // namespace
}  // namespace sndoctor::hda
