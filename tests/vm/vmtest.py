"""Reads a test VM's serial log and checks what the scenario recorded (stdlib only).

The guest prints, for each vm_run NAME, the command's stdout and stderr between
"@@BEGIN NAME stdout" / "@@END NAME stdout" markers and its exit code as "@@RC NAME N"
(tests/vm/guest/lib.sh). A scenario's NAME.py makes a Scenario from its command line
(SERIAL.LOG WORKDIR), states expectations, and ends with raise SystemExit(scenario.finish()).
Every expectation that does not hold prints one "FAIL: ..." line; all of them are checked, so
one run shows every difference.
"""
import json
import re
import sys

_BEGIN = re.compile(r"^@@BEGIN (\S+) (stdout|stderr)$")
_END = re.compile(r"^@@END (\S+) (stdout|stderr)$")
_RC = re.compile(r"^@@RC (\S+) (-?\d+)$")


class Run:
    """One command the guest ran: its exit code and output."""

    def __init__(self, name):
        self.name = name
        self.rc = None
        self.stdout = ""
        self.stderr = ""


def parse_log(text):
    """The runs recorded in a serial log, by name (a name run twice keeps the last)."""
    runs = {}
    current = None  # (name, stream, lines)
    for line in text.replace("\r", "").split("\n"):
        if current is not None:
            end = _END.match(line)
            if end and end.groups() == current[:2]:
                name, stream, lines = current
                # lib.sh adds one newline after the output; joining the lines drops it again.
                setattr(runs.setdefault(name, Run(name)), stream, "\n".join(lines))
                current = None
            else:
                current[2].append(line)
            continue
        begin = _BEGIN.match(line)
        if begin:
            current = (begin.group(1), begin.group(2), [])
            continue
        rc = _RC.match(line)
        if rc:
            runs.setdefault(rc.group(1), Run(rc.group(1))).rc = int(rc.group(2))
    return runs


def _short(value, limit=300):
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


class Scenario:
    def __init__(self, log_path, workdir):
        self.workdir = workdir
        with open(log_path, encoding="utf-8", errors="replace") as f:
            self.runs = parse_log(f.read())
        self.failures = []

    @classmethod
    def from_argv(cls):
        if len(sys.argv) != 3:
            sys.exit(f"usage: {sys.argv[0]} SERIAL.LOG WORKDIR")
        return cls(sys.argv[1], sys.argv[2])

    # -- recording --------------------------------------------------------------------------
    def fail(self, message):
        self.failures.append(message)
        print(f"FAIL: {message}")

    def expect(self, condition, message):
        if not condition:
            self.fail(message)
        return bool(condition)

    def finish(self):
        """The exit status for the runner: 0 when every expectation held."""
        return 1 if self.failures else 0

    # -- what the guest ran -----------------------------------------------------------------
    def run(self, name):
        """The run NAME, or None (recorded as a failure) when the guest never ran it."""
        run = self.runs.get(name)
        if run is None or run.rc is None:
            self.fail(f"{name}: the guest recorded no such command (did the scenario stop early?)")
            return None
        return run

    def expect_rc(self, name, expected):
        """Exit code of NAME is `expected` (an int, or a collection of allowed ints)."""
        run = self.run(name)
        if run is None:
            return False
        allowed = expected if isinstance(expected, (set, frozenset, tuple, list)) else {expected}
        return self.expect(
            run.rc in allowed,
            f"{name}: exit code {run.rc}, expected {_describe(expected)}"
            f"{_output_tail(run)}",
        )

    def uptime(self, name):
        """The first field of `cat /proc/uptime` run as NAME, in seconds; None (a failure)
        when the guest printed no such number."""
        run = self.run(name)
        try:
            return float(run.stdout.split()[0])
        except (AttributeError, IndexError, ValueError):
            self.fail(f"{name}: not an uptime: {run.stdout if run else None!r}")
            return None

    def json(self, name):
        """NAME's stdout as JSON, or None (recorded as a failure) when it is not JSON."""
        run = self.run(name)
        if run is None:
            return None
        try:
            return json.loads(run.stdout)
        except ValueError as e:
            self.fail(f"{name}: stdout is not JSON ({e}): {_short(run.stdout)!r}"
                      f"{_output_tail(run)}")
            return None

    # -- sndoctor check JSON ----------------------------------------------------------------
    def check_result(self, doc, check_id, source):
        """The result of check_id in a sndoctor.check/1 document, or None (a failure)."""
        if doc is None:
            return None
        for result in doc.get("checks", []):
            if result.get("id") == check_id:
                return result
        self.fail(f"{source}: no result for {check_id} in the JSON "
                  f"(ids: {[r.get('id') for r in doc.get('checks', [])]})")
        return None

    def expect_status(self, doc, check_id, expected, source):
        """check_id's status is `expected`; on a difference the message carries the result."""
        result = self.check_result(doc, check_id, source)
        if result is None:
            return None
        self.expect(
            result.get("status") == expected,
            f"{source}: {check_id} is {result.get('status')!r}, expected {expected!r} "
            f"(summary: {result.get('summary')!r}; evidence: {_short(result.get('evidence'))})",
        )
        return result

    def expect_evidence(self, result, predicate, what, source):
        """Some evidence item of `result` satisfies predicate(item)."""
        if result is None:
            return False
        items = result.get("evidence", [])
        return self.expect(
            any(predicate(item) for item in items),
            f"{source}: {result.get('id')} evidence has no {what} (evidence: {_short(items)})",
        )

    def card0_driver(self, name):
        """The driver of card 0 in the /proc/asound/cards that run `name` printed, or None."""
        run = self.run(name)
        if run is None:
            return None
        cards = proc_cards(run.stdout)
        return cards[0][2] if cards and cards[0][0] == 0 else None

    def expect_equal(self, actual, expected, what):
        return self.expect(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


def _describe(expected):
    if isinstance(expected, (set, frozenset, tuple, list)):
        return "one of " + ", ".join(str(v) for v in sorted(expected))
    return str(expected)


def _output_tail(run):
    parts = []
    for stream in ("stdout", "stderr"):
        text = getattr(run, stream).strip()
        if text:
            lines = text.split("\n")
            parts.append(f"{stream}: " + " | ".join(lines[-4:]))
    return (" [" + "; ".join(parts) + "]") if parts else ""


def proc_cards(text):
    """/proc/asound/cards as a list of (index, id, driver, name) for each card's first line."""
    cards = []
    for line in text.split("\n"):
        m = re.match(r"^\s*(\d+) \[(.*?)\s*\]: (\S+) - (.*)$", line)
        if m:
            cards.append((int(m.group(1)), m.group(2), m.group(3), m.group(4).strip()))
    return cards


def report_section(text, title):
    """The body of the alsa-info section `!!title` (without its rule, fold markers and blank
    edges) as a list of lines, or None when the report has no such section."""
    lines = text.split("\n")
    try:
        start = lines.index("!!" + title) + 2  # the header and its !!---- rule
    except ValueError:
        return None
    body = []
    for line in lines[start:]:
        if line.startswith("!!") and not line.startswith("!!-"):
            break
        if line not in ("--startcollapse--", "--endcollapse--"):
            body.append(line)
    while body and not body[0].strip():
        body.pop(0)
    while body and not body[-1].strip():
        body.pop()
    return body
