#include "report/collector.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <deque>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "facts/card_list.hpp"
#include "facts/codec_dumps.hpp"
#include "facts/facts.hpp"
#include "facts/kernel_identity.hpp"
#include "facts/loaded_modules.hpp"
#include "facts/modprobe_config.hpp"
#include "facts/pci_devices.hpp"
#include "facts/process_list.hpp"
#include "facts/user_db.hpp"
#include "report/acpi_soundwire.hpp"
#include "report/installed_packages.hpp"
#include "report/kernel_log.hpp"
#include "report/live_alsa.hpp"
#include "report/section_files.hpp"
#include "report/usb_descriptors.hpp"

namespace sndoctor::report {

namespace {

/// The files alsa-info cats are small; a codec dump is some 100 KiB.
constexpr std::size_t k_file_cap = 1024 * 1024;

/// Reads the files of one report, turning an unreadable file into a problem of the report so
/// that one broken file costs its own lines and nothing more.
class Reader {
  public:
    Reader(const Root& root, std::vector<ParseProblem>& problems)
        : m_root(root), m_problems(problems) {}

    const Root& root() const { return m_root; }

    /// A file a fact could not read: the report says so and goes on.
    void problem(const InputError& error) const {
        m_problems.push_back({error.path(), error.line(), error.reason()});
    }

    std::optional<std::string> read(const std::string& path) const {
        try {
            return accepted(path, m_root.read(path, k_file_cap));
        } catch (const InputError& e) {
            m_problems.push_back({e.path(), e.line(), e.reason()});
            return std::nullopt;
        }
    }

    /// A file the facts have read already (a codec dump, /proc/modules), taken as read() would
    /// take it.
    std::optional<std::string> read(const FileRead& file) const {
        try {
            const auto& text = file.read();
            if (text && text->size() > k_file_cap)
                throw InputError(file.path, "file is larger than the " +
                                                std::to_string(k_file_cap) + "-byte limit");
            return accepted(file.path, text);
        } catch (const InputError& e) {
            m_problems.push_back({e.path(), e.line(), e.reason()});
            return std::nullopt;
        }
    }

    /// The first line of a small file, trimmed; nullopt when missing or unreadable.
    std::optional<std::string> first_line(const std::string& path) const {
        auto text = read(path);
        if (!text)
            return std::nullopt;
        auto end = text->find('\n');
        return std::string(trim(std::string_view(*text).substr(0, end)));
    }

    /// Entries of a directory whose name starts with `prefix`, in name order.
    std::vector<DirEntry> entries(const std::string& dir, std::string_view prefix = {}) const {
        std::vector<DirEntry> matching;
        for (auto& entry : m_root.list(dir))
            if (entry.name.rfind(prefix, 0) == 0)
                matching.push_back(std::move(entry));
        return matching;
    }

  private:
    /// A file's text, unless it is binary: then the report says so and leaves it out.
    std::optional<std::string> accepted(const std::string& path,
                                        std::optional<std::string> text) const {
        if (text && looks_binary(*text)) {
            m_problems.push_back({path, 0, "holds binary data; left out of the report"});
            return std::nullopt;
        }
        return text;
    }

