#include "facts/hda_models.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "facts/facts.hpp"

#ifndef SNDOCTOR_DATA_DIR
#define SNDOCTOR_DATA_DIR "data"
#endif
#ifndef SNDOCTOR_INSTALLED_DATA_DIR
#define SNDOCTOR_INSTALLED_DATA_DIR "/usr/local/share/sndoctor"
#endif

namespace sndoctor {

namespace {

/// The file is some 8 KiB; anything near this cap is not it.
constexpr std::size_t k_models_cap = 1024 * 1024;

bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// "10ec0269", or a prefix of it ending in '*' ("14f1*").
bool is_codec_pattern(std::string_view word) {
    bool wildcard = word.ends_with('*');
    std::string_view digits = wildcard ? word.substr(0, word.size() - 1) : word;
    if (digits.empty() || digits.size() > 8 || (!wildcard && digits.size() != 8))
        return false;
    for (char c : digits)
        if (!is_hex_digit(c))
            return false;
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'F')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

bool is_generic_model(std::string_view name) {
    if (name == "auto" || name == "generic" || name == "nofixup")
        return true;
    // "17aa:38bb": look the fixup up as if the machine had that SSID (auto_parser.c).
    if (name.size() != 9 || name[4] != ':')
        return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (i != 4 && !is_hex_digit(name[i]))
            return false;
    return true;
}

const HdaModelSection* HdaModels::for_codec(std::uint32_t vendor_id) const {
    std::string id = hex(vendor_id, 8).substr(2);
    const HdaModelSection* best = nullptr;
    std::size_t best_length = 0;
    for (const auto& section : sections)
        for (const auto& pattern : section.codecs) {
            bool wildcard = pattern.ends_with('*');
            std::string_view literal(pattern.data(), pattern.size() - (wildcard ? 1 : 0));
            bool match = wildcard ? id.starts_with(literal) : id == literal;
            // An exact id (8 digits) beats any prefix.
            std::size_t length = wildcard ? literal.size() : 9;
            if (match && length > best_length) {
                best = &section;
                best_length = length;
            }
        }
    return best;
}

HdaModels HdaModels::parse(std::string path, std::string_view text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not a model list");
    HdaModels models;
    models.path = std::move(path);
    for (const auto& line : split_lines(text)) {
        std::string_view content = trim(line.text);
        if (content.empty() || content.front() == '#')
            continue;
        if (content.front() == '[') {
            if (!content.ends_with(']') || content.size() < 3)
                throw InputError(models.path, "a section title must be \"[title]\"", line.number);
            models.sections.push_back(
                {std::string(content.substr(1, content.size() - 2)), {}, {}, line.number});
            continue;
        }
        auto equals = content.find('=');
        std::string_view key = trim(content.substr(0, equals));
        if (equals == std::string_view::npos || (key != "codecs" && key != "models"))
            throw InputError(models.path,
                             "expected \"[title]\", \"codecs = ...\" or \"models = ...\", not \"" +
                                 clip(content, 60) + "\"",
                             line.number);
        if (models.sections.empty())
            throw InputError(models.path, std::string(key) + " before the first [section]",
                             line.number);
        auto& section = models.sections.back();
        for (auto word : split_words(content.substr(equals + 1))) {
            if (key == "codecs") {
                if (!is_codec_pattern(word))
                    throw InputError(models.path,
                                     "\"" + clip(word, 40) +
                                         "\" is not a codec vendor id (8 hex digits, or a "
                                         "prefix ending in *)",
                                     line.number);
                section.codecs.push_back(lower(word));
            } else {
                section.models.emplace_back(word);
            }
        }
    }
    return models;
}

HdaModels HdaModels::load(Facts&) {
    // Program data, read from where this build or installation keeps it, never from the root.
    for (const char* dir : {SNDOCTOR_DATA_DIR, SNDOCTOR_INSTALLED_DATA_DIR}) {
        std::string path = std::string(dir) + "/" + k_file_name;
        if (::access(path.c_str(), R_OK) != 0)
            continue;
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in.good() && !in.eof())
            throw InputError(path, "cannot be read");
        std::string content = text.str();
        if (content.size() > k_models_cap)
            throw InputError(path, "is too large to be the model list");
        return parse(path, content);
    }
    throw InputError(
        std::string(SNDOCTOR_INSTALLED_DATA_DIR) + "/" + k_file_name,
        "the codec model list is not installed (nor in " + std::string(SNDOCTOR_DATA_DIR) + ")");
}

}  // namespace sndoctor
