// AlsaMessageCapture: what alsa-lib says through its error handler is kept, not printed on
// stderr, by the capture of the thread that met the error.
#include <alsa/asoundlib.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "core/alsa_messages.hpp"

namespace sndoctor {
namespace {

/// Makes alsa-lib complain without any file or device: configuration text it cannot parse.
int load_broken_configuration() {
    snd_config_t* top = nullptr;
    snd_config_top(&top);
    snd_input_t* input = nullptr;
    const char text[] = "a {";
    snd_input_buffer_open(&input, text, sizeof text - 1);
    int result = snd_config_load(top, input);
    snd_input_close(input);
    snd_config_delete(top);
    return result;
}

TEST(AlsaMessageCapture, KeepsWhatAlsaLibSaysAndNamesItInTheReason) {
    AlsaMessageCapture capture;
    EXPECT_LT(load_broken_configuration(), 0);
    ASSERT_EQ(capture.messages().size(), 1u);
    EXPECT_EQ(capture.explain("snd_config_load: Invalid argument"),
              "snd_config_load: Invalid argument (alsa-lib: _toplevel_:1:3:Unexpected char)");
}

TEST(AlsaMessageCapture, ReasonStaysAsItIsWhenAlsaLibSaidNothing) {
    AlsaMessageCapture capture;
    EXPECT_EQ(capture.explain("cannot open it: No such device"), "cannot open it: No such device");
}

// The assistant reads the mixer on its check thread while a fix may write it on the main one.
TEST(AlsaMessageCapture, EachThreadKeepsItsOwnMessages) {
    AlsaMessageCapture here;
    std::size_t there_count = 0;
    std::thread other([&] {
        AlsaMessageCapture there;
        load_broken_configuration();
        load_broken_configuration();
        there_count = there.messages().size();
    });
    other.join();
    EXPECT_EQ(there_count, 2u);
    EXPECT_TRUE(here.messages().empty());
    load_broken_configuration();
    EXPECT_EQ(here.messages().size(), 1u);  // the other thread's end left this one in place
}

TEST(AlsaMessageCapture, InnerCaptureHasTheMessagesUntilItEnds) {
    AlsaMessageCapture outer;
    {
        AlsaMessageCapture inner;
        load_broken_configuration();
        EXPECT_EQ(inner.messages().size(), 1u);
    }
    EXPECT_TRUE(outer.messages().empty());
    load_broken_configuration();
    EXPECT_EQ(outer.messages().size(), 1u);
}

}  // namespace
}  // namespace sndoctor
