#pragma once

#include <optional>
#include <string>
#include <string_view>

/// How each distribution installs alsa-ucm-conf, from os-release's ID and ID_LIKE.
namespace sndoctor::fixes::ucm_package {

/// The command that installs or updates the UCM profiles on the distribution that os-release
/// `text` describes; nullopt when neither ID nor ID_LIKE names one sndoctor knows.
std::optional<std::string> install_command(std::string_view os_release_text);

}  // namespace sndoctor::fixes::ucm_package
