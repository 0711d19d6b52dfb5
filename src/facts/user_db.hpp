#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace sndoctor {

class Facts;

/// One line of /etc/passwd: "alex:x:1000:1000:Alex:/home/alex:/bin/bash".
struct PasswdEntry {
    std::string name;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;  ///< the primary group
    int line = 0;
    std::string text;  ///< the line, for evidence
    std::string home;  ///< the home directory ("/home/alex"), as the line gives it
};

/// One line of /etc/group: "audio:x:18:alex,mpd".
struct GroupEntry {
    std::string name;
    std::uint32_t gid = 0;
    std::vector<std::string> members;  ///< supplementary members, in file order
    int line = 0;
    std::string text;
};

/// The local user and group databases (/etc/passwd and /etc/group) as the files say; no NSS,
/// because the root may be a copy of another machine.
struct UserDb {
    static constexpr const char* k_passwd_path = "/etc/passwd";
    static constexpr const char* k_group_path = "/etc/group";

    bool passwd_present = false;
    bool group_present = false;
    std::vector<PasswdEntry> users;
    std::vector<GroupEntry> groups;
    /// Lines that are not passwd/group entries; the parse went on past them.
    std::vector<ParseProblem> problems;

    /// The first entry of that name, as getpwnam() would find it; nullptr when absent.
    const PasswdEntry* find_user(std::string_view name) const;
    const GroupEntry* find_group(std::string_view name) const;

    static UserDb load(Facts& facts);
    /// Parses the two files' texts (nullopt: the file is missing). Throws InputError, naming the
    /// file, when one holds binary data; malformed lines become problems.
    static UserDb parse(const std::optional<std::string>& passwd_text,
                        const std::optional<std::string>& group_text);
};

/// A sound device node whose POSIX ACL names users: what logind (or elogind) leaves on the
/// device nodes of the seat's active session ("uaccess").
struct DeviceAcl {
    std::string path;  ///< in-root path, "/dev/snd/controlC0"
    std::vector<std::uint32_t> user_ids;
};

/// What grants a seated user the sound devices without the audio group.
struct SeatAccess {
    static constexpr const char* k_seats_path = "/run/systemd/seats";
    static constexpr const char* k_devices_path = "/dev/snd";

    bool seats_present = false;  ///< logind (or elogind) keeps seats, so it runs
    /// Control devices with user entries in their access ACL. Read on the live system only:
    /// a copied tree keeps no extended attributes, and a report has none.
    std::vector<DeviceAcl> device_acls;

    static SeatAccess load(Facts& facts);
    /// The user ids of the ACL_USER entries of a "system.posix_acl_access" attribute value
    /// (the kernel's little-endian xattr form: a version word, then 8-byte entries). nullopt
    /// when the value is not that form.
    static std::optional<std::vector<std::uint32_t>> parse_acl_users(std::string_view value);
};

}  // namespace sndoctor
