#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// The kernel's log as `dmesg` prints it ("[    1.234567] text"), for the checks whose best
/// evidence is what a driver said: firmware it could not load, the fixup a codec driver picked,
/// the DSP driver snd_intel_dspcfg chose. Live it is /dev/kmsg; a report carries its ALSA/HDA
/// dmesg section as a file; a copied system may hold a saved log (var/log/dmesg). A log that
/// cannot be read is no error: the checks that use it say what they could not see.
struct KernelLog {
    static constexpr const char* k_kmsg_path = "/dev/kmsg";
    /// Where a report root keeps its "ALSA/HDA dmesg" section (report/section_files.hpp).
    static constexpr const char* k_report_path = "/run/sndoctor/report/dmesg.txt";
    /// The boot log Debian's and Gentoo's init scripts save.
    static constexpr const char* k_saved_path = "/var/log/dmesg";

    bool available = false;
    std::string path;                ///< where the lines came from (in-root path or /dev/kmsg)
    std::string unavailable_reason;  ///< why `lines` is empty when `available` is false
    std::vector<std::string> lines;  ///< as dmesg prints them, oldest first

    /// Every line that contains `needle` (case-sensitive), as evidence: the path and the line's
    /// number in it (1-based).
    std::vector<Evidence> find(std::string_view needle) const;

    static KernelLog load(Facts& facts);
};

/// Turns /dev/kmsg records ("6,1234,1234567,-;text" and " KEY=value" continuation lines) into
/// the lines `dmesg` prints: "[    1.234567] text", with the \xNN escapes of the record undone.
std::vector<std::string> dmesg_lines(const std::vector<std::string>& records);

/// Every record a kmsg device holds now, read without blocking. Throws InputError naming the
/// path when it cannot be opened or read (EPERM under kernel.dmesg_restrict).
std::vector<std::string> read_kmsg(const std::string& path);

}  // namespace sndoctor
