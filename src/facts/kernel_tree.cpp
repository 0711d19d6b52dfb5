#include "facts/kernel_tree.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::int64_t k_hour = 3600;
constexpr std::int64_t k_day = 24 * k_hour;
/// Local times on earth run from UTC-12 to UTC+14: a time whose zone is unknown lies somewhere
/// in that window.
constexpr std::int64_t k_zone_west = 12 * k_hour;
constexpr std::int64_t k_zone_east = 14 * k_hour;

constexpr std::size_t k_release_cap = 4 * 1024;
constexpr std::size_t k_header_cap = 64 * 1024;
constexpr std::size_t k_advisory_cap = 1024 * 1024;

struct ZoneName {
    std::string_view name;
    int offset_minutes;
};

/// Zone names `date` prints on build machines. Ambiguous names (CST is China and US Central,
/// IST is India, Ireland and Israel) are left out on purpose: they count as unknown.
constexpr std::array<ZoneName, 31> k_zones = {{
    {"UTC", 0},    {"GMT", 0},    {"UT", 0},     {"Z", 0},      {"WET", 0},    {"WEST", 60},
    {"BST", 60},   {"CET", 60},   {"CEST", 120}, {"MET", 60},   {"MEST", 120}, {"EET", 120},
    {"EEST", 180}, {"MSK", 180},  {"HKT", 480},  {"AWST", 480}, {"JST", 540},  {"KST", 540},
    {"ACST", 570}, {"AEST", 600}, {"AEDT", 660}, {"NZST", 720}, {"NZDT", 780}, {"EST", -300},
    {"EDT", -240}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
    {"HST", -600},
}};

constexpr std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> k_weekdays = {"mon", "tue", "wed", "thu",
                                                        "fri", "sat", "sun"};

/// Image files a kernel build leaves in arch/<arch>/boot (x86, arm64, arm, ...).
constexpr std::array<std::string_view, 4> k_tree_image_names = {"bzImage", "Image", "Image.gz",
                                                                "zImage"};
/// How kernel images are named in /boot (installkernel, genkernel).
constexpr std::array<std::string_view, 3> k_boot_image_prefixes = {"vmlinuz-", "vmlinux-",
                                                                   "kernel-"};
/// Boot loader configurations that name kernel images, as single files ...
constexpr std::array<std::string_view, 6> k_loader_files = {
    "/boot/grub/grub.cfg",          "/boot/grub2/grub.cfg",        "/etc/lilo.conf",
    "/boot/extlinux/extlinux.conf", "/boot/syslinux/syslinux.cfg", "/boot/refind_linux.conf"};
/// ... and as directories of *.conf entries (systemd-boot's Boot Loader Specification).
constexpr std::array<std::string_view, 3> k_loader_entry_dirs = {
    "/boot/loader/entries", "/efi/loader/entries", "/boot/efi/loader/entries"};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// "May" → 5; 0 when the word is no month.
int month_number(std::string_view word) {
    if (word.size() != 3)
        return 0;
    auto found = std::find(k_months.begin(), k_months.end(), lower(word));
    return found == k_months.end() ? 0 : static_cast<int>(found - k_months.begin()) + 1;
}

bool is_weekday(std::string_view word) {
    return std::find(k_weekdays.begin(), k_weekdays.end(), lower(word)) != k_weekdays.end();
}

/// A word without the punctuation build strings put around dates ("Thu," "(2024-05-03)").
std::string_view bare(std::string_view word) {
    while (!word.empty() && (word.front() == '(' || word.front() == ','))
        word.remove_prefix(1);
    while (!word.empty() && (word.back() == ')' || word.back() == ','))
        word.remove_suffix(1);
    return word;
}

