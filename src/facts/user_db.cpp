#include "facts/user_db.hpp"

#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <sys/xattr.h>

#include <limits>

#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

const PasswdEntry* UserDb::find_user(std::string_view name) const {
    for (const auto& user : users)
        if (user.name == name)
            return &user;
    return nullptr;
}

const GroupEntry* UserDb::find_group(std::string_view name) const {
    for (const auto& group : groups)
        if (group.name == name)
            return &group;
    return nullptr;
}

namespace {

std::vector<std::string_view> split_fields(std::string_view line, char separator) {
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    for (;;) {
        auto end = line.find(separator, pos);
        fields.push_back(line.substr(pos, end == std::string_view::npos ? end : end - pos));
        if (end == std::string_view::npos)
            return fields;
        pos = end + 1;
    }
}

std::optional<std::uint32_t> parse_id(std::string_view text) {
    auto value = parse_int(text);
    if (!value || *value < 0 || *value > std::numeric_limits<std::uint32_t>::max())
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

/// Lines the C library's files backend passes over without complaint: blank lines, comments,
/// and the "+"/"-" entries of NIS compat mode (they name other sources, not local users).
bool skipped_line(std::string_view text) {
    text = trim(text);
    return text.empty() || text.front() == '#' || text.front() == '+' || text.front() == '-';
}

void parse_passwd(const std::string& text, UserDb& db) {
    if (looks_binary(text))
        throw InputError(UserDb::k_passwd_path, "holds binary data, not the user list");
    for (const auto& line : split_lines(text)) {
        if (skipped_line(line.text))
            continue;
        // name:password:uid:gid:gecos:home:shell
        auto fields = split_fields(line.text, ':');
        auto uid = fields.size() == 7 ? parse_id(fields[2]) : std::nullopt;
        auto gid = fields.size() == 7 ? parse_id(fields[3]) : std::nullopt;
        if (fields.size() != 7 || fields[0].empty() || !uid || !gid) {
            db.problems.push_back(
                {UserDb::k_passwd_path, line.number,
                 "not a passwd entry (name:x:uid:gid:gecos:home:shell): " + clip(line.text, 80)});
            continue;
        }
        db.users.push_back({std::string(fields[0]), *uid, *gid, line.number, std::string(line.text),
                            std::string(fields[5])});
    }
}

void parse_group(const std::string& text, UserDb& db) {
    if (looks_binary(text))
        throw InputError(UserDb::k_group_path, "holds binary data, not the group list");
    for (const auto& line : split_lines(text)) {
        if (skipped_line(line.text))
            continue;
        // name:password:gid:member,member
        auto fields = split_fields(line.text, ':');
        auto gid = fields.size() == 4 ? parse_id(fields[2]) : std::nullopt;
        if (fields.size() != 4 || fields[0].empty() || !gid) {
            db.problems.push_back(
                {UserDb::k_group_path, line.number,
                 "not a group entry (name:x:gid:members): " + clip(line.text, 80)});
            continue;
        }
        GroupEntry group{std::string(fields[0]), *gid, {}, line.number, std::string(line.text)};
        for (auto member : split_fields(fields[3], ','))
            if (!trim(member).empty())
                group.members.emplace_back(trim(member));
        db.groups.push_back(std::move(group));
    }
}

}  // namespace

UserDb UserDb::parse(const std::optional<std::string>& passwd_text,
                     const std::optional<std::string>& group_text) {
    UserDb db;
    db.passwd_present = passwd_text.has_value();
    db.group_present = group_text.has_value();
    if (passwd_text)
        parse_passwd(*passwd_text, db);
    if (group_text)
        parse_group(*group_text, db);
    return db;
}

UserDb UserDb::load(Facts& facts) {
    return parse(facts.root().read(k_passwd_path), facts.root().read(k_group_path));
}

std::optional<std::vector<std::uint32_t>> SeatAccess::parse_acl_users(std::string_view value) {
    auto little_endian = [&](std::size_t at, std::size_t bytes) {
        std::uint32_t word = 0;
        for (std::size_t i = 0; i < bytes; ++i)
            word |= static_cast<std::uint32_t>(static_cast<unsigned char>(value[at + i]))
                    << (8 * i);
        return word;
    };
    const std::size_t header = sizeof(posix_acl_xattr_header);
    const std::size_t entry = sizeof(posix_acl_xattr_entry);
    if (value.size() < header || (value.size() - header) % entry != 0 ||
        little_endian(0, 4) != POSIX_ACL_XATTR_VERSION)
        return std::nullopt;
    std::vector<std::uint32_t> users;
    for (std::size_t at = header; at < value.size(); at += entry)
        if (little_endian(at, 2) == ACL_USER)
            users.push_back(little_endian(at + 4, 4));
    return users;
}

namespace {

/// The ACL of a device node on this machine; nullopt when it has none or cannot be read.
std::optional<std::string> read_access_acl(const std::string& host_path) {
    char buffer[1024];
    ssize_t size = ::getxattr(host_path.c_str(), "system.posix_acl_access", buffer, sizeof buffer);
    if (size < 0)
        return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(size));
}

}  // namespace

SeatAccess SeatAccess::load(Facts& facts) {
    const Root& root = facts.root();
    SeatAccess access;
    access.seats_present = root.is_dir(k_seats_path);
    if (root.source() != RootSource::live)
        return access;
    for (const auto& entry : root.list(k_devices_path)) {
        if (!entry.name.starts_with("controlC"))
            continue;
        std::string path = join_path(k_devices_path, entry.name);
        auto host = root.host_path(path);
        auto acl = host ? read_access_acl(*host) : std::nullopt;
        auto users = acl ? parse_acl_users(*acl) : std::nullopt;
        if (users && !users->empty())
            access.device_acls.push_back({std::move(path), std::move(*users)});
    }
    return access;
}

}  // namespace sndoctor