    const Root& m_root;
    std::vector<ParseProblem>& m_problems;
};

std::string with_newline(std::string text) {
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    return text;
}

/// `LANG=C TZ=UTC date`: "Mon Oct  7 08:55:48 UTC 2013".
std::string script_date(std::int64_t now) {
    return format_utc(now, "%a %b %e %H:%M:%S UTC %Y");
}

/// alsa-info greps these names (case-insensitively) in /etc/issue, /etc/*release, /etc/*version;
/// here in lower case.
constexpr std::array k_distribution_names = {
    "buntu",   "suse",      "fedora",    "pclinuxos",  "mepis",  "mandriva",     "debian",
    "damn",    "sabayon",   "slackware", "knoppix",    "gentoo", "zenwalk",      "mint",
    "kubuntu", "freebsd",   "puppy",     "freespire",  "vector", "dreamlinux",   "centos",
    "arch",    "xandros",   "elive",     "slax",       "red",    "bsd",          "kanotix",
    "nexenta", "foresight", "geexbox",   "frugalware", "64",     "systemrescue", "novell",
    "solaris", "backtrack", "kateos",    "pardus",     "alt",
};

bool names_a_distribution(std::string_view line) {
    std::string lower(line);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* name : k_distribution_names)
        if (lower.find(name) != std::string::npos)
            return true;
    return false;
}

std::optional<Section> distribution(const Reader& files) {
    // `echo $DISTRO` joins the matching lines of all files with single blanks.
    std::vector<std::string> paths = {"/etc/issue"};
    for (const auto& entry : files.entries("/etc")) {
        std::string_view name = entry.name;
        bool release = name.size() >= 7 && name.substr(name.size() - 7) == "release";
        bool version = name.size() >= 7 && name.substr(name.size() - 7) == "version";
        if ((release || version) && entry.type != FileType::directory)
            paths.push_back("/etc/" + entry.name);
    }
    std::string joined;
    for (const auto& path : paths) {
        auto text = files.read(path);
        if (!text)
            continue;
        for (const auto& line : split_lines(*text))
            if (names_a_distribution(line.text))
                for (auto word : split_words(line.text))
                    joined += (joined.empty() ? "" : " ") + std::string(word);
    }
    if (joined.empty())
        return std::nullopt;
    return Section{"Linux Distribution", joined + "\n", {}, 0};
}

std::optional<Section> dmi(const Reader& files) {
    const std::string dir = "/sys/class/dmi/id";
    if (!files.root().is_dir(dir))
        return std::nullopt;
    static constexpr std::array<std::pair<const char*, const char*>, 7> k_fields = {{
        {"Manufacturer:      ", "sys_vendor"},
        {"Product Name:      ", "product_name"},
        {"Product Version:   ", "product_version"},
        {"Firmware Version:  ", "bios_version"},
        {"System SKU:        ", "product_sku"},
        {"Board Vendor:      ", "board_vendor"},
        {"Board Name:        ", "board_name"},
    }};
    std::string text;
    for (const auto& [label, file] : k_fields)
        text += label + files.first_line(join_path(dir, file)).value_or("") + "\n";
    return Section{"DMI Information", text, {}, 0};
}

std::optional<Section> acpi_status(const Reader& files) {
    const std::string dir = "/sys/bus/acpi/devices";
    if (!files.root().is_dir(dir))
        return std::nullopt;
    std::string text;
    for (const auto& entry : files.entries(dir)) {
        std::string path = join_path(join_path(dir, entry.name), "status");
        auto status = files.first_line(path);
        if (!status || status->empty() || parse_int(*status).value_or(0) == 0)
            continue;
        text += path + " \t " + *status + "\n";  // `echo $f $'\t' $status`
    }
    return Section{"ACPI Device Status Information", text, {}, 0};
}

std::optional<Section> kernel_information(Facts& facts, const Reader& files) {
    KernelIdentity identity;
    try {
        identity = facts.get<KernelIdentity>();
    } catch (const InputError& e) {
        // The section is left out; the problem says why.
        files.problem(e);
    }
    if (identity.release.empty() && identity.version.empty())
        return std::nullopt;
    // Kernel release is `uname -r` as alsa-info printed it up to 0.5.3 and as the reader's table
    // expects (0.5.4 prints `uname -v` there by mistake, alsa-info.md 1.6).
    std::string text = "Kernel release:    " + identity.release + "\n";
    text += "Operating System:  GNU/Linux\n";
    if (auto arch = files.first_line("/proc/sys/kernel/arch"))
        text += "Architecture:      " + *arch + "\n";
    if (!identity.version.empty())
        text += std::string("SMP Enabled:       ") +
                (identity.version.find("SMP") != std::string::npos ? "Yes" : "No") + "\n";
    return Section{std::string(k_kernel_information_title), text, {}, 0};
}

/// "Advanced Linux Sound Architecture Driver Version k6.1.0-18-amd64." → "k6.1.0-18-amd64".
std::string driver_version(const std::string& proc_version) {
    auto words = split_words(std::string_view(proc_version).substr(0, proc_version.find('\n')));
    if (words.size() < 7)
        return {};
    std::string version(words[6]);
    if (!version.empty() && version.back() == '.')
        version.pop_back();
    return version;
}

/// SND_LIB_VERSION_STR of the root's alsa/version.h (the library its programs build against).
std::string library_version(const Reader& files) {
    auto header = files.read("/usr/include/alsa/version.h");
    if (!header)
        return {};
    for (const auto& line : split_lines(*header)) {
        auto words = split_words(line.text);
        if (words.size() >= 3 && words[0] == "#define" && words[1] == "SND_LIB_VERSION_STR") {
            std::string version(words[2]);
            std::erase(version, '"');
            return version;
        }
    }
    return {};
}

std::optional<Section> alsa_version(const Reader& files) {
    auto proc_version = files.read("/proc/asound/version");
    std::string library = library_version(files);
    if (!proc_version && library.empty())
        return std::nullopt;
    std::string text = "Driver version:     " + driver_version(proc_version.value_or("")) + "\n";
    text += "Library version:    " + library + "\n";
    return Section{std::string(k_alsa_version_title), text, {}, 0};
}

/// " 0 snd_hda_intel" lines of /proc/asound/modules as (card, module).
std::vector<std::pair<std::string, std::string>> card_modules(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> modules;
    for (const auto& line : split_lines(text)) {
        auto words = split_words(line.text);
        if (words.size() >= 2)
            modules.emplace_back(std::string(words[0]), std::string(words[1]));
    }
    return modules;
}

std::optional<Section> loaded_alsa_modules(const std::optional<std::string>& modules) {
    if (!modules)
        return std::nullopt;
    std::string text;
    for (const auto& [card, module] : card_modules(*modules))
        text += module + " (card " + card + ")\n";
    return Section{std::string(k_card_modules_title), text, {}, 0};
}

struct SoundServer {
    const char* label;
    const char* program;
};

constexpr std::array<SoundServer, 7> k_sound_servers = {{
    {"PipeWire", "pipewire"},
    {"Pulseaudio", "pulseaudio"},
    {"ESound Daemon", "esd"},
    {"aRts", "artsd"},
    {"Jack", "jackd"},
    {"Jack2", "jackdbus"},
    {"RoarAudio", "roard"},
}};

/// `command -v` over the usual PATH of a login shell, inside the root.
std::string installed_path(const Root& root, std::string_view program) {
    for (const char* dir : {"/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
        std::string path = join_path(dir, program);
        if (auto info = root.stat(path); info && info->type == FileType::regular)
            return path;
    }
    return {};
}

/// The command names of the processes /proc shows (pgrep's view, any user), from the list the
/// sound-server check has usually read already.
std::set<std::string> running_programs(const ProcessList& list) {
    std::set<std::string> programs;
    for (const auto& process : list.processes)
        programs.insert(process.command);
    return programs;
}

std::optional<Section> sound_servers(Facts& facts, const Reader& files) {
    // A report read back has no processes and no programs to look at: saying "none found"
    // would be a claim about the machine it came from.
    if (files.root().source() == RootSource::report)
        return std::nullopt;
    std::set<std::string> running = running_programs(facts.get<ProcessList>());
    std::string text;
    for (const auto& server : k_sound_servers) {
        std::string path = installed_path(files.root(), server.program);
        if (path.empty())
            continue;
        text += std::string(text.empty() ? "" : "\n") + server.label +
                ":\n      Installed - Yes (" + path + ")\n      Running - " +
                (running.contains(server.program) ? "Yes" : "No") + "\n";
    }
    // alsa-info forgets PipeWire and Jack2 in this test (alsa-info.md 1.6); sndoctor does not.
    if (text.empty())
        text = "No sound servers found.\n";
    return Section{"Sound Servers on this system", text, {}, 0};
}

std::optional<Section> sound_cards(Facts& facts, const Reader& files) {
    try {
        const auto& list = facts.get<CardList>();
        if (!list.alsa_present)
            return std::nullopt;
        return Section{std::string(k_cards_title), list.text, {}, 0};
    } catch (const InputError& e) {
        files.problem(e);
        return std::nullopt;
    }
}

std::string_view pci_class_name(PciAudioClass device_class) {
    switch (device_class) {
        case PciAudioClass::audio:
            return "Multimedia audio controller";
        case PciAudioClass::hd_audio:
            return "Audio device";
        case PciAudioClass::other:
            return "Multimedia controller";
    }
    return "Multimedia controller";
}

std::optional<Section> pci_sound_cards(Facts& facts, const Reader& files) {
    const PciDevices* pci = nullptr;
    try {
        pci = &facts.get<PciDevices>();
    } catch (const InputError& e) {
        files.problem(e);
        return std::nullopt;
    }
    if (!pci->available)
        return std::nullopt;
    // `lspci -vvnn -d ::0401`, then ::0402, then ::0403, the first two lines of each device.
    std::string text;
    for (auto device_class : {PciAudioClass::audio, PciAudioClass::hd_audio}) {
        for (const auto* device : pci->of_class({device_class})) {
            std::string address = device->address;
            if (address.rfind("0000:", 0) == 0)
                address.erase(0, 5);
            auto names = pci->names(*device);
            std::string name = names.vendor + (names.device.empty() ? "" : " " + names.device);
            text += address + " " + std::string(pci_class_name(device_class)) + " [" +
                    hex(static_cast<std::uint16_t>(device_class), 4).substr(2) +
                    "]: " + (name.empty() ? "" : name + " ") + "[" + device->ids() + "]\n";
            if (device->subsystem_vendor_id != 0 || device->subsystem_device_id != 0)
                text += "\tSubsystem: [" + hex(device->subsystem_vendor_id, 4).substr(2) + ":" +
                        hex(device->subsystem_device_id, 4).substr(2) + "]\n";
        }
    }
    if (text.empty())
        return std::nullopt;
    return Section{"PCI Soundcards installed in the system", text, {}, 0};
}

std::optional<Section> modprobe_options(Facts& facts, const Reader& files) {
    const ModprobeConfig* config = nullptr;
    try {
        config = &facts.get<ModprobeConfig>();
    } catch (const InputError& e) {
        files.problem(e);
        return std::nullopt;
    }
    // `modprobe -c | sed -n 's/^options \(snd[-_][^ ]*\)/\1:/p'`: kmod prints module names
    // with '_', so "snd_hda_intel: model=auto".
    std::string text;
    for (const auto& entry : config->entries)
        if (entry.command == ModprobeCommand::options && entry.module.rfind("snd_", 0) == 0)
            text += entry.module + ": " + entry.argument + "\n";
    if (text.empty())
        return std::nullopt;
    return Section{std::string(k_modprobe_title), text, {}, 0};
}

std::optional<Section> module_options(const Reader& files,
                                      const std::optional<std::string>& modules) {
    if (!modules || !files.root().is_dir("/sys/module"))
        return std::nullopt;
    Section section{std::string(k_module_options_title), "", {}, 0};
    std::set<std::string> seen;
    for (const auto& [card, module] : card_modules(*modules)) {
        if (!seen.insert(module).second)
            continue;
        std::string dir = "/sys/module/" + module + "/parameters";
        std::string text;
        for (const auto& parameter : files.entries(dir)) {
            auto value = files.first_line(join_path(dir, parameter.name));
            text += "\t" + parameter.name + " : " + value.value_or("") + "\n";
        }
        section.subsections.push_back({std::string(k_module_prefix) + module, text, {}, 0});
    }
    return section;
}

/// The path with every link resolved inside the root, as `readlink -f` gives it: sysfs reaches
/// a card's driver through two links (card0/device, then device/driver), each relative to
/// where it really lives.
std::string real_path(const Root& root, std::string_view path) {
    constexpr int k_max_links = 40;  // the kernel's limit on links in one lookup
    std::deque<std::string> pending;
    auto push_front = [&pending](std::string_view text) {
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (start <= text.size()) {
            auto slash = text.find('/', start);
            if (slash == std::string_view::npos)
                slash = text.size();
            if (slash > start)
                parts.emplace_back(text.substr(start, slash - start));
            start = slash + 1;
        }
        pending.insert(pending.begin(), parts.begin(), parts.end());
    };
    push_front(path);
    std::string resolved;
    int links = 0;
    while (!pending.empty()) {
        std::string part = std::move(pending.front());
        pending.pop_front();
        if (part == ".")
            continue;
        if (part == "..") {
            resolved.erase(std::min(resolved.size(), resolved.rfind('/')));
            continue;
        }
        std::string candidate = resolved + "/" + part;
        auto info = root.lstat(candidate);
        if (info && info->type == FileType::symlink && links++ < k_max_links) {
            std::string target = root.read_link(candidate).value_or("");
            if (!target.empty() && target.front() == '/')
                resolved.clear();
            push_front(target);
            continue;
        }
        resolved = std::move(candidate);
    }
    return resolved.empty() ? "/" : resolved;
}

/// `tree --noreport DIR -L 2`, each line indented by a tab as alsa-info does. Links are shown
/// as "name -> target" and not followed, as tree does without -l.
std::string tree_of(const Root& root, const std::string& dir) {
    std::string text = "\t" + dir + "\n";
    auto entries = root.list(dir);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        bool last = i + 1 == entries.size();
        std::string path = join_path(dir, entries[i].name);
        std::string line = entries[i].name;
        if (entries[i].type == FileType::symlink)
            line += " -> " + root.read_link(path).value_or("");
        text += std::string("\t") + (last ? "└── " : "├── ") + line + "\n";
        if (entries[i].type != FileType::directory)
            continue;
        auto children = root.list(path);
        for (std::size_t j = 0; j < children.size(); ++j) {
            std::string child = children[j].name;
            if (children[j].type == FileType::symlink)
                child += " -> " + root.read_link(join_path(path, children[j].name)).value_or("");
            text += std::string("\t") + (last ? "    " : "│   ") +
                    (j + 1 == children.size() ? "└── " : "├── ") + child + "\n";
        }
    }
    return text;
}

std::optional<Section> sysfs_card_info(const Reader& files) {
    const std::string dir = "/sys/class/sound";
    Section section{"Sysfs card info", "", {}, 0};
    if (!files.root().is_dir(dir))
        return std::nullopt;
    for (const auto& entry : files.entries(dir, "card")) {
        std::string card = join_path(dir, entry.name);
        std::string link = card + "/device/driver";
        std::string driver;
        if (files.root().exists(link))
            driver = real_path(files.root(), link);
        section.subsections.push_back(
            {std::string(k_card_prefix) + card,
             "Driver: " + driver + "\nTree:\n" + tree_of(files.root(), card),
             {},
             0});
    }
    if (section.subsections.empty())
        return std::nullopt;
    return section;
}

/// The files of card*/<name>* concatenated in glob order (cards and files sorted by name).
std::string card_files(const Reader& files, std::string_view prefix,
                       bool (*wanted)(std::string_view name)) {
    std::string text;
    for (const auto& card : files.entries("/proc/asound", "card")) {
        if (card.type != FileType::directory)
            continue;
        std::string dir = "/proc/asound/" + card.name;
        for (const auto& entry : files.entries(dir, prefix))
            if (wanted(entry.name))
                if (auto content = files.read(join_path(dir, entry.name)))
                    text += *content;
    }
    return text;
}

std::optional<Section> collapsed(std::string title, std::string text) {
    if (text.empty())
        return std::nullopt;
    return Section{std::move(title), std::move(text), {}, 0};
}

/// The codec dumps in card_files() order, from the facts' reading of them (the kernel asks the
/// codec anew on every read).
std::optional<Section> codecs(Facts& facts, const Reader& files) {
    std::string text;
    for (const auto& file : facts.get<CodecDumps>().files)
        if (file.card_type == FileType::directory)
            if (auto content = files.read(file))
                text += *content;
    return collapsed(std::string(k_codecs_title), std::move(text));
}

std::optional<Section> ac97_codecs(const Reader& files) {
    std::string info, regs;
    for (const auto& card : files.entries("/proc/asound", "card")) {
        std::string dir = "/proc/asound/" + card.name + "/codec97#0";
        info += files.read(dir + "/ac97#0-0").value_or("");
        regs += files.read(dir + "/ac97#0-0+regs").value_or("");
    }
    if (info.empty())
        return std::nullopt;
    return Section{"AC97 Codec information", info + "\n" + regs, {}, 0};
}

std::optional<Section> usb_streams(const Reader& files) {
    return collapsed(
        "USB Stream information", card_files(files, "stream", [](std::string_view name) {
            return name.size() > 6 && std::isdigit(static_cast<unsigned char>(name[6])) != 0;
        }));
}

std::optional<Section> usb_mixers(const Reader& files) {
    return collapsed(
        "USB Mixer information",
        card_files(files, "usbmixer", [](std::string_view name) { return name == "usbmixer"; }));
}

/// A section a report read back carries as a file of its own (the output of a program).
std::optional<Section> carried(const Reader& files, std::string_view title, std::string_view path) {
    auto text = files.read(std::string(path));
    if (!text)
        return std::nullopt;
    return Section{std::string(title), *text, {}, 0};
}

/// The text a report carries for a section, else the section gathered from the root.
template <typename Gather>
std::optional<Section> carried_or(const Reader& files, std::string_view title,
                                  std::string_view path, Gather gather) {
    if (auto text = carried(files, title, path))
        return text;
    return gather();
}

/// "crw-rw----" from a file's type and permission bits.
std::string mode_string(const FileInfo& info) {
    std::string text = info.type == FileType::directory ? "d"
                       : info.type == FileType::symlink ? "l"
                       : info.type == FileType::other   ? "c"
                                                        : "-";
    const char* letters = "rwxrwxrwx";
    for (int bit = 0; bit < 9; ++bit)
        text += (info.mode & (0400u >> bit)) ? letters[bit] : '-';
    return text;
}

/// `ls -la /dev/snd/*`, reduced to what the root can say (type, permissions, name, link
/// target): owners and device numbers are not part of the root's view. A report read back
/// keeps the original listing, and that is written instead.
std::optional<Section> device_nodes(const Reader& files) {
    if (auto listing = carried(files, k_device_nodes_title, k_device_nodes_path))
        return listing;
    const std::string dir = "/dev/snd";
    auto entries = files.root().list(dir);
    if (entries.empty())
        return std::nullopt;
    std::string nodes, directories;
    for (const auto& entry : entries) {
        std::string path = join_path(dir, entry.name);
        auto info = files.root().lstat(path);
        if (!info)
            continue;
        if (entry.type != FileType::directory) {
            nodes += mode_string(*info) + " " + path + "\n";
            continue;
        }
        directories += "\n" + path + ":\n";
        for (const auto& child : files.root().list(path)) {
            std::string child_path = join_path(path, child.name);
            auto child_info = files.root().lstat(child_path);
            if (!child_info)
                continue;
            directories += mode_string(*child_info) + " " + child.name;
            if (child.type == FileType::symlink)
                directories += " -> " + files.root().read_link(child_path).value_or("");
            directories += "\n";
        }
    }
    return Section{std::string(k_device_nodes_title), nodes + directories, {}, 0};
}

/// The home directory of `user` in the root's /etc/passwd (the 6th field), or empty.
std::string home_of(Facts& facts, const Reader& files, const std::string& user) {
    if (user.empty())
        return {};
    try {
        const auto* entry = facts.get<UserDb>().find_user(user);
        if (!entry)
            return {};
        std::string_view text = entry->text;
        for (int field = 0; field < 5; ++field) {
            auto colon = text.find(':');
            if (colon == std::string_view::npos)
                return {};
            text.remove_prefix(colon + 1);
        }
        return std::string(text.substr(0, text.find(':')));
    } catch (const InputError& e) {
        files.problem(e);
        return {};
    }
}

std::optional<Section> configuration_files(Facts& facts, const Reader& files) {
    std::string home = home_of(facts, files, facts.env().user);
    std::vector<std::pair<std::string, std::string>> candidates;
    if (!home.empty()) {
        candidates.emplace_back("User specific config file (~/.asoundrc)",
                                join_path(home, ".asoundrc"));
        candidates.emplace_back("asoundconf-generated config file",
                                join_path(home, ".asoundrc.asoundconf"));
    }
    candidates.emplace_back("System wide config file (/etc/asound.conf)", "/etc/asound.conf");
    Section section{"ALSA configuration files", "", {}, 0};
    for (const auto& [title, path] : candidates)
        if (auto text = files.read(path))
            section.subsections.push_back({title, "\n" + with_newline(*text), {}, 0});
    if (section.subsections.empty())
        return std::nullopt;
    return section;
}

/// The Amixer output a report read back carries, one file per card.
std::optional<Section> amixer(const Reader& files) {
    Section section{std::string(k_amixer_title), "", {}, 0};
    for (const auto& entry : files.entries(std::string(k_amixer_dir)))
        if (auto text = files.read(join_path(k_amixer_dir, entry.name)))
            section.subsections.push_back(
                {std::string(k_mixer_prefix) + entry.name, "\n" + *text, {}, 0});
    if (section.subsections.empty())
        return std::nullopt;
    return section;
}

std::optional<Section> all_loaded_modules(Facts& facts, const Reader& files) {
    auto modules = files.read(facts.get<LoadedModules>().file);
    if (!modules)
        return std::nullopt;
    std::vector<std::string> names;
    for (const auto& line : split_lines(*modules)) {
        auto words = split_words(line.text);
        if (!words.empty())
            names.emplace_back(words[0]);
    }
    std::sort(names.begin(), names.end());
    std::string text;
    for (const auto& name : names)
        text += name + "\n";
    return Section{std::string(k_all_modules_title), text, {}, 0};
}

/// The pin configurations of every HD-Audio codec that has them (hwC?D?: alsa-info's glob
/// matches one digit each, and so does this).
std::optional<Section> sysfs_files(const Reader& files) {
    const std::string dir = "/sys/class/sound";
    std::string text;
    for (const auto& entry : files.entries(dir, "hwC")) {
        const std::string& name = entry.name;
        bool one_digit_each = name.size() == 6 &&
                              std::isdigit(static_cast<unsigned char>(name[3])) && name[4] == 'D' &&
                              std::isdigit(static_cast<unsigned char>(name[5]));
        std::string codec = join_path(dir, name);
        if (!one_digit_each || !files.root().exists(codec + "/init_pin_configs"))
            continue;
        for (const char* file : {"init_pin_configs", "driver_pin_configs", "user_pin_configs",
                                 "init_verbs", "hints"}) {
            std::string path = join_path(codec, file);
            text += path + ":\n" + files.read(path).value_or("") + "\n";
        }
    }
    if (text.empty())
        return std::nullopt;
    return Section{std::string(k_sysfs_files_title), text, {}, 0};
}

Section findings(const std::vector<Result>& results) {
    std::string text;
    for (const auto& result : results) {
        if (result.status == Status::pass)
            continue;
        text +=
            std::string(to_string(result.status)) + " " + result.id + ": " + result.summary + "\n";
        for (const auto& evidence : result.evidence)
            text += "    " + evidence.path +
                    (evidence.line > 0 ? ":" + std::to_string(evidence.line) : "") + ": " +
                    evidence.text + "\n";
    }
    if (text.empty())
        text = "Every check passed.\n";
    return Section{std::string(k_findings_title), text, {}, 0};
}

/// The live system's alsactl text, which mixer.muted has usually asked for already.
std::optional<Section> live_alsactl(Facts& facts, std::vector<ParseProblem>& problems) {
    const auto& live = facts.get<LiveAlsactl>();
    problems.insert(problems.end(), live.problems.begin(), live.problems.end());
    return live.section;
}

}  // namespace

