"""Benchmark report-speed: prints the median wall time of `sndoctor report` and of alsa-info.sh
in the same guest, the programs taking turns, and their ratio (the report issue's goal is at
least 20x). Only that both ran and wrote the codec section is asserted; a time is a figure,
never a pass/fail."""
from vmtest import Scenario

s = Scenario.from_argv()
for name in ("warm-sndoctor", "warm-alsa-info"):
    s.expect_rc(name, 0)
for name in ("warm-sndoctor-codec", "warm-alsa-info-codec"):
    run = s.run(name)
    s.expect(run is not None and run.stdout.strip() == "1", f"{name}: no 'Codec:' line written")
# QEMU's HDA controller, named on the live system (from udev's hwdb when the guest has one).
pci = s.run("warm-sndoctor-pci")
s.expect(pci is not None and "(ICH6 Family) High Definition Audio Controller" in pci.stdout,
         f"warm-sndoctor-pci: the controller is not named: {pci.stdout if pci else None!r}")

# One line per round: the uptime before and after report, alsa-info, --version and check.
times = s.run("times")
rounds = []
for line in (times.stdout if times else "").splitlines():
    try:
        rounds.append([float(field) for field in line.split()])
    except ValueError:
        s.fail(f"times: not uptimes: {line!r}")
rounds = [r for r in rounds if len(r) == 8]
s.expect(len(rounds) > 0, "times: no timed round")


def median_ms(index):
    """The median time in ms of program INDEX (0 report, 1 alsa-info, 2 --version, 3 check)."""
    spans = sorted((r[2 * index + 1] - r[2 * index]) * 1000 for r in rounds)
    return spans[len(spans) // 2]


if rounds:
    sndoctor_ms, alsa_info_ms, startup_ms, check_ms = (median_ms(i) for i in range(4))
    runs = len(rounds)
    print(f"sndoctor report (whole program)   {sndoctor_ms:9.1f} ms median of {runs} runs")
    print(f"sndoctor check (whole program)    {check_ms:9.1f} ms median of {runs} runs")
    print(f"alsa-info --stdout --no-upload    {alsa_info_ms:9.1f} ms median of {runs} runs")
    print(f"sndoctor --version (startup)      {startup_ms:9.1f} ms median of {runs} runs")
    if sndoctor_ms > 0 and check_ms > 0:
        print(f"ratio: report is {alsa_info_ms / sndoctor_ms:.1f}x faster (goal: at least 20x), "
              f"check {alsa_info_ms / check_ms:.1f}x; guest under QEMU TCG, the programs taking "
              "turns, times from /proc/uptime (10 ms steps)")
    # For scripts/bench-table, which gathers every benchmark's figures into one table.
    print(f"FIGURE vm.report {sndoctor_ms:.1f} ms")
    print(f"FIGURE vm.check {check_ms:.1f} ms")
    print(f"FIGURE vm.alsa-info {alsa_info_ms:.1f} ms")
raise SystemExit(s.finish())
