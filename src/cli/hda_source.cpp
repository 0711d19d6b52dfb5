#include "cli/hda_source.hpp"

#include <algorithm>
#include <filesystem>

#include "cli/root_choice.hpp"
#include "core/gzip.hpp"
#include "core/text.hpp"
#include "hda/codec_parser.hpp"
#include "hda/sysfs_widgets.hpp"

namespace sndoctor::cli {

namespace {

/// A whole alsa-info report with dmesg and every control runs to a few MiB; far more is not a
/// codec dump.
constexpr std::size_t k_dump_cap = 64 * 1024 * 1024;

/// "0, 3" for the messages that say which codecs or cards exist.
std::string list_numbers(const std::vector<int>& numbers, std::string_view prefix = "") {
    std::string text;
    for (int number : numbers)
        text += (text.empty() ? "" : ", ") + std::string(prefix) + std::to_string(number);
    return text;
}

/// The numbers N of the entries named `<prefix>N` in a directory, in numeric order.
std::vector<int> numbered_entries(const Root& root, const std::string& dir,
                                  std::string_view prefix) {
    std::vector<int> numbers;
    for (const auto& entry : root.list(dir)) {
        std::string_view name = entry.name;
        if (!name.starts_with(prefix))
            continue;
        name.remove_prefix(prefix.size());
        auto number = parse_int(name);
        if (number && *number >= 0 && *number < 1000 && !name.starts_with("0x") &&
            !name.starts_with("-"))
            numbers.push_back(static_cast<int>(*number));
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

std::string card_dir(int card) {
    return "/proc/asound/card" + std::to_string(card);
}

/// The dump's bytes: read as a regular file through this machine's root (so a fifo or a device
/// is refused, not read forever), gunzipped when compressed.
std::string read_dump_file(const std::string& file) {
    auto host = open_dir_root("/", RootSource::live);
    std::string absolute = std::filesystem::absolute(file).lexically_normal().string();
    std::optional<std::string> data;
    try {
        data = host->read(absolute, k_dump_cap);
    } catch (const InputError& e) {
        throw InputError(file, e.reason());
    }
    if (!data)
        throw InputError(file, "no such file");
    if (data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f &&
        static_cast<unsigned char>((*data)[1]) == 0x8b)
        return gunzip(file, *data, k_dump_cap, "a codec dump");
    return std::move(*data);
}

}  // namespace

CodecSource load_dump(const std::string& file, std::optional<int> address) {
    std::string text = read_dump_file(file);
    if (looks_binary(text))
        throw InputError(file, "holds binary data, not a codec dump");
    auto codecs = hda::parse_codec_dump(text, file);
    if (codecs.empty())
        throw InputError(file,
                         "holds no codec dump (no line starts with 'Codec:'); give a "
                         "/proc/asound/cardN/codec#M file or an alsa-info report");
    CodecSource source;
    source.kind = CodecSourceKind::dump;
    source.location = file;
    std::vector<int> addresses;
    for (auto& codec : codecs) {
        addresses.push_back(codec.address);
        if (!address || codec.address == *address)
            source.codecs.push_back({std::move(codec), file, std::nullopt});
    }
    if (source.codecs.empty())
        throw InputError(file, "has no codec at address " + std::to_string(*address) + " (it has " +
                                   list_numbers(addresses) + ")");
    return source;
}

CodecSource load_card(const Root& root, int card, std::optional<int> address) {
    CodecSource source;
    source.kind = CodecSourceKind::card;
    source.root_source = root.source();
    source.location = root.origin();
    source.card = card;
    std::string dir = card_dir(card);
    if (!root.is_dir(dir)) {
        if (!root.is_dir("/proc/asound"))
            throw InputError(dir,
                             "no such card: /proc/asound is missing (the ALSA sound core "
                             "is not loaded)");
        auto cards = numbered_entries(root, "/proc/asound", "card");
        throw InputError(dir, "no such card (" +
                                  (cards.empty() ? std::string("ALSA lists no cards")
                                                 : "cards: " + list_numbers(cards)) +
                                  ")");
    }
    auto addresses = numbered_entries(root, dir, "codec#");
    if (!addresses.empty()) {
        if (address && std::find(addresses.begin(), addresses.end(), *address) == addresses.end())
            throw InputError(join_path(dir, "codec#" + std::to_string(*address)),
                             "card " + std::to_string(card) + " has no codec at address " +
                                 std::to_string(*address) + " (it has " +
                                 list_numbers(addresses, "codec#") + ")");
        for (int found : addresses) {
            if (address && found != *address)
                continue;
            std::string path = join_path(dir, "codec#" + std::to_string(found));
            auto text = root.read(path);
            auto codecs = text ? hda::parse_codec_dump(*text, path) : std::vector<hda::Codec>{};
            if (codecs.empty())
                throw InputError(path, "holds no codec dump (no line starts with 'Codec:')");
            for (auto& codec : codecs)
                source.codecs.push_back({std::move(codec), path, card});
        }
        return source;
    }
    // No codec files in /proc (a kernel without CONFIG_SND_PROC_FS, or a copy that left them
    // out): the widget sysfs tree describes the same codecs.
    auto devices = hda::list_sysfs_codecs(root, card);
    if (devices.empty())
        throw InputError(dir, "card " + std::to_string(card) +
                                  " has no HD-Audio codec (no codec#M file here, and no "
                                  "hdaudioC" +
                                  std::to_string(card) + "D* device in " + hda::k_hdaudio_devices +
                                  ")");
    std::vector<int> device_addresses;
    for (const auto& device : devices) {
        device_addresses.push_back(device.address);
        if (!address || device.address == *address)
            source.codecs.push_back({hda::read_sysfs_codec(root, device), device.path, card});
    }
    if (source.codecs.empty())
        throw InputError(std::string(hda::k_hdaudio_devices) + "/hdaudioC" + std::to_string(card) +
                             "D" + std::to_string(*address),
                         "card " + std::to_string(card) + " has no codec at address " +
                             std::to_string(*address) + " (it has " +
                             list_numbers(device_addresses) + ")");
    return source;
}

CodecSource load_codecs(const Options& options) {
    if (options.dump && options.card)
        throw UsageError("--dump reads a codec dump file, --card a card of the system; give one");
    if (options.dump && (options.root || options.demo || options.report))
        throw UsageError(
            "--dump reads a codec dump file, --root, --demo and --report name a system; give "
            "one");
    if (options.dump)
        return load_dump(*options.dump, options.codec);
    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    return load_card(*chosen.root, options.card.value_or(0), options.codec);
}

const SourcedCodec& only_codec(const CodecSource& source) {
    if (source.codecs.size() == 1)
        return source.codecs.front();
    if (source.codecs.empty())
        throw InputError(source.location, "holds no codec");
    std::vector<int> addresses;
    for (const auto& codec : source.codecs)
        addresses.push_back(codec.codec.address);
    throw UsageError(describe(source) + " has " + std::to_string(source.codecs.size()) +
                     " codecs (addresses " + list_numbers(addresses) +
                     "); pick one with --codec M");
}

std::string describe(const CodecSource& source) {
    if (source.kind == CodecSourceKind::dump)
        return "dump " + source.location;
    std::string card = "card " + std::to_string(source.card.value_or(0));
    switch (source.root_source) {
        case RootSource::live:
            return card + " on this machine";
        case RootSource::dir:
            return card + " in " + source.location;
        case RootSource::report:
            return card + " in the report " + source.location;
    }
    return card;
}

}  // namespace sndoctor::cli