std::optional<int> small_number(std::string_view text, std::size_t max_digits) {
    if (text.empty() || text.size() > max_digits ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return static_cast<int>(*parse_int(text));
}

struct ClockTime {
    int hour = 0, minute = 0, second = 0;
};

/// "10:12:03" or "10:12".
std::optional<ClockTime> parse_clock(std::string_view word) {
    auto first = word.find(':');
    if (first == std::string_view::npos)
        return std::nullopt;
    auto second = word.find(':', first + 1);
    auto hour = small_number(word.substr(0, first), 2);
    auto minute = small_number(
        word.substr(first + 1, second == std::string_view::npos ? second : second - first - 1), 2);
    auto secs = second == std::string_view::npos ? std::optional<int>(0)
                                                 : small_number(word.substr(second + 1), 2);
    if (!hour || !minute || !secs || *hour > 23 || *minute > 59 || *secs > 60)
        return std::nullopt;
    return ClockTime{*hour, *minute, *secs};
}

/// Seconds since the epoch of a UTC midnight; nullopt for a day that does not exist.
std::optional<std::int64_t> midnight(int year, int month, int day) {
    using namespace std::chrono;
    year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
    if (year < 1970 || !date.ok())
        return std::nullopt;
    return static_cast<std::int64_t>(sys_days{date}.time_since_epoch().count()) * k_day;
}

/// "+0000", "-0700", "+05:30" → minutes east of UTC.
std::optional<int> numeric_offset(std::string_view word) {
    if (word.size() < 5 || (word[0] != '+' && word[0] != '-'))
        return std::nullopt;
    std::string digits;
    for (char c : word.substr(1))
        if (c != ':')
            digits += c;
    auto value = small_number(digits, 4);
    if (!value || digits.size() != 4 || *value % 100 > 59)
        return std::nullopt;
    int minutes = *value / 100 * 60 + *value % 100;
    return word[0] == '-' ? -minutes : minutes;
}

std::optional<int> zone_offset(std::string_view word) {
    if (auto numeric = numeric_offset(word))
        return numeric;
    for (const auto& zone : k_zones)
        if (zone.name == word)
            return zone.offset_minutes;
    return std::nullopt;
}

bool looks_like_zone(std::string_view word) {
    return numeric_offset(word) ||
           (!word.empty() && word.size() <= 6 &&
            std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

/// Builds the result from a local date and time and what is known of its zone.
BuildTime make_time(std::int64_t local, std::optional<int> offset, BuildTime::Precision precision) {
    BuildTime time;
    time.precision = precision;
    if (precision == BuildTime::Precision::date) {
        time.earliest = local - k_zone_east;
        time.latest = local + k_day - 1 + k_zone_west;
    } else if (offset) {
        time.precision = BuildTime::Precision::zoned_time;
        time.earliest = time.latest = local - std::int64_t{*offset} * 60;
    } else {
        time.precision = BuildTime::Precision::local_time;
        time.earliest = local - k_zone_east;
        time.latest = local + k_zone_west;
    }
    return time;
}

/// The text from the first to the last word used, as it stands in the build string.
std::string span_text(const std::vector<std::string_view>& words, std::size_t first,
                      std::size_t last) {
    const char* begin = words[first].data();
    const char* end = words[last].data() + words[last].size();
    return std::string(begin, static_cast<std::size_t>(end - begin));
}

/// date(1): "[Tue] May 14 10:12:03 [CEST] 2024" with the month at `i`.
std::optional<BuildTime> date_command_form(const std::vector<std::string_view>& words,
                                           std::size_t i) {
    if (i + 3 >= words.size())
        return std::nullopt;
    auto day = small_number(bare(words[i + 1]), 2);
    auto clock = parse_clock(words[i + 2]);
    if (!day || !clock)
        return std::nullopt;
    std::size_t year_at = i + 3;
    std::optional<int> offset;
    if (!small_number(words[year_at], 4)) {
        if (!looks_like_zone(words[year_at]) || year_at + 1 >= words.size())
            return std::nullopt;
        offset = zone_offset(words[year_at]);
        ++year_at;
    }
    auto year = small_number(bare(words[year_at]), 4);
    auto start = year ? midnight(*year, month_number(bare(words[i])), *day) : std::nullopt;
    if (!start)
        return std::nullopt;
    auto time = make_time(*start + clock->hour * k_hour + clock->minute * 60 + clock->second,
                          offset, BuildTime::Precision::local_time);
    std::size_t first = i > 0 && is_weekday(bare(words[i - 1])) ? i - 1 : i;
    time.text = span_text(words, first, year_at);
    return time;
}

/// RFC 2822: "[Thu,] 01 Feb 2024 12:34:56 [+0000]" with the month at `i`.
std::optional<BuildTime> rfc2822_form(const std::vector<std::string_view>& words, std::size_t i) {
    if (i == 0 || i + 1 >= words.size())
        return std::nullopt;
    auto day = small_number(bare(words[i - 1]), 2);
    auto year = small_number(bare(words[i + 1]), 4);
    auto start = day && year ? midnight(*year, month_number(bare(words[i])), *day) : std::nullopt;
    if (!start)
        return std::nullopt;
    std::size_t first = i - 1;
    if (first > 0 && is_weekday(bare(words[first - 1])))
        --first;
    auto clock = i + 2 < words.size() ? parse_clock(words[i + 2]) : std::nullopt;
    if (!clock) {
        auto time = make_time(*start, std::nullopt, BuildTime::Precision::date);
        time.text = span_text(words, first, i + 1);
        return time;
    }
    std::size_t last = i + 2;
    std::optional<int> offset;
    if (last + 1 < words.size() && looks_like_zone(words[last + 1])) {
        ++last;
        offset = zone_offset(words[last]);
    }
    auto time = make_time(*start + clock->hour * k_hour + clock->minute * 60 + clock->second,
                          offset, BuildTime::Precision::local_time);
    time.text = span_text(words, first, last);
    return time;
}

/// "2024-05-03" (Debian puts "(2024-05-03)" after its package version).
std::optional<BuildTime> iso_date_form(const std::vector<std::string_view>& words, std::size_t i) {
    std::string_view word = bare(words[i]);
    if (word.size() != 10 || word[4] != '-' || word[7] != '-')
        return std::nullopt;
    auto year = small_number(word.substr(0, 4), 4);
    auto month = small_number(word.substr(5, 2), 2);
    auto day = small_number(word.substr(8, 2), 2);
    auto start = year && month && day ? midnight(*year, *month, *day) : std::nullopt;
    if (!start)
        return std::nullopt;
    auto time = make_time(*start, std::nullopt, BuildTime::Precision::date);
    time.text = std::string(word);
    return time;
}

/// "/usr/src/./linux-6.6/../linux-6.6.30" → "/usr/src/linux-6.6.30" (text only; links are
/// not followed).
std::string normalize(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (pos < path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos)
            next = path.size();
        std::string_view part = path.substr(pos, next - pos);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        pos = next + 1;
    }
    std::string out;
    for (auto part : parts)
        out += "/" + std::string(part);
    return out.empty() ? "/" : out;
}

/// A read that turns unreadable input into a problem kept with the tree.
std::optional<std::string> read_into(const Root& root, const std::string& path, std::size_t cap,
                                     std::vector<ParseProblem>& problems) {
    try {
        return root.read(path, cap);
    } catch (const InputError& e) {
        problems.push_back({e.path(), e.line(), e.reason()});
        return std::nullopt;
    }
}

/// A file that only gives advice (fstab, mounts, boot loader configuration): unreadable or
/// binary content is as good as absent, never a reason to stop the check.
std::optional<std::string> read_advisory(const Root& root, std::string_view path) {
    try {
        auto text = root.read(path, k_advisory_cap);
        if (text && looks_binary(*text))
            return std::nullopt;
        return text;
    } catch (const InputError&) {
        return std::nullopt;
    }
}

BootState load_boot(const Root& root) {
    BootState boot;
    for (const auto& entry : root.list("/boot")) {
        bool kernel_name =
            std::any_of(k_boot_image_prefixes.begin(), k_boot_image_prefixes.end(),
                        [&](std::string_view p) { return entry.name.starts_with(p); });
        std::string path = join_path("/boot", entry.name);
        auto info = kernel_name ? root.stat(path) : std::nullopt;
        if (info && info->type == FileType::regular)
            boot.images.push_back({path, info->mtime});
    }
    if (auto fstab = read_advisory(root, "/etc/fstab")) {
        for (const auto& line : split_lines(*fstab)) {
            auto words = split_words(line.text);
            if (words.size() < 2 || words[0].starts_with("#") || words[1] != "/boot")
                continue;
            boot.fstab_line = Evidence{"/etc/fstab", line.number, clip(trim(line.text))};
            boot.fstab_noauto =
                words.size() > 3 &&
                ("," + std::string(words[3]) + ",").find(",noauto,") != std::string::npos;
        }
    }
    if (auto mounts = read_advisory(root, "/proc/mounts")) {
        boot.mounted = false;
        for (const auto& line : split_lines(*mounts)) {
            auto words = split_words(line.text);
            if (words.size() >= 2 && words[1] == "/boot")
                boot.mounted = true;
        }
    }
    std::vector<std::string> loader_paths(k_loader_files.begin(), k_loader_files.end());
    for (std::string_view dir : k_loader_entry_dirs)
        for (const auto& entry : root.list(dir))
            if (entry.name.ends_with(".conf"))
                loader_paths.push_back(join_path(dir, entry.name));
    for (const auto& path : loader_paths)
        if (auto text = read_advisory(root, path))
            boot.loaders.push_back({path, KernelTree::parse_loader_images(*text)});
    return boot;
}

/// "vmlinuz-6.6.30-gentoo" → "6.6.30-gentoo"; empty for other names.
std::string_view image_release(std::string_view name) {
    for (std::string_view prefix : k_boot_image_prefixes)
        if (name.starts_with(prefix))
            return name.substr(prefix.size());
    return {};
}

/// Reads the tree at `path`; problems with its files are kept in the tree, never thrown.
SourceTree load_tree(const Root& root, std::string path) {
    SourceTree tree;
    tree.path = std::move(path);
    std::string release_path = tree.path + "/include/config/kernel.release";
    if (auto text = read_into(root, release_path, k_release_cap, tree.problems)) {
        try {
            tree.release = KernelTree::parse_kernel_release(release_path, *text);
            tree.release_evidence = {release_path, 1, *tree.release};
        } catch (const InputError& e) {
            tree.problems.push_back({e.path(), e.line(), e.reason()});
        }
    }
    // Linux 6.1 moved UTS_VERSION out of compile.h into utsversion.h.
    for (const char* header : {"/include/generated/utsversion.h", "/include/generated/compile.h"}) {
        std::string header_path = tree.path + header;
        auto text = read_into(root, header_path, k_header_cap, tree.problems);
        if (!text)
            continue;
        try {
            if (auto uts = KernelTree::parse_uts_version(header_path, *text)) {
                tree.uts_version = uts->value;
                tree.uts_version_evidence = uts->evidence;
                break;
            }
        } catch (const InputError& e) {
            tree.problems.push_back({e.path(), e.line(), e.reason()});
        }
    }
    for (const auto& arch : root.list(tree.path + "/arch")) {
        if (arch.type != FileType::directory)
            continue;
        for (std::string_view name : k_tree_image_names) {
            std::string image_path =
                tree.path + "/arch/" + arch.name + "/boot/" + std::string(name);
            auto info = root.stat(image_path);
            if (info && info->type == FileType::regular &&
                (!tree.image || info->mtime > tree.image->mtime))
                tree.image = KernelImage{image_path, info->mtime};
        }
    }
    return tree;
}

}  // namespace

std::optional<BuildTime> parse_build_time(std::string_view build_string) {
    auto words = split_words(build_string);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (month_number(bare(words[i])) != 0) {
            if (auto time = date_command_form(words, i))
                return time;
            if (auto time = rfc2822_form(words, i))
                return time;
        }
        if (auto time = iso_date_form(words, i))
            return time;
    }
    return std::nullopt;
}

