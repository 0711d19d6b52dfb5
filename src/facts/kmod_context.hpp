#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct kmod_ctx;

namespace sndoctor {

class Facts;

/// The release a module was built for: the first word of its vermagic
/// ("6.1.0-18-amd64 SMP preempt ..." → "6.1.0-18-amd64").
std::string vermagic_release(std::string_view vermagic);

/// What a module says about itself (its .modinfo section, read by libkmod).
struct ModuleInfo {
    std::string name;  ///< "snd_hda_intel"
    /// The .ko file, a host path from libkmod's index; empty for a built-in module.
    std::string path;
    std::string vermagic;             ///< "6.1.0-18-amd64 SMP preempt mod_unload modversions "
    std::vector<std::string> params;  ///< parameter names ("index", "model", ...)

    bool has_param(std::string_view param) const;
};

/// Where a module name leads for one kernel release.
enum class ModuleLocation { file, builtin, missing };

/// A module that an alias leads to (a device's modalias, "pci:v00008086d00002668sv..."), as
/// modprobe finds it before its blacklist filter: the kernel's modules.alias and
/// modules.builtin.alias and the root's own `alias` lines.
struct AliasMatch {
    std::string name;  ///< kmod's form ("snd_hda_intel")
    ModuleLocation location = ModuleLocation::file;
};

/// libkmod pointed at the root: the module directory of the running release and the root's own
/// modprobe configuration (never the host's). A root that lives in memory (a report) has none;
/// `available()` then says so and checks skip what needs module files.
class KmodContext {
  public:
    static KmodContext load(Facts& facts);

    /// Whether modules can be looked up here: the root's module directory passed the vetting.
    /// libkmod itself is loaded only by the first look-up (kmod_library.hpp says why); a look-up
    /// throws InputError when it cannot be loaded.
    bool available() const { return m_usable; }
    /// Why libkmod is not available ("no /lib/modules/<release> in this root", ...).
    const std::string& unavailable_reason() const { return m_unavailable_reason; }
    const std::string& release() const { return m_release; }

    /// Looks a module name (or alias) up in the release's index, as modprobe would.
    ModuleLocation locate(std::string_view name) const;
    /// The modules of this release that claim `alias`, in kmod's order, each once; the ones an
    /// `alias` line names but that do not exist for this release are left out. Empty when none
    /// does (or libkmod is not available).
    std::vector<AliasMatch> modules_for_alias(std::string_view alias) const;
    /// The .modinfo of a module known by name to this release (file or built-in).
    std::optional<ModuleInfo> info_by_name(std::string_view name) const;
    /// The vermagic of an open module file (any release, any compression; `path`, its in-root
    /// path, tells which): "" when its .modinfo has none, nullopt when neither the ELF reader
    /// (modinfo_reader.hpp) nor libkmod can read it.
    std::optional<std::string> vermagic_from_file(int fd, std::string_view path) const;

    /// The root's modprobe configuration paths, in kmod's order (host paths of those present).
    const std::vector<std::string>& config_paths() const { return m_config_paths; }

  private:
    /// libkmod's context for the release, made by the first look-up.
    kmod_ctx* context() const;

    struct CtxDeleter {
        void operator()(kmod_ctx* ctx) const;
    };
    mutable std::unique_ptr<kmod_ctx, CtxDeleter> m_ctx;
    bool m_usable = false;
    std::string m_release;
    std::string m_release_dir;  ///< its host path, for libkmod
    std::string m_unavailable_reason;
    std::vector<std::string> m_config_paths;
    /// A directory root's own path on the host (empty for the live root): module files libkmod
    /// opens must resolve below it.
    std::string m_host_top;
};

/// The modprobe configuration locations kmod reads, in its order of precedence, as in-root paths.
inline constexpr const char* k_modprobe_config_dirs[] = {
    "/etc/modprobe.d",     "/run/modprobe.d", "/usr/local/lib/modprobe.d",
    "/usr/lib/modprobe.d", "/lib/modprobe.d",
};
inline constexpr const char* k_legacy_modprobe_conf = "/etc/modprobe.conf";

}  // namespace sndoctor
