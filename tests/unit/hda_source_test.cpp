// Where `sndoctor hda` commands get their codecs: dump files (bare, several codecs, alsa-info,
// gzip) and cards read through a root (/proc codec files, or the widget sysfs tree), and the
// messages for everything that can be missing.
#include <gtest/gtest.h>
#include <zlib.h>

#include "cli/hda_source.hpp"
#include "temp_dir.hpp"

namespace sndoctor::cli {
namespace {

using testing::TempDir;

std::string small_codec(int address, const std::string& name) {
    return "Codec: " + name + "\nAddress: " + std::to_string(address) +
           "\nVendor Id: 0x10ec0269\nSubsystem Id: 0x17aa21fa\nRevision Id: 0x100100\n"
           "Node 0x14 [Pin Complex] wcaps 0x40018d: Stereo Amp-Out\n"
           "  Pincap 0x00010014: OUT EAPD Detect\n"
           "  Pin Default 0x90170110: [Fixed] Speaker at Int N/A\n";
}

std::string gzip(const std::string& data) {
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, data.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

/// The InputError's message, or a failure when none was thrown.
template <class Work>
std::string input_error(Work work) {
    try {
        work();
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no InputError";
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(HdaSource, DumpFileGivesEveryCodecInFileOrder) {
    TempDir dir;
    auto file =
        dir.write("dump.txt", small_codec(0, "Realtek ALC269") + small_codec(3, "Intel HDMI"));
    CodecSource source = load_dump(file.string(), std::nullopt);
    EXPECT_EQ(source.kind, CodecSourceKind::dump);
    EXPECT_EQ(source.location, file.string());
    EXPECT_FALSE(source.card);
    ASSERT_EQ(source.codecs.size(), 2u);
    EXPECT_EQ(source.codecs[0].codec.name, "Realtek ALC269");
    EXPECT_EQ(source.codecs[1].codec.address, 3);
    EXPECT_EQ(source.codecs[1].path, file.string());
    EXPECT_FALSE(source.codecs[1].card);
    EXPECT_EQ(describe(source), "dump " + file.string());
}

TEST(HdaSource, DumpFileWithAnAddressGivesThatCodec) {
    TempDir dir;
    auto file = dir.write("dump.txt", small_codec(0, "A") + small_codec(3, "B"));
    CodecSource source = load_dump(file.string(), 3);
    ASSERT_EQ(source.codecs.size(), 1u);
    EXPECT_EQ(source.codecs[0].codec.name, "B");
    EXPECT_EQ(&only_codec(source), &source.codecs[0]);
    auto message = input_error([&] { load_dump(file.string(), 2); });
    EXPECT_TRUE(contains(message, file.string())) << message;
    EXPECT_TRUE(contains(message, "no codec at address 2 (it has 0, 3)")) << message;
}

TEST(HdaSource, GzippedAlsaInfoReportReads) {
    TempDir dir;
    std::string report =
        "!!ALSA Information Script v 0.4.64\n!!HDA-Intel Codec information\n"
        "--startcollapse--\n" +
        small_codec(0, "Realtek ALC269") + "--endcollapse--\n!!ALSA Device nodes\n";
    auto file = dir.write("alsa-info.txt.gz", gzip(report));
    CodecSource source = load_dump(file.string(), std::nullopt);
    ASSERT_EQ(source.codecs.size(), 1u);
    EXPECT_EQ(source.codecs[0].codec.line, 4);
    EXPECT_TRUE(source.codecs[0].codec.warnings.empty());
}

TEST(HdaSource, DumpFileProblemsNameTheFile) {
    TempDir dir;
    std::string missing = (dir.path() / "nothing-here.txt").string();
    auto message = input_error([&] { load_dump(missing, std::nullopt); });
    EXPECT_TRUE(contains(message, missing + ": no such file")) << message;

    message = input_error([&] { load_dump(dir.path().string(), std::nullopt); });
    EXPECT_TRUE(contains(message, "not a regular file")) << message;

    auto text = dir.write("cards.txt", " 0 [PCH ]: HDA-Intel - HDA Intel PCH\n");
    message = input_error([&] { load_dump(text.string(), std::nullopt); });
    EXPECT_TRUE(contains(message, text.string() + ": holds no codec dump")) << message;

    auto binary = dir.write("binary", std::string("\x7f"
                                                  "ELF\0\0\0\0\x01\x02",
                                                  10));
    message = input_error([&] { load_dump(binary.string(), std::nullopt); });
    EXPECT_TRUE(contains(message, "binary data")) << message;
}

MemoryRoot card_root() {
    MemoryRoot root("memory");
    root.add_file("/proc/asound/cards", " 0 [PCH ]: HDA-Intel - HDA Intel PCH\n");
    root.add_file("/proc/asound/card0/codec#2", small_codec(2, "Conexant CX20590"));
    root.add_file("/proc/asound/card0/codec#0", small_codec(0, "Realtek ALC269"));
    root.add_file("/proc/asound/card0/codec97#0", "not an HDA codec\n");
    root.add_file("/proc/asound/card1/id", "Generic\n");
    return root;
}

TEST(HdaSource, CardGivesItsCodecsInAddressOrder) {
    MemoryRoot root = card_root();
    CodecSource source = load_card(root, 0, std::nullopt);
    EXPECT_EQ(source.kind, CodecSourceKind::card);
    EXPECT_EQ(source.root_source, RootSource::report);
    EXPECT_EQ(source.card, 0);
    ASSERT_EQ(source.codecs.size(), 2u);
    EXPECT_EQ(source.codecs[0].path, "/proc/asound/card0/codec#0");
    EXPECT_EQ(source.codecs[0].card, 0);
    EXPECT_EQ(source.codecs[1].codec.name, "Conexant CX20590");
    EXPECT_EQ(describe(source), "card 0 in the report memory");
    try {
        only_codec(source);
        FAIL() << "no UsageError";
    } catch (const UsageError& e) {
        EXPECT_TRUE(contains(e.what(), "addresses 0, 2")) << e.what();
        EXPECT_TRUE(contains(e.what(), "--codec")) << e.what();
    }
    EXPECT_EQ(load_card(root, 0, 2).codecs.at(0).codec.address, 2);
}

TEST(HdaSource, MissingCardOrCodecSaysWhatExists) {
    MemoryRoot root = card_root();
    auto message = input_error([&] { load_card(root, 4, std::nullopt); });
    EXPECT_TRUE(contains(message, "/proc/asound/card4: no such card (cards: 0, 1)")) << message;

    message = input_error([&] { load_card(root, 0, 1); });
    EXPECT_TRUE(contains(message, "/proc/asound/card0/codec#1")) << message;
    EXPECT_TRUE(contains(message, "it has codec#0, codec#2")) << message;

    message = input_error([&] { load_card(root, 1, std::nullopt); });
    EXPECT_TRUE(contains(message, "card 1 has no HD-Audio codec")) << message;

    MemoryRoot empty("memory");
    empty.add_file("/etc/hostname", "box\n");
    message = input_error([&] { load_card(empty, 0, std::nullopt); });
    EXPECT_TRUE(contains(message, "/proc/asound is missing")) << message;
}

TEST(HdaSource, CardWithoutProcCodecFilesReadsTheSysfsTree) {
    MemoryRoot root = card_root();
    std::string device = "/sys/bus/hdaudio/devices/hdaudioC1D0";
    root.add_file(device + "/vendor_id", "0x14f15069\n");
    root.add_file(device + "/vendor_name", "Conexant\n");
    root.add_file(device + "/chip_name", "CX20585\n");
    CodecSource source = load_card(root, 1, std::nullopt);
    ASSERT_EQ(source.codecs.size(), 1u);
    EXPECT_EQ(source.codecs[0].path, device);
    EXPECT_EQ(source.codecs[0].codec.name, "Conexant CX20585");
    EXPECT_EQ(source.codecs[0].codec.vendor_id, 0x14f15069u);
    auto message = input_error([&] { load_card(root, 1, 2); });
    EXPECT_TRUE(contains(message, "hdaudioC1D2")) << message;
    EXPECT_TRUE(contains(message, "(it has 0)")) << message;
}

TEST(HdaSource, OptionsChooseTheSource) {
    TempDir dir;
    auto file = dir.write("dump.txt", small_codec(0, "Realtek ALC269"));
    Options options;
    options.command = Command::hda;
    options.dump = file.string();
    EXPECT_EQ(load_codecs(options).codecs.size(), 1u);
    options.card = 0;
    EXPECT_THROW(load_codecs(options), UsageError);
    options.card.reset();
    options.root = dir.path().string();
    EXPECT_THROW(load_codecs(options), UsageError);

    Options from_root;
    from_root.command = Command::hda;
    from_root.root = dir.path().string();
    dir.write("proc/asound/card0/codec#0", small_codec(0, "Realtek ALC269"));
    CodecSource source = load_codecs(from_root);  // card 0, every codec
    EXPECT_EQ(source.root_source, RootSource::dir);
    EXPECT_EQ(source.location, dir.path().string());
    ASSERT_EQ(source.codecs.size(), 1u);
    EXPECT_EQ(source.codecs[0].codec.name, "Realtek ALC269");
}

}  // namespace
}  // namespace sndoctor::cli
