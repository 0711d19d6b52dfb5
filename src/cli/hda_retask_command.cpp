// sndoctor hda retask: give pins new default configurations on the running system, through the
// codec's sysfs user_pin_configs and reconfig, after a preview and a question; or drop the
// values written there before (--reset).
#include <cerrno>
#include <iostream>
#include <map>

#include "cli/fix_session.hpp"
#include "cli/hda_commands.hpp"
#include "cli/hda_pin_arguments.hpp"
#include "cli/hda_source.hpp"
#include "cli/root_choice.hpp"
#include "core/text.hpp"
#include "facts/sound_users.hpp"
#include "hda/pin_config.hpp"
#include "hda/pin_retask.hpp"
#include "hda/sysfs_writer.hpp"

namespace sndoctor::cli {

namespace {

// Exit codes (also in usage_text and the man page), as hda verb's.
constexpr int k_done = 0;
constexpr int k_refused = 1;  // nothing written: refused, cancelled, or not asked
constexpr int k_failed = 2;   // a write failed, or the driver does not use the values written
constexpr int k_needs_root = 4;

/// An argument as a POSIX shell reads it back: as it is when it holds no special character,
/// else in single quotes.
std::string shell_word(const std::string& word) {
    bool plain = !word.empty() && word.find_first_not_of(
                                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789_-.,:/=+@%") == std::string::npos;
    if (plain)
        return word;
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

/// This command for a given codec, with --yes: what to run as root.
std::string repeat_command(const Options& options, int card, int codec_address) {
    std::string command =
        "hda retask --card " + std::to_string(card) + " --codec " + std::to_string(codec_address);
    if (options.reset)
        command += " --reset";
    for (const auto& argument : options.arguments)
        command += " " + shell_word(argument);
    return as_root_command(options, command + " --yes");
}

void print_warnings(const std::vector<ParseProblem>& problems) {
    for (const auto& problem : problems)
        std::cerr << "sndoctor: warning: " << problem.path
                  << (problem.line > 0 ? ":" + std::to_string(problem.line) : "") << ": "
                  << problem.reason << "\n";
}

int refuse(const std::string& why) {
    std::cerr << "sndoctor: nothing written: " << why << ".\n";
    return k_refused;
}

/// The values the arguments ask for, each hint over the pin's value before it (its effective
/// value, or what an earlier argument for the same pin made of it). Throws PinArgumentError.
std::vector<hda::PinRequest> resolve_requests(const std::vector<PinArgument>& arguments,
                                              const hda::Codec& codec,
                                              const hda::SysfsPinConfigs& configs) {
    std::vector<hda::PinRequest> requests;
    std::map<int, std::uint32_t> pending;
    for (const auto& argument : arguments) {
        check_pin_target(argument, codec.name, codec.address, configs.pins());
        auto earlier = pending.find(argument.nid);
        std::uint32_t base = earlier != pending.end() ? earlier->second
                                                      : configs.effective(argument.nid).value_or(0);
        hda::PinHint hint = apply_pin_argument(argument, base);
        print_warnings(hint.warnings);
        pending[argument.nid] = hint.value;
        requests.push_back({argument.nid, hint.value, argument.text});
    }
    return requests;
}

/// After reconfig: what the driver uses now, pin by pin.
int report_readback(const hda::RetaskPlan& plan, const Root& root) {
    bool all_kept = true;
    std::cout << "Reconfigured: the driver parsed codec " << plan.codec_address << " of card "
              << plan.card << " again. Its pins now:\n";
    for (const auto& pin : hda::read_back(plan, root)) {
        std::cout << "  " << hex(pin.nid, 2) << "  "
                  << (pin.effective ? hex(*pin.effective, 8) : std::string("(none)")) << "  "
                  << (pin.effective ? hda::describe_pin_value(*pin.effective) : "") << "\n";
        if (!pin.kept()) {
            all_kept = false;
            std::cout << "     but " << hex(pin.wanted, 8) << " was written; " << plan.dir
                      << "/user_pin_configs reads "
                      << (pin.user ? hex(*pin.user, 8) : std::string("no entry")) << " for it\n";
        }
    }
    if (!all_kept) {
        std::cerr << "sndoctor: the driver does not use every value written.\n";
        return k_failed;
    }
    std::cout << "This lasts until the driver is loaded again or the machine restarts; 'sndoctor "
                 "hda persist' makes it stay.\n";
    return k_done;
}

}  // namespace

int run_hda_retask(const Options& options) {
    if (options.dump || options.emulate)
        throw UsageError(
            "hda retask changes a running codec (--card N --codec M); --dump and --emulate "
            "name a codec dump (see 'hda pins' for what a hint makes of one)");
    if (options.demo)
        throw UsageError(
            "the bundled demo is shared by every run and is not changed; copy it "
            "(cp -a DEMO /tmp/demo) and use --root /tmp/demo");
    if (options.json)
        throw UsageError("hda retask has no JSON output");
    if (options.reset == !options.arguments.empty())
        throw UsageError(
            "hda retask takes NID=CONFIG arguments (0x14=0x90170110, 0x1a=\"as=1 seq=15\"), or "
            "--reset alone");
    std::vector<PinArgument> arguments;
    for (const auto& argument : options.arguments)
        arguments.push_back(parse_pin_argument(argument, "retask"));

    ChosenRoot chosen = choose_root(options, DemoFallback::never);
    const Root& root = *chosen.root;
    int card = options.card.value_or(0);
    CodecSource source = load_card(root, card, options.codec);
    const hda::Codec& codec = only_codec(source).codec;
    print_warnings(codec.warnings);

    std::string dir = hda::sysfs_codec_dir(card, codec.address);
    if (auto why = hda::live_retask_unavailable(root, dir))
        return refuse(*why);
    hda::SysfsPinConfigs configs = hda::read_sysfs_pin_configs(root, dir);
    print_warnings(configs.warnings);

    hda::RetaskPlan plan;
    if (options.reset) {
        plan = hda::plan_reset(codec, card, configs);
    } else {
        try {
            plan =
                hda::plan_retask(codec, card, configs, resolve_requests(arguments, codec, configs));
        } catch (const PinArgumentError& e) {
            return refuse(e.what());
        }
    }
    std::cout << hda::render_preview(plan);
    if (plan.changes.empty()) {
        std::cout << (options.reset ? "No pin has a value of its own in user_pin_configs: "
                                      "nothing to reset.\n"
                                    : "Every pin already has that value: nothing to write.\n");
        return k_done;
    }
    if (options.dry_run)
        return k_done;

    auto writer = hda::open_sysfs_writer(root);
    std::string user_pin_configs = join_path(dir, "user_pin_configs");
    std::string reconfig = join_path(dir, "reconfig");
    if (!writer->can_write(user_pin_configs) || !writer->can_write(reconfig)) {
        std::cout << "Nothing was written: " << user_pin_configs << " and " << reconfig
                  << " need root privileges to write.\nRun it as root: "
                  << repeat_command(options, card, codec.address) << "\n";
        return k_needs_root;
    }
    auto holders = hda::card_holders(SoundUsers::read(root), card);
    if (!holders.empty()) {
        std::cout << "Nothing was written. " << hda::explain_card_busy(holders, card);
        return k_refused;
    }
    if (!options.yes && !confirm())
        return k_refused;

    if (auto failure = hda::apply_retask(plan, *writer)) {
        std::cerr << "sndoctor: " << failure->message << "\n";
        if (failure->at_reconfig)
            std::cerr << "The new values are in " << user_pin_configs
                      << "; the driver uses them at the next reconfig.\n";
        else if (failure->entries_written > 0)
            std::cerr << "Before that the kernel took "
                      << plural(failure->entries_written, "entry", "entries") << " into "
                      << user_pin_configs << "; the driver uses them at the next reconfig.\n";
        if (failure->error_number == EBUSY)
            std::cerr << hda::explain_card_busy(hda::card_holders(SoundUsers::read(root), card),
                                                card);
        return failure->error_number == EACCES || failure->error_number == EPERM ? k_needs_root
                                                                                 : k_failed;
    }
    return report_readback(plan, root);
}

}  // namespace sndoctor::cli
