#include "engine/journal.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace sndoctor {

using Json = nlohmann::ordered_json;

std::string to_string(JournalState state) {
    switch (state) {
        case JournalState::applying:
            return "applying";
        case JournalState::applied:
            return "applied";
        case JournalState::failed:
            return "failed";
        case JournalState::undone:
            return "undone";
    }
    return "applying";
}

namespace {

const char* kind_name(FileState::Kind kind) {
    switch (kind) {
        case FileState::Kind::missing:
            return "missing";
        case FileState::Kind::regular:
            return "file";
        case FileState::Kind::symlink:
            return "link";
        case FileState::Kind::directory:
            return "directory";
        case FileState::Kind::other:
            return "other";
    }
    return "other";
}

FileState::Kind kind_from(const std::string& name) {
    for (auto kind : {FileState::Kind::missing, FileState::Kind::regular, FileState::Kind::symlink,
                      FileState::Kind::directory})
        if (name == kind_name(kind))
            return kind;
    return FileState::Kind::other;
}

JournalState state_from(const std::string& name) {
    for (auto state : {JournalState::applying, JournalState::applied, JournalState::failed,
                       JournalState::undone})
        if (name == to_string(state))
            return state;
    throw std::runtime_error("unknown journal state '" + name + "'");
}

Json verifications(const std::vector<Verification>& list) {
    Json out = Json::array();
    for (const auto& v : list)
        out.push_back({{"check", v.check}, {"status", v.status}, {"summary", v.summary}});
    return out;
}

std::vector<Verification> verifications_from(const Json& list) {
    std::vector<Verification> out;
    for (const auto& v : list)
        out.push_back({v.at("check"), v.at("status"), v.at("summary")});
    return out;
}

Json to_json(const JournalEntry& entry) {
    Json records = Json::array();
    for (const auto& r : entry.records)
        records.push_back({{"path", r.path},
                           {"kind", kind_name(r.before.kind)},
                           {"mode", r.before.mode},
                           {"uid", r.before.uid},
                           {"gid", r.before.gid},
                           {"mtime_sec", r.before.mtime_sec},
                           {"mtime_nsec", r.before.mtime_nsec},
                           {"link_target", r.before.link_target},
                           {"saved", r.saved},
                           {"moved_to", r.moved_to}});
    Json operations = Json::array();
    for (const auto& op : entry.operations) {
        Json item = {{"description", op.description}, {"path", op.path}, {"done", op.done}};
        if (op.undo_control)
            item["undo_control"] = {{"card", op.undo_control->card},
                                    {"name", op.undo_control->name},
                                    {"index", op.undo_control->index},
                                    {"values", op.undo_control->values}};
        operations.push_back(std::move(item));
    }
    return {{"schema", "sndoctor.journal/1"},
            {"id", entry.id},
            {"created", entry.created},
            {"undone_at", entry.undone_at},
            {"state", to_string(entry.state)},
            {"failure", entry.failure},
            {"fixes", entry.fixes},
            {"checks", entry.checks},
            {"records", records},
            {"operations", operations},
            {"created_dirs", entry.created_dirs},
            {"verify", verifications(entry.verify)},
            {"verify_after_undo", verifications(entry.verify_after_undo)}};
}

JournalEntry from_json(const Json& doc) {
    if (doc.value("schema", "") != "sndoctor.journal/1")
        throw std::runtime_error("not a sndoctor.journal/1 manifest");
    JournalEntry entry;
    entry.id = doc.at("id");
    entry.created = doc.at("created");
    entry.undone_at = doc.value("undone_at", 0);
    entry.state = state_from(doc.at("state"));
    entry.failure = doc.value("failure", "");
    entry.fixes = doc.at("fixes").get<std::vector<std::string>>();
    entry.checks = doc.at("checks").get<std::vector<std::string>>();
    for (const auto& r : doc.at("records")) {
        JournalRecord record;
        record.path = r.at("path");
        record.before.kind = kind_from(r.at("kind"));
        record.before.mode = r.at("mode");
        record.before.uid = r.at("uid");
        record.before.gid = r.at("gid");
        record.before.mtime_sec = r.at("mtime_sec");
        record.before.mtime_nsec = r.at("mtime_nsec");
        record.before.link_target = r.at("link_target");
        record.saved = r.at("saved");
        record.moved_to = r.at("moved_to");
        entry.records.push_back(std::move(record));
    }
    for (const auto& op : doc.at("operations")) {
        JournalOperation operation{op.at("description"), op.at("path"), op.at("done"), {}};
        if (op.contains("undo_control")) {
            const Json& control = op.at("undo_control");
            operation.undo_control =
                ControlSetting{control.at("card"), control.at("name"), control.at("index"),
                               control.at("values").get<std::vector<std::string>>()};
        }
        entry.operations.push_back(std::move(operation));
    }
    entry.created_dirs = doc.at("created_dirs").get<std::vector<std::string>>();
    entry.verify = verifications_from(doc.at("verify"));
    entry.verify_after_undo = verifications_from(doc.value("verify_after_undo", Json::array()));
    return entry;
}

}  // namespace

std::string Journal::new_id(std::int64_t now, const std::string& label) const {
    std::string base = format_utc(now, "%Y%m%d-%H%M%S") + "-" + label;
    std::string id = base;
    for (int n = 2;
         m_disk.state(std::string(k_journal_dir) + "/" + id).kind != FileState::Kind::missing; ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

void Journal::save(const JournalEntry& entry) {
    m_disk.make_dirs(entry.dir());
    std::string path = entry.dir() + "/manifest.json";
    m_disk.write_atomic(path, to_json(entry).dump(2) + "\n", m_disk.state(path));
}

JournalEntry* newest_undoable(std::vector<JournalEntry>& entries) {
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)  // entries are oldest first
        if (it->state != JournalState::undone && !it->records.empty())
            return &*it;
    return nullptr;
}

std::string nothing_to_undo(const std::vector<JournalEntry>& entries) {
    return entries.empty() ? "Nothing to undo: no fix has been applied here (the journal, " +
                                 std::string(k_journal_dir) + ", is empty)."
                           : "Nothing to undo: every journal entry is undone already.";
}

std::vector<JournalEntry> Journal::entries(std::vector<std::string>* problems) const {
    std::vector<JournalEntry> out;
    for (const auto& name : m_disk.list(k_journal_dir)) {
        std::string path = std::string(k_journal_dir) + "/" + name + "/manifest.json";
        try {
            auto text = m_disk.read(path);
            if (!text)
                throw std::runtime_error("no manifest.json");
            out.push_back(from_json(Json::parse(*text)));
        } catch (const std::exception& e) {
            if (problems)
                problems->push_back(path + ": " + e.what());
        }
    }
    return out;
}

std::optional<JournalEntry> Journal::find(const std::string& id) const {
    for (auto& entry : entries())
        if (entry.id == id)
            return entry;
    return std::nullopt;
}

}  // namespace sndoctor
