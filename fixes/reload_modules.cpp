// cards.reload-modules: unload and load the sound card drivers, so that a corrected card order
// (or a fresh driver after a quarantine) takes effect without a reboot.
#include <chrono>
#include <thread>

#include "checks/card_order.hpp"
#include "checks/cards.hpp"
#include "core/error.hpp"
#include "core/root.hpp"
#include "facts/card_list.hpp"
#include "facts/facts.hpp"
#include "facts/sound_users.hpp"
#include "fixes/fixes.hpp"

namespace sndoctor::fixes {

namespace {

/// How long the cards may take to come back: HD-Audio probes its codecs after modprobe returns
/// (half a second on an emulated card, a few seconds with HDMI codecs that wait for a link).
constexpr auto k_settle_timeout = std::chrono::seconds(15);

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

void add_once(std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end())
        list.push_back(name);
}

void plan(Facts& facts, const Result&, PlanBuilder& builder) {
    const auto& list = facts.get<CardList>();
    if (list.cards.empty())
        throw InputError(CardList::k_path, "lists no card whose driver could be reloaded");
    std::vector<std::string> real;
    std::vector<std::string> virtual_modules;
    for (const auto& card : list.cards) {
        if (card.module.empty())
            throw InputError(CardList::k_modules_path,
                             "names no module for card " + checks::describe(card) +
                                 ": its driver is built into the kernel, and only a reboot "
                                 "loads it again");
        add_once(checks::is_real_card(card) ? real : virtual_modules, card.module);
    }

    const auto& holders = facts.get<SoundUsers>();
    if (!holders.users.empty()) {
        std::string who;
        for (const auto& user : holders.users)
            who += (who.empty() ? "" : ", ") + user.command + " (pid " + std::to_string(user.pid) +
                   ", " + user.device + ")";
        builder.manual_step(
            "The drivers cannot be unloaded while programs have sound devices open: " + who +
            ". Close them (" + std::string(stop_sound_server_advice()) +
            "), then run 'sndoctor fix " + std::string(checks::k_reload_fix) +
            "' again; or reboot.");
        return;
    }

    std::vector<std::string> all = real;
    all.insert(all.end(), virtual_modules.begin(), virtual_modules.end());
    std::vector<std::string> unload = {"modprobe", "-r"};
    unload.insert(unload.end(), all.begin(), all.end());
    builder.run_command(
        std::move(unload), {},
        "Unload the sound card drivers (" + joined(all) + "); no program has a sound device open");
    std::vector<std::string> load = {"modprobe", "-a"};
    load.insert(load.end(), all.begin(), all.end());
    builder.run_command(std::move(load), {},
                        "Load them again, real cards first (" + joined(all) +
                            "), with the options in /etc/modprobe.d");
}

/// Waits until /proc/asound/cards lists as many cards as before the reload.
std::string wait_for_cards(Facts& before) {
    const Root& root = before.root();
    std::size_t wanted = before.get<CardList>().cards.size();
    auto deadline = std::chrono::steady_clock::now() + k_settle_timeout;
    std::size_t seen = 0;
    for (;;) {
        auto text = root.read(CardList::k_path);
        seen = text ? CardList::parse(*text, std::nullopt).cards.size() : 0;
        if (seen >= wanted || std::chrono::steady_clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (seen >= wanted)
        return {};
    return "After " + std::to_string(k_settle_timeout.count()) + " s " + CardList::k_path +
           " lists " + std::to_string(seen) + " of the " + std::to_string(wanted) +
           " cards there were: a driver is still probing or failed to load (dmesg says which).";
}

}  // namespace

const FixDefinition reload_modules = {
    .id = checks::k_reload_fix,
    .check_id = "cards.virmidi-index",
    .title = checks::k_reload_title,
    .needs_root = true,
    .plan = plan,
    .live_only = true,
    .after_apply = wait_for_cards,
    .on_request = true,
};

}  // namespace sndoctor::fixes
