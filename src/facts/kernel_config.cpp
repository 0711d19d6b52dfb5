#include "facts/kernel_config.hpp"

#include "core/gzip.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/kernel_tree.hpp"

namespace sndoctor {

namespace {

constexpr const char* k_proc_config = "/proc/config.gz";
/// A distribution's .config is about 300 KiB (some 10,000 lines); 8 MiB leaves room for any
/// real one and stops a gzip bomb early.
constexpr std::size_t k_config_cap = 8 * 1024 * 1024;
/// The compressed /proc/config.gz is some 60 KiB.
constexpr std::size_t k_compressed_cap = 2 * 1024 * 1024;

/// "CONFIG_X" is a symbol name: letters, digits and underscores after the prefix.
bool is_symbol(std::string_view name) {
    if (!name.starts_with("CONFIG_") || name.size() == 7)
        return false;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

}  // namespace

std::optional<std::string> KernelConfig::value(std::string_view name) const {
    auto it = settings.find(name);
    if (it == settings.end())
        return std::nullopt;
    return it->second.value;
}

Evidence KernelConfig::evidence(std::string_view name) const {
    auto it = settings.find(name);
    if (it == settings.end())
        return Evidence{path, 0, ""};
    const Setting& setting = it->second;
    std::string text = setting.value == "n" ? "# " + std::string(name) + " is not set"
                                            : std::string(name) + "=" + setting.value;
    return Evidence{path, setting.line, text};
}

KernelConfig KernelConfig::parse(std::string path, std::string_view text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not a kernel configuration");
    KernelConfig config;
    config.found = true;
    config.path = std::move(path);
    for (const auto& line : split_lines(text)) {
        std::string_view content = trim(line.text);
        if (content.empty())
            continue;
        if (content.front() == '#') {
            // "# CONFIG_SND_VIRMIDI is not set"; any other comment is a comment.
            auto words = split_words(content.substr(1));
            if (words.size() == 4 && is_symbol(words[0]) && words[1] == "is" && words[2] == "not" &&
                words[3] == "set") {
                config.settings.insert_or_assign(std::string(words[0]), Setting{"n", line.number});
            }
            continue;
        }
        auto equals = content.find('=');
        std::string_view name =
            equals == std::string_view::npos ? content : content.substr(0, equals);
        if (equals == std::string_view::npos || !is_symbol(name)) {
            config.problems.push_back(
                {config.path, line.number, "not a configuration line: " + clip(content, 80)});
            continue;
        }
        // A later line wins, as in Kconfig.
        config.settings.insert_or_assign(
            std::string(name), Setting{std::string(content.substr(equals + 1)), line.number});
    }
    return config;
}

KernelConfig KernelConfig::load(Facts& facts) {
    const Root& root = facts.root();
    if (auto compressed = root.read(k_proc_config, k_compressed_cap))
        return parse(k_proc_config,
                     gunzip(k_proc_config, *compressed, k_config_cap, "a kernel configuration"));
    const auto& kernel = facts.get<KernelIdentity>();
    if (!kernel.release.empty()) {
        std::string boot_config = "/boot/config-" + kernel.release;
        if (auto text = root.read(boot_config, k_config_cap))
            return parse(boot_config, *text);
        // The sources describe the running kernel only when they were built as that release.
        const auto& tree = facts.get<KernelTree>();
        if (tree.current && tree.current->release == kernel.release) {
            std::string tree_config = std::string(KernelTree::k_link_path) + "/.config";
            if (auto text = root.read(tree_config, k_config_cap))
                return parse(tree_config, *text);
        }
    }
    return KernelConfig{};
}

}  // namespace sndoctor
