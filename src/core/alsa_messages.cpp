#include "core/alsa_messages.hpp"

#include <cstdarg>
#include <cstdio>
#include <mutex>

namespace sndoctor {

namespace {

/// The capture of this thread that the handler appends to (alsa-lib calls its handler on the
/// thread that met the error, with no context pointer). Per thread, because the assistant reads
/// the mixer on its check thread while a fix may write it on the main one.
thread_local std::vector<std::string>* t_messages = nullptr;

void handle(const char* file, int line, const char* function, int error, const char* format, ...) {
    va_list args;
    va_start(args, format);
    if (t_messages != nullptr) {
        char buffer[512];
        std::vsnprintf(buffer, sizeof buffer, format, args);
        t_messages->emplace_back(buffer);
    } else {
        // No capture on this thread: printed as alsa-lib's own handler prints it.
        std::fprintf(stderr, "ALSA lib %s:%i:(%s) ", file, line, function);
        std::vfprintf(stderr, format, args);
        if (error != 0)
            std::fprintf(stderr, ": %s", snd_strerror(error));
        std::fputc('\n', stderr);
    }
    va_end(args);
}

}  // namespace

AlsaMessageCapture::AlsaMessageCapture() : m_outer(t_messages) {
    // Installed once and for good: a handler swapped per capture would be put back by whichever
    // capture ended first, under the feet of one still running on another thread.
    static std::once_flag installed;
    std::call_once(installed, [] { snd_lib_error_set_handler(handle); });
    t_messages = &m_messages;
}

AlsaMessageCapture::~AlsaMessageCapture() {
    t_messages = m_outer;
}

std::string AlsaMessageCapture::explain(std::string reason) const {
    if (!m_messages.empty())
        reason += " (alsa-lib: " + m_messages.front() + ")";
    return reason;
}

}  // namespace sndoctor
