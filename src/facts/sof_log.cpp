#include "facts/sof_log.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace sndoctor {

namespace {

/// The text after `marker` up to the end of the line, trimmed.
std::string after(std::string_view line, std::size_t at, std::string_view marker) {
    return std::string(trim(line.substr(at + marker.size())));
}

/// The word that starts right after `marker` ("Direct firmware load for X failed").
std::string word_after(std::string_view line, std::size_t at, std::string_view marker) {
    std::string_view rest = trim(line.substr(at + marker.size()));
    auto end = rest.find_first_of(" \t");
    return std::string(rest.substr(0, end));
}

/// Only the loader's lines about SOF's own files count (the same log holds every driver's).
bool is_sof_name(std::string_view name) {
    return name.starts_with("intel/sof") || name.starts_with("intel/avs");
}

SofFileKind kind_of(std::string_view name) {
    return name.ends_with(".tplg") || name.find(".tplg.") != std::string_view::npos
               ? SofFileKind::topology
               : SofFileKind::firmware;
}

}  // namespace

SofLog read_sof_log(const std::vector<std::string>& lines, const std::string& path) {
    SofLog log;
    bool in_not_found = false;
    auto add = [&](SofFileKind kind, std::string name, std::size_t index, bool failed) {
        if (name.empty())
            return;
        Evidence line{path, static_cast<int>(index + 1), clip(lines[index])};
        auto same = std::find_if(log.files.begin(), log.files.end(),
                                 [&](const SofLogFile& f) { return f.name == name; });
        if (same != log.files.end()) {
            // A later failure of the same name is the stronger evidence.
            if (failed && !same->failed) {
                same->failed = true;
                same->line = std::move(line);
            }
            return;
        }
        log.files.push_back({kind, std::move(name), std::move(line), failed});
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        // The profile lines carry the driver's device prefix ("sof-audio-pci-intel-tgl
        // 0000:00:1f.3: "); other drivers print nothing of this form.
        bool sof_line = line.find("sof") != std::string_view::npos;
        if (line.find("SOF firmware and/or topology file not found") != std::string_view::npos) {
            log.not_found = Evidence{path, static_cast<int>(i + 1), clip(line)};
            in_not_found = true;
            continue;
        }
        if (line.find("Firmware paths/files for ipc type") != std::string_view::npos) {
            in_not_found = false;
            continue;
        }
        constexpr std::string_view k_fw = "Firmware file:";
        constexpr std::string_view k_lib = "Firmware lib path:";
        constexpr std::string_view k_tplg = "Topology file:";
        if (auto at = line.find(k_fw); sof_line && at != std::string_view::npos) {
            add(SofFileKind::firmware, after(line, at, k_fw), i, in_not_found);
            continue;
        }
        if (auto at = line.find(k_lib); sof_line && at != std::string_view::npos) {
            add(SofFileKind::library_dir, after(line, at, k_lib), i, in_not_found);
            continue;
        }
        if (auto at = line.find(k_tplg); sof_line && at != std::string_view::npos) {
            std::string name = after(line, at, k_tplg);
            // "function topologies": the machine driver picks several files at run time.
            if (name.find('/') != std::string::npos)
                add(SofFileKind::topology, std::move(name), i, in_not_found);
            continue;
        }
        for (std::string_view marker :
             {"Direct firmware load for ", "firmware: failed to load ", "request firmware "}) {
            auto at = line.find(marker);
            if (at == std::string_view::npos)
                continue;
            std::string name = word_after(line, at, marker);
            if (marker == "request firmware " && line.find("failed") == std::string_view::npos)
                break;
            if (is_sof_name(name)) {
                SofFileKind kind = kind_of(name);  // before `name` is moved away
                add(kind, std::move(name), i, true);
            }
            break;
        }
    }
    return log;
}

}  // namespace sndoctor
