#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/plan.hpp"
#include "facts/modprobe_config.hpp"

/// What the fixes that write /etc/modprobe.d/50-sndoctor.conf share: the file, the way a line
/// elsewhere is switched off, and the merge that lets two fixes of one run add to the same file.
namespace sndoctor::fixes::sndoctor_conf {

/// sndoctor's own modprobe file. "50-" sorts it before most local files and after the
/// distribution's low-numbered ones; options add up across files, and the fixes comment out
/// the lines that would contradict it.
inline constexpr const char* k_path = "/etc/modprobe.d/50-sndoctor.conf";
inline constexpr const char* k_header =
    "# Written by sndoctor: sound driver options. 'sndoctor history' says why; 'sndoctor undo' "
    "takes them back.\n";
/// What a switched-off line starts with; the original text follows unchanged.
inline constexpr const char* k_disabled_prefix = "# disabled by sndoctor: ";

/// The module name as modprobe.d files usually spell it ("snd-hda-intel").
inline std::string spelled(std::string module) {
    std::replace(module.begin(), module.end(), '_', '-');
    return module;
}

/// Comments out the command `entry` comes from, every physical line of it when it is continued
/// with a trailing backslash (kmod joins those into one command). Lines an earlier fix of the
/// same run already switched off are left as they are.
inline void disable(PlanBuilder& builder, const ModprobeEntry& entry, const std::string& why) {
    const std::string& path = entry.where.path;
    auto text = builder.current(path);
    if (!text)
        throw InputError(path, "is gone since it was read");
    auto lines = split_lines(*text);
    for (std::size_t number = static_cast<std::size_t>(entry.where.line);; ++number) {
        if (number == 0 || number > lines.size())
            throw InputError(path, "has no line " + std::to_string(number) + " any more",
                             static_cast<int>(number));
        std::string_view line = lines[number - 1].text;
        if (line.starts_with(k_disabled_prefix))
            return;
        builder.comment_out_line(
            path, static_cast<int>(number), k_disabled_prefix,
            "Comment out " + path + ":" + std::to_string(number) + " (" + why + ")");
        if (!trim(line).ends_with('\\'))
            return;
    }
}

/// A parameter as it is written on an options line (quoted when its value has blanks).
inline std::string written(const ModuleParam& param) {
    if (!param.has_value)
        return param.name;
    bool blank = param.value.find_first_of(" \t") != std::string::npos;
    return param.name + "=" + (blank ? "\"" + param.value + "\"" : param.value);
}

/// Sets `params` for `module` in 50-sndoctor.conf as the plan leaves it so far: the module's
/// options line there gets them (a parameter of the same name is replaced, others are kept), or a
/// new line is added. Nothing is written when the file already says it.
inline void set_options(PlanBuilder& builder, const std::string& module,
                        const std::vector<ModuleParam>& params, const std::string& why) {
    std::string before = builder.current(k_path).value_or("");
    std::string after;
    bool merged = false;
    for (const auto& line : split_lines(before)) {
        auto words = split_words(line.text);
        if (merged || words.size() < 2 || words[0] != "options" ||
            module_name(words[1]) != module) {
            after += std::string(line.text) + "\n";
            continue;
        }
        // The rest of the line after the module name, as kmod passes it on.
        std::string_view rest = line.text;
        rest.remove_prefix(static_cast<std::size_t>(words[1].data() - line.text.data()) +
                           words[1].size());
        std::vector<ModuleParam> combined = split_module_params(rest);
        for (const auto& param : params) {
            auto same = std::find_if(combined.begin(), combined.end(), [&](const ModuleParam& p) {
                return module_name(p.name) == module_name(param.name);
            });
            if (same != combined.end())
                *same = param;
            else
                combined.push_back(param);
        }
        std::string updated = "options " + std::string(words[1]);
        for (const auto& param : combined)
            updated += " " + written(param);
        after += updated + "\n";
        merged = true;
    }
    if (!merged) {
        if (after.empty())
            after = k_header;
        std::string added = "options " + spelled(module);
        for (const auto& param : params)
            added += " " + written(param);
        after += added + "\n";
    }
    if (after != before)
        builder.write_file(k_path, after,
                           "Set " + spelled(module) + " options in " + k_path + " (" + why + ")");
}

inline bool is_param(const ModuleParam& param, std::string_view name) {
    return module_name(param.name) == name;
}

inline bool is_index(const ModuleParam& param) {
    return is_param(param, "index");
}

/// The options lines of `module` that set `param`, in kmod's order.
inline std::vector<const ModprobeEntry*> param_lines(const ModprobeConfig& config,
                                                     const std::string& module,
                                                     std::string_view param) {
    std::vector<const ModprobeEntry*> lines;
    for (const auto& entry : config.entries) {
        if (entry.command != ModprobeCommand::options || entry.module != module)
            continue;
        auto params = split_module_params(entry.argument);
        if (std::any_of(params.begin(), params.end(),
                        [&](const ModuleParam& p) { return is_param(p, param); }))
            lines.push_back(&entry);
    }
    return lines;
}

/// What `module` gets for `param` at its next load, and the line that says it.
struct ParamSetting {
    std::string value;
    const ModprobeEntry* entry = nullptr;
};

/// The value kmod passes: the last options line that sets `param`, its last mention there;
/// nullopt when no line sets it.
inline std::optional<ParamSetting> configured_param(const ModprobeConfig& config,
                                                    const std::string& module,
                                                    std::string_view param) {
    auto lines = param_lines(config, module, param);
    if (lines.empty())
        return std::nullopt;
    ParamSetting setting{{}, lines.back()};
    for (const auto& p : split_module_params(setting.entry->argument))
        if (is_param(p, param))
            setting.value = p.value;
    return setting;
}

/// The options lines of `module` that set its index, in kmod's order.
inline std::vector<const ModprobeEntry*> index_lines(const ModprobeConfig& config,
                                                     const std::string& module) {
    return param_lines(config, module, "index");
}

/// Which parameters of a line not to carry into 50-sndoctor.conf (besides the one being set).
using ParamFilter = std::function<bool(const ModprobeEntry&, const ModuleParam&)>;

/// Gives `module` `param`=`value` in 50-sndoctor.conf. Its lines setting `param` in other files
/// are commented out (a later file's value would override ours), and the other parameters they
/// set, except those `drop` names, go on in 50-sndoctor.conf.
inline void set_param(PlanBuilder& builder, const ModprobeConfig& config, const std::string& module,
                      const std::string& param, const std::string& value, const std::string& why,
                      const ParamFilter& drop = {}) {
    std::vector<ModuleParam> params;
    for (const auto* entry : param_lines(config, module, param)) {
        if (entry->where.path == k_path)
            continue;  // our own line: set_options() rewrites it in place
        disable(builder, *entry, module + " becomes " + param + "=" + value + " in " + k_path);
        for (const auto& p : split_module_params(entry->argument))
            if (!is_param(p, param) && !(drop && drop(*entry, p)))
                params.push_back(p);
    }
    params.push_back({param, value, true});
    set_options(builder, module, params, why);
}

/// set_param for the card index, the option most sound fixes set.
inline void set_index(PlanBuilder& builder, const ModprobeConfig& config, const std::string& module,
                      const std::string& value, const std::string& why,
                      const ParamFilter& drop = {}) {
    set_param(builder, config, module, "index", value, why, drop);
}

}  // namespace sndoctor::fixes::sndoctor_conf
