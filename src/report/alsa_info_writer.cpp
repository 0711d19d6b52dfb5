#include "report/alsa_info_writer.hpp"

#include <array>

#include "report/collector.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

/// The sections alsa-info folds for its web viewer; `Alsactl output` puts its blank line before
/// the marker, the others after it.
constexpr std::array<std::string_view, 6> k_collapsed_titles = {
    k_codecs_title,           "AC97 Codec information", k_usb_descriptors_title,
    "USB Stream information", "USB Mixer information",  k_alsactl_title};

bool is_collapsed(std::string_view title) {
    for (auto collapsed : k_collapsed_titles)
        if (collapsed == title)
            return true;
    return false;
}

void append_body(std::string& out, const std::string& text) {
    out += text;
    if (!text.empty() && text.back() != '\n')
        out += '\n';
}

void append_section(std::string& out, const Section& section) {
    if (section.title.rfind(k_script_ran_prefix, 0) == 0) {
        out += "!!" + section.title + "\n\n\n";
        return;
    }
    out += "!!" + section.title + "\n";
    out += "!!" + std::string(section.title.size(), '-') + "\n";
    if (!is_collapsed(section.title)) {
        out += "\n";
        append_body(out, section.text);
    } else if (section.title == k_alsactl_title) {
        out += "\n--startcollapse--\n";
        append_body(out, section.text);
        out += "--endcollapse--\n";
    } else {
        out += "--startcollapse--\n\n";
        append_body(out, section.text);
        out += "--endcollapse--\n";
    }
    for (const auto& subsection : section.subsections) {
        out += "!!" + subsection.title + "\n";
        append_body(out, subsection.text);
        out += "\n";
    }
    // alsa-info ends a section with two blank lines; the last subsection already gave one.
    out += section.subsections.empty() ? "\n\n" : "\n";
}

}  // namespace

std::string write_alsa_info(const Report& report) {
    std::string out = "!!################################\n";
    out += "!!ALSA Information Script v " + report.script_version + "\n";
    out += "!!################################\n\n";
    for (const auto& section : report.sections)
        append_section(out, section);
    return out;
}

}  // namespace sndoctor::report
