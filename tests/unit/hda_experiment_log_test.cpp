// The experiment log: its JSON lines, the file kept through a Disk, replay onto an emulated
// codec, and the logging backend that reads back what a SET replaces.
#include "hda/experiment_log.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "file_text.hpp"
#include "hda/emulated_codec.hpp"
#include "temp_dir.hpp"

namespace sndoctor::hda {
namespace {

using testing::read_file;

using testing::TempDir;

/// A codec with GPIO and one EAPD pin: enough to see writes and their read-backs.
Codec small_codec() {
    Codec c;
    c.name = "Test Codec";
    c.vendor_id = 0x10ec0269;
    c.afg_nid = 1;
    c.gpio = Gpio{.io = 2};
    c.gpio->lines = {GpioLine{.index = 0}, GpioLine{.index = 1}};
    Widget pin;
    pin.nid = 0x14;
    pin.type = WidgetType::pin_complex;
    pin.wcaps = 0x40018d;
    pin.pin = Pin{.pincap = 0x10014, .eapd = 0x2, .default_config = 0x90170110};
    c.widgets = {pin};
    return c;
}

/// A backend that refuses everything, as a driver does for a codec that went away.
class SilentBackend : public Backend {
  public:
    std::uint32_t execute(const Verb&) override { return k_no_response; }
    std::string description() const override { return "silent"; }
    int codec_address() const override { return 2; }
};

/// A backend whose device disappeared.
class GoneBackend : public Backend {
  public:
    std::uint32_t execute(const Verb&) override {
        throw BackendError(BackendFailure::io, "gone: the verb ioctl failed", "");
    }
    std::string description() const override { return "gone"; }
    int codec_address() const override { return 0; }
};

TEST(HdaExperimentLog, LinesRoundTrip) {
    ExperimentEntry entry{
        .time = 1700000000, .codec = 0, .verb = {0x01, 0x715, 0x01}, .response = 0, .before = 0x00};
    std::string line = to_json_line(entry);
    EXPECT_EQ(line, R"({"time":1700000000,"codec":0,"nid":1,"verb":1813,"payload":1,)"
                    R"("name":"SET_GPIO_DATA","response":0,"before":0})");
    std::string why;
    auto back = parse_json_line(line, why);
    ASSERT_TRUE(back) << why;
    EXPECT_EQ(*back, entry);

    ExperimentEntry failed{.time = 5, .codec = 3, .verb = {0x14, 0xf0c, 0}, .error = "gone"};
    auto failed_back = parse_json_line(to_json_line(failed), why);
    ASSERT_TRUE(failed_back) << why;
    EXPECT_EQ(*failed_back, failed);
}

TEST(HdaExperimentLog, RefusesLinesThatAreNotEntries) {
    std::string why;
    EXPECT_FALSE(parse_json_line("not json", why));
    EXPECT_EQ(why, "not a JSON object");
    EXPECT_FALSE(parse_json_line(R"({"time":1,"codec":0,"nid":1,"verb":3840})", why));
    EXPECT_NE(why.find("payload"), std::string::npos) << why;
    EXPECT_FALSE(parse_json_line(
        R"({"time":1,"codec":0,"nid":128,"verb":3840,"payload":0,"response":0})", why));
    EXPECT_NE(why.find("0x7f"), std::string::npos) << why;
    EXPECT_FALSE(parse_json_line(
        R"({"time":1,"codec":0,"nid":1,"verb":1813,"payload":256,"response":0})", why));
    EXPECT_FALSE(parse_json_line(R"({"time":1,"codec":0,"nid":1,"verb":3840,"payload":0})", why));
    EXPECT_EQ(why, "neither a response nor an error");
    EXPECT_FALSE(parse_json_line(
        R"({"time":1,"codec":16,"nid":1,"verb":3840,"payload":0,"response":0})", why));
}

TEST(HdaExperimentLog, LoggingBackendRecordsEveryVerbAndTheValueASetReplaced) {
    EmulatedCodec codec(small_codec(), "test");
    ExperimentLog log;
    std::int64_t clock = 100;
    LoggingBackend backend(codec, log, [&] { return clock++; });
    EXPECT_EQ(backend.execute({0x14, 0xf0c, 0}), 0x2u);
    EXPECT_EQ(backend.execute({0x14, 0x70c, 0x0}), 0u);
    EXPECT_EQ(backend.execute({0x14, 0x71f, 0x41}), 0u);
    ASSERT_EQ(log.entries().size(), 3u);
    EXPECT_EQ(log.entries()[0].time, 100);
    EXPECT_EQ(log.entries()[0].response, 0x2u);
    EXPECT_FALSE(log.entries()[0].before);  // a GET has no "before"
    EXPECT_EQ(log.entries()[1].before, 0x2u);
    EXPECT_EQ(log.entries()[1].time, 101);
    EXPECT_EQ(log.entries()[2].before, 0x90170110u);  // the whole config default
    EXPECT_EQ(codec.execute({0x14, 0xf1c, 0}), 0x41170110u);
    EXPECT_EQ(backend.description(), codec.description());
}

TEST(HdaExperimentLog, RecordsFailuresToo) {
    ExperimentLog log;
    SilentBackend silent;
    LoggingBackend logged(silent, log, [] { return 7; });
    EXPECT_EQ(logged.execute({0x01, 0x715, 1}), k_no_response);
    ASSERT_EQ(log.entries().size(), 1u);
    EXPECT_EQ(log.entries()[0].response, k_no_response);
    EXPECT_FALSE(log.entries()[0].before);  // the read-back was not answered either
    EXPECT_EQ(log.entries()[0].codec, 2);

    GoneBackend gone;
    LoggingBackend logged_gone(gone, log, [] { return 8; });
    EXPECT_THROW(logged_gone.execute({0x01, 0xf15, 0}), BackendError);
    ASSERT_EQ(log.entries().size(), 2u);
    EXPECT_FALSE(log.entries()[1].response);
    EXPECT_NE(log.entries()[1].error.find("ioctl"), std::string::npos);
}

TEST(HdaExperimentLog, KeepsTheFileAndReplaysItOntoAFreshCodec) {
    TempDir dir;
    auto disk = open_disk(dir.path().string(), RootSource::dir);
    const std::string path = "/state/sndoctor/hda/session.jsonl";
    {
        ExperimentLog log(*disk, path);
        EXPECT_TRUE(log.entries().empty());
        EmulatedCodec codec(small_codec(), "test");
        LoggingBackend backend(codec, log, [] { return 42; });
        backend.execute({0x01, 0x716, 0x1});
        backend.execute({0x01, 0x717, 0x1});
        backend.execute({0x01, 0x715, 0x1});
        backend.execute({0x01, 0xf15, 0});
        backend.execute({0x14, 0x70c, 0x0});
    }
    std::string text = read_file(dir.path() / "state/sndoctor/hda/session.jsonl");
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);

