#include "facts/process_list.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

bool ProcessList::is_pid(std::string_view name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); });
}

ProcessList ProcessList::read(const Root& root) {
    ProcessList out;
    for (const auto& entry : root.list("/proc")) {
        if (entry.type != FileType::directory || !is_pid(entry.name))
            continue;
        std::string dir = join_path("/proc", entry.name);
        std::optional<std::string> comm;
        try {
            comm = root.read(join_path(dir, "comm"), 256);
        } catch (const InputError&) {
            continue;  // the process ended while it was read
        }
        if (!comm)
            continue;
        out.processes.push_back({static_cast<int>(parse_int(entry.name).value_or(0)), dir,
                                 std::string(trim(*comm)), looks_binary(*comm)});
    }
    return out;
}

ProcessList ProcessList::load(Facts& facts) {
    return read(facts.root());
}

}  // namespace sndoctor
