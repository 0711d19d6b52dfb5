#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

class Facts;
class Root;

/// One process /proc shows, with the command name the kernel keeps for it.
struct ProcessEntry {
    int pid = 0;
    std::string dir;      ///< "/proc/812", as listed
    std::string command;  ///< /proc/PID/comm, trimmed ("pipewire"; at most 15 characters)
    /// The comm text looked binary (a name set with control characters): it names no program,
    /// whatever it trims to, for the readers that match commands exactly.
    bool binary = false;
};

/// Every process of the root and its command, read once a run for all that ask which programs
/// run (the sound servers, the report's "Sound Servers" section): a desktop runs hundreds of
/// processes, and each comm costs a few system calls. A process that ends during the scan, or
/// whose comm is missing or unreadable, is left out.
struct ProcessList {
    std::vector<ProcessEntry> processes;  ///< in the name order of /proc's listing

    static ProcessList load(Facts& facts);
    static ProcessList read(const Root& root);

    /// A /proc entry name that is a process id: digits only ("812", not "self" or "sys").
    static bool is_pid(std::string_view name);
};

}  // namespace sndoctor
