#include "engine/executor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/root.hpp"
#include "engine/mixer_control.hpp"

namespace sndoctor {

namespace {

std::string parent_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

/// Every path an operation may change, in order.
std::vector<std::string> touched_paths(const Operation& op) {
    if (op.kind == OperationKind::run_command)
        return op.writes;
    return {op.path};
}

class SystemCommandRunner : public CommandRunner {
  public:
    CommandOutcome run(const std::vector<std::string>& argv) override {
        CommandOutcome outcome;
        int pipe_fds[2];
        if (argv.empty() || ::pipe2(pipe_fds, O_CLOEXEC) != 0)
            return {127, "cannot run an empty command"};
        pid_t pid = ::fork();
        if (pid == 0) {
            ::dup2(pipe_fds[1], 1);
            ::dup2(pipe_fds[1], 2);
            // System tools (depmod, gpasswd) live in sbin, which a user's PATH may lack.
            std::string path = "/usr/sbin:/sbin:/usr/bin:/bin";
            ::setenv("PATH", path.c_str(), 1);
            std::vector<char*> args;
            for (const auto& arg : argv)
                args.push_back(const_cast<char*>(arg.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        ::close(pipe_fds[1]);
        char buffer[4096];
        for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                break;
            outcome.output.append(buffer, static_cast<std::size_t>(got));
        }
        ::close(pipe_fds[0]);
        int status = 0;
        ::waitpid(pid, &status, 0);
        outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return outcome;
    }
    void set_control(const ControlSetting& setting) override { write_mixer_control(setting); }
};

/// The directories that are missing on the way to `path`'s directory, outermost first.
std::vector<std::string> missing_dirs(const Disk& disk, const std::string& path) {
    std::vector<std::string> missing;
    for (std::string dir = parent_of(path); dir != "/"; dir = parent_of(dir)) {
        if (disk.state(dir).kind != FileState::Kind::missing)
            break;
        missing.push_back(dir);
    }
    std::reverse(missing.begin(), missing.end());
    return missing;
}

/// Removes an entry whose manifest was never written: its copies, then the directories made for
/// it, innermost first (remove_empty_dir leaves any that hold something else).
void discard_unfinished_entry(Disk& disk, const JournalEntry& entry,
                              const std::map<std::string, std::string>& originals,
                              const std::vector<std::string>& made_dirs) {
    try {
        for (const auto& [name, bytes] : originals)
            if (disk.state(entry.dir() + "/" + name).kind == FileState::Kind::regular)
                disk.remove_journal_file(entry.dir() + "/" + name);
        for (auto dir = made_dirs.rbegin(); dir != made_dirs.rend(); ++dir)
            disk.remove_empty_dir(*dir);
    } catch (const WriteError&) {
        // Refused a second time: what stays is journal copies only, never a change to the
        // user's files, and the first refusal is the one to report.
    }
}

}  // namespace

std::unique_ptr<CommandRunner> system_command_runner() {
    return std::make_unique<SystemCommandRunner>();
}

std::vector<std::string> unwritable_paths(const std::vector<Plan>& plans, const Disk& disk) {
    std::set<std::string> refused;
    if (!disk.can_write(std::string(k_journal_dir) + "/x"))
        refused.insert(k_journal_dir);
    for (const auto& plan : plans)
        for (const auto& op : plan.operations)
            for (const auto& path : touched_paths(op))
                if (!disk.can_write(path))
                    refused.insert(path);
    return {refused.begin(), refused.end()};
}

JournalEntry apply_plans(const std::vector<Plan>& plans, Disk& disk, CommandRunner& runner,
                         const ApplyOptions& options) {
    Journal journal(disk);
    JournalEntry entry;
    entry.created = options.now;
    for (const auto& plan : plans) {
        entry.fixes.push_back(plan.fix_id);
        if (std::find(entry.checks.begin(), entry.checks.end(), plan.check_id) ==
            entry.checks.end())
            entry.checks.push_back(plan.check_id);
    }
    entry.id = journal.new_id(options.now, plans.size() == 1 ? plans.front().fix_id : "all");

    // 1. Record how every path is now, and check that nothing changed since the plans were made.
    std::map<std::string, std::size_t> record_of;
    std::map<std::string, std::string> originals;  // saved name → bytes
    std::set<std::string> dirs_to_create;
    for (const auto& plan : plans) {
        for (const auto& op : plan.operations) {
            for (const auto& path : touched_paths(op)) {
                if (record_of.count(path))
                    continue;
                JournalRecord record;
                record.path = path;
                record.before = disk.state(path);
                if (record.before.kind == FileState::Kind::regular) {
                    auto bytes = disk.read(path);
                    if (!bytes)
                        throw WriteError(path, "cannot read it to keep a copy");
                    if (op.kind != OperationKind::run_command &&
                        op.kind != OperationKind::move_aside &&
                        op.kind != OperationKind::make_link && op.before != bytes)
                        throw WriteError(path,
                                         "changed since the plan was made; run the fix again");
                    record.saved = "originals/" + std::to_string(originals.size());
                    originals[record.saved] = std::move(*bytes);
                } else if ((op.kind == OperationKind::write_file ||
                            op.kind == OperationKind::append_line) &&
                           op.before.has_value()) {
                    throw WriteError(path, "changed since the plan was made; run the fix again");
                }
                for (const auto& dir : missing_dirs(disk, path))
                    dirs_to_create.insert(dir);
                record_of[path] = entry.records.size();
                entry.records.push_back(std::move(record));
            }
            entry.operations.push_back({op.description, op.path, false,
                                        op.kind == OperationKind::set_control
                                            ? std::optional<ControlSetting>(op.control_before)
                                            : std::nullopt});
        }
    }
    entry.created_dirs.assign(dirs_to_create.begin(),
                              dirs_to_create.end());  // sorted: parents first

    // 2. The journal first: copies of the originals, then the manifest, all durable. Until the
    // manifest is written, undo cannot see the entry; should the disk refuse any of it (full,
    // read-only), nothing else has been touched yet, so what was made of the entry is taken away
    // again rather than left as a directory of copies that undo and history cannot read.
    const std::vector<std::string> journal_dirs = missing_dirs(disk, entry.dir() + "/originals/x");
    try {
        disk.make_dirs(entry.dir() + "/originals");
        for (const auto& [name, bytes] : originals)
            disk.write_atomic(entry.dir() + "/" + name, bytes, FileState{});
        journal.save(entry);
    } catch (const WriteError& e) {
        discard_unfinished_entry(disk, entry, originals, journal_dirs);
        std::string reason = std::string(e.what()).substr(e.path().size() + 2);
        throw WriteError(e.path(),
                         reason + " (the journal could not be written; nothing was changed)");
    }

    // 3. The changes, one atomic step each, the manifest updated after every step.
    std::size_t index = 0;
    int moved = 0;
    try {
        for (const auto& plan : plans) {
            for (const auto& op : plan.operations) {
                switch (op.kind) {
                    case OperationKind::write_file:
                    case OperationKind::append_line:
                    case OperationKind::comment_out_line:
                        disk.make_dirs(parent_of(op.path));
                        disk.write_atomic(op.path, op.after, disk.state(op.path));
                        break;
                    case OperationKind::make_link:
                        disk.make_dirs(parent_of(op.path));
                        disk.symlink_atomic(op.link_target, op.path);
                        break;
                    case OperationKind::move_aside: {
                        auto& record = entry.records[record_of.at(op.path)];
                        record.moved_to = "moved/" + std::to_string(moved++);
                        journal.save(entry);  // where it goes is known before it goes
                        disk.make_dirs(entry.dir() + "/moved");
                        disk.rename(op.path, entry.dir() + "/" + record.moved_to);
                        break;
                    }
                    case OperationKind::run_command: {
                        CommandOutcome outcome = runner.run(op.command);
                        if (outcome.exit_code != 0)
                            throw WriteError(op.command.front(),
                                             "exited with " + std::to_string(outcome.exit_code) +
                                                 ": " + outcome.output.substr(0, 500));
                        break;
                    }
                    case OperationKind::set_control:
                        runner.set_control(op.control);
                        break;
                }
                entry.operations[index++].done = true;
                journal.save(entry);
                if (options.kill_after_operations &&
                    static_cast<int>(index) >= *options.kill_after_operations)
                    ::raise(SIGKILL);
            }
        }
        entry.state = JournalState::applied;
    } catch (const std::exception& e) {
        entry.state = JournalState::failed;
        entry.failure = std::string("step ") + std::to_string(index + 1) + ": " + e.what();
    }
    journal.save(entry);
    return entry;
}

void undo_entry(JournalEntry& entry, Disk& disk, std::int64_t now, CommandRunner* runner) {
    Journal journal(disk);
    int displaced = 0;
    // Anything standing where the original must return goes into the journal, not away.
    auto clear_way = [&](const std::string& path) {
        if (disk.state(path).kind == FileState::Kind::missing)
            return;
        disk.make_dirs(entry.dir() + "/undo-displaced");
        disk.rename(path, entry.dir() + "/undo-displaced/" + std::to_string(displaced++));
    };
    for (auto record = entry.records.rbegin(); record != entry.records.rend(); ++record) {
        const std::string& path = record->path;
        if (!record->moved_to.empty()) {
            std::string kept = entry.dir() + "/" + record->moved_to;
            if (disk.state(kept).kind != FileState::Kind::missing) {
                clear_way(path);
                disk.rename(kept, path);
            }
        }
        // Then make the path exactly what it was (also after the move back, which an earlier
        // step of the same apply may have edited).
        switch (record->before.kind) {
            case FileState::Kind::missing:
                clear_way(path);
                break;
            case FileState::Kind::regular: {
                auto bytes = disk.read(entry.dir() + "/" + record->saved);
                if (!bytes)
                    throw WriteError(path, "the journal's copy " + record->saved + " is missing");
                if (disk.state(path).kind != FileState::Kind::regular)
                    clear_way(path);
                disk.write_atomic(path, *bytes, record->before);
                disk.apply_meta(path, record->before);
                break;
            }
            case FileState::Kind::symlink:
                if (disk.state(path).kind == FileState::Kind::directory)
                    clear_way(path);
                disk.symlink_atomic(record->before.link_target, path);
                disk.apply_meta(path, record->before);
                break;
            default:
                break;  // directories and devices are never changed by a plan
        }
    }
    for (auto dir = entry.created_dirs.rbegin(); dir != entry.created_dirs.rend(); ++dir)
        disk.remove_empty_dir(*dir);
    // With the files back, take back what only the running system held, newest first. A
    // failure leaves the entry not undone, so that undo can be asked again.
    std::unique_ptr<CommandRunner> system_runner;
    for (auto op = entry.operations.rbegin(); op != entry.operations.rend(); ++op) {
        if (!op->done || !op->undo_control)
            continue;
        if (runner == nullptr) {
            system_runner = system_command_runner();
            runner = system_runner.get();
        }
        runner->set_control(*op->undo_control);
    }
    entry.state = JournalState::undone;
    entry.undone_at = now;
    journal.save(entry);
}

}  // namespace sndoctor
