#include "report/report_root.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>

#include "core/gzip.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "hda/codec_parser.hpp"
#include "report/alsa_info_reader.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

/// The value after "<key>:" on a line of a section ("Kernel release:    6.1.0"), trimmed.
std::optional<std::string> field(const Section* section, std::string_view key) {
    if (!section)
        return std::nullopt;
    for (const auto& line : split_lines(section->text)) {
        std::string_view text = trim(line.text);
        if (text.substr(0, key.size()) == key && text.substr(key.size(), 1) == ":")
            return std::string(trim(text.substr(key.size() + 1)));
    }
    return std::nullopt;
}

/// Names the kernel uses for modules and their parameters; anything else in a report is not
/// taken as a path.
bool is_plain_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
}

class Builder {
  public:
    Builder(Report report, const std::string& origin)
        : m_report(std::move(report)), m_root(std::make_unique<MemoryRoot>(origin)) {}

    ReportRoot build() {
        add_kernel();
        add_cards();
        add_modprobe_options();
        add_module_parameters();
        add_codecs();
        add_all_modules();
        add_sysfs_files();
        add_command_outputs();
        return {std::move(m_root), std::move(m_report)};
    }

  private:
    void problem(const Section& section, std::string reason) {
        m_report.problems.push_back({m_root->origin(), section.line, std::move(reason)});
    }

    void add_kernel() {
        auto driver = field(m_report.find(k_alsa_version_title), "Driver version");
        if (driver && !driver->empty()) {
            if (driver->back() == '.')
                driver->pop_back();
            m_root->add_file("/proc/asound/version",
                             "Advanced Linux Sound Architecture Driver Version " + *driver + ".\n");
        }
        // The collector reads "Library version" from alsa-lib's header; it goes back there.
        auto library = field(m_report.find(k_alsa_version_title), "Library version");
        if (library && !library->empty())
            m_root->add_file("/usr/include/alsa/version.h",
                             "#define SND_LIB_VERSION_STR \"" + *library + "\"\n");
        std::string release =
            field(m_report.find(k_kernel_information_title), "Kernel release").value_or("");
        if (release.starts_with("#")) {
            // 0.5.x prints `uname -v` as the release (alsa-info.md 1.6).
            m_root->add_file("/proc/sys/kernel/version", release + "\n");
            release.clear();
        }
        if (release.empty() && driver && driver->size() > 1 && (*driver)[0] == 'k' &&
            std::isdigit(static_cast<unsigned char>((*driver)[1])))
            release = driver->substr(1);
        if (!release.empty())
            m_root->add_file("/proc/sys/kernel/osrelease", release + "\n");
    }

    void add_cards() {
        const Section* cards = m_report.find(k_cards_title);
        if (!cards)
            return;
        m_root->add_file("/proc/asound/cards", cards->text);
        m_cards = CardList::parse(cards->text, std::nullopt);
        for (const auto& card : m_cards.cards)
            m_root->add_file(card_dir(card.index) + "/id", card.id + "\n");

        const Section* modules = m_report.find(k_card_modules_title);
        if (!modules)
            return;
        // 0.4.x lists the names alone, one per card in card order; with more names than cards
        // (a card gone from the list), which card each drives is not known.
        std::size_t names = 0;
        for (const auto& line : split_lines(modules->text))
            names += split_words(line.text).size() == 1 ? 1 : 0;
        bool names_in_card_order = names == m_cards.cards.size();
        if (names > 0 && !names_in_card_order)
            problem(*modules, "it names " + plural(names, "module", "modules") + " for " +
                                  plural(m_cards.cards.size(), "card", "cards") +
                                  ", so which card each drives is not known");
        std::string text;
        std::size_t next_card = 0;
        for (const auto& line : split_lines(modules->text)) {
            auto words = split_words(line.text);
            if (words.empty() || (words.size() == 1 && !names_in_card_order))
                continue;
            // 0.5.x: "snd_hda_intel (card 0)"; 0.4.x: the name alone, one per card in order.
            std::optional<std::int64_t> index;
            if (words.size() == 3 && words[1] == "(card" && words[2].ends_with(")"))
                index = parse_int(words[2].substr(0, words[2].size() - 1));
            else if (words.size() == 1 && names_in_card_order && next_card < m_cards.cards.size())
                index = m_cards.cards[next_card].index;
            ++next_card;
            if (!index || !is_plain_name(words[0])) {
                problem(*modules, "\"" + clip(line.text) + "\" names no module of a card");
                continue;
            }
            text += (*index < 10 ? " " : "") + std::to_string(*index) + " " +
                    std::string(words[0]) + "\n";
        }
        m_root->add_file("/proc/asound/modules", text);
    }