const KernelImage* BootState::image_for(std::string_view release) const {
    for (const auto& image : images)
        if (image_release(base_name(image.path)) == release)
            return &image;
    return nullptr;
}

bool BootLoaderConfig::names_release(std::string_view release) const {
    return std::any_of(images.begin(), images.end(),
                       [&](const std::string& image) { return image_release(image) == release; });
}

std::vector<const SourceTree*> KernelTree::trees_for(std::string_view release) const {
    std::vector<const SourceTree*> found;
    for (const auto& tree : others)
        if (tree.release && *tree.release == release)
            found.push_back(&tree);
    return found;
}

std::string KernelTree::parse_kernel_release(const std::string& path, std::string_view text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not a kernel release");
    auto lines = split_lines(text);
    auto words = lines.empty() ? std::vector<std::string_view>{} : split_words(lines.front().text);
    if (words.empty())
        throw InputError(path, "is empty (the build stopped before writing it?)");
    if (words.size() != 1 || words.front().find('/') != std::string_view::npos)
        throw InputError(path, "is not a kernel release: " + clip(trim(lines.front().text), 80), 1);
    return std::string(words.front());
}

std::optional<KernelTree::UtsVersion> KernelTree::parse_uts_version(const std::string& path,
                                                                    std::string_view text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not a C header");
    for (const auto& line : split_lines(text)) {
        auto words = split_words(line.text);
        if (words.size() < 2 || words[0] != "#define" || words[1] != "UTS_VERSION")
            continue;
        std::string_view rest = line.text.substr(line.text.find("UTS_VERSION") + 11);
        auto open = rest.find('"');
        std::string value;
        bool closed = false;
        for (std::size_t i = open == std::string_view::npos ? rest.size() : open + 1;
             i < rest.size(); ++i) {
            if (rest[i] == '\\' && i + 1 < rest.size()) {
                value += rest[++i];
            } else if (rest[i] == '"') {
                closed = true;
                break;
            } else {
                value += rest[i];
            }
        }
        if (!closed)
            throw InputError(path, "UTS_VERSION is not a complete string (is the file cut short?)",
                             line.number);
        return UtsVersion{value, Evidence{path, line.number, clip(trim(line.text))}};
    }
    return std::nullopt;
}

