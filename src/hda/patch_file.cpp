#include "hda/patch_file.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "hda/verbs.hpp"

namespace sndoctor::hda {

namespace {

/// The kernel reads the file through a 128-byte line buffer; longer lines are cut.
constexpr std::size_t k_kernel_line_buffer = 127;

enum class Section { none, codec, pincfg, verb, hint, model, other };

/// The section a "[...]" line opens: the kernel compares a case-insensitive prefix.
Section section_of(std::string_view line) {
    auto starts = [&](std::string_view name) {
        if (line.size() < name.size())
            return false;
        for (std::size_t i = 0; i < name.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(line[i])) != name[i])
                return false;
        return true;
    };
    if (starts("[codec]"))
        return Section::codec;
    if (starts("[pincfg]") || starts("[user_pin_configs]"))
        return Section::pincfg;
    if (starts("[verb]") || starts("[init_verbs]"))
        return Section::verb;
    if (starts("[hint]") || starts("[hints]"))
        return Section::hint;
    if (starts("[model]"))
        return Section::model;
    return Section::other;
}

/// Numbers as the kernel's simple_strtoul(…, 0) reads them: decimal, 0x hex or 0 octal. A
/// negative value in [codec] means "any".
std::optional<std::int64_t> number(std::string_view word) {
    bool negative = !word.empty() && word.front() == '-';
    if (negative)
        word.remove_prefix(1);
    auto value = parse_int(word);
    if (!value)
        return std::nullopt;
    return negative ? -*value : *value;
}

/// The line's words as numbers, when it has exactly `count` words and each is one.
std::optional<std::vector<std::int64_t>> numbers(const std::vector<std::string_view>& words,
                                                 std::size_t count) {
    if (words.size() != count)
        return std::nullopt;
    std::vector<std::int64_t> out;
    for (auto word : words) {
        auto value = number(word);
        if (!value)
            return std::nullopt;
        out.push_back(*value);
    }
    return out;
}

}  // namespace

PatchFile parse_patch_file(std::string_view text, const std::string& path) {
    PatchFile file;
    Section section = Section::none;
    PatchCodec* current = nullptr;
    auto problem = [&](int line, std::string reason) {
        file.problems.push_back({path, line, std::move(reason)});
    };
    for (const auto& numbered : split_lines(text)) {
        std::string_view line = trim(numbered.text);
        if (line.empty() || line.front() == '#')
            continue;
        if (line.size() > k_kernel_line_buffer)
            problem(numbered.number, "longer than the kernel's 128-byte line buffer: it is cut");
        if (line.front() == '[') {
            section = section_of(line);
            if (section == Section::other)
                problem(numbered.number, "unknown section " + std::string(line));
            continue;
        }
        auto words = split_words(line);
        if (section == Section::codec) {
            auto ids = numbers(words, 3);
            if (!ids) {
                problem(numbered.number, "a [codec] line is 'vendor_id subsystem_id address'");
                current = nullptr;
                continue;
            }
            file.codecs.push_back({static_cast<std::uint32_t>((*ids)[0]),
                                   static_cast<std::uint32_t>((*ids)[1]),
                                   static_cast<int>((*ids)[2])});
            current = &file.codecs.back();
            continue;
        }
        if (current == nullptr) {
            problem(numbered.number, "before any [codec] line: the kernel ignores it");
            continue;
        }
        switch (section) {
            case Section::pincfg: {
                auto pin = numbers(words, 2);
                if (!pin || (*pin)[0] <= 0 || (*pin)[0] > 0x7f)
                    problem(numbered.number, "a [pincfg] line is 'nid value'");
                else
                    current->pincfg.emplace_back(static_cast<int>((*pin)[0]),
                                                 static_cast<std::uint32_t>((*pin)[1]));
                break;
            }
            case Section::verb: {
                auto verb = numbers(words, 3);
                if (!verb || (*verb)[0] <= 0 || (*verb)[1] <= 0)
                    problem(numbered.number,
                            "a [verb] line is 'nid verb param' (nid and verb not 0)");
                else
                    current->verbs.push_back({static_cast<int>((*verb)[0]),
                                              static_cast<std::uint32_t>((*verb)[1]),
                                              static_cast<std::uint32_t>((*verb)[2])});
                break;
            }
            case Section::hint: {
                auto eq = line.find('=');
                if (eq == std::string_view::npos || trim(line.substr(0, eq)).empty())
                    problem(numbered.number, "a [hint] line is 'key = value'");
                else
                    current->hints.emplace_back(std::string(trim(line.substr(0, eq))),
                                                std::string(trim(line.substr(eq + 1))));
                break;
            }
            case Section::model:
                current->model = std::string(line);
                break;
            default:
                break;  // inside an unknown section, already reported
        }
    }
    return file;
}

std::string render_patch_file(const PatchFile& file, std::string_view header_comment) {
    std::string out;
    for (const auto& line : split_lines(header_comment))
        out += "# " + std::string(line.text) + "\n";
    for (const auto& codec : file.codecs) {
        out += "\n[codec]\n" + hex(codec.vendor_id, 8) + " " + hex(codec.subsystem_id, 8) + " " +
               std::to_string(codec.address) + "\n";
        if (codec.model)
            out += "\n[model]\n" + *codec.model + "\n";
        if (!codec.pincfg.empty()) {
            out += "\n[pincfg]\n";
            for (const auto& [nid, value] : codec.pincfg)
                out += hex(static_cast<std::uint32_t>(nid), 2) + " " + hex(value, 8) + "\n";
        }
        if (!codec.verbs.empty()) {
            out += "\n[verb]\n";
            for (const auto& verb : codec.verbs)
                out += hex(static_cast<std::uint32_t>(verb.nid), 2) + " " + hex(verb.verb, 3) +
                       " " + hex(verb.param, 2) + "\n";
        }
        if (!codec.hints.empty()) {
            out += "\n[hint]\n";
            for (const auto& [key, value] : codec.hints)
                out += key + " = " + value + "\n";
        }
    }
    return out;
}

PatchFile with_codec(PatchFile file, PatchCodec codec) {
    auto same = std::find_if(file.codecs.begin(), file.codecs.end(),
                             [&](const PatchCodec& c) { return c.same_codec(codec); });
    if (same != file.codecs.end())
        *same = std::move(codec);
    else
        file.codecs.push_back(std::move(codec));
    return file;
}

}  // namespace sndoctor::hda
