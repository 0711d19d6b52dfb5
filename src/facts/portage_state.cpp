#include "facts/portage_state.hpp"

#include <algorithm>
#include <array>

#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

constexpr std::size_t k_mask_file_cap = 1024 * 1024;
/// A package.mask directory is a handful of files; these limits only stop link loops.
constexpr int k_max_depth = 8;
constexpr std::size_t k_max_files = 1000;

/// Longest first: ">=" must win over ">".
constexpr std::array<std::string_view, 6> k_operators = {">=", "<=", "=", "<", ">", "~"};
constexpr std::array<std::string_view, 5> k_version_suffixes = {"_alpha", "_beta", "_pre", "_rc",
                                                                "_p"};
/// Version-control directories portage skips inside configuration directories.
constexpr std::array<std::string_view, 7> k_vcs_dirs = {"CVS",  "RCS", "SCCS", ".bzr",
                                                        ".git", ".hg", ".svn"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

bool is_alnum(char c) {
    return is_digit(c) || is_lower(c) || (c >= 'A' && c <= 'Z');
}

/// Reads a run of digits at `pos`; false when there is none.
bool digits(std::string_view text, std::size_t& pos) {
    std::size_t start = pos;
    while (pos < text.size() && is_digit(text[pos]))
        ++pos;
    return pos > start;
}

/// A version as PMS defines it: 1.0.25, 2.0b, 1.2_rc3_p1, 1.0.25-r2.
bool valid_version(std::string_view text) {
    std::size_t pos = 0;
    if (!digits(text, pos))
        return false;
    while (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!digits(text, pos))
            return false;
    }
    if (pos < text.size() && is_lower(text[pos]))
        ++pos;
    for (bool more = true; more;) {
        more = false;
        for (std::string_view suffix : k_version_suffixes) {
            if (text.substr(pos).starts_with(suffix)) {
                pos += suffix.size();
                digits(text, pos);
                more = true;
                break;
            }
        }
    }
    if (text.substr(pos).starts_with("-r")) {
        pos += 2;
        if (!digits(text, pos))
            return false;
    }
    return pos == text.size();
}

/// Category and package names: letters, digits and "+_.-" (no '.' in a package name), not
/// starting with '-'; `*` stands for any text in a wildcard atom.
bool valid_name(std::string_view text, bool category) {
    if (text.empty() || text.front() == '-' || (category && text.front() == '.'))
        return false;
    return std::all_of(text.begin(), text.end(), [&](char c) {
        return is_alnum(c) || c == '_' || c == '+' || c == '-' || c == '*' ||
               (category && c == '.');
    });
}

bool valid_slot_or_repo(std::string_view text, std::string_view extra) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return is_alnum(c) || c == '_' || c == '-' || c == '+' || c == '.' ||
               extra.find(c) != std::string_view::npos;
    });
}

