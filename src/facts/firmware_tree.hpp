#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sndoctor {

class Root;

/// Where the kernel's firmware loader looks for a file it is asked for by name
/// ("intel/sof/sof-tgl.ri"), inside a root: the directories of
/// drivers/base/firmware_loader/main.c (fw_path) that a distribution fills, in the loader's
/// order, and the compressed forms it also accepts (CONFIG_FW_LOADER_COMPRESS_XZ/_ZSTD).
/// The checks for DSP and amplifier firmware share it, so "present" means the same for both.
namespace firmware_tree {

/// The loader's search directories as they appear in a root (merged-/usr systems make /lib a
/// link to /usr/lib: the root resolves it, and a file found twice is found once).
inline constexpr const char* k_dirs[] = {"/lib/firmware/updates", "/lib/firmware",
                                         "/usr/lib/firmware/updates", "/usr/lib/firmware"};
/// What the loader tries after the plain name.
inline constexpr const char* k_suffixes[] = {"", ".zst", ".xz"};

/// The in-root path of the file the loader would load for `name`, or nullopt.
std::optional<std::string> find(const Root& root, std::string_view name);

/// True when the root has any of the search directories at all (a report has none).
bool any_dir(const Root& root);

/// The names (compression suffix removed) of the files in the subdirectory `dir` ("cirrus")
/// of every search directory, sorted and without repeats.
std::vector<std::string> names_in(const Root& root, std::string_view dir);

/// The main firmware directory of the root (/lib/firmware, else /usr/lib/firmware), where a
/// missing file is shown as missing.
std::string main_dir(const Root& root);

/// "/lib/firmware, /usr/lib/firmware": the directories that exist, for a finding's detail.
std::string searched(const Root& root);

}  // namespace firmware_tree

}  // namespace sndoctor
