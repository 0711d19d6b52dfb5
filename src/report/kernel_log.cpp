#include "report/kernel_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

/// alsa-info's keywords (case-sensitive, as its grep -E).
constexpr std::array<std::string_view, 7> k_keywords = {"ALSA", "HDA",   "HDMI", "snd_",
                                                        "snd-", "sound", "audio"};
/// Smart amplifiers that sit beside an HD-Audio codec log as "cs35l41-hda spi1-CSC3551:00...",
/// "tas2781-hda i2c-TIAS2781:00: ..."; alsa-info's keywords miss them (alsa-info.md 1.2,
/// "Observed gaps"), and their firmware and calibration errors are why such laptops are silent.
constexpr std::array<std::string_view, 4> k_amplifier_keywords = {"-hda", "cs35l", "cs42l", "tas2"};

/// "hda.codec" and "hda.intel": '.' is any one character.
bool has_hda_pattern(std::string_view line, std::string_view tail) {
    for (std::size_t at = line.find("hda"); at != std::string_view::npos;
         at = line.find("hda", at + 1))
        if (at + 4 + tail.size() <= line.size() && line.substr(at + 4, tail.size()) == tail)
            return true;
    return false;
}

/// "\x1b" → the byte; the kernel escapes control characters and backslashes this way.
std::string unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x') {
            if (auto value = parse_int("0x" + std::string(text.substr(i + 2, 2)))) {
                out += static_cast<char>(*value);
                i += 3;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace

std::vector<std::string> dmesg_lines(const std::vector<std::string>& records) {
    std::vector<std::string> lines;
    for (const auto& record : records) {
        // Continuation lines (" SUBSYSTEM=pci") are the record's device properties, which
        // dmesg does not print.
        std::string_view first = std::string_view(record).substr(0, record.find('\n'));
        auto semicolon = first.find(';');
        if (semicolon == std::string_view::npos)
            continue;
        std::string_view prefix = first.substr(0, semicolon);
        std::vector<std::string_view> fields;
        for (std::size_t start = 0;;) {
            auto comma = prefix.find(',', start);
            fields.push_back(prefix.substr(start, comma - start));
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        auto usec = fields.size() >= 3 ? parse_int(fields[2]) : std::nullopt;
        if (!usec || *usec < 0)
            continue;
        char stamp[40];
        std::snprintf(stamp, sizeof stamp, "[%5lld.%06lld] ",
                      static_cast<long long>(*usec / 1000000),
                      static_cast<long long>(*usec % 1000000));
        // A message with escaped newlines prints as several lines; util-linux dmesg indents
        // the others by the width of the time stamp, and so does this.
        std::string text = unescape(first.substr(semicolon + 1));
        std::size_t start = 0;
        bool continuation = false;
        while (start <= text.size()) {
            auto end = text.find('\n', start);
            std::string part = text.substr(start, end == std::string::npos ? end : end - start);
            lines.push_back((continuation ? std::string(std::strlen(stamp), ' ') : stamp) + part);
            continuation = true;
            if (end == std::string::npos || end + 1 == text.size())
                break;
            start = end + 1;
        }
    }
    return lines;
}

bool is_sound_line(std::string_view line) {
    for (auto keyword : k_keywords)
        if (line.find(keyword) != std::string_view::npos)
            return true;
    if (has_hda_pattern(line, "codec") || has_hda_pattern(line, "intel"))
        return true;
    for (auto keyword : k_amplifier_keywords)
        if (line.find(keyword) != std::string_view::npos)
            return true;
    return false;
}

std::string with_context(const std::vector<std::string>& lines) {
    std::vector<bool> keep(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!is_sound_line(lines[i]))
            continue;
        keep[i] = true;
        if (i > 0)
            keep[i - 1] = true;
        if (i + 1 < lines.size())
            keep[i + 1] = true;
    }
    std::string text;
    std::size_t last = 0;
    bool any = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!keep[i])
            continue;
        if (any && i > last + 1)
            text += "--\n";
        text += lines[i] + "\n";
        last = i;
        any = true;
    }
    return text;
}

std::vector<std::string> read_kmsg(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int error = errno;
        std::string reason = std::strerror(error);
        if (error == EPERM || error == EACCES)
            reason +=
                " (kernel.dmesg_restrict is set: reading the kernel log needs root or "
                "CAP_SYSLOG)";
        throw InputError(path, "cannot be read: " + reason);
    }
    std::vector<std::string> records;
    // One record per read; the kernel's records are at most 8 KiB (PRINTK_MESSAGE_MAX + prefix).
    std::array<char, 8192 + 512> buffer{};
    for (;;) {
        ssize_t count = ::read(fd, buffer.data(), buffer.size());
        if (count > 0) {
            records.emplace_back(buffer.data(), static_cast<std::size_t>(count));
            continue;
        }
        if (count == 0)
            break;  // a regular file (tests) ends; the device answers EAGAIN
        if (errno == EINTR || errno == EPIPE)
            continue;  // EPIPE: records were overwritten while reading; the next one follows
        if (errno == EAGAIN)
            break;
        int error = errno;
        ::close(fd);
        throw InputError(path, std::string("cannot be read: ") + std::strerror(error));
    }
    ::close(fd);
    return records;
}

std::optional<Section> dmesg_section(const Root& root, std::vector<ParseProblem>& problems) {
    if (root.source() != RootSource::live)
        return std::nullopt;
    try {
        // The live root's log is the kernel's, not a file under the root: this is the one
        // place the report reads a device by its system path.
        return Section{std::string(k_dmesg_title),
                       with_context(dmesg_lines(read_kmsg(std::string(k_kmsg_path)))),
                       {},
                       0};
    } catch (const InputError& e) {
        problems.push_back(
            {e.path(), e.line(), e.reason() + "; the ALSA/HDA dmesg section is left out"});
        return std::nullopt;
    }
}

}  // namespace sndoctor::report