    ExperimentLog again(*disk, path);
    ASSERT_EQ(again.entries().size(), 5u);
    EXPECT_TRUE(again.problems().empty());
    EmulatedCodec fresh(small_codec(), "test");
    EXPECT_EQ(replay(again, fresh), 4u);  // the SETs; the GET changes nothing
    EXPECT_EQ(fresh.execute({0x01, 0xf15, 0}), 0x1u);
    EXPECT_EQ(fresh.execute({0x01, 0xf16, 0}), 0x1u);
    EXPECT_EQ(fresh.execute({0x14, 0xf0c, 0}), 0x0u);
}

TEST(HdaExperimentLog, KeepsLinesItCannotReadAndReportsThem) {
    TempDir dir;
    dir.write("log.jsonl",
              "{\"time\":1,\"codec\":0,\"nid\":1,\"verb\":1813,\"payload\":1,\"response\":0}\n"
              "garbage line\n"
              "{\"time\":2,\"codec\":0,\"nid\":1,\"verb\":1814,\"payload\":1,\"response\":0}");
    auto disk = open_disk(dir.path().string(), RootSource::dir);
    ExperimentLog log(*disk, "/log.jsonl");
    EXPECT_EQ(log.entries().size(), 2u);
    ASSERT_EQ(log.problems().size(), 1u);
    EXPECT_EQ(log.problems()[0].line, 2);
    EXPECT_EQ(log.problems()[0].path, "/log.jsonl");
    log.append({.time = 3, .verb = {0x01, 0x717, 1}, .response = 0});
    std::string text = read_file(dir.path() / "log.jsonl");
    EXPECT_NE(text.find("garbage line\n"), std::string::npos);
    // The old last line had no newline: the new entry still starts a line of its own.
    EXPECT_NE(text.find("\"response\":0}\n{\"time\":3"), std::string::npos) << text;
}

TEST(HdaExperimentLog, ReplaySkipsWritesTheCodecDidNotTake) {
    ExperimentLog log;
    log.append({.time = 1, .verb = {0x01, 0x716, 0x3}, .response = k_no_response});
    log.append({.time = 2, .verb = {0x01, 0x717, 0x3}, .error = "gone"});
    log.append({.time = 3, .verb = {0x01, 0x715, 0x2}, .response = 0});
    EmulatedCodec codec(small_codec(), "test");
    EXPECT_EQ(replay(log, codec), 1u);
    EXPECT_EQ(codec.execute({0x01, 0xf16, 0}), 0x0u);
    EXPECT_EQ(codec.execute({0x01, 0xf15, 0}), 0x2u);
}

TEST(HdaExperimentLog, LivePathNamesCardAndCodec) {
    EXPECT_EQ(live_log_path(1, 2), "/var/lib/sndoctor/hda/experiment-1-2.jsonl");
}

}  // namespace
}  // namespace sndoctor::hda
