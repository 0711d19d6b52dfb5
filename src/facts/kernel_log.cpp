#include "facts/kernel_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iterator>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

/// A saved log is text; a larger one is not a dmesg.
constexpr std::size_t k_log_cap = 16 * 1024 * 1024;

/// "\x1b" → the byte; the kernel escapes control characters and backslashes this way.
std::string unescape(std::string_view text) {
    if (text.find('\\') == std::string_view::npos)
        return std::string(text);  // almost every record
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

/// "[    1.234567] ", as dmesg prints a record's microseconds: printf's "[%5lld.%06lld] ", made
/// without snprintf(), which parses its format anew for each of a log's hundreds of records.
std::string time_stamp(long long usec) {
    char seconds[24];
    char micros[8];
    auto seconds_end = std::to_chars(std::begin(seconds), std::end(seconds), usec / 1000000).ptr;
    auto micros_end = std::to_chars(std::begin(micros), std::end(micros), usec % 1000000).ptr;
    auto seconds_size = static_cast<std::size_t>(seconds_end - seconds);
    auto micros_size = static_cast<std::size_t>(micros_end - micros);
    std::string stamp = "[";
    if (seconds_size < 5)
        stamp.append(5 - seconds_size, ' ');
    stamp.append(seconds, seconds_size);
    stamp += '.';
    stamp.append(6 - micros_size, '0');
    stamp.append(micros, micros_size);
    stamp += "] ";
    return stamp;
}

}  // namespace

std::vector<std::string> dmesg_lines(const std::vector<std::string>& records) {
    std::vector<std::string> lines;
    lines.reserve(records.size());
    for (const auto& record : records) {
        // Continuation lines (" SUBSYSTEM=pci") are the record's device properties, which
        // dmesg does not print.
        std::string_view first = std::string_view(record).substr(0, record.find('\n'));
        auto semicolon = first.find(';');
        if (semicolon == std::string_view::npos)
            continue;
        // "level,sequence,microseconds,flags": the time stamp is the third field.
        std::string_view prefix = first.substr(0, semicolon);
        auto comma = prefix.find(',');
        auto second = comma == std::string_view::npos ? comma : prefix.find(',', comma + 1);
        std::string_view rest =
            second == std::string_view::npos ? std::string_view() : prefix.substr(second + 1);
        auto usec = second == std::string_view::npos ? std::nullopt
                                                     : parse_int(rest.substr(0, rest.find(',')));
        if (!usec || *usec < 0)
            continue;
        const std::string stamp = time_stamp(*usec);
        // A message with escaped newlines prints as several lines; util-linux dmesg indents
        // the others by the width of the time stamp, and so does this.
        std::string text = unescape(first.substr(semicolon + 1));
        std::size_t start = 0;
        bool continuation = false;
        while (start <= text.size()) {
            auto end = text.find('\n', start);
            std::string line = continuation ? std::string(stamp.size(), ' ') : stamp;
            line.append(text, start, end == std::string::npos ? end : end - start);
            lines.push_back(std::move(line));
            continuation = true;
            if (end == std::string::npos || end + 1 == text.size())
                break;
            start = end + 1;
        }
    }
    return lines;
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

std::vector<Evidence> KernelLog::find(std::string_view needle) const {
    std::vector<Evidence> found;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].find(needle) != std::string::npos)
            found.push_back({path, static_cast<int>(i + 1), lines[i]});
    return found;
}

KernelLog KernelLog::load(Facts& facts) {
    const Root& root = facts.root();
    KernelLog log;
    if (root.source() == RootSource::live) {
        // The live log is the kernel's, not a file under the root.
        log.path = k_kmsg_path;
        try {
            log.lines = dmesg_lines(read_kmsg(k_kmsg_path));
            log.available = true;
        } catch (const InputError& e) {
            log.unavailable_reason = e.what();
        }
        return log;
    }
    for (const char* path : {k_report_path, k_saved_path}) {
        try {
            auto text = root.read(path, k_log_cap);
            if (!text)
                continue;
            log.path = path;
            if (looks_binary(*text)) {
                log.unavailable_reason = std::string(path) + " holds binary data, not a kernel log";
                return log;
            }
            for (const auto& line : split_lines(*text))
                log.lines.emplace_back(line.text);
            log.available = true;
            return log;
        } catch (const InputError& e) {
            log.path = path;
            log.unavailable_reason = e.what();
            return log;
        }
    }
    log.unavailable_reason = root.source() == RootSource::report
                                 ? "the report has no ALSA/HDA dmesg section"
                                 : "no saved kernel log (/var/log/dmesg) in this root";
    return log;
}

}  // namespace sndoctor
