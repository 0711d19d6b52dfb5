#include "facts/codec_dumps.hpp"

#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

CodecDumps CodecDumps::read(const Root& root) {
    CodecDumps dumps;
    for (const auto& card : root.list("/proc/asound")) {
        if (!card.name.starts_with("card"))
            continue;
        std::string dir = join_path("/proc/asound", card.name);
        for (const auto& entry : root.list(dir)) {
            if (entry.name.starts_with("codec#"))
                dumps.files.push_back({FileRead::of(root, join_path(dir, entry.name)), card.name,
                                       card.type, entry.name});
        }
    }
    return dumps;
}

CodecDumps CodecDumps::load(Facts& facts) {
    return read(facts.root());
}

}  // namespace sndoctor
