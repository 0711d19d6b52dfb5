#include "facts/kernel_config.hpp"

#include <algorithm>
#include <bit>
#include <iterator>

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

/// The words of a "# CONFIG_X is not set" comment, without allocating (every other line of a
/// distribution's configuration is one): the symbol when it is one.
std::optional<std::string_view> unset_symbol(std::string_view comment) {
    // Kconfig writes it as "# CONFIG_X is not set"; any other spacing is read word by word.
    constexpr std::string_view k_written_prefix = " CONFIG_";
    constexpr std::string_view k_written_suffix = " is not set";
    if (comment.starts_with(k_written_prefix) && comment.ends_with(k_written_suffix) &&
        comment.size() > k_written_prefix.size() + k_written_suffix.size()) {
        std::string_view symbol = comment.substr(1, comment.size() - 1 - k_written_suffix.size());
        if (is_symbol(symbol))
            return symbol;
    }
    std::string_view words[5];
    std::size_t count = 0;
    std::size_t pos = 0;
    while (count < std::size(words)) {
        pos = comment.find_first_not_of(" \t", pos);
        if (pos == std::string_view::npos)
            break;
        auto end = std::min(comment.find_first_of(" \t", pos), comment.size());
        words[count++] = comment.substr(pos, end - pos);
        pos = end;
    }
    if (count == 4 && is_symbol(words[0]) && words[1] == "is" && words[2] == "not" &&
        words[3] == "set")
        return words[0];
    return std::nullopt;
}

}  // namespace

std::string_view KernelConfig::name_of(const Setting& setting) const {
    return std::string_view(m_text).substr(setting.name_offset, setting.name_size);
}

std::size_t KernelConfig::slot_of(std::string_view name) const {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
    for (unsigned char c : name)
        hash = (hash ^ c) * 1099511628211ULL;
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask)
        if (m_slots[slot] == 0 || name_of(m_settings[m_slots[slot] - 1]) == name)
            return slot;
}

void KernelConfig::add(const Setting& setting) {
    if (m_slots.empty() || (m_settings.size() + 1) * 2 > m_slots.size()) {
        m_slots.assign(std::max<std::size_t>(64, m_slots.size() * 2), 0);
        for (std::size_t i = 0; i < m_settings.size(); ++i)
            m_slots[slot_of(name_of(m_settings[i]))] = static_cast<std::uint32_t>(i + 1);
    }
    std::size_t slot = slot_of(name_of(setting));
    if (m_slots[slot] != 0) {
        m_settings[m_slots[slot] - 1] = setting;
        return;
    }
    m_settings.push_back(setting);
    m_slots[slot] = static_cast<std::uint32_t>(m_settings.size());
}

const KernelConfig::Setting* KernelConfig::find(std::string_view name) const {
    if (m_slots.empty())
        return nullptr;
    std::uint32_t index = m_slots[slot_of(name)];
    return index == 0 ? nullptr : &m_settings[index - 1];
}

std::optional<std::string> KernelConfig::value(std::string_view name) const {
    const Setting* setting = find(name);
    if (setting == nullptr)
        return std::nullopt;
    if (setting->not_set)
        return "n";
    return m_text.substr(setting->value_offset, setting->value_size);
}

Evidence KernelConfig::evidence(std::string_view name) const {
    const Setting* setting = find(name);
    if (setting == nullptr)
        return Evidence{path, 0, ""};
    std::string text = setting->not_set ? "# " + std::string(name) + " is not set"
                                        : std::string(name) + "=" + *value(name);
    return Evidence{path, setting->line, text};
}

KernelConfig KernelConfig::parse(std::string path, std::string text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not a kernel configuration");
    KernelConfig config;
    config.found = true;
    config.path = std::move(path);
    config.m_text = std::move(text);
    const std::string_view all = config.m_text;
    // A configuration line is some 26 bytes: slots for twice as many lines as 12-byte ones
    // keep the index from growing while it is filled.
    config.m_slots.assign(std::bit_ceil(std::max<std::size_t>(64, all.size() / 12)), 0);
    auto offset_of = [&](std::string_view part) {
        return static_cast<std::uint32_t>(part.data() - all.data());
    };
    auto size_of = [](std::string_view part) { return static_cast<std::uint32_t>(part.size()); };
    for (const auto& line : split_lines(all)) {
        std::string_view content = trim(line.text);
        if (content.empty())
            continue;
        if (content.front() == '#') {
            // "# CONFIG_SND_VIRMIDI is not set"; any other comment is a comment.
            if (auto symbol = unset_symbol(content.substr(1)))
                config.add({offset_of(*symbol), size_of(*symbol), 0, 0, line.number, true});
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
        std::string_view value = content.substr(equals + 1);
        config.add(
            {offset_of(name), size_of(name), offset_of(value), size_of(value), line.number, false});
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
            return parse(boot_config, std::move(*text));
        // The sources describe the running kernel only when they were built as that release.
        const auto& tree = facts.get<KernelTree>();
        if (tree.current && tree.current->release == kernel.release) {
            std::string tree_config = std::string(KernelTree::k_link_path) + "/.config";
            if (auto text = root.read(tree_config, k_config_cap))
                return parse(tree_config, std::move(*text));
        }
    }
    return KernelConfig{};
}

}  // namespace sndoctor