/// Shell-style matching with '*' only, as portage's wildcard atoms use it.
bool glob_match(std::string_view pattern, std::string_view text) {
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

/// The name part of "alsa-driver-1.0.25" and its version, split where a valid version starts.
std::optional<std::pair<std::string_view, std::string_view>> split_version(std::string_view text) {
    for (auto dash = text.find('-'); dash != std::string_view::npos;
         dash = text.find('-', dash + 1)) {
        if (dash > 0 && valid_version(text.substr(dash + 1)))
            return std::pair{text.substr(0, dash), text.substr(dash + 1)};
    }
    return std::nullopt;
}

/// portage skips hidden files and editor backups ("local~") in configuration directories.
bool portage_reads(std::string_view name) {
    return !name.starts_with(".") && !name.ends_with("~");
}

/// The files of package.mask in portage's order: the file itself, or every file below the
/// directory, sorted by name at each level, directories and files together.
void collect_mask_files(const Root& root, const std::string& path, std::string_view name, int depth,
                        PortageState& state) {
    auto info = root.stat(path);
    if (!info)
        return;
    if (info->type == FileType::directory) {
        if (std::find(k_vcs_dirs.begin(), k_vcs_dirs.end(), name) != k_vcs_dirs.end() ||
            !portage_reads(name))
            return;
        if (depth >= k_max_depth) {
            state.problems.push_back({path, 0, "nested too deep (a link loop?); not read"});
            return;
        }
        for (const auto& entry : root.list(path))
            collect_mask_files(root, join_path(path, entry.name), entry.name, depth + 1, state);
    } else if (info->type == FileType::regular && portage_reads(name)) {
        if (state.mask_files.size() >= k_max_files) {
            state.problems.push_back({path, 0, "too many package.mask files; not read"});
            return;
        }
        state.mask_files.push_back(path);
    }
}

/// "media-sound/alsa-driver::gentoo" → "media-sound/alsa-driver".
std::string without_repo(const PackageAtom& atom) {
    std::string text = atom.text;
    if (auto at = text.find("::"); at != std::string::npos)
        text.erase(at, 2 + atom.repo.size());
    return text;
}

/// Applies one line as portage's incremental stacking does: "-atom" removes the same atom
/// masked earlier; without a repository it also removes that atom's "::repo" forms.
void apply(const MaskLine& line, std::vector<MaskLine>& masks) {
    if (line.action == MaskAction::mask) {
        masks.push_back(line);
        return;
    }
    const std::string& removed = line.atom.text;
    bool any_repo = line.atom.repo.empty();
    std::erase_if(masks, [&](const MaskLine& mask) {
        return mask.atom.text == removed || (any_repo && without_repo(mask.atom) == removed);
    });
}

}  // namespace

bool PackageAtom::names(std::string_view want_category, std::string_view want_name) const {
    return glob_match(category, want_category) && glob_match(name, want_name);
}

std::optional<PackageAtom> PackageAtom::parse(std::string_view text) {
    PackageAtom atom;
    atom.text = std::string(text);
    std::string_view rest = text;
    if (auto use = rest.find('['); use != std::string_view::npos) {
        if (rest.back() != ']')
            return std::nullopt;
        rest = rest.substr(0, use);
    }
    if (auto repo = rest.find("::"); repo != std::string_view::npos) {
        atom.repo = std::string(rest.substr(repo + 2));
        rest = rest.substr(0, repo);
        if (!valid_slot_or_repo(atom.repo, ""))
            return std::nullopt;
    }
    if (auto slot = rest.find(':'); slot != std::string_view::npos) {
        atom.slot = std::string(rest.substr(slot + 1));
        rest = rest.substr(0, slot);
        if (!valid_slot_or_repo(atom.slot, "/*="))
            return std::nullopt;
    }
    for (std::string_view op : k_operators) {
        if (rest.starts_with(op)) {
            atom.op = std::string(op);
            rest.remove_prefix(op.size());
            break;
        }
    }
    auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.find('/', slash + 1) != std::string_view::npos)
        return std::nullopt;
    atom.category = std::string(rest.substr(0, slash));
    std::string_view package = rest.substr(slash + 1);
    if (!atom.op.empty()) {
        // "=cat/pkg-1.0*" matches every version that starts with 1.0.
        bool glob = atom.op == "=" && package.ends_with("*");
        auto split = split_version(glob ? package.substr(0, package.size() - 1) : package);
        if (!split)
            return std::nullopt;
        atom.name = std::string(split->first);
        atom.version = std::string(split->second) + (glob ? "*" : "");
    } else {
        // Without an operator a version is not allowed ("cat/pkg-1.0" is invalid).
        if (split_version(package))
            return std::nullopt;
        atom.name = std::string(package);
    }
    if (!valid_name(atom.category, true) || !valid_name(atom.name, false))
        return std::nullopt;
    return atom;
}