std::vector<std::string> KernelTree::parse_loader_images(std::string_view text) {
    std::vector<std::string> images;
    for (std::string_view prefix : k_boot_image_prefixes) {
        for (auto at = text.find(prefix); at != std::string_view::npos;
             at = text.find(prefix, at + 1)) {
            // A name starts a word or a path component: "linux /vmlinuz-6.6.30", "image=...".
            char before = at == 0 ? ' ' : text[at - 1];
            if (before != ' ' && before != '\t' && before != '\n' && before != '/' &&
                before != '=' && before != '"' && before != '\'')
                continue;
            auto end = text.find_first_of(" \t\r\n\"';", at);
            std::string name(text.substr(at, end == std::string_view::npos ? end : end - at));
            if (name.size() > prefix.size() &&
                std::find(images.begin(), images.end(), name) == images.end())
                images.push_back(std::move(name));
        }
    }
    return images;
}

KernelTree KernelTree::load(Facts& facts) {
    const Root& root = facts.root();
    KernelTree kernel;
    if (auto link = root.lstat(k_link_path)) {
        auto target = link->type == FileType::symlink ? root.stat(k_link_path) : link;
        if (link->type == FileType::symlink) {
            kernel.link_target = root.read_link(k_link_path).value_or("");
            kernel.target_path =
                normalize(kernel.link_target.starts_with("/") ? kernel.link_target
                                                              : "/usr/src/" + kernel.link_target);
            kernel.link = target ? Link::symlink : Link::dangling;
        } else {
            kernel.target_path = k_link_path;
            kernel.link = link->type == FileType::directory ? Link::directory : Link::other;
        }
        if (target && target->type == FileType::directory)
            kernel.current = load_tree(root, k_link_path);
        else if (kernel.link == Link::symlink)
            kernel.link = Link::other;  // a link to something that is no directory
    }
    for (const auto& entry : root.list("/usr/src")) {
        std::string path = join_path("/usr/src", entry.name);
        if (entry.type == FileType::directory && path != k_link_path && path != kernel.target_path)
            kernel.others.push_back(load_tree(root, path));
    }
    kernel.boot = load_boot(root);
    return kernel;
}

}  // namespace sndoctor