    void add_modprobe_options() {
        const Section* section = m_report.find(k_modprobe_title);
        if (!section)
            return;
        std::string text =
            "# The \"" + std::string(k_modprobe_title) + "\" of the report " + m_root->origin() +
            "\n# (modprobe -c on that machine: the files they came from are not in a report).\n";
        for (const auto& line : split_lines(section->text)) {
            std::string_view words = trim(line.text);
            if (words.empty())
                continue;
            // 0.4.x printed "snd-x: options"; 0.5.x prints the "options snd-x ..." line itself.
            auto colon = words.find(':');
            auto first = words.substr(0, words.find(' '));
            if (first != "options" && colon != std::string_view::npos &&
                is_plain_name(words.substr(0, colon)))
                text += "options " + std::string(words.substr(0, colon)) + " " +
                        std::string(trim(words.substr(colon + 1))) + "\n";
            else
                text += std::string(words) + "\n";
        }
        m_root->add_file(std::string(k_modprobe_conf_path), text);
    }

    /// Modules "All Loaded Modules" lists (empty when the report lacks it).
    std::set<std::string> loaded_modules() const {
        std::set<std::string> names;
        if (const Section* all = m_report.find(k_all_modules_title))
            for (const auto& line : split_lines(all->text))
                if (auto name = trim(line.text); is_plain_name(name) && name != "Module")
                    names.insert(module_name(name));
        return names;
    }

    void add_module_parameters() {
        const Section* section = m_report.find(k_module_options_title);
        if (!section)
            return;
        auto loaded = loaded_modules();
        bool knows_loaded = m_report.find(k_all_modules_title) != nullptr;
        for (const auto& module : section->subsections) {
            if (!module.title.starts_with(k_module_prefix))
                continue;
            std::string name(trim(std::string_view(module.title).substr(k_module_prefix.size())));
            if (!is_plain_name(name)) {
                problem(module, "\"" + clip(name) + "\" is not a module name");
                continue;
            }
            std::string dir = join_path("/sys/module", module_name(name));
            if (!knows_loaded || loaded.contains(module_name(name)))
                m_root->add_file(dir + "/initstate", "live\n");
            std::string last_param;
            for (const auto& line : split_lines(module.text)) {
                // "\tpower_save : 0"; under a shell whose echo knows no -n, "-ne \t" first.
                std::string_view text = trim(line.text);
                if (text.starts_with("-ne"))
                    text = trim(text.substr(3));
                if (text.empty())
                    continue;
                auto colon = text.find(':');
                std::string_view param =
                    trim(colon == std::string_view::npos ? "" : text.substr(0, colon));
                if (!is_plain_name(param) && !last_param.empty()) {
                    // A long value wrapped onto the next line by whoever pasted the report.
                    std::string path = dir + "/parameters/" + last_param;
                    std::string value = m_root->read(path).value_or("\n");
                    value.pop_back();
                    m_root->add_file(path, value + std::string(text) + "\n");
                    continue;
                }
                if (!is_plain_name(param)) {
                    problem(module, "\"" + clip(line.text) + "\" is no \"parameter : value\" line");
                    continue;
                }
                last_param = std::string(param);
                m_root->add_file(dir + "/parameters/" + last_param,
                                 std::string(trim(text.substr(colon + 1))) + "\n");
            }
        }
    }

    /// alsa-info.sh concatenates card*/codec#* with nothing between them (alsa-info.md 1.1), in
    /// the shell's glob order: card by card (by name: card10 before card2), and within a card by
    /// codec address, ascending (addresses above 9 are too rare to sort by name as well). So a
    /// codec whose address is not above the one before it starts the next card. The cards that
    /// hold codecs are the HD-Audio ones of the card list (a driver name with "HDA" in it), in
    /// order; when the list has none, every card in order; when the codecs run past the cards,
    /// the rest take the numbers after the last card, with a problem saying so. Two cards whose
    /// codecs' addresses happen to ascend across them (card 0 codec#0, card 1 codec#3) cannot be
    /// told apart from one card and land on the first.
    std::vector<int> codec_cards(const std::vector<hda::Codec>& codecs, const Section& section) {
        std::vector<int> hda_cards;
        for (const auto& card : m_cards.cards) {
            std::string driver = card.driver;
            std::transform(driver.begin(), driver.end(), driver.begin(),
                           [](unsigned char c) { return std::toupper(c); });
            if (driver.find("HDA") != std::string::npos)
                hda_cards.push_back(card.index);
        }
        if (hda_cards.empty())
            for (const auto& card : m_cards.cards)
                hda_cards.push_back(card.index);
        // The glob sorts by name: card1, card10, card2.
        std::sort(hda_cards.begin(), hda_cards.end(),
                  [](int a, int b) { return std::to_string(a) < std::to_string(b); });
        int next_free = m_cards.cards.empty() ? 0 : m_cards.cards.back().index + 1;
        std::vector<int> cards;
        std::size_t group = 0;
        for (std::size_t i = 0; i < codecs.size(); ++i) {
            if (i > 0 && codecs[i].address <= codecs[i - 1].address)
                ++group;
            if (group < hda_cards.size()) {
                cards.push_back(hda_cards[group]);
                continue;
            }
            if (i == 0 || codecs[i].address <= codecs[i - 1].address) {
                if (!m_cards.cards.empty())
                    problem(section, "the codec \"" + codecs[i].name + "\" at address " +
                                         std::to_string(codecs[i].address) +
                                         " is on no HD-Audio card of the card list; it is kept "
                                         "as card " +
                                         std::to_string(next_free));
                hda_cards.push_back(next_free++);
            }
            cards.push_back(hda_cards[group]);
        }
        return cards;
    }

