#include "cli/hda_session.hpp"

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/hda_source.hpp"
#include "core/text.hpp"
#include "hda/emulated_codec.hpp"

namespace sndoctor::cli {

namespace {

std::int64_t now() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

/// Where emulated sessions keep their logs: $XDG_STATE_HOME, else ~/.local/state (the XDG
/// base directory rule); empty when neither is known.
std::string state_home() {
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg == '/')
        return xdg;
    if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
        return std::string(home) + "/.local/state";
    return {};
}

/// FNV-1a: a short fingerprint of the dump, so an edited dump starts a fresh session instead
/// of replaying writes meant for other contents.
std::uint64_t fingerprint(const std::string& bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

/// The emulated session's log, inside the state directory: one per dump contents and codec.
std::string emulated_log_path(const std::string& dump, int codec_address) {
    std::ifstream in(dump, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string stem;
    for (char c : std::filesystem::path(dump).filename().string().substr(0, 40))
        stem += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx",
                  static_cast<unsigned long long>(fingerprint(bytes)));
    return "/sndoctor/hda/emulated-" + stem + "-" + hash + "-" + std::to_string(codec_address) +
           ".jsonl";
}

void report_log_problems(const hda::ExperimentLog& log) {
    for (const auto& problem : log.problems())
        std::cerr << "sndoctor: " << problem.path << ":" << problem.line << ": not a log entry ("
                  << problem.reason << "); left as it is\n";
}

Session open_emulated(const Options& options) {
    if (options.card)
        throw UsageError("--emulate FILE and --card N name two different codecs; give one");
    CodecSource source = load_dump(*options.emulate, options.codec);
    const SourcedCodec& sourced = only_codec(source);
    auto emulated = std::make_unique<hda::EmulatedCodec>(sourced.codec, *options.emulate);
    Session session;
    session.log = open_emulated_log(*options.emulate, sourced.codec.address);
    if (!session.log.unkept_reason.empty()) {
        session.notice = "Using " + emulated->description() + " (" + session.log.unkept_reason +
                         ": this session's changes are not kept).";
    } else {
        std::size_t replayed = hda::replay(*session.log.log, *emulated);
        session.notice =
            "Using " + emulated->description() + "; " +
            (replayed == 0 ? std::string("no earlier changes")
                           : plural(replayed, "earlier write", "earlier writes") + " replayed") +
            " from " + session.log.location + " (delete it to start from the dump again).";
    }
    session.device = std::move(emulated);
    session.backend = std::make_unique<hda::LoggingBackend>(*session.device, *session.log.log, now);
    return session;
}

Session open_live(const Options& options) {
    int card = options.card.value_or(0);
    int codec = options.codec.value_or(0);
    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    std::string node = hda::hwdep_node_path(card, codec);
    // Messages name the node as this machine sees it: inside a --root tree, with the tree.
    std::string shown = chosen.header.source == RootSource::live ? node : chosen.header.root + node;
    auto host = chosen.root->host_path(node);
    if (!host)
        throw hda::hwdep_open_error(ENOENT, shown, shown);
    Session session;
    session.device = hda::open_hwdep(*host, shown, codec);
    session.log = open_live_log(chosen, card, codec);
    // Nothing is sent that the log could not keep: `hda persist` relies on it.
    if (!session.log.disk->can_write(session.log.log->path()))
        throw hda::BackendError(hda::BackendFailure::permission,
                                session.log.location + ": cannot be written",
                                "every verb sent to a live codec is kept in this experiment log; "
                                "run it as root (sudo)");
    session.backend = std::make_unique<hda::LoggingBackend>(*session.device, *session.log.log, now);
    return session;
}

}  // namespace

SessionLog open_emulated_log(const std::string& dump, int codec_address) {
    SessionLog out;
    std::string home = state_home();
    std::error_code cannot_create;
    if (!home.empty())
        std::filesystem::create_directories(home, cannot_create);
    if (home.empty() || cannot_create) {
        out.log = std::make_unique<hda::ExperimentLog>();
        out.unkept_reason = home.empty() ? "no HOME or XDG_STATE_HOME"
                                         : "cannot create " + home + ": " + cannot_create.message();
        return out;
    }
    out.disk = open_disk(home, RootSource::dir);
    out.log =
        std::make_unique<hda::ExperimentLog>(*out.disk, emulated_log_path(dump, codec_address));
    report_log_problems(*out.log);
    out.location = home + out.log->path();
    return out;
}

SessionLog open_live_log(const ChosenRoot& chosen, int card, int codec) {
    SessionLog out;
    out.disk = open_disk(chosen.header.root, chosen.header.source);
    std::string path = hda::live_log_path(card, codec);
    out.location = chosen.header.source == RootSource::live ? path : chosen.header.root + path;
    out.log = std::make_unique<hda::ExperimentLog>(*out.disk, path);
    report_log_problems(*out.log);
    return out;
}

Session open_session(const Options& options) {
    if (options.dump)
        throw UsageError("--dump reads a codec; verbs go to --emulate FILE or a live codec");
    return options.emulate ? open_emulated(options) : open_live(options);
}

}  // namespace sndoctor::cli
