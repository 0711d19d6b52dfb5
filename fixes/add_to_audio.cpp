// user.add-to-audio: make the user a member of the audio group.
#include "core/error.hpp"
#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/user_db.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

constexpr const char* k_gshadow_path = "/etc/gshadow";

/// The file with the member list of group `group` (field `field`, 0-based) extended by `user`;
/// nullopt when the file has no such group.
std::optional<std::string> with_member(const std::string& text, const std::string& group,
                                       std::size_t field, const std::string& user) {
    std::string out;
    bool found = false;
    for (const auto& line : split_lines(text)) {
        std::string updated(line.text);
        if (!found && updated.rfind(group + ":", 0) == 0) {
            found = true;
            std::size_t start = 0;
            for (std::size_t i = 0; i < field && start != std::string::npos; ++i) {
                start = updated.find(':', start);
                if (start != std::string::npos)
                    ++start;
            }
            if (start == std::string::npos)
                return std::nullopt;  // a line without the member field: not ours to repair
            auto end = updated.find(':', start);
            std::string members =
                updated.substr(start, end == std::string::npos ? end : end - start);
            members += (trim(members).empty() ? "" : ",") + user;
            updated.replace(start, end == std::string::npos ? std::string::npos : end - start,
                            members);
        }
        out += updated + "\n";
    }
    if (!found)
        return std::nullopt;
    return out;
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const std::string& user = facts.env().user;
    if (user.empty())
        throw InputError(UserDb::k_passwd_path, "no user to add: name one with --user");
    const auto& db = facts.get<UserDb>();
    if (db.find_group("audio") == nullptr)
        throw InputError(UserDb::k_group_path,
                         "has no audio group; create it with your distribution's tools first");
    if (builder.root().source() == RootSource::live) {
        // gpasswd keeps /etc/group and /etc/gshadow consistent and takes their locks; the
        // journal still keeps both files, so undo restores them byte for byte.
        builder.run_command({"gpasswd", "-a", user, "audio"},
                            {UserDb::k_group_path, k_gshadow_path},
                            "Add " + user + " to the audio group (gpasswd -a " + user + " audio)");
    } else {
        auto group = builder.current(UserDb::k_group_path);
        auto updated = group ? with_member(*group, "audio", 3, user) : std::nullopt;
        if (!updated)
            throw InputError(UserDb::k_group_path, "has no usable audio line");
        builder.write_file(UserDb::k_group_path, *updated,
                           "Add " + user + " to the audio group in " + UserDb::k_group_path);
        if (auto gshadow = builder.current(k_gshadow_path))
            if (auto shadow_updated = with_member(*gshadow, "audio", 3, user))
                builder.write_file(k_gshadow_path, *shadow_updated,
                                   "Add " + user + " to the audio group in " + k_gshadow_path);
    }
    builder.manual_step(
        "Log out and in again (or reboot): a login session keeps the groups it "
        "started with");
}

}  // namespace

const FixDefinition add_to_audio = {
    .id = "user.add-to-audio",
    .check_id = "user.audio-group",
    .title = "Add the user to the audio group",
    .needs_root = true,
    .plan = plan,
};

}  // namespace sndoctor::fixes
