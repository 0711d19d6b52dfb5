#include "hda/experiment_log.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace sndoctor::hda {

namespace {

std::string parent_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

/// An unsigned field that fits in 32 bits, or nullopt (and `why`) when it is missing or not one.
std::optional<std::uint32_t> number_field(const nlohmann::json& doc, const char* name,
                                          std::string& why) {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() > 0xffffffffu) {
        why = std::string("\"") + name + "\" is missing or not a 32-bit unsigned number";
        return std::nullopt;
    }
    return it->get<std::uint32_t>();
}

}  // namespace

std::string live_log_path(int card, int codec_address) {
    return "/var/lib/sndoctor/hda/experiment-" + std::to_string(card) + "-" +
           std::to_string(codec_address) + ".jsonl";
}

std::string to_json_line(const ExperimentEntry& entry) {
    // Keys in the order a reader expects them, not nlohmann's alphabetical order.
    nlohmann::ordered_json doc;
    doc["time"] = entry.time;
    doc["codec"] = entry.codec;
    doc["nid"] = entry.verb.nid;
    doc["verb"] = entry.verb.verb;
    doc["payload"] = entry.verb.payload;
    if (auto name = verb_name(entry.verb.verb))
        doc["name"] = *name;
    if (entry.response)
        doc["response"] = *entry.response;
    if (entry.before)
        doc["before"] = *entry.before;
    if (!entry.error.empty())
        doc["error"] = entry.error;
    return doc.dump();
}

std::optional<ExperimentEntry> parse_json_line(std::string_view line, std::string& why) {
    auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        why = "not a JSON object";
        return std::nullopt;
    }
    ExperimentEntry entry;
    auto time = doc.find("time");
    if (time == doc.end() || !time->is_number_integer()) {
        why = "\"time\" is missing or not a whole number";
        return std::nullopt;
    }
    entry.time = time->get<std::int64_t>();
    auto codec = number_field(doc, "codec", why);
    if (!codec)
        return std::nullopt;
    auto nid = number_field(doc, "nid", why);
    if (!nid)
        return std::nullopt;
    auto verb = number_field(doc, "verb", why);
    if (!verb)
        return std::nullopt;
    auto payload = number_field(doc, "payload", why);
    if (!payload)
        return std::nullopt;
    if (*codec > static_cast<std::uint32_t>(k_max_codec_address)) {
        why = "codec address " + std::to_string(*codec) + " is out of range (0-15)";
        return std::nullopt;
    }
    entry.codec = static_cast<int>(*codec);
    try {
        entry.verb = make_verb(*nid, *verb, *payload);
    } catch (const VerbError& e) {
        why = e.what();
        return std::nullopt;
    }
    using OptionalField = std::pair<const char*, std::optional<std::uint32_t>*>;
    for (auto [name, field] :
         {OptionalField{"response", &entry.response}, OptionalField{"before", &entry.before}}) {
        if (!doc.contains(name))
            continue;
        *field = number_field(doc, name, why);
        if (!*field)
            return std::nullopt;
    }
    if (auto error = doc.find("error"); error != doc.end()) {
        if (!error->is_string()) {
            why = "\"error\" is not text";
            return std::nullopt;
        }
        entry.error = error->get<std::string>();
    }
    if (!entry.response && entry.error.empty()) {
        why = "neither a response nor an error";
        return std::nullopt;
    }
    return entry;
}

ExperimentLog::ExperimentLog(Disk& disk, std::string path)
    : m_disk(&disk), m_path(std::move(path)) {
    m_file_state = disk.state(m_path);
    auto text = disk.read(m_path);
    if (!text)
        return;
    m_text = std::move(*text);
    if (!m_text.empty() && m_text.back() != '\n')
        m_text += '\n';  // a last line cut short stays its own line; ours start on a fresh one
    for (const auto& line : split_lines(m_text)) {
        if (trim(line.text).empty())
            continue;
        std::string why;
        if (auto entry = parse_json_line(line.text, why))
            m_entries.push_back(std::move(*entry));
        else
            m_problems.push_back({m_path, line.number, why});
    }
}

void ExperimentLog::append(const ExperimentEntry& entry) {
    m_entries.push_back(entry);
    if (m_disk == nullptr)
        return;
    if (m_file_state.kind == FileState::Kind::missing)
        m_disk->make_dirs(parent_of(m_path));
    m_text += to_json_line(entry) + "\n";
    m_disk->write_atomic(m_path, m_text, m_file_state);
    if (m_file_state.kind == FileState::Kind::missing)
        m_file_state = m_disk->state(m_path);
}

std::size_t replay(const ExperimentLog& log, Backend& backend) {
    std::size_t count = 0;
    for (const auto& entry : log.entries()) {
        if (verb_direction(entry.verb.verb) != VerbDirection::set || !entry.response ||
            *entry.response == k_no_response)
            continue;
        backend.execute(entry.verb);
        ++count;
    }
    return count;
}

std::uint32_t LoggingBackend::execute(const Verb& verb) {
    ExperimentEntry entry;
    entry.time = m_clock();
    entry.codec = m_inner.codec_address();
    entry.verb = verb;
    try {
        if (auto readback = readback_verb(verb)) {
            std::uint32_t before = m_inner.execute(*readback);
            if (before != k_no_response)
                entry.before = before;
        }
        entry.response = m_inner.execute(verb);
    } catch (const BackendError& e) {
        entry.error = e.what();
        m_log.append(entry);
        throw;
    }
    m_log.append(entry);
    return *entry.response;
}

}  // namespace sndoctor::hda
