#include "facts/kernel_identity.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::size_t k_small_file_cap = 64 * 1024;

/// The first line of a one-line /proc file, refusing binary junk with a message naming the file.
std::optional<std::string> first_line(const Root& root, const std::string& path) {
    auto data = root.read(path, k_small_file_cap);
    if (!data)
        return std::nullopt;
    if (looks_binary(*data))
        throw InputError(path, "holds binary data, not a kernel identity line");
    auto lines = split_lines(*data);
    if (lines.empty() || trim(lines.front().text).empty())
        throw InputError(path, "is empty");
    return std::string(trim(lines.front().text));
}

/// Checks make paths of the release ("/lib/modules/<release>"): it must be one word and no path.
void require_release_word(const std::string& release, const std::string& path) {
    auto words = split_words(release);
    if (words.size() != 1 || release.find('/') != std::string::npos || release == "." ||
        release == "..")
        throw InputError(path, "is not a kernel release: " + clip(release, 80), 1);
}

}  // namespace

std::optional<KernelIdentity> KernelIdentity::parse_proc_version(const std::string& text) {
    // "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 ...) #1 SMP ..."
    const std::string prefix = "Linux version ";
    if (text.rfind(prefix, 0) != 0)
        return std::nullopt;
    std::string rest = text.substr(prefix.size());
    auto space = rest.find(' ');
    KernelIdentity identity;
    identity.release = rest.substr(0, space);
    if (identity.release.empty())
        return std::nullopt;
    // The build string starts at the "#N" that follows the compiler's parenthesised text.
    auto hash = rest.find(" #");
    if (hash != std::string::npos)
        identity.version = rest.substr(hash + 1);
    return identity;
}

KernelIdentity KernelIdentity::load(Facts& facts) {
    const Root& root = facts.root();
    KernelIdentity identity;
    if (auto release = first_line(root, "/proc/sys/kernel/osrelease")) {
        require_release_word(*release, "/proc/sys/kernel/osrelease");
        identity.release = *release;
        identity.release_evidence = {"/proc/sys/kernel/osrelease", 1, *release};
    }
    if (auto version = first_line(root, "/proc/sys/kernel/version")) {
        identity.version = *version;
        identity.version_evidence = {"/proc/sys/kernel/version", 1, clip(*version)};
    }
    if (!identity.release.empty() && !identity.version.empty())
        return identity;
    if (auto line = first_line(root, "/proc/version")) {
        auto parsed = parse_proc_version(*line);
        if (!parsed)
            throw InputError("/proc/version", "does not start with \"Linux version\"", 1);
        Evidence evidence{"/proc/version", 1, clip(*line)};
        if (identity.release.empty()) {
            require_release_word(parsed->release, "/proc/version");
            identity.release = parsed->release;
            identity.release_evidence = evidence;
        }
        if (identity.version.empty() && !parsed->version.empty()) {
            identity.version = parsed->version;
            identity.version_evidence = evidence;
        }
    }
    return identity;
}

}  // namespace sndoctor
