#include "core/alsa_messages.hpp"

#include <cstdarg>
#include <cstdio>

namespace sndoctor {

namespace {

/// The capture the handler appends to; alsa-lib's handler takes no context pointer.
std::vector<std::string>* g_messages = nullptr;

void capture(const char*, int, const char*, int, const char* format, ...) {
    if (g_messages == nullptr)
        return;
    char buffer[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    g_messages->emplace_back(buffer);
}

}  // namespace

AlsaMessageCapture::AlsaMessageCapture() : m_previous(snd_lib_error) {
    g_messages = &m_messages;
    snd_lib_error_set_handler(capture);
}

AlsaMessageCapture::~AlsaMessageCapture() {
    snd_lib_error_set_handler(m_previous);
    g_messages = nullptr;
}

std::string AlsaMessageCapture::explain(std::string reason) const {
    if (!m_messages.empty())
        reason += " (alsa-lib: " + m_messages.front() + ")";
    return reason;
}

}  // namespace sndoctor
