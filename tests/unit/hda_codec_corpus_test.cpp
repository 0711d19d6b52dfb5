// The parser against every file of the corpus of real codec dumps (SNDOCTOR_CORPUS/hda-emu):
// 394 files from 2005 to 2015 kernels, bare dumps and whole alsa-info reports. A file the parser
// cannot read is a bug in the parser, not in the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "corpus.hpp"
#include "file_text.hpp"
#include "hda/codec_parser.hpp"
#include "hda/pin_config.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

/// Lines that start with `prefix` once their leading blanks are gone: what the parser must
/// account for one by one, counted without the parser.
std::size_t count_lines(std::string_view text, std::string_view prefix) {
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
        if (line.starts_with(prefix))
            ++count;
        pos = end + 1;
    }
    return count;
}

TEST(HdaCodecCorpus, EveryCodecOfEveryFileParses) {
    std::vector<std::filesystem::path> files = testing::corpus_files();
    ASSERT_GE(files.size(), 394u) << "the corpus lost files";

    std::size_t codecs = 0, nodes = 0, pins = 0, warnings = 0;
    for (const auto& file : files) {
        std::string text = read_file(file);
        std::string name = file.filename().string();
        auto parsed = parse_codec_dump(text, name);
        codecs += parsed.size();
        EXPECT_EQ(parsed.size(), count_lines(text, "Codec: ")) << name;
        std::size_t file_nodes = 0, file_pins = 0;
        for (const auto& codec : parsed) {
            // Every codec says who it is; an unreadable id would be a warning here.
            EXPECT_NE(codec.vendor_id, 0u) << name << ":" << codec.line;
            for (const auto& warning : codec.warnings) {
                EXPECT_EQ(warning.path, name);
                EXPECT_GT(warning.line, 0) << name;
                EXPECT_EQ(warning.reason.find("cannot read"), std::string::npos)
                    << name << ":" << warning.line << ": " << warning.reason;
            }
            warnings += codec.warnings.size();
            file_nodes += codec.widgets.size();
            for (const auto& widget : codec.widgets) {
                if (!widget.pin)
                    continue;
                ++file_pins;
                auto config = PinConfig::decode(widget.pin->default_config);
                EXPECT_EQ(config.encode(), widget.pin->default_config)
                    << name << ":" << widget.line;
                EXPECT_FALSE(linux_pin_default_text(config).empty());
            }
        }
        EXPECT_EQ(file_nodes, count_lines(text, "Node 0x")) << name;
        // One pin per node typed as a pin complex, and one configuration per "Pin Default" line
        // (a garbled "Pinx Default" line is not one).
        EXPECT_EQ(file_pins, count_lines(text, "Pin Default 0x")) << name;
        nodes += file_nodes;
        pins += file_pins;
    }
    std::cout << "corpus: " << files.size() << " files, " << codecs << " codecs, " << nodes
              << " nodes, " << pins << " pins, " << warnings << " warnings\n";
    EXPECT_GT(codecs, 600u);
    EXPECT_GT(pins, 4000u);
}

}  // namespace
}  // namespace sndoctor::hda
