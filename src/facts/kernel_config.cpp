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

/// Kconfig's longest symbols are some 50 bytes; a "name" beyond this is garbage, not a setting.
constexpr std::size_t k_longest_symbol = 1024;

/// When `name` is a symbol name ("CONFIG_" and letters, digits, underscores), its hash (FNV-1a
/// of what follows the prefix), checked and hashed in one pass over its bytes; nullopt
/// otherwise.
std::optional<std::uint64_t> symbol_hash(std::string_view name) {
    if (name.size() <= k_symbol_prefix.size() || name.size() > k_longest_symbol ||
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

std::string_view KernelConfig::name_at(std::uint32_t offset) const {
    std::size_t end = offset + k_symbol_prefix.size();
    std::string_view text = m_text.view();
    while (end < text.size() && k_symbol_bytes[static_cast<unsigned char>(text[end])])
        ++end;
    return text.substr(offset, end - offset);
}

bool KernelConfig::assigned_at(std::uint32_t offset, std::size_t name_size) const {
    std::size_t after = offset + name_size;
    std::string_view text = m_text.view();
    return after < text.size() && text[after] == '=';
}

std::size_t KernelConfig::slot_of(std::string_view name, std::uint64_t hash) const {
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask)
        if (m_slots[slot] == 0 || name_at(m_slots[slot] - 1) == name)
            return slot;
}

void KernelConfig::add(std::string_view name, std::uint64_t hash) {
    if ((m_names + 1) * 4 > m_slots.size() * 3) {
        std::vector<std::uint32_t> filled(std::max<std::size_t>(64, m_slots.size() * 2), 0);
        filled.swap(m_slots);
        for (std::uint32_t entry : filled) {
            if (entry == 0)
                continue;
            std::string_view held = name_at(entry - 1);
            m_slots[slot_of(held, *symbol_hash(held))] = entry;
        }
    }
    std::size_t slot = slot_of(name, hash);
    if (m_slots[slot] == 0)
        ++m_names;
    m_slots[slot] = static_cast<std::uint32_t>(name.data() - m_text.view().data()) + 1;
}

std::optional<std::uint32_t> KernelConfig::find(std::string_view name) const {
    auto hash = symbol_hash(name);
    if (m_slots.empty() || !hash)
        return std::nullopt;
    std::uint32_t entry = m_slots[slot_of(name, *hash)];
    if (entry == 0)
        return std::nullopt;
    return entry - 1;
}

std::optional<std::string> KernelConfig::value(std::string_view name) const {
    auto offset = find(name);
    if (!offset)
        return std::nullopt;
    if (!assigned_at(*offset, name.size()))
        return "n";
    // The value as parse_line() took it: the line from the name (its start, so trim() only
    // takes the blanks at its end), after the '='.
    std::string_view text = m_text.view();
    auto end = std::min(text.find('\n', *offset), text.size());
    std::string_view line = trim(text.substr(*offset, end - *offset));
    return std::string(line.substr(name.size() + 1));
}

Evidence KernelConfig::evidence(std::string_view name) const {
    auto offset = find(name);
    if (!offset)
        return Evidence{path, 0, ""};
    // Counted when asked, for the few settings a finding shows.
    std::string_view all = m_text.view();
    auto line = 1 + std::count(all.begin(), all.begin() + *offset, '\n');
    std::string text = assigned_at(*offset, name.size()) ? std::string(name) + "=" + *value(name)
                                                         : "# " + std::string(name) + " is not set";
    return Evidence{path, static_cast<int>(line), text};
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
    if (content.front() == '#') {
        // "# CONFIG_SND_VIRMIDI is not set"; any other comment is a comment.
        if (auto symbol = unset_symbol(content.substr(1)))
            add(symbol->name, symbol->hash);
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
    add(content.substr(0, equals), *hash);
}

KernelConfig KernelConfig::parse(std::string path, std::string text) {
    return parse(std::move(path), FileText(std::move(text)));
}

KernelConfig KernelConfig::parse(std::string path, FileText text) {
    // A mapped file rewritten meanwhile reads as zeros where it was cut: that is no binary data.
    auto cut_short = [](const std::string& where) {
        return InputError(where, "was cut short while it was read (rewritten meanwhile?)");
    };
    if (looks_binary(text.view()))
        throw text.intact() ? InputError(path, "holds binary data, not a kernel configuration")
                            : cut_short(path);
    KernelConfig config;
    config.found = true;
    config.path = std::move(path);
    config.m_text = std::move(text);
    const std::string_view all = config.m_text.view();
    // A distribution's configuration names a symbol every 30 bytes or so (Debian 12's: 8,777
    // in 254 KiB): slots for one every 16 bytes keep the index from growing while it is filled.
    config.m_slots.assign(std::bit_ceil(std::max<std::size_t>(64, all.size() / 16)), 0);
    LineCursor lines(all);
    NumberedLine line;
    while (lines.next(line))
        config.parse_line(line.text, static_cast<std::uint32_t>(line.number));
    if (!config.m_text.intact())
        throw cut_short(config.path);
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
        if (auto text = root.read_text(boot_config, k_config_cap))
            return parse(boot_config, std::move(*text));
        // The sources describe the running kernel only when they were built as that release.
        const auto& tree = facts.get<KernelTree>();
        if (tree.current && tree.current->release == kernel.release) {
            std::string tree_config = std::string(KernelTree::k_link_path) + "/.config";
            if (auto text = root.read_text(tree_config, k_config_cap))
                return parse(tree_config, std::move(*text));
        }
    }
    return KernelConfig{};
}

}  // namespace sndoctor