std::vector<const MaskLine*> PortageState::masks_for(std::string_view category,
                                                     std::string_view name) const {
    std::vector<const MaskLine*> found;
    for (const auto& mask : masks)
        if (mask.atom.names(category, name))
            found.push_back(&mask);
    return found;
}

std::vector<const InstalledPackage*> PortageState::installed_as(std::string_view category,
                                                                std::string_view name) const {
    std::vector<const InstalledPackage*> found;
    for (const auto& package : installed)
        if (package.category == category && package.name == name)
            found.push_back(&package);
    return found;
}

std::optional<std::pair<std::string, std::string>> PortageState::split_name_version(
    std::string_view dir_name) {
    auto split = split_version(dir_name);
    if (!split)
        return std::nullopt;
    return std::pair{std::string(split->first), std::string(split->second)};
}

MaskFile PortageState::parse_mask_file(const std::string& path, std::string_view text) {
    if (looks_binary(text))
        throw InputError(path, "holds binary data, not package atoms");
    MaskFile file;
    for (const auto& line : split_lines(text)) {
        // portage drops everything from the first word that starts with '#'.
        std::vector<std::string_view> words;
        for (auto word : split_words(line.text)) {
            if (word.starts_with("#"))
                break;
            words.push_back(word);
        }
        if (words.empty())
            continue;
        if (words.size() > 1) {
            file.problems.push_back(
                {path, line.number, "not one package atom: " + clip(trim(line.text), 80)});
            continue;
        }
        std::string_view token = words.front();
        MaskAction action = MaskAction::mask;
        if (token.starts_with("-")) {
            action = MaskAction::unmask;
            token.remove_prefix(1);
        }
        auto atom = PackageAtom::parse(token);
        if (!atom) {
            file.problems.push_back(
                {path, line.number, "not a valid package atom: " + clip(words.front(), 80)});
            continue;
        }
        file.lines.push_back(
            {action, std::move(*atom), {path, line.number, clip(trim(line.text))}});
    }
    return file;
}

PortageState PortageState::load(Facts& facts) {
    const Root& root = facts.root();
    PortageState state;
    if (auto info = root.stat("/etc/gentoo-release"); info && info->type == FileType::regular) {
        state.gentoo = true;
        state.marker = {"/etc/gentoo-release", 0, "present"};
        try {
            auto text = root.read("/etc/gentoo-release", 4096);
            auto lines =
                text && !looks_binary(*text) ? split_lines(*text) : std::vector<NumberedLine>{};
            if (!lines.empty() && !trim(lines.front().text).empty())
                state.marker = {"/etc/gentoo-release", 1, clip(trim(lines.front().text))};
        } catch (const InputError&) {
            // Its presence is the fact that matters; the text is only for the reader.
        }
    } else if (root.is_dir("/etc/portage")) {
        state.gentoo = true;
        state.marker = {"/etc/portage", 0, "portage's configuration directory exists"};
    }
    if (!state.gentoo)
        return state;

    collect_mask_files(root, k_mask_path, "package.mask", 0, state);
    for (const auto& path : state.mask_files) {
        try {
            auto text = root.read(path, k_mask_file_cap);
            if (!text)
                continue;
            MaskFile file = parse_mask_file(path, *text);
            for (const auto& line : file.lines)
                apply(line, state.masks);
            state.problems.insert(state.problems.end(), file.problems.begin(), file.problems.end());
        } catch (const InputError& e) {
            state.problems.push_back({e.path(), e.line(), e.reason()});
        }
    }

    std::string db = join_path("/var/db/pkg", k_sound_category);
    for (const auto& entry : root.list(db)) {
        // "-MERGING-name-1.0" is portage's work directory of a merge in progress (or one that
        // was interrupted), not an installed package.
        if (entry.type != FileType::directory || entry.name.starts_with("-MERGING-"))
            continue;
        if (auto split = split_name_version(entry.name))
            state.installed.push_back(
                {k_sound_category, split->first, split->second, join_path(db, entry.name)});
    }
    return state;
}

}  // namespace sndoctor
