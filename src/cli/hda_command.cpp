// sndoctor hda SUBCOMMAND: dispatch to the codec tools.
#include <map>

#include "cli/commands.hpp"
#include "cli/hda_commands.hpp"

namespace sndoctor::cli {

namespace {

using Subcommand = int (*)(const Options&);

const std::map<std::string, Subcommand>& subcommands() {
    static const std::map<std::string, Subcommand> table = {
        {"dump", run_hda_dump},     {"pins", run_hda_pins}, {"verb", run_hda_verb},
        {"gpio", run_hda_gpio},     {"eapd", run_hda_eapd}, {"persist", run_hda_persist},
        {"retask", run_hda_retask},
    };
    return table;
}

}  // namespace

int run_hda(const Options& options) {
    const std::string& name = options.arguments.front();
    auto it = subcommands().find(name);
    if (it == subcommands().end()) {
        std::string known;
        for (const auto& [key, _] : subcommands())
            known += (known.empty() ? "" : ", ") + key;
        throw UsageError("hda has no subcommand '" + name + "' (" + known + ")");
    }
    Options rest = options;
    rest.arguments.erase(rest.arguments.begin());
    return it->second(rest);
}

}  // namespace sndoctor::cli
