#pragma once

#include <span>
#include <string_view>

#include "facts/kernel_log.hpp"

/// The sections of an alsa-info report that sndoctor both writes (`sndoctor report`) and reads
/// back (`--report FILE`), and the in-root files each one holds. The writer emits these sections
/// from exactly these files and the reader turns them back into exactly these files, so a report
/// sndoctor wrote reads back into the same tree. Sections that only one direction knows (DMI,
/// Kernel Information text, Sound Servers, ...) are not in the table.
namespace sndoctor::report {

/// How a section's body maps to its file(s).
enum class SectionMapping {
    /// The body is the file's content as it is (trailing blank lines aside).
    verbatim,
    /// `Driver version:` of "ALSA Version" is the 7th word of /proc/asound/version: the reader
    /// rebuilds "Advanced Linux Sound Architecture Driver Version <version>.".
    driver_version,
    /// "Kernel release:" of "Kernel Information" is /proc/sys/kernel/osrelease (0.4.x, and
    /// sndoctor's own reports); 0.5.x prints `uname -v` there, so the reader then takes the
    /// release from "Driver version: k<release>" (alsa-info.md 1.6).
    kernel_release,
    /// One line per card, "<module> (card N)" (0.4.x: the module name alone), from
    /// /proc/asound/modules (" N <module>" per line).
    card_modules,
    /// `modprobe -c` lines: "options snd-x a=b" (0.5.x) or "snd-x: a=b" (0.4.x); the reader
    /// writes them as "options" lines into one file of /etc/modprobe.d.
    modprobe_options,
    /// A `!!Module: <mod>` subsection per module, "<param> : <value>" per line (0.4.x) or
    /// "<param>: <value>", one file /sys/module/<mod>/parameters/<param> each.
    module_parameters,
    /// The HD-Audio codec dumps of every card concatenated with no separator; each starts with
    /// "Codec: "; one file /proc/asound/card<N>/codec#<M> each.
    codec_dumps,
    /// "<path>:" lines each followed by the file's lines and a blank line
    /// (/sys/class/sound/hwC0D0/init_pin_configs: ...).
    path_headed_files,
    /// The first column of /proc/modules, sorted, under a "Module" line; the reader writes
    /// "<name> 0 0 - Live 0x0000000000000000" lines (sizes and users are not in a report).
    module_names,
    /// `amixer -c <card>` per card in `!!-------Mixer controls for card <card> [<id>]`
    /// subsections; the reader keeps each subsection's text as one file per card, named by the
    /// first word after "card" as printed (k_amixer_dir/0, or k_amixer_dir/PCH for scripts that
    /// print the id).
    amixer_per_card,
};

/// One row of the table.
struct SectionFiles {
    /// As alsa-info.sh prints it after "!!" (current spelling; the reader also knows older ones).
    std::string_view title;
    SectionMapping mapping;
    /// The file it holds; for mappings with many files, the directory or the pattern
    /// ("/proc/asound/card<N>/codec#<M>", "/sys/module/<mod>/parameters").
    std::string_view path;
};

// Files a report holds that no real system has at that path: the output of commands, kept so
// that a check or a view can read it like any other file of the root.
inline constexpr std::string_view k_report_dir = "/run/sndoctor/report";
/// `aplay -l` and `arecord -l` as printed (the "Aplay/Arecord output" section).
inline constexpr std::string_view k_aplay_path = "/run/sndoctor/report/aplay-arecord.txt";
/// One file per card: `amixer -c <id>` (contents of a `!!-------Mixer controls for card` part).
inline constexpr std::string_view k_amixer_dir = "/run/sndoctor/report/amixer";
/// `alsactl -f - store`: the state file syntax, every card's controls (not /var/lib/alsa's
/// stored state, which a report does not carry).
inline constexpr std::string_view k_alsactl_path = "/run/sndoctor/report/alsactl.state";
/// `ls -la /dev/snd/*` as printed (the "ALSA Device nodes" section); device nodes cannot live in
/// a memory root.
inline constexpr std::string_view k_device_nodes_path = "/run/sndoctor/report/dev-snd.txt";
/// `lsusb -v` of the USB sound cards (the "USB Descriptors" section).
inline constexpr std::string_view k_usb_descriptors_path = "/run/sndoctor/report/lsusb.txt";
/// The "ACPI SoundWire Device Status Information" lines ("Realtek 0x000030025d071101").
inline constexpr std::string_view k_soundwire_path = "/run/sndoctor/report/acpi-soundwire.txt";
/// The kernel log lines of "ALSA/HDA dmesg": a report has no kernel log of its own.
inline constexpr std::string_view k_dmesg_path = KernelLog::k_report_path;
/// The package rows of "Packages installed".
inline constexpr std::string_view k_packages_path = "/run/sndoctor/report/packages.txt";
/// Where the reader writes the "Modprobe options (Sound related)" lines.
inline constexpr std::string_view k_modprobe_conf_path = "/etc/modprobe.d/alsa-info-report.conf";

inline constexpr std::string_view k_alsa_version_title = "ALSA Version";
inline constexpr std::string_view k_kernel_information_title = "Kernel Information";
inline constexpr std::string_view k_cards_title = "Soundcards recognised by ALSA";
inline constexpr std::string_view k_card_modules_title = "Loaded ALSA modules";
inline constexpr std::string_view k_modprobe_title = "Modprobe options (Sound related)";
inline constexpr std::string_view k_module_options_title = "Loaded sound module options";
inline constexpr std::string_view k_soundwire_title = "ACPI SoundWire Device Status Information";
inline constexpr std::string_view k_codecs_title = "HDA-Intel Codec information";
inline constexpr std::string_view k_usb_descriptors_title = "USB Descriptors";
inline constexpr std::string_view k_device_nodes_title = "ALSA Device nodes";
inline constexpr std::string_view k_aplay_title = "Aplay/Arecord output";
inline constexpr std::string_view k_amixer_title = "Amixer output";
inline constexpr std::string_view k_alsactl_title = "Alsactl output";
inline constexpr std::string_view k_all_modules_title = "All Loaded Modules";
inline constexpr std::string_view k_sysfs_files_title = "Sysfs Files";
inline constexpr std::string_view k_dmesg_title = "ALSA/HDA dmesg";
inline constexpr std::string_view k_packages_title = "Packages installed";
/// Subsection prefixes (after "!!").
inline constexpr std::string_view k_module_prefix = "Module: ";
inline constexpr std::string_view k_card_prefix = "Card: ";
inline constexpr std::string_view k_mixer_prefix = "-------Mixer controls for card ";

/// The shared sections, in the order alsa-info.sh 0.5.4 prints them.
std::span<const SectionFiles> shared_sections();

/// The row for a title, or nullptr when the section is not shared.
const SectionFiles* find_section_files(std::string_view title);

}  // namespace sndoctor::report
