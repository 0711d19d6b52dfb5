#pragma once

#include <string>

namespace sndoctor {
class Root;
}

/// What the firmware checks tell people to install: the package that carries the files on the
/// root's distribution (etc/os-release), since every distribution names them differently.
namespace sndoctor::checks {

/// "sudo apt install firmware-sof-signed (Debian, Ubuntu)", or every distribution's name when the
/// root does not say which it is.
std::string sof_package_hint(const Root& root);

/// The same for linux-firmware, which carries the amplifier files (cirrus/, TAS2XXX*.bin).
std::string linux_firmware_hint(const Root& root);

}  // namespace sndoctor::checks
