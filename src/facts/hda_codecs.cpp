#include "facts/hda_codecs.hpp"

#include <algorithm>

#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/codec_dumps.hpp"
#include "facts/facts.hpp"
#include "hda/codec_parser.hpp"

namespace sndoctor {

namespace {

/// "card3" → 3; "codec#2" → 2; "hdaudioC0D2" → {0, 2}.
std::optional<int> number_after(std::string_view name, std::string_view prefix) {
    if (!name.starts_with(prefix))
        return std::nullopt;
    auto value = parse_int(name.substr(prefix.size()));
    if (!value || *value < 0 || *value > 0xffff)
        return std::nullopt;
    return static_cast<int>(*value);
}

/// The dump's "Subsystem Id:" line of the codec that starts at `codec_line`, for evidence.
Evidence subsystem_line(const std::vector<NumberedLine>& lines, const std::string& path,
                        int codec_line) {
    for (std::size_t i = static_cast<std::size_t>(std::max(codec_line, 1)); i < lines.size(); ++i) {
        std::string_view text = trim(lines[i].text);
        if (text.starts_with("Codec:") || text.starts_with("Node "))
            break;
        if (text.starts_with("Subsystem Id:"))
            return {path, lines[i].number, std::string(text)};
    }
    return {path, codec_line, "no Subsystem Id line"};
}

void read_dumps(const CodecDumps& dumps, HdaCodecs& found) {
    for (const auto& file : dumps.files) {
        auto card = number_after(file.card_dir, "card");
        if (!card || !number_after(file.name, "codec#"))
            continue;
        const std::string& path = file.path;
        ++found.dumps;
        const auto& text = file.read();
        if (!text || looks_binary(*text)) {
            found.unreadable.push_back({path, 0, text ? "binary data" : "unreadable"});
            continue;
        }
        auto codecs = hda::parse_codec_dump(*text, path);
        if (codecs.empty()) {
            found.unreadable.push_back({path, 1, "no \"Codec:\" line: not a codec dump"});
            continue;
        }
        auto lines = split_lines(*text);
        for (const auto& codec : codecs) {
            HdaCodecId id;
            id.card = *card;
            id.address = codec.address;
            id.name = codec.name;
            id.vendor_id = codec.vendor_id;
            id.subsystem_id = codec.subsystem_id;
            id.where = {path, codec.line, "Codec: " + codec.name};
            id.subsystem_where = subsystem_line(lines, path, codec.line);
            id.audio = codec.afg_function_id.has_value() || !codec.widgets.empty();
            found.codecs.push_back(std::move(id));
        }
    }
}

std::optional<std::uint32_t> sysfs_number(const Root& root, const std::string& path) {
    auto text = root.read(path, 4096);
    if (!text || looks_binary(*text))
        return std::nullopt;
    auto value = parse_int(trim(*text));
    if (!value || *value < 0 || *value > 0xffffffffLL)
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

std::string sysfs_text(const Root& root, const std::string& path) {
    auto text = root.read(path, 4096);
    if (!text || looks_binary(*text))
        return "";
    return clip(trim(*text), 80);
}

void read_sysfs(const Root& root, HdaCodecs& found) {
    for (const auto& entry : root.list(HdaCodecs::k_sysfs_dir)) {
        // "hdaudioC0D2"; SOF names the same device "ehdaudio0D2" (hda.md 1.4).
        std::string_view name = entry.name;
        std::optional<int> card;
        std::size_t d = name.rfind('D');
        if (name.starts_with("hdaudioC") && d != std::string_view::npos && d > 8)
            card = number_after(name.substr(0, d), "hdaudioC");
        else if (name.starts_with("ehdaudio") && d != std::string_view::npos && d > 8)
            card = number_after(name.substr(0, d), "ehdaudio");
        auto address =
            d == std::string_view::npos ? std::nullopt : number_after(name.substr(d), "D");
        if (!card || !address)
            continue;
        std::string dir = std::string(HdaCodecs::k_sysfs_dir) + "/" + entry.name;
        auto vendor = sysfs_number(root, dir + "/vendor_id");
        if (!vendor)
            continue;
        HdaCodecId id;
        id.card = *card;
        id.address = *address;
        std::string vendor_name = sysfs_text(root, dir + "/vendor_name");
        std::string chip_name = sysfs_text(root, dir + "/chip_name");
        id.name = vendor_name + (vendor_name.empty() || chip_name.empty() ? "" : " ") + chip_name;
        if (id.name.empty())
            id.name = hex(*vendor, 8);
        id.vendor_id = *vendor;
        id.subsystem_id = sysfs_number(root, dir + "/subsystem_id").value_or(0);
        id.where = {dir + "/vendor_id", 1, hex(*vendor, 8)};
        id.subsystem_where = {dir + "/subsystem_id", 1, hex(id.subsystem_id, 8)};
        auto afg = sysfs_number(root, dir + "/afg");
        id.audio = !afg || *afg != 0;
        found.codecs.push_back(std::move(id));
    }
}

}  // namespace

std::string HdaCodecId::label() const {
    return "card " + std::to_string(card) + " codec " + std::to_string(address) + " (" + name + ")";
}

HdaCodecs HdaCodecs::load(Facts& facts) {
    const Root& root = facts.root();
    HdaCodecs found;
    read_dumps(facts.get<CodecDumps>(), found);
    if (found.dumps == 0)
        read_sysfs(root, found);
    std::stable_sort(found.codecs.begin(), found.codecs.end(),
                     [](const HdaCodecId& a, const HdaCodecId& b) {
                         return std::tie(a.card, a.address) < std::tie(b.card, b.address);
                     });
    return found;
}

}  // namespace sndoctor
