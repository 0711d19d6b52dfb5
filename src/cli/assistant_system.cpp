#include "cli/assistant_system.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "cli/fix_session.hpp"
#include "cli/report_export.hpp"
#include "cli/root_choice.hpp"
#include "cli/sudo_terminal.hpp"
#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/tree_copy.hpp"

namespace sndoctor::cli {

namespace fs = std::filesystem;

TemporaryDirectory::TemporaryDirectory() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sndoctor-demo-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw InputError(pattern,
                         std::string("cannot make a temporary directory: ") + std::strerror(errno));
    m_path = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ignored;  // a destructor must not throw; what is left is in $TMPDIR
    fs::remove_all(m_path, ignored);
}

namespace {

/// Where the exported report goes: the current directory, or the temporary directory when
/// that cannot be written (a read-only home over ssh).
fs::path report_directory() {
    if (::access(".", W_OK) == 0)
        return fs::current_path();
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

std::vector<std::string> export_report(const Options& options) {
    std::string stem =
        "sndoctor-report-" +
        format_utc(environment_from_process(options.user, false).now, "%Y%m%d-%H%M%S");
    fs::path dir = report_directory();
    std::vector<std::string> written;
    for (const char* format : {"alsa-info", "json"}) {
        Options report_options = options;
        report_options.format = format;
        fs::path file = dir / (stem + (std::string(format) == "json" ? ".json" : ".txt"));
        write_report_file(file.string(), make_report(report_options).content);
        written.push_back(file.string());
    }
    return written;
}

}  // namespace

AssistantSystem::~AssistantSystem() {
    if (demo_copied.valid())
        demo_copied.wait();
}

AssistantSystem open_assistant_system(const Options& options) {
    AssistantSystem system;
    ChosenRoot chosen = choose_root(options, DemoFallback::when_no_sound_card);
    // From here on the system is named by `work`: the demo becomes --root of its copy, so the
    // fix engine, the report and the sudo command all see the copy.
    Options work = options;
    work.demo = false;
    std::string installed_demo;
    if (chosen.header.demo) {
        system.demo_copy = std::make_unique<TemporaryDirectory>();
        fs::path copy = system.demo_copy->path() / "demo";
        installed_demo = chosen.header.root;
        system.demo_copied = std::async(std::launch::async, [installed_demo, copy] {
                                 copy_tree(installed_demo, copy);
                             }).share();
        work.root = copy.string();
        if (work.user.empty())
            work.user = chosen.default_user;
    }
    // Everything that writes, or names the copy to the user, waits for the copy to be whole (and
    // reports why it failed, if it did).
    auto copied = [future = system.demo_copied] {
        if (future.valid())
            future.get();
    };
    ui::Workspace& ws = system.workspace;
    ws.root = work.root ? *work.root : chosen.header.root;
    ws.source = chosen.header.source;
    ws.demo = chosen.header.demo;
    ws.notice = chosen.notice;
    bool live = ws.source == RootSource::live;
    ws.open_root = [work, installed_demo, future = system.demo_copied] {
        bool copying =
            future.valid() && future.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
        // The installed demo holds the same files as the copy until a fix changes the copy,
        // and no fix runs before the copy is whole.
        if (copying)
            return open_dir_root(installed_demo, RootSource::dir);
        return choose_root(work, DemoFallback::never).root;
    };
    if (ws.source != RootSource::report)
        ws.open_disk = [dir = ws.root, source = ws.source, copied] {
            copied();
            return open_disk(dir, source);
        };
    ws.environment = [user = work.user, live] { return environment_from_process(user, live); };
    ws.as_root_command = [work, copied](const std::string& command) {
        copied();
        return as_root_command(work, command);
    };
    // sudo asks for a password on the terminal the assistant lends it; a report changes nothing.
    if (std::string sudo = find_sudo(); !sudo.empty() && ws.source != RootSource::report)
        ws.run_as_root = [work, copied, sudo](const std::string& command) {
            copied();
            return run_through_sudo(sudo, root_command_arguments(work, command));
        };
    ws.export_report = [work, copied] {
        copied();
        return export_report(work);
    };
    return system;
}

}  // namespace sndoctor::cli
