#include "report/installed_packages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.hpp"
#include "report/section_files.hpp"

namespace sndoctor::report {

namespace {

/// alsa-info's alternatives, as substrings of the name ("alsa-ucm" also covers alsa-ucm-conf).
constexpr std::array<std::string_view, 11> k_alsa_info_names = {
    "alsa-lib", "alsa-oss",           "alsa-plugins", "alsa-tools",
    "alsa-ucm", "alsa-topology-conf", "alsa-utils",   "alsa-sof-firmware",
    "libalsa",  "tinycompress",       "sof-firmware"};
/// What it misses (alsa-info.md 1.2 "Observed gaps"), and Debian's name for alsa-lib.
constexpr std::array<std::string_view, 5> k_missed_names = {
    "firmware-sof", "linux-firmware", "pipewire", "wireplumber", "libasound2"};

/// A database file is read whole; the dpkg status of a large desktop is some 10 MiB.
constexpr std::size_t k_database_cap = 64 * 1024 * 1024;

std::string first_line_of(std::string_view text) {
    return std::string(trim(text.substr(0, text.find('\n'))));
}

/// Portage's "alsa-utils-1.2.10-r1" → ("alsa-utils", "1.2.10-r1"): the version starts at the
/// last '-' followed by a digit, a "-rN" revision belonging to it.
std::pair<std::string, std::string> split_portage_name(std::string_view name) {
    auto dash = name.rfind('-');
    if (dash != std::string_view::npos && dash + 1 < name.size() && name[dash + 1] == 'r' &&
        parse_int(name.substr(dash + 2)) && dash > 0)
        dash = name.rfind('-', dash - 1);
    while (dash != std::string_view::npos &&
           !(dash + 1 < name.size() && std::isdigit(static_cast<unsigned char>(name[dash + 1]))))
        dash = dash == 0 ? std::string_view::npos : name.rfind('-', dash - 1);
    if (dash == std::string_view::npos)
        return {std::string(name), ""};
    return {std::string(name.substr(0, dash)), std::string(name.substr(dash + 1))};
}

/// A database file's text; a problem and nullopt when it cannot be read or is not text. The
/// dpkg status of a desktop is megabytes: mapped, not copied (Root::read_text).
std::optional<FileText> read_file(const Root& root, const std::string& path,
                                  std::vector<ParseProblem>& problems) {
    try {
        auto text = root.read_text(path, k_database_cap);
        if (text && looks_binary(text->view())) {
            problems.push_back({path, 0, "holds binary data, not a package database"});
            return std::nullopt;
        }
        return text;
    } catch (const InputError& e) {
        problems.push_back({e.path(), e.line(), e.reason()});
        return std::nullopt;
    }
}

}  // namespace

bool is_sound_package(std::string_view name) {
    auto contains = [name](std::string_view part) {
        return name.find(part) != std::string_view::npos;
    };
    return std::any_of(k_alsa_info_names.begin(), k_alsa_info_names.end(), contains) ||
           std::any_of(k_missed_names.begin(), k_missed_names.end(), contains);
}

std::vector<InstalledPackage> parse_dpkg_status(std::string_view text, const std::string& path,
                                                std::vector<ParseProblem>& problems) {
    // A desktop's status file is megabytes, thousands of paragraphs of some twenty fields each:
    // the fields stay views into the text, and only an installed package's four are copied.
    struct Paragraph {
        std::string_view name, status, version, architecture, description;
        bool broken = false;
    };
    std::vector<InstalledPackage> packages;
    Paragraph current;
    auto finish = [&] {
        auto status = split_words(current.status);  // "install ok installed"
        if (!current.broken && !current.name.empty() && status.size() == 3 &&
            status[2] == "installed")
            packages.push_back({std::string(current.name), std::string(current.version),
                                std::string(current.architecture),
                                std::string(current.description)});
        current = {};
    };
    LineCursor lines(text);
    NumberedLine line;
    while (lines.next(line)) {
        std::string_view l = line.text;
        if (trim(l).empty()) {
            finish();
            continue;
        }
        if (l[0] == ' ' || l[0] == '\t' || current.broken)
            continue;  // a continuation (the long description, conffiles), or a skipped paragraph
        auto colon = l.find(':');
        if (colon == std::string_view::npos || colon == 0 ||
            l.substr(0, colon).find(' ') != std::string_view::npos) {
            problems.push_back(
                {path, line.number,
                 "\"" + clip(l, 60) + "\" is no \"Field: value\" line; its paragraph is skipped"});
            current.broken = true;
            continue;
        }
        std::string_view field = l.substr(0, colon);
        std::string_view value = trim(l.substr(colon + 1));
        if (field == "Package")
            current.name = value;
        else if (field == "Status")
            current.status = value;
        else if (field == "Version")
            current.version = value;
        else if (field == "Architecture")
            current.architecture = value;
        else if (field == "Description")
            current.description = value;
    }
    finish();
    return packages;
}

std::optional<InstalledPackage> parse_pacman_desc(std::string_view text) {
    InstalledPackage package;
    std::string field;
    for (const auto& line : split_lines(text)) {
        std::string_view l = trim(line.text);
        if (l.size() > 2 && l.front() == '%' && l.back() == '%') {
            field = std::string(l);
            continue;
        }
        if (l.empty()) {
            field.clear();
            continue;
        }
        // Each field's first value line; %DESC% is one line.
        if (field == "%NAME%" && package.name.empty())
            package.name = l;
        else if (field == "%VERSION%" && package.version.empty())
            package.version = l;
        else if (field == "%ARCH%" && package.architecture.empty())
            package.architecture = l;
        else if (field == "%DESC%" && package.description.empty())
            package.description = l;
    }
    if (package.name.empty())
        return std::nullopt;
    return package;
}

std::string package_rows(const std::vector<InstalledPackage>& packages) {
    // `dpkg -l` piped: "ii", two blanks, then name, version and architecture in columns as wide
    // as their longest entry, then the description. alsa-info greps these rows (its header
    // lines never match), so the rows alone are its layout; pacman and portage packages use it
    // too, as installed ("ii") rows, since a reader of the section knows this one layout.
    std::size_t name_width = 0, version_width = 0, arch_width = 0;
    for (const auto& package : packages) {
        name_width = std::max(name_width, package.name.size());
        version_width = std::max(version_width, package.version.size());
        arch_width = std::max(arch_width, package.architecture.size());
    }
    auto padded = [](const std::string& text, std::size_t width) {
        return text + std::string(width - text.size(), ' ');
    };
    std::string text;
    for (const auto& package : packages) {
        std::string row = "ii  " + padded(package.name, name_width) + " " +
                          padded(package.version, version_width) + " " +
                          padded(package.architecture, arch_width) + " " + package.description;
        text += std::string(trim(row)) + "\n";
    }
    return text;
}

std::optional<Section> packages_section(const Root& root, std::vector<ParseProblem>& problems) {
    std::vector<InstalledPackage> found;
    bool any_database = false;

    const std::string dpkg_status = "/var/lib/dpkg/status";
    if (root.exists(dpkg_status)) {
        any_database = true;
        if (auto text = read_file(root, dpkg_status, problems)) {
            auto packages = parse_dpkg_status(text->view(), dpkg_status, problems);
            if (text->intact())
                found.insert(found.end(), std::make_move_iterator(packages.begin()),
                             std::make_move_iterator(packages.end()));
            else
                problems.push_back({dpkg_status, 0, "was cut short while it was read"});
        }
    }

    const std::string pacman = "/var/lib/pacman/local";
    if (root.is_dir(pacman)) {
        any_database = true;
        for (const auto& entry : root.list(pacman)) {
            std::string path = pacman + "/" + entry.name + "/desc";
            auto text =
                entry.type == FileType::directory ? read_file(root, path, problems) : std::nullopt;
            if (!text)
                continue;
            if (auto package = parse_pacman_desc(text->view()))
                found.push_back(std::move(*package));
            else
                problems.push_back({path, 0, "names no package (%NAME%)"});
        }
    }

    const std::string portage = "/var/db/pkg";
    if (root.is_dir(portage)) {
        any_database = true;
        for (const auto& category : root.list(portage)) {
            if (category.type != FileType::directory)
                continue;
            std::string category_dir = portage + "/" + category.name;
            for (const auto& entry : root.list(category_dir)) {
                if (entry.type != FileType::directory)
                    continue;
                auto [name, version] = split_portage_name(entry.name);
                InstalledPackage package{category.name + "/" + name, version, "", ""};
                if (!is_sound_package(package.name))
                    continue;  // read the small files of the few packages listed only
                std::string dir = category_dir + "/" + entry.name;
                // Portage keeps no architecture per package (KEYWORDS lists every one the
                // ebuild supports): the column stays empty.
                package.description = first_line_of(
                    read_file(root, dir + "/DESCRIPTION", problems).value_or(FileText()).view());
                found.push_back(std::move(package));
            }
        }
    }

    if (!any_database)
        return std::nullopt;
    std::erase_if(found, [](const InstalledPackage& p) { return !is_sound_package(p.name); });
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return Section{std::string(k_packages_title), package_rows(found), {}, 0};
}

}  // namespace sndoctor::report
