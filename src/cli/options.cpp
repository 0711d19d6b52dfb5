#include "cli/options.hpp"

#include <map>

#include "core/text.hpp"

namespace sndoctor::cli {

const char* usage_text() {
    return R"(Usage: sndoctor [COMMAND] [OPTIONS]

Finds out why sound does not work on a Linux machine and shows the evidence.

Commands:
  (none)          the interactive assistant (on a terminal; otherwise 'check'):
                  the checks by area with their evidence, a fix's plan and
                  apply with y, undo, the history, the report. On a machine
                  without a sound card it opens the bundled demo system, says
                  so in its title bar, and works on a temporary copy of it.
                  Keys: g start here (a guided path through what is wrong,
                  each fix offered, then a summary), arrows or j/k move,
                  Enter opens, Tab switches pane, / filters, r re-runs, f fix
                  (without root: s runs it through sudo), u undo, h history,
                  c the codec lab, e export the report, ? or F1 help, q or
                  Esc leave. On this machine a card plugged in or removed
                  runs the checks again.
  check           run every check in order and print one line per check
  explain ID      the full explanation of a check; without ID, list the checks
  fix ID          show the plan of the fix for a check (its first linked fix)
                  or of a fix id, ask, apply it with a journal, and check again;
                  on this machine it then offers what finishes the work
                  (reloading the sound drivers after a card-order fix)
  fix --all       every linked fix of the checks that warn or fail, as one
                  journal entry
  undo [ID]       restore the newest (or the named) journal entry byte for
                  byte, and check again
  history         list the journal: what each fix changed, and whether it
                  was undone
  hda dump        a codec dump parsed: ids, nodes by type, pins with their
                  configurations, GPIO and what was not understood; --json
                  prints the whole model (schema "sndoctor.codec/1")
  hda pins [NID=HINT ...]
                  a codec's pin configurations (--dump FILE, or --card N
                  --codec M) and how their associations group them into
                  playback and capture devices, as FreeBSD's driver does;
                  FreeBSD pin hints (0x14="as=1 seq=15") change pins first
  hda verb NID VERB [PARAM]
                  send one verb to an HD-Audio codec (names or numbers;
                  'hda verb list' names them): live through its hwdep device
                  (--card N --codec M, root), or emulated (--emulate FILE)
  hda gpio        show the codec's GPIO lines; --set LINE=on|off drives one
                  (mask, direction and data), --mask/--dir/--data write whole
                  registers
  hda eapd NID [on|off]
                  show or switch a pin's EAPD (external amplifier) bit
  hda retask NID=CONFIG ... | --reset
                  give pins of the running codec (--card N --codec M) new
                  default configurations (CONFIG: 0x90170110, or a FreeBSD
                  hint over the pin's value) through sysfs user_pin_configs
                  and reconfig, after a preview; needs root and no program
                  using the card. --reset writes the driver's values back
  hda persist     make a session's pin, GPIO and EAPD changes stick at boot:
                  a patch file in /lib/firmware and snd-hda-intel's patch=
                  option, previewed, journaled and undoable like a fix
  report          this system's alsa-info report: the sections alsa-info.sh
                  prints, gathered in-process, then sndoctor's findings;
                  nothing is ever uploaded

Options:
  --root DIR      read the system from the tree DIR instead of / (a copy of
                  someone's files, or a test fixture); links stay inside DIR
  --demo          use the bundled demo system (a machine with every problem
                  sndoctor knows) as the root
  --report FILE   read the system from someone's alsa-info report (any
                  version; quoted, mailed or pasted is fine): each section
                  becomes the file it came from; checks needing what a
                  report lacks skip
  --user NAME     the user whose sound is checked (default: SUDO_USER, else
                  the login user)
  --only ID       run only this check (and what it needs); repeat it, or
                  separate ids with commas
  --json          print the results as JSON (schema "sndoctor.check/1")
  -v, --verbose   show the evidence and fixes under every result not passed
  --no-color      no colours (also when NO_COLOR is set or output is piped)
  -y, --yes       fix, hda retask, hda persist: apply without asking (for
                  scripts)
  --dry-run       fix, hda retask, hda persist: only print the plan
  --dump FILE     hda: the codecs of a dump file (a /proc/asound/cardN/codec#M
                  copy, several in a row, or an alsa-info report; gzip too)
  --card N, --codec M
                  hda: the codecs of card N (default 0) read through the root
                  (/proc/asound/cardN/codec#M, else the widget sysfs tree);
                  --codec picks the codec at address M (default: every one;
                  for verb, gpio and eapd: 0)
  --emulate FILE  hda verb/gpio/eapd/persist: a codec emulated from a dump;
                  what is set is kept in $XDG_STATE_HOME/sndoctor/hda and
                  replayed (persist makes that session stick)
  --force         hda: also send what resets or powers down the codec, goes
                  to a node it does not have, or sets EAPD on a pin without it
  --set LINE=on|off, --mask M, --dir D, --data V
                  hda gpio: the change to make (LINE 0-7, masks 0x00-0xff)
  -o, --output FILE
                  report: write to FILE (atomically) instead of stdout
  --format alsa-info|json
                  report: alsa-info text (the default) or JSON (schema
                  "sndoctor.report/1")
  --anonymize     report: replace the host name, user names, MAC addresses,
                  serial numbers and the DMI UUID with placeholders
  -h, --help      this text
  --version       the version

Exit status of check:
  0 nothing to report, 1 the worst is a warning, 2 a check failed,
  3 a check could not run (and none failed), 64 a usage error.
Exit status of fix and undo:
  0 done, and the checks concerned no longer warn or fail (or nothing to do),
  1 cancelled, 2 done but a check still warns or fails (or no fix could be
  planned), 3 stopped part-way (run 'sndoctor undo'), 4 needs root: nothing
  was changed, 64 a usage error.
Exit status of hda verb, gpio and eapd:
  0 done, 1 refused (not sent; --force sends it), 2 the codec cannot be
  reached or did not answer, 4 needs root, 64 a usage error, 66 an unreadable
  dump.
Exit status of hda retask:
  0 done (or nothing to change), 1 refused or cancelled: nothing written,
  2 a write failed or the driver does not use the values written, 4 needs
  root, 64 a usage error, 66 an unreadable codec or sysfs file.

See sndoctor(1) for every check, and 'sndoctor explain ID' for one.
)";
}

namespace {

const std::map<std::string, Command> k_commands = {
    {"check", Command::check},   {"explain", Command::explain}, {"fix", Command::fix},
    {"undo", Command::undo},     {"history", Command::history}, {"hda", Command::hda},
    {"report", Command::report}, {"help", Command::help},
};

void split_ids(const std::string& value, std::vector<std::string>& out) {
    std::size_t pos = 0;
    while (pos <= value.size()) {
        auto comma = value.find(',', pos);
        if (comma == std::string::npos)
            comma = value.size();
        if (comma > pos)
            out.push_back(value.substr(pos, comma - pos));
        pos = comma + 1;
    }
}

}  // namespace

Options parse_options(const std::vector<std::string>& args) {
    Options options;
    bool command_seen = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        // "--root=DIR" and "--root DIR" both work.
        std::string name = arg;
        std::optional<std::string> inline_value;
        if (arg.rfind("--", 0) == 0) {
            auto eq = arg.find('=');
            if (eq != std::string::npos) {
                name = arg.substr(0, eq);
                inline_value = arg.substr(eq + 1);
            }
        }
        auto value = [&]() -> std::string {
            if (inline_value)
                return *inline_value;
            if (i + 1 >= args.size())
                throw UsageError(name + " needs a value");
            return args[++i];
        };
        auto no_value = [&] {
            if (inline_value)
                throw UsageError(name + " takes no value");
        };
        if (name == "--root") {
            options.root = value();
            if (options.root->empty())
                throw UsageError("--root needs a directory");
        } else if (name == "--user") {
            options.user = value();
        } else if (name == "--only") {
            split_ids(value(), options.only);
        } else if (name == "--demo") {
            no_value();
            options.demo = true;
        } else if (name == "--json") {
            no_value();
            options.json = true;
        } else if (name == "--verbose" || name == "-v") {
            no_value();
            options.verbose = true;
        } else if (name == "--yes" || name == "-y") {
            no_value();
            options.yes = true;
        } else if (name == "--dry-run") {
            no_value();
            options.dry_run = true;
        } else if (name == "--all") {
            no_value();
            options.all = true;
        } else if (name == "--reset") {
            no_value();
            options.reset = true;
        } else if (name == "--report") {
            options.report = value();
        } else if (name == "--output" || name == "-o") {
            options.output = value();
        } else if (name == "--format") {
            options.format = value();
            if (options.format != "alsa-info" && options.format != "json")
                throw UsageError("--format is alsa-info or json, not '" + options.format + "'");
        } else if (name == "--anonymize" || name == "--anonymise") {
            no_value();
            options.anonymize = true;
        } else if (name == "--card" || name == "--codec") {
            std::string text = value();
            auto number = parse_int(text);
            if (!number || *number < 0 || *number > (name == "--card" ? 31 : 15))
                throw UsageError(name + " needs a number (" + (name == "--card" ? "0-31" : "0-15") +
                                 "), not '" + text + "'");
            (name == "--card" ? options.card : options.codec) = static_cast<int>(*number);
        } else if (name == "--dump") {
            options.dump = value();
        } else if (name == "--emulate") {
            options.emulate = value();
        } else if (name == "--force") {
            no_value();
            options.force = true;
        } else if (name == "--mask") {
            options.gpio_mask = value();
        } else if (name == "--dir") {
            options.gpio_dir = value();
        } else if (name == "--data") {
            options.gpio_data = value();
        } else if (name == "--set") {
            options.gpio_set.push_back(value());
        } else if (name == "--no-color" || name == "--no-colour") {
            no_value();
            options.no_color = true;
        } else if (name == "--help" || name == "-h") {
            options.command = Command::help;
        } else if (name == "--version") {
            options.command = Command::version;
        } else if (!arg.empty() && arg.front() == '-') {
            throw UsageError("unknown option " + arg);
        } else if (!command_seen && options.command == Command::assistant) {
            auto it = k_commands.find(arg);
            if (it == k_commands.end())
                throw UsageError("unknown command " + arg);
            options.command = it->second;
            command_seen = true;
        } else {
            options.arguments.push_back(arg);
        }
    }
    if ((options.root ? 1 : 0) + (options.demo ? 1 : 0) + (options.report ? 1 : 0) > 1)
        throw UsageError("--root, --demo and --report name different systems; give one");
    if ((options.output || options.format != "alsa-info" || options.anonymize) &&
        options.command != Command::report)
        throw UsageError("-o, --format and --anonymize go with report");
    if (options.command == Command::report && !options.arguments.empty())
        throw UsageError("report takes no arguments (--report FILE reads one)");
    if (options.command == Command::check && !options.arguments.empty())
        throw UsageError("check takes no arguments (use --only ID)");
    if (options.command == Command::explain && options.arguments.size() > 1)
        throw UsageError("explain takes one check id");
    if (options.command == Command::fix && options.all != options.arguments.empty())
        throw UsageError("fix takes one check or fix id, or --all");
    if (options.command == Command::fix && options.arguments.size() > 1)
        throw UsageError("fix takes one id at a time (or --all)");
    if (options.command == Command::undo && options.arguments.size() > 1)
        throw UsageError("undo takes at most one journal entry id");
    if (options.command == Command::history && !options.arguments.empty())
        throw UsageError("history takes no arguments");
    // hda retask and hda persist change the system too, with the same preview and question.
    bool changes_system =
        options.command == Command::fix ||
        (options.command == Command::hda && !options.arguments.empty() &&
         (options.arguments.front() == "retask" || options.arguments.front() == "persist"));
    if (options.report &&
        (changes_system || options.command == Command::undo || options.command == Command::history))
        throw UsageError(
            "a report is read, never changed (it has no journal either): check it with "
            "'sndoctor check --report FILE', then fix the machine it came from");
    if ((options.yes || options.dry_run) && !changes_system)
        throw UsageError("--yes and --dry-run go with fix, hda retask and hda persist");
    if (options.all && options.command != Command::fix)
        throw UsageError("--all goes with fix");
    if (options.reset && !(options.command == Command::hda && !options.arguments.empty() &&
                           options.arguments.front() == "retask"))
        throw UsageError("--reset goes with hda retask");
    bool hda_option = options.card || options.codec || options.dump || options.emulate ||
                      options.force || options.gpio_mask || options.gpio_dir || options.gpio_data ||
                      !options.gpio_set.empty();
    if (hda_option && options.command != Command::hda)
        throw UsageError(
            "--card, --codec, --dump, --emulate, --force, --mask, --dir, --data and "
            "--set go with hda");
    if (options.command == Command::hda && options.arguments.empty())
        throw UsageError("hda needs a subcommand: dump, pins, verb, gpio, eapd, retask or persist");
    if (options.dump && options.emulate)
        throw UsageError("--dump reads a codec, --emulate sends verbs to one; give one");
    if (options.yes && options.dry_run)
        throw UsageError("--yes and --dry-run contradict each other");
    return options;
}

}  // namespace sndoctor::cli
