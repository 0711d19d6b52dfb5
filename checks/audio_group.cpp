// user.audio-group: may the user's programs open /dev/snd? Membership in `audio` is the classic
// answer; on systems with logind the seat's user gets the devices through an ACL instead, and
// there membership is discouraged (failure-modes.md A5).
#include <algorithm>

#include "checks/checks.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"
#include "facts/user_db.hpp"

namespace sndoctor::checks {

namespace {

constexpr std::string_view k_audio_group = "audio";

enum class Membership { none, primary, supplementary };

Membership membership_of(const std::string& user, const PasswdEntry* entry,
                         const GroupEntry* audio) {
    if (audio == nullptr)
        return Membership::none;
    if (entry != nullptr && entry->gid == audio->gid)
        return Membership::primary;
    if (std::find(audio->members.begin(), audio->members.end(), user) != audio->members.end())
        return Membership::supplementary;
    return Membership::none;
}

/// Whether this process's groups (Environment::session_gids) are the user's login session.
/// Environment carries no uid, so this holds only when the user came from the login itself
/// (not --user, not sudo) and the process runs with the user's primary group; anything else
/// (sudo, su to another user) says nothing about the user's session.
/// The groups this process holds are the user's own login session's (not sudo's or su's).
bool process_is_users_session(const Environment& env, const PasswdEntry& user) {
    return env.session_gids && env.uid && *env.uid == user.uid;
}

bool session_holds(const Environment& env, std::uint32_t gid) {
    const auto& gids = *env.session_gids;
    return std::find(gids.begin(), gids.end(), gid) != gids.end();
}

/// Evidence that logind hands the sound devices to a seat; empty when nothing shows it.
std::vector<Evidence> seat_evidence(const SeatAccess& seats, const PasswdEntry* user) {
    std::vector<Evidence> evidence;
    if (seats.seats_present)
        evidence.push_back({SeatAccess::k_seats_path, 0, "logind keeps seats: it runs here"});
    for (const auto& acl : seats.device_acls) {
        std::string uids;
        bool for_user = false;
        for (auto uid : acl.user_ids) {
            uids += (uids.empty() ? "" : ", ") + std::to_string(uid);
            for_user = for_user || (user != nullptr && user->uid == uid);
        }
        evidence.push_back({acl.path, 0,
                            "access ACL grants uid " + uids +
                                (for_user ? " (this user)" : " (another user's seat session)")});
    }
    return evidence;
}

std::string_view k_when_still_needed =
    "Membership in audio is still needed where logind does not hand out the devices: a login on "
    "a console or an X session started without logind (OpenRC without elogind, startx from a "
    "plain getty), system services that open the card themselves (mpd, a system-wide sound "
    "server), and a user who needs the card while another user's session holds the seat. On "
    "systems with logind, membership is discouraged: it gives the user's programs the devices "
    "even when the user is not logged in at the seat (a process started over ssh can record the "
    "microphone), and it breaks switching users, because a member's programs keep the card open "
    "and the next person at the seat finds it busy.";

/// Malformed passwd/group lines do not stop the verdict, but they make it at least a warning:
/// the line that was not understood may be the one that held the membership.
void add_parse_problems(Finding& finding, const UserDb& db) {
    if (db.problems.empty())
        return;
    for (const auto& problem : db.problems)
        finding.with({problem.path, problem.line, problem.reason});
    const auto& first = db.problems.front();
    finding.summary += "; " + plural(db.problems.size(), "malformed line", "malformed lines") +
                       " (" + (db.problems.size() > 1 ? "first " : "") + first.path + ":" +
                       std::to_string(first.line) + ")";
    if (finding.status == Status::pass || finding.status == Status::info)
        finding.status = Status::warn;
}

Finding run(Facts& facts) {
    const Environment& env = facts.env();
    if (env.user.empty())
        return make_finding(Status::skip,
                            "no user to check: not started from a login session and no --user "
                            "given (run 'sndoctor check --user NAME')");
    const UserDb& db = facts.get<UserDb>();
    if (!db.group_present)
        return make_finding(
            Status::error,
            std::string(UserDb::k_group_path) + " is missing: group memberships cannot be read",
            {{UserDb::k_group_path, 0, "file not found"}});

    const std::string& name = env.user;
    const PasswdEntry* user = db.find_user(name);
    const GroupEntry* audio = db.find_group(k_audio_group);
    Membership member = membership_of(name, user, audio);

    Finding finding;
    if (user != nullptr)
        finding.with({UserDb::k_passwd_path, user->line, user->text});
    if (audio != nullptr)
        finding.with({UserDb::k_group_path, audio->line, audio->text});

    if (user == nullptr) {
        finding.status = Status::warn;
        finding.summary = db.passwd_present ? name + " is not in " + UserDb::k_passwd_path
                                            : std::string(UserDb::k_passwd_path) +
                                                  " is missing, so " + name + " is unknown";
        finding.with({UserDb::k_passwd_path, 0, "no entry for " + name});
        finding.detail = "The user whose sound is checked (" + name +
                         ") has no local account in this root. Check the name given with "
                         "--user; accounts from LDAP or NIS are not read.";
        if (member == Membership::supplementary)
            finding.summary += " (listed as a member of audio)";
        add_parse_problems(finding, db);
        return finding;
    }

    const SeatAccess& seats = facts.get<SeatAccess>();
    auto seat = seat_evidence(seats, user);

    if (member != Membership::none) {
        std::string how =
            member == Membership::primary ? "its primary group" : "listed in /etc/group";
        if (process_is_users_session(env, *user) && !session_holds(env, audio->gid)) {
            finding.status = Status::warn;
            finding.summary = name + " is in the audio group (" + how +
                              "), but this login session has not picked it up yet";
            finding.detail =
                "Group memberships are read at login. Log out and in again (or "
                "reboot) so that new programs hold the audio group.";
        } else {
            finding.status = Status::pass;
            finding.summary = name + " is in the audio group (" + how + ")";
            if (!seat.empty())
                finding.detail =
                    "logind also runs here and hands the devices to the seat's "
                    "active session, so the group is not needed for sound at the "
                    "seat. " +
                    std::string(k_when_still_needed);
        }
        for (auto& item : seat)
            finding.with(std::move(item));
        add_parse_problems(finding, db);
        return finding;
    }

    if (!seat.empty()) {
        finding.status = Status::info;
        finding.summary = name +
                          " is not in the audio group; logind gives the sound devices to the "
                          "seat's active session";
        finding.detail = std::string(k_when_still_needed);
        for (auto& item : seat)
            finding.with(std::move(item));
        add_parse_problems(finding, db);
        return finding;
    }

    finding.status = Status::fail;
    if (audio == nullptr) {
        finding.summary = std::string(UserDb::k_group_path) +
                          " has no audio group, and no logind seat gives " + name +
                          " the sound devices";
        finding.with({UserDb::k_group_path, 0, "no audio group"});
        finding.detail =
            "Create the group (groupadd -r audio), make sure udev gives /dev/snd "
            "to it, then add " +
            name + " to it and log in again.";
    } else {
        finding.summary = name + " is not in the audio group, and no logind seat gives " + name +
                          " the sound devices";
        finding.detail = "No logind seat was found (no " + std::string(SeatAccess::k_seats_path) +
                         "), so membership in audio is how " + name +
                         "'s programs reach /dev/snd. Add the user (gpasswd -a " + name +
                         " audio, as root) and log out and in again.";
        finding.fixes = {"user.add-to-audio"};
    }
    add_parse_problems(finding, db);
    return finding;
}

}  // namespace

const CheckDescriptor audio_group = {
    .id = "user.audio-group",
    .title = "User may use the sound devices",
    .area = "permissions",
    .needs = {},
    .report_needs = {"/etc/group"},
    .explanation =
        "Programs play and record through the device nodes in /dev/snd, which udev gives to the "
        "group audio (mode 0660). A user who is not in that group, on a system where no login "
        "manager hands the devices out, finds no sound card at all ('no soundcards found') while "
        "root hears sound. Where logind (systemd or elogind) runs, the user at the seat gets the "
        "devices through an access list on each node instead, and there membership in audio is "
        "discouraged: it grants the devices even when the user is not logged in at the seat and "
        "breaks switching between users. The user checked is the one named with --user, else the "
        "one who ran sudo, else the login user.",
    .fixes = {{"user.add-to-audio", "Add the user to the audio group", true}},
    .run = run,
};

}  // namespace sndoctor::checks
