#pragma once

#include <string>
#include <vector>

#include "core/file_read.hpp"
#include "core/root.hpp"

namespace sndoctor {

class Facts;

/// One /proc/asound/card*/codec#* file, as it was read.
struct CodecDumpFile : FileRead {
    std::string card_dir;  ///< "card0"
    FileType card_type = FileType::directory;
    std::string name;  ///< "codec#0"
};

/// The HD-Audio codec dumps of the root, each read once a run for every reader (the codec facts,
/// two checks, the report's codec section). The kernel builds a dump anew on every read by
/// asking the codec, verb by verb, over the slow codec link: tens of milliseconds for a laptop's
/// Realtek codec, every time.
struct CodecDumps {
    /// Every codec#* entry of every card* entry of /proc/asound, in name order.
    std::vector<CodecDumpFile> files;

    static CodecDumps load(Facts& facts);
    static CodecDumps read(const Root& root);
};

}  // namespace sndoctor