    void add_codecs() {
        const Section* section = m_report.find(k_codecs_title);
        if (!section)
            return;
        auto codecs = hda::parse_codec_dump(section->text, k_codecs_title);
        auto cards = codec_cards(codecs, *section);
        auto lines = split_lines(section->text);
        for (std::size_t i = 0; i < codecs.size(); ++i) {
            int end =
                i + 1 < codecs.size() ? codecs[i + 1].line : static_cast<int>(lines.size()) + 1;
            std::vector<std::string> body;
            // The parser numbers the lines of the text it was given, from 1.
            for (int number = std::max(codecs[i].line, 1); number < end; ++number)
                body.emplace_back(lines[static_cast<std::size_t>(number - 1)].text);
            while (!body.empty() && trim(body.back()).empty())
                body.pop_back();
            std::string text;
            for (const auto& line : body)
                text += line + "\n";
            std::string path = card_dir(cards[i]) + "/codec#" + std::to_string(codecs[i].address);
            if (m_root->exists(path))
                problem(*section, "two codecs of the report go to " + path + "; the second (\"" +
                                      codecs[i].name + "\") is left out");
            else
                m_root->add_file(path, text);
        }
    }

    void add_all_modules() {
        if (!m_report.find(k_all_modules_title))
            return;
        std::string text;
        for (const auto& name : loaded_modules())
            // Sizes, users and addresses are not in a report.
            text += name + " 0 0 - Live 0x0000000000000000\n";
        m_root->add_file("/proc/modules", text);
    }

    void add_sysfs_files() {
        const Section* section = m_report.find(k_sysfs_files_title);
        if (!section)
            return;
        std::optional<std::string> path;
        std::string content;
        auto flush = [&] {
            if (!path)
                return;
            while (content.ends_with("\n\n"))
                content.pop_back();
            if (content == "\n")
                content.clear();
            m_root->add_file(*path, content);
        };
        for (const auto& line : split_lines(section->text)) {
            std::string_view text = line.text;
            if (text.starts_with("/sys/class/sound/") && text.ends_with(":") &&
                text.find("..") == std::string_view::npos) {
                flush();
                path = std::string(text.substr(0, text.size() - 1));
                content.clear();
            } else if (path) {
                content += std::string(text) + "\n";
            }
        }
        flush();
    }

    void add_command_outputs() {
        for (auto [title, path] :
             {std::pair{k_device_nodes_title, k_device_nodes_path},
              std::pair{k_aplay_title, k_aplay_path}, std::pair{k_alsactl_title, k_alsactl_path},
              std::pair{k_soundwire_title, k_soundwire_path},
              std::pair{k_usb_descriptors_title, k_usb_descriptors_path},
              std::pair{k_dmesg_title, k_dmesg_path}, std::pair{k_packages_title, k_packages_path}})
            if (const Section* section = m_report.find(title))
                m_root->add_file(std::string(path), section->text);
        const Section* amixer = m_report.find(k_amixer_title);
        if (!amixer)
            return;
        for (const auto& card : amixer->subsections) {
            if (!card.title.starts_with(k_mixer_prefix))
                continue;
            auto words = split_words(std::string_view(card.title).substr(k_mixer_prefix.size()));
            if (!words.empty() && is_plain_name(words[0]))
                m_root->add_file(join_path(k_amixer_dir, words[0]), card.text);
        }
    }

    static std::string card_dir(int index) { return "/proc/asound/card" + std::to_string(index); }

    Report m_report;
    std::unique_ptr<MemoryRoot> m_root;
    CardList m_cards;
};

}  // namespace

ReportRoot build_report_root(Report report, const std::string& origin) {
    return Builder(std::move(report), origin).build();
}

ReportRoot open_report_root(const std::string& path) {
    // Read through this machine's root so that a fifo or a device is refused, not read forever.
    auto host = open_dir_root("/", RootSource::live);
    std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    std::optional<std::string> data;
    try {
        data = host->read(absolute, k_default_read_cap);
    } catch (const InputError& e) {
        throw InputError(path, e.reason());
    }
    if (!data)
        throw InputError(path, "no such file");
    if (data->size() >= 2 && static_cast<unsigned char>((*data)[0]) == 0x1f &&
        static_cast<unsigned char>((*data)[1]) == 0x8b)
        data = gunzip(path, *data, k_default_read_cap, "an alsa-info report");
    if (looks_binary(*data))
        throw InputError(path, "holds binary data, not an alsa-info report");
    return build_report_root(read_alsa_info(*data, path), path);
}

}  // namespace sndoctor::report
