#include "facts/alsa_version.hpp"

#include <alsa/asoundlib.h>

#include <cctype>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::string_view k_prefix = "Advanced Linux Sound Architecture Driver Version ";
constexpr std::string_view k_compiled_for = " for kernel ";

}  // namespace

std::vector<int> version_numbers(std::string_view version) {
    std::vector<int> numbers;
    std::size_t at = 0;
    while (at < version.size() && std::isdigit(static_cast<unsigned char>(version[at]))) {
        int value = 0;
        while (at < version.size() && std::isdigit(static_cast<unsigned char>(version[at])) &&
               value < 100000)
            value = value * 10 + (version[at++] - '0');
        numbers.push_back(value);
        if (at + 1 >= version.size() || version[at] != '.')
            break;
        ++at;
    }
    return numbers;
}

AlsaVersion AlsaVersion::parse(std::string_view text, const std::string& path) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not the driver's version line");
    auto lines = split_lines(text);
    AlsaVersion version;
    version.present = true;
    for (const auto& line : lines) {
        std::string_view words = trim(line.text);
        if (words.starts_with(k_prefix)) {
            std::string_view value = trim(words.substr(k_prefix.size()));
            if (value.ends_with('.'))
                value.remove_suffix(1);
            bool in_kernel = value.size() > 1 && value[0] == 'k' &&
                             std::isdigit(static_cast<unsigned char>(value[1]));
            if (in_kernel)
                version.kernel_release = std::string(value.substr(1));
            else if (!version_numbers(value).empty())
                version.number = std::string(value);
            else
                throw InputError(path, "names no version after \"Driver Version\"", line.number);
            version.driver_evidence = {path, line.number, std::string(words)};
        } else if (auto at = words.find(k_compiled_for);
                   words.starts_with("Compiled on") && at != std::string_view::npos) {
            auto rest = split_words(words.substr(at + k_compiled_for.size()));
            if (!rest.empty())
                version.compiled_for = std::string(rest.front());
            version.compiled_evidence = {path, line.number, std::string(words)};
        }
    }
    if (version.driver_evidence.path.empty())
        throw InputError(path, "has no \"Advanced Linux Sound Architecture Driver Version\" line");
    return version;
}

std::optional<std::string> AlsaVersion::parse_library_header(std::string_view text) {
    for (const auto& line : split_lines(text)) {
        auto words = split_words(line.text);
        if (words.size() >= 3 && words[0] == "#define" && words[1] == "SND_LIB_VERSION_STR") {
            std::string version(words[2]);
            std::erase(version, '"');
            return version;
        }
    }
    return std::nullopt;
}

AlsaVersion AlsaVersion::load(Facts& facts) {
    const Root& root = facts.root();
    AlsaVersion version;
    if (auto text = root.read(k_path, 64 * 1024))
        version = parse(*text, k_path);
    if (root.source() == RootSource::live) {
        // The library this program runs with is the one every other program on the machine
        // loads; its header may be missing (no -dev package) while the library is there.
        // No file says it, so there is no evidence line: the summary names the version.
        version.library = snd_asoundlib_version();
    } else if (auto header = root.read(k_header_path, 64 * 1024)) {
        if (auto library = parse_library_header(*header)) {
            version.library = *library;
            version.library_evidence = {k_header_path, 0, "SND_LIB_VERSION_STR " + *library};
        }
    }
    return version;
}

}  // namespace sndoctor
