"""Benchmark report-speed: prints the median wall time of `sndoctor report` and of alsa-info.sh
in the same guest, the programs taking turns, and their ratio (the report issue's goal is at
least 20x), for the rounds with the guest's address-space randomisation off and, beside them,
those with it on. Only that both ran and wrote the codec section is asserted; a time is a figure,
never a pass/fail. Under `run --accel tcg-icount` the figures are guest instructions (a "ms" is a
million), for weighing a change, and no FIGURE line is printed."""
import os

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
# alsa-info.sh did its whole work too: Debian's lspci ran (report-speed.prepare).
pci = s.run("warm-alsa-info-pci")
s.expect(pci is not None and "(ICH6 Family) High Definition Audio Controller [8086:2668]" in pci.stdout,
         f"warm-alsa-info-pci: alsa-info.sh wrote no PCI section: {pci.stdout if pci else None!r}")

# One line per round: the guest's randomize_va_space, then the clock (bash's $EPOCHREALTIME, in
# seconds) before and after report, alsa-info, --version and check.
times = s.run("times")
rounds = {0: [], 2: []}
for line in (times.stdout if times else "").splitlines():
    if line.startswith("warm-up "):
        continue  # the untimed first round with randomisation off
    try:
        fields = [float(field) for field in line.split()]
    except ValueError:
        s.fail(f"times: not times: {line!r}")
        continue
    if len(fields) == 9 and int(fields[0]) in rounds:
        rounds[int(fields[0])].append(fields[1:])
s.expect(all(rounds.values()), "times: no timed round with randomisation off, or none with it on")


def median_ms(spans_of, index):
    """The median time in ms of program INDEX (0 report, 1 alsa-info, 2 --version, 3 check)."""
    spans = sorted((r[2 * index + 1] - r[2 * index]) * 1000 for r in spans_of)
    return spans[len(spans) // 2]


def figures(aslr, heading, key_suffix):
    """Prints the medians and ratios of the rounds run with randomize_va_space ASLR."""
    sndoctor_ms, alsa_info_ms, startup_ms, check_ms = (median_ms(rounds[aslr], i)
                                                       for i in range(4))
    runs = len(rounds[aslr])
    print(heading)
    print(f"  sndoctor report (whole program)   {sndoctor_ms:9.1f} ms median of {runs} runs")
    print(f"  sndoctor check (whole program)    {check_ms:9.1f} ms median of {runs} runs")
    print(f"  alsa-info --stdout --no-upload    {alsa_info_ms:9.1f} ms median of {runs} runs")
    print(f"  sndoctor --version (startup)      {startup_ms:9.1f} ms median of {runs} runs")
    if sndoctor_ms > 0 and check_ms > 0:
        print(f"  ratio: report is {alsa_info_ms / sndoctor_ms:.1f}x faster (goal: at least 20x), "
              f"check {alsa_info_ms / check_ms:.1f}x")
    if icount:
        return  # instructions, not times: no figure for the benchmark table
    # For scripts/bench-table, which gathers every benchmark's figures into one table.
    print(f"FIGURE vm.report{key_suffix} {sndoctor_ms:.1f} ms")
    print(f"FIGURE vm.check{key_suffix} {check_ms:.1f} ms")
    print(f"FIGURE vm.alsa-info{key_suffix} {alsa_info_ms:.1f} ms")


# `run --accel tcg-icount`: the guest's clock counts instructions, a "ms" is a million of them.
icount = os.environ.get("VM_ACCEL") == "tcg-icount"
if all(rounds.values()):
    print("Guest under QEMU TCG, the programs taking turns, timed by bash's $EPOCHREALTIME.")
    if icount:
        print("The guest's clock counts instructions (--accel tcg-icount): each ms below is a "
              "million guest instructions, not time.")
    figures(0, "With the guest's address-space randomisation off (TCG translates a program's "
            "code once, not again at every run's new addresses):", "")
    figures(2, "With it on (every run's code translated anew, a cost no real CPU has):", "-aslr")
raise SystemExit(s.finish())
