// Retask plans over every codec of the corpus of real codec dumps (SNDOCTOR_CORPUS/hda-emu),
// with sysfs lists made from each dump's pins as the kernel would list them: asking for the
// values in use changes nothing; turning every pin off writes exactly the pins not off yet and
// leaves no association; --reset then writes every BIOS value back. Prints what it covered.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.hpp"
#include "corpus.hpp"
#include "file_text.hpp"
#include "hda/codec_parser.hpp"
#include "hda/pin_config.hpp"
#include "hda/pin_retask.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

/// The BIOS's value for a pin nothing is connected to.
constexpr std::uint32_t k_unused = 0x411111f0;

struct Tally {
    int codecs = 0;
    int pins = 0;
    int written = 0;
    std::size_t preview_bytes = 0;
};

void check_codec(const Codec& codec, const std::string& where, Tally& tally) {
    SysfsPinConfigs configs;
    configs.dir = sysfs_codec_dir(0, codec.address);
    for (const auto& widget : codec.widgets)
        if (widget.pin)
            configs.init.push_back({widget.nid, widget.pin->default_config});
    if (configs.init.empty())
        return;

    std::vector<PinRequest> same, unused;
    for (const auto& entry : configs.init) {
        same.push_back({entry.nid, entry.value, "same"});
        unused.push_back({entry.nid, k_unused, "unused"});
    }
    RetaskPlan nothing = plan_retask(codec, 0, configs, same);
    EXPECT_TRUE(nothing.changes.empty()) << where;
    EXPECT_EQ(nothing.unchanged.size(), configs.init.size()) << where;

    RetaskPlan off = plan_retask(codec, 0, configs, unused);
    std::size_t not_off = 0;
    for (const auto& entry : configs.init)
        not_off += entry.value != k_unused ? 1 : 0;
    EXPECT_EQ(off.changes.size(), not_off) << where;
    EXPECT_TRUE(off.layout_after.associations.empty()) << where;
    std::string preview = render_preview(off);
    for (const auto& change : off.changes)
        EXPECT_NE(preview.find(hex(change.before, 8) + "  " + describe_pin_value(change.before)),
                  std::string::npos)
            << where;

    // The retask done, as the kernel lists it: --reset writes each BIOS value back.
    for (const auto& change : off.changes)
        configs.user.push_back({change.nid, change.after});
    RetaskPlan reset = plan_reset(codec, 0, configs);
    ASSERT_EQ(reset.changes.size(), off.changes.size()) << where;
    for (std::size_t i = 0; i < reset.changes.size(); ++i) {
        EXPECT_EQ(reset.changes[i].nid, off.changes[i].nid) << where;
        EXPECT_EQ(reset.changes[i].after, off.changes[i].before) << where;
    }

    ++tally.codecs;
    tally.pins += static_cast<int>(configs.init.size());
    tally.written += static_cast<int>(off.changes.size());
    tally.preview_bytes += preview.size();
}

TEST(RetaskCorpus, EveryCodecPlansPreviewsAndResets) {
    Tally tally;
    for (const auto& file : testing::corpus_files()) {
        std::string name = file.filename().string();
        for (const Codec& codec : parse_codec_dump(read_file(file), name))
            check_codec(codec, name + ":" + std::to_string(codec.line), tally);
    }
    std::cout << "retask corpus: " << tally.codecs << " codecs with pins, " << tally.pins
              << " pins, " << tally.written << " written to turn every pin off, "
              << tally.preview_bytes / 1024 << " KiB of previews\n";
    EXPECT_GT(tally.codecs, 400);
    EXPECT_GT(tally.written, 1000);
}

}  // namespace
}  // namespace sndoctor::hda