Report collect_report(Facts& facts, const std::vector<Result>& results) {
    Report report;
    report.script_version = "sndoctor " SNDOCTOR_VERSION;
    Reader files(facts.root(), report.problems);
    auto modules = files.read("/proc/asound/modules");
    // Only the live system has cards alsa-lib can ask; any other root carries the programs'
    // output as files (a report read back) or has none.
    bool live = facts.root().source() == RootSource::live;

    report.sections.push_back(
        {std::string(k_script_ran_prefix) + script_date(facts.env().now), "", {}, 0});
    std::optional<Section> sections[] = {
        distribution(files),
        dmi(files),
        acpi_status(files),
        carried_or(files, k_soundwire_title, k_soundwire_path,
                   [&] { return soundwire_section(facts.get<AcpiAddresses>(), report.problems); }),
        kernel_information(facts, files),
        alsa_version(files),
        loaded_alsa_modules(modules),
        sound_servers(facts, files),
        sound_cards(facts, files),
        pci_sound_cards(facts, files),
        modprobe_options(facts, files),
        module_options(files, modules),
        sysfs_card_info(files),
        codecs(facts, files),
        ac97_codecs(files),
        carried_or(files, k_usb_descriptors_title, k_usb_descriptors_path,
                   [&] { return usb_descriptors_section(facts.root(), report.problems); }),
        usb_streams(files),
        usb_mixers(files),
        device_nodes(files),
        configuration_files(facts, files),
        live ? live_aplay_section(facts.root(), report.problems)
             : carried(files, k_aplay_title, k_aplay_path),
        live ? live_amixer_section(facts.root(), report.problems) : amixer(files),
        live ? live_alsactl(facts, report.problems)
             : carried(files, k_alsactl_title, k_alsactl_path),
        all_loaded_modules(facts, files),
        sysfs_files(files),
        carried_or(files, k_dmesg_title, k_dmesg_path,
                   [&] { return dmesg_section(facts, report.problems); }),
        carried_or(files, k_packages_title, k_packages_path,
                   [&] { return packages_section(facts.root(), report.problems); }),
    };
    for (auto& section : sections)
        if (section)
            report.sections.push_back(std::move(*section));
    report.sections.push_back(findings(results));
    return report;
}

}  // namespace sndoctor::report
