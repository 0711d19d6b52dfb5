#include "report/kernel_log.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "facts/kernel_log.hpp"
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

}  // namespace

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

std::optional<Section> dmesg_section(Facts& facts, std::vector<ParseProblem>& problems) {
    if (facts.root().source() != RootSource::live)
        return std::nullopt;
    const auto& log = facts.get<KernelLog>();
    if (!log.available) {
        problems.push_back(
            {log.path, 0, log.unavailable_reason + "; the ALSA/HDA dmesg section is left out"});
        return std::nullopt;
    }
    return Section{std::string(k_dmesg_title), with_context(log.lines), {}, 0};
}

}  // namespace sndoctor::report
