#pragma once

#include <optional>
#include <string>

#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// The running kernel, as /proc tells it: the release (`uname -r`) and the build string
/// (`uname -v`, "#1 SMP PREEMPT_DYNAMIC Debian 6.1.90-1 (2024-05-03)").
struct KernelIdentity {
    std::string release;  ///< empty when the root does not say
    std::string version;  ///< the build string; empty when unknown
    Evidence release_evidence;
    Evidence version_evidence;

    /// Reads proc/sys/kernel/osrelease and proc/sys/kernel/version, falling back to proc/version
    /// ("Linux version <release> (<builder>) <version>"). Throws InputError on binary junk.
    static KernelIdentity load(Facts& facts);
    /// Parses the text of /proc/version; nullopt when it does not have that shape.
    static std::optional<KernelIdentity> parse_proc_version(const std::string& text);
};

}  // namespace sndoctor
