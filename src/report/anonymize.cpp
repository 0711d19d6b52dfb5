#include "report/anonymize.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/user_db.hpp"

namespace sndoctor::report {

namespace {

constexpr std::size_t k_small_cap = 64 * 1024;
constexpr std::uint32_t k_first_person_uid = 1000;
constexpr std::uint32_t k_nobody_uid = 65534;
/// Shorter originals are replaced as whole words only.
constexpr std::size_t k_substring_minimum = 3;

/// The first line of a small file, trimmed; empty when missing or unreadable (an unreadable
/// file holds nothing to hide that the report could show).
std::string first_line(const Root& root, const std::string& path) {
    try {
        auto text = root.read(path, k_small_cap);
        if (!text || looks_binary(*text))
            return {};
        return std::string(trim(std::string_view(*text).substr(0, text->find('\n'))));
    } catch (const InputError&) {
        return {};
    }
}

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_hex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

/// Length of a MAC address ("00:1a:2b:3c:4d:5e", '-' separated too) starting at `at`, or 0.
std::size_t mac_length(std::string_view text, std::size_t at) {
    constexpr std::size_t k_length = 17;
    if (text.size() - at < k_length || (at > 0 && (is_hex(text[at - 1]) || text[at - 1] == ':')))
        return 0;
    char separator = text[at + 2];
    if (separator != ':' && separator != '-')
        return 0;
    for (std::size_t i = 0; i < k_length; ++i) {
        bool ok = i % 3 == 2 ? text[at + i] == separator : is_hex(text[at + i]);
        if (!ok)
            return 0;
    }
    if (at + k_length < text.size() &&
        (is_hex(text[at + k_length]) || text[at + k_length] == separator))
        return 0;
    return k_length;
}

}  // namespace

Anonymizer::Anonymizer(const Root& root, const std::vector<std::string>& users) {
    add("host", first_line(root, "/proc/sys/kernel/hostname"));
    add("host", first_line(root, "/etc/hostname"));
    for (const auto& user : users)
        add("user", user);
    try {
        std::optional<std::string> passwd = root.read(UserDb::k_passwd_path);
        for (const auto& entry : UserDb::parse(passwd, std::nullopt).users)
            if (entry.uid >= k_first_person_uid && entry.uid != k_nobody_uid)
                add("user", entry.name);
    } catch (const InputError&) {
        // No readable passwd: the users named by the process are still hidden.
    }
    for (const char* file : {"product_serial", "board_serial", "chassis_serial"})
        add("serial", first_line(root, std::string("/sys/class/dmi/id/") + file));
    add("uuid", first_line(root, "/sys/class/dmi/id/product_uuid"));
    for (const auto& device : root.list("/sys/bus/usb/devices"))
        add("serial", first_line(root, "/sys/bus/usb/devices/" + device.name + "/serial"));
}

void Anonymizer::add(std::string_view kind, std::string original) {
    // Firmware fills unset fields with filler: nothing about the owner to hide there.
    if (original.empty() || original == "None" || original == "Not Specified" ||
        original == "To be filled by O.E.M." || original == "0" || original == "root")
        return;
    for (const auto& known : m_originals)
        if (known.text == original)
            return;
    m_originals.push_back({std::move(original), std::string(kind)});
    std::stable_sort(
        m_originals.begin(), m_originals.end(),
        [](const Original& a, const Original& b) { return a.text.size() > b.text.size(); });
}

std::vector<std::string> Anonymizer::originals() const {
    std::vector<std::string> texts;
    for (const auto& original : m_originals)
        texts.push_back(original.text);
    for (const auto& [original, placeholder] : m_placeholders)
        if (std::find(texts.begin(), texts.end(), original) == texts.end())
            texts.push_back(original);
    return texts;
}

std::string Anonymizer::placeholder(std::string_view kind, const std::string& original) {
    auto it = m_placeholders.find(original);
    if (it != m_placeholders.end())
        return it->second;
    int number = ++m_counts[std::string(kind)];
    std::string text = "<" + std::string(kind) + "-" + std::to_string(number) + ">";
    m_placeholders.emplace(original, text);
    return text;
}

std::string Anonymizer::replace_macs(std::string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        if (std::size_t length = mac_length(text, at)) {
            std::string mac(text.substr(at, length));
            std::transform(mac.begin(), mac.end(), mac.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            std::replace(mac.begin(), mac.end(), '-', ':');
            out += placeholder("mac", mac);
            at += length;
        } else {
            out += text[at++];
        }
    }
    return out;
}

std::string Anonymizer::apply(std::string_view input) {
    std::string text = replace_macs(input);
    for (const auto& original : m_originals) {
        std::string out;
        std::size_t from = 0;
        for (auto at = text.find(original.text); at != std::string::npos;
             at = text.find(original.text, at + original.text.size())) {
            std::size_t end = at + original.text.size();
            bool whole_word = (at == 0 || !is_word_char(text[at - 1])) &&
                              (end == text.size() || !is_word_char(text[end]));
            if (original.text.size() < k_substring_minimum && !whole_word)
                continue;
            out += text.substr(from, at - from) + placeholder(original.kind, original.text);
            from = end;
        }
        text = out + text.substr(from);
    }
    return text;
}

void Anonymizer::apply(Section& section) {
    section.title = apply(section.title);
    section.text = apply(section.text);
    for (auto& subsection : section.subsections)
        apply(subsection);
}

void Anonymizer::apply(Report& report) {
    for (auto& section : report.sections)
        apply(section);
    for (auto& problem : report.problems) {
        problem.path = apply(problem.path);
        problem.reason = apply(problem.reason);
    }
}

void Anonymizer::apply(Result& result) {
    result.summary = apply(result.summary);
    result.explanation = apply(result.explanation);
    for (auto& evidence : result.evidence) {
        evidence.path = apply(evidence.path);
        evidence.text = apply(evidence.text);
    }
}

}  // namespace sndoctor::report
