#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "engine/result.hpp"

namespace sndoctor {

class Facts;

/// A package atom as /etc/portage/package.mask holds it:
///   "media-sound/alsa-driver", ">=media-sound/alsa-driver-1.0.25:0::gentoo",
///   "=media-sound/alsa-driver-1.0*", "media-sound/*", "*/alsa-driver".
struct PackageAtom {
    std::string text;      ///< as written
    std::string op;        ///< "", "=", ">=", "<=", "<", ">" or "~"
    std::string category;  ///< may hold '*' wildcards
    std::string name;      ///< may hold '*' wildcards
    std::string version;   ///< empty without an operator; "1.0*" for a version glob
    std::string slot;      ///< "0", "0/1.2"; empty when absent
    std::string repo;      ///< "gentoo"; empty when absent

    /// Whether the atom names the package (any version, slot or repository counts).
    bool names(std::string_view category, std::string_view name) const;

    /// Parses one atom; nullopt when portage would call it invalid.
    static std::optional<PackageAtom> parse(std::string_view text);
};

/// Whether a mask line masks or, with a leading '-', removes an earlier mask (portage stacks
/// package.mask incrementally).
enum class MaskAction { mask, unmask };

/// One atom line of a package.mask file.
struct MaskLine {
    MaskAction action = MaskAction::mask;
    PackageAtom atom;
    Evidence where;  ///< file, line and the line's text
};

/// What one package.mask file says.
struct MaskFile {
    std::vector<MaskLine> lines;
    std::vector<ParseProblem> problems;
};

/// A package installed according to portage's database (var/db/pkg/<category>/<name>-<version>).
struct InstalledPackage {
    std::string category;
    std::string name;
    std::string version;  ///< "1.0.25-r1"
    std::string path;     ///< "/var/db/pkg/media-sound/alsa-driver-1.0.25"
};

/// Gentoo's package manager state as far as sound is concerned: whether this is Gentoo, what
/// /etc/portage/package.mask masks, and which media-sound packages are installed.
struct PortageState {
    static constexpr const char* k_mask_path = "/etc/portage/package.mask";
    static constexpr const char* k_sound_category = "media-sound";

    bool gentoo = false;
    Evidence marker;  ///< what says this is Gentoo (etc/gentoo-release or etc/portage)
    std::vector<std::string> mask_files;      ///< the package.mask files read, in portage's order
    std::vector<MaskLine> masks;              ///< the masks in force, '-atom' removals applied
    std::vector<InstalledPackage> installed;  ///< media-sound packages (the only category asked)
    std::vector<ParseProblem> problems;       ///< mask files or lines portage would reject

    /// The masks in force that name the package.
    std::vector<const MaskLine*> masks_for(std::string_view category, std::string_view name) const;
    std::vector<const InstalledPackage*> installed_as(std::string_view category,
                                                      std::string_view name) const;

    static PortageState load(Facts& facts);
    /// Parses the text of one package.mask file as portage does: '#' starts a comment (also
    /// after an atom), one atom per line. Throws InputError on binary data.
    static MaskFile parse_mask_file(const std::string& path, std::string_view text);
    /// Splits a var/db/pkg directory name ("alsa-driver-1.0.25-r1") into name and version;
    /// nullopt when it has no version.
    static std::optional<std::pair<std::string, std::string>> split_name_version(
        std::string_view dir_name);
};

}  // namespace sndoctor
