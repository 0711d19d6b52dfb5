// AlsaMessageCapture: what alsa-lib says through its error handler is kept, not printed on
// stderr, and the handler before it comes back when the capture ends.
#include <alsa/asoundlib.h>
#include <gtest/gtest.h>

#include <string>

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
    snd_lib_error_handler_t before = snd_lib_error;
    std::string reason;
    {
        AlsaMessageCapture capture;
        EXPECT_LT(load_broken_configuration(), 0);
        ASSERT_EQ(capture.messages().size(), 1u);
        EXPECT_NE(capture.messages().front().find("Unexpected char"), std::string::npos)
            << capture.messages().front();
        reason = capture.explain("snd_config_load: Invalid argument");
    }
    EXPECT_EQ(reason,
              "snd_config_load: Invalid argument (alsa-lib: _toplevel_:1:3:Unexpected char)");
    EXPECT_EQ(snd_lib_error, before);
}

TEST(AlsaMessageCapture, ReasonStaysAsItIsWhenAlsaLibSaidNothing) {
    AlsaMessageCapture capture;
    EXPECT_EQ(capture.explain("cannot open it: No such device"), "cannot open it: No such device");
}

}  // namespace
}  // namespace sndoctor
