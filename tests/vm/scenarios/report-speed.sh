# Benchmark report-speed (run only when named: scripts/bench): `sndoctor report` and `check` against
# Debian's alsa-info.sh on the same system, a Debian guest whose HDA card works, so both do
# their full work (codecs, mixer, modules). Each runs RUNS times after one warm-up, taking turns;
# the times come from /proc/uptime. report-speed.py prints the figures and asserts nothing about
# them.
. /tests/lib.sh

RUNS=15
vm_load snd-hda-intel
vm_wait_codec 0

# The warm-ups also show that both wrote a full report (the host checks the codec section).
vm_run warm-sndoctor sh -c 'sndoctor report >/tmp/sndoctor.txt'
vm_run warm-sndoctor-codec grep -c '^Codec: ' /tmp/sndoctor.txt
vm_run warm-sndoctor-pci sed -n '/^!!PCI Soundcards/,/^!!Modprobe/p' /tmp/sndoctor.txt
vm_run warm-alsa-info sh -c '/usr/sbin/alsa-info --stdout --no-upload >/tmp/alsa-info.txt'
vm_run warm-alsa-info-codec grep -c '^Codec: ' /tmp/alsa-info.txt

# The programs take turns, so that a slower or faster spell of the host (QEMU shares it) falls
# on all of them alike; each run is timed alone. The clock is /proc/uptime read by the shell
# itself (no program starts inside a time), in 10 ms steps: a report takes some 25 of them.
# Both programs write their report to standard output: `report -o FILE` would add an atomic
# write with fsync that alsa-info's --stdout does not make.
: >/tmp/times
i=0
while [ "$i" -lt "$RUNS" ]; do
    read -r t0 _ </proc/uptime
    sndoctor report >/dev/null 2>&1
    read -r t1 _ </proc/uptime
    /usr/sbin/alsa-info --stdout --no-upload >/dev/null 2>&1
    read -r t2 _ </proc/uptime
    # What starting the program costs here (loading Debian's libasound, libkmod with
    # libcrypto...), the part of a report no code of sndoctor's can shorten.
    sndoctor --version >/dev/null 2>&1
    read -r t3 _ </proc/uptime
    # `sndoctor check` on the same system, the other half of the issue's comparison.
    sndoctor check >/dev/null 2>&1
    read -r t4 _ </proc/uptime
    echo "$t0 $t1 $t2 $t3 $t4" >>/tmp/times
    i=$((i + 1))
done
vm_run times cat /tmp/times
