#include "facts/kernel_config.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
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

constexpr std::string_view k_symbol_prefix = "CONFIG_";

/// The bytes a symbol name may have after its prefix: letters, digits and underscores.
constexpr auto k_symbol_bytes = [] {
    std::array<bool, 256> bytes{};
    for (int c = 0; c < 256; ++c)
        bytes[c] =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return bytes;
}();

/// When `name` is a symbol name ("CONFIG_" and letters, digits, underscores), its hash (FNV-1a
/// of what follows the prefix), checked and hashed in one pass over its bytes; nullopt
/// otherwise.
std::optional<std::uint64_t> symbol_hash(std::string_view name) {
    if (name.size() <= k_symbol_prefix.size() || name.size() > UINT16_MAX ||
        !name.starts_with(k_symbol_prefix))
        return std::nullopt;
    std::uint64_t hash = 14695981039346656037ULL;
    for (std::size_t i = k_symbol_prefix.size(); i < name.size(); ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        if (!k_symbol_bytes[c])
            return std::nullopt;
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return hash;
}

struct Symbol {
    std::string_view name;
    std::uint64_t hash = 0;
};

/// The symbol of a "# CONFIG_X is not set" comment (given without its '#'), without allocating
/// (every other line of a distribution's configuration is one); nullopt for any other comment.
std::optional<Symbol> unset_symbol(std::string_view comment) {
    // Kconfig writes it as "# CONFIG_X is not set"; any other spacing is read word by word.
    constexpr std::string_view k_written_suffix = " is not set";
    if (comment.starts_with(' ') && comment.substr(1).starts_with(k_symbol_prefix) &&
        comment.ends_with(k_written_suffix)) {
        std::string_view name = comment.substr(1, comment.size() - 1 - k_written_suffix.size());
        if (auto hash = symbol_hash(name))
            return Symbol{name, *hash};
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
    if (count == 4 && words[1] == "is" && words[2] == "not" && words[3] == "set")
        if (auto hash = symbol_hash(words[0]))
            return Symbol{words[0], *hash};
    return std::nullopt;
}

}  // namespace

std::string_view KernelConfig::name_of(const Setting& setting) const {
    return std::string_view(m_text).substr(setting.name_offset, setting.name_size);
}

std::size_t KernelConfig::slot_of(std::string_view name, std::uint64_t hash) const {
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask)
        if (m_slots[slot] == 0 || name_of(m_settings[m_slots[slot] - 1]) == name)
            return slot;
}

void KernelConfig::add(const Setting& setting, std::uint64_t hash) {
    if (m_slots.empty() || (m_settings.size() + 1) * 2 > m_slots.size()) {
        m_slots.assign(std::max<std::size_t>(64, m_slots.size() * 2), 0);
        for (std::size_t i = 0; i < m_settings.size(); ++i) {
            std::string_view name = name_of(m_settings[i]);
            m_slots[slot_of(name, *symbol_hash(name))] = static_cast<std::uint32_t>(i + 1);
        }
    }
    std::size_t slot = slot_of(name_of(setting), hash);
    if (m_slots[slot] != 0) {
        m_settings[m_slots[slot] - 1] = setting;
        return;
    }
    m_settings.push_back(setting);
    m_slots[slot] = static_cast<std::uint32_t>(m_settings.size());
}

const KernelConfig::Setting* KernelConfig::find(std::string_view name) const {
    auto hash = symbol_hash(name);
    if (m_slots.empty() || !hash)
        return nullptr;
    std::uint32_t index = m_slots[slot_of(name, *hash)];
    return index == 0 ? nullptr : &m_settings[index - 1];
}

std::optional<std::string> KernelConfig::value(std::string_view name) const {
    const Setting* setting = find(name);
    if (setting == nullptr)
        return std::nullopt;
    if (setting->not_set)
        return "n";
    return m_text.substr(setting->name_offset + setting->name_size + 1, setting->value_size);
}

Evidence KernelConfig::evidence(std::string_view name) const {
    const Setting* setting = find(name);
    if (setting == nullptr)
        return Evidence{path, 0, ""};
    std::string text = setting->not_set ? "# " + std::string(name) + " is not set"
                                        : std::string(name) + "=" + *value(name);
    return Evidence{path, static_cast<int>(setting->line), text};
}

void KernelConfig::parse_line(std::string_view line, std::uint32_t number) {
    // Kconfig writes no blanks around a line (all of them sort below '!'); other text is
    // trimmed first.
    std::string_view content = line;
    if (!content.empty() && (static_cast<unsigned char>(content.front()) <= ' ' ||
                             static_cast<unsigned char>(content.back()) <= ' '))
        content = trim(content);
    if (content.empty())
        return;
    auto offset_of = [&](std::string_view part) {
        return static_cast<std::uint32_t>(part.data() - m_text.data());
    };
    if (content.front() == '#') {
        // "# CONFIG_SND_VIRMIDI is not set"; any other comment is a comment.
        if (auto symbol = unset_symbol(content.substr(1)))
            add({offset_of(symbol->name), static_cast<std::uint16_t>(symbol->name.size()), true, 0,
                 number},
                symbol->hash);
        return;
    }
    auto equals = content.find('=');
    auto hash =
        equals == std::string_view::npos ? std::nullopt : symbol_hash(content.substr(0, equals));
    if (!hash) {
        problems.push_back(
            {path, static_cast<int>(number), "not a configuration line: " + clip(content, 80)});
        return;
    }
    add({offset_of(content), static_cast<std::uint16_t>(equals), false,
         static_cast<std::uint32_t>(content.size() - equals - 1), number},
        *hash);
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
    // keep the index from growing while it is filled, and room for as many settings as 20-byte
    // lines keeps the table from being copied (reserving touches no page).
    config.m_slots.assign(std::bit_ceil(std::max<std::size_t>(64, all.size() / 12)), 0);
    config.m_settings.reserve(all.size() / 20);
    LineCursor lines(all);
    NumberedLine line;
    while (lines.next(line))
        config.parse_line(line.text, static_cast<std::uint32_t>(line.number));
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
