// The pin configuration decoder against every pin default in the corpus of real codec dumps
// (SNDOCTOR_CORPUS/hda-emu): what we print for a value must be what the kernel printed for it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "corpus.hpp"
#include "file_text.hpp"
#include "hda/pin_config.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

constexpr std::string_view k_prefix = "Pin Default ";

/// The forms a kernel has printed for this value after "Pin Default 0x...: ". Kernels before
/// 2.6.26 or so printed no "[Jack]" connectivity word, and old ones spelt device 0xd
/// "Digitial In" (hda.md 1.3, item 9).
std::vector<std::string> accepted_texts(const PinConfig& config) {
    std::string current = linux_pin_default_text(config);
    std::string without_connectivity = current.substr(current.find("] ") + 2);
    std::vector<std::string> texts = {current, without_connectivity};
    if (config.device == PinDevice::digital_in)
        for (std::string text : {current, without_connectivity})
            texts.push_back(text.replace(text.find("Digital In"), 10, "Digitial In"));
    return texts;
}

// Pins whose printed text does not follow from their value, checked one by one: a kernel of
// one distribution with its own device words, and dumps edited by hand (a value changed without
// its text, a space lost). Each must still differ, so the list cannot go stale unnoticed.
const std::set<std::string> k_known_deviations = {
    "ad1984a-hp-2530p:195",      // "Headphone" for HP Out
    "ad1984a-hp-2530p:207",      // "Line-Out"
    "ad1984a-hp-2530p:290",      // "Digital-Out"
    "ad1984a-hp-2530p:303",      // "Line-In"
    "alc680-asus-nx90jq:435",    // "DefAssociation= 0x1"
    "cs4207-unknown:258",        // value 0x01a19032 under the text of another pin
    "cx20641-test-board-3:318",  // 0x43010000 under three different texts
    "cx20641-test-board-3:337", "cx20641-test-board-3:348",
};

struct Tally {
    int files = 0;
    int pins = 0;
    int conn_lines = 0;
    int association_lines = 0;
    int misc_lines = 0;
    int old_forms = 0;
    int known_deviations = 0;
    int skipped_garbled = 0;
};

/// Compares one pin's lines with what we print for its value; returns the differences.
std::vector<std::string> differences(const std::vector<NumberedLine>& lines, std::size_t at,
                                     Tally& tally) {
    std::vector<std::string> found;
    std::string_view line = trim(lines[at].text);
    auto colon = line.find(':');
    auto value = parse_int(line.substr(k_prefix.size(), colon - k_prefix.size()));
    if (colon == std::string_view::npos || !value)
        return {"no value in '" + std::string(line) + "'"};
    PinConfig config = PinConfig::decode(static_cast<std::uint32_t>(*value));
    std::string printed(trim(line.substr(colon + 1)));
    auto texts = accepted_texts(config);
    auto form = std::find(texts.begin(), texts.end(), printed);
    if (form == texts.end())
        found.push_back("printed '" + printed + "', we say '" + texts.front() + "'");
    else if (form != texts.begin())
        ++tally.old_forms;
    // The lines under it, as far as this kernel printed them.
    std::size_t next = at + 1;
    auto next_text = [&] { return next < lines.size() ? trim(lines[next].text) : ""; };
    if (next_text().rfind("Conn = ", 0) == 0) {
        if (next_text() != linux_conn_color_text(config))
            found.push_back("printed '" + std::string(next_text()) + "', we say '" +
                            linux_conn_color_text(config) + "'");
        ++tally.conn_lines;
        ++next;
    }
    if (next_text().rfind("DefAssociation", 0) == 0) {
        char expected[64];
        std::snprintf(expected, sizeof expected, "DefAssociation = 0x%x, Sequence = 0x%x",
                      config.association, config.sequence);
        if (next_text() != expected)
            found.push_back("printed '" + std::string(next_text()) + "', we say '" + expected +
                            "'");
        ++tally.association_lines;
        ++next;
        // Kernels that print the association also print the misc line exactly when its bit is
        // set.
        bool misc_line = next_text() == "Misc = NO_PRESENCE";
        if (misc_line != config.no_presence())
            found.push_back(misc_line ? "NO_PRESENCE printed with misc bit 0 clear"
                                      : "no NO_PRESENCE line with misc bit 0 set");
        tally.misc_lines += misc_line ? 1 : 0;
    }
    return found;
}

TEST(PinConfigCorpus, EveryPinDefaultPrintsAsTheKernelPrintedIt) {
    Tally tally;
    for (const auto& file : testing::corpus_files()) {
        ++tally.files;
        std::string text = read_file(file);
        auto lines = split_lines(text);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::string_view line = trim(lines[i].text);
            if (line.rfind(k_prefix, 0) != 0) {
                // One hand-pasted dump garbles the word (hda.md 1.3, item 13).
                if (line.rfind("Pinx Default ", 0) == 0)
                    ++tally.skipped_garbled;
                continue;
            }
            ++tally.pins;
            std::string where = file.filename().string() + ":" + std::to_string(lines[i].number);
            auto found = differences(lines, i, tally);
            if (k_known_deviations.count(where)) {
                EXPECT_FALSE(found.empty())
                    << where << " now prints as we do: drop it from the list";
                ++tally.known_deviations;
                continue;
            }
            for (const auto& difference : found)
                ADD_FAILURE() << where << ": " << difference;
        }
    }
    std::cout << "corpus: " << tally.files << " files, " << tally.pins << " pin defaults ("
              << tally.old_forms << " in an old kernel's wording, " << tally.known_deviations
              << " known deviations), " << tally.conn_lines << " Conn/Color lines, "
              << tally.association_lines << " association lines, " << tally.misc_lines
              << " NO_PRESENCE lines; " << tally.skipped_garbled << " garbled line skipped\n";
    EXPECT_EQ(tally.known_deviations, static_cast<int>(k_known_deviations.size()));
    EXPECT_GT(tally.files, 300);
    EXPECT_GT(tally.pins, 4000);
}

}  // namespace
}  // namespace sndoctor::hda
