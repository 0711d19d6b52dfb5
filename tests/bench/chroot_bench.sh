#!/usr/bin/env bash
# Benchmark (not a timed test): `sndoctor report` and `sndoctor check` against Debian's
# alsa-info.sh, all three collecting from the same files: a copy of the demo root entered with
# chroot, where /proc and /sys are the demo's plain files, so alsa-info.sh (with its tools, from
# the host's /usr mounted read-only) and sndoctor's live source read the same system. Prints the
# median of RUNS runs of each and the ratios; asserts only that each run wrote its output and
# that sndoctor did inside all it does on a real system (no check skipped for want of
# something the chroot lacks).
#
# Usage: tests/bench/chroot_bench.sh SNDOCTOR_BIN DEMO_ROOT [RUNS]
# Needs root (chroot and bind mounts); without it it says so and exits 0 with no figures. It runs
# in a mount namespace of its own, so its mounts are never seen outside it and vanish with it
# even if it is killed; it still unmounts them on exit and checks that none is left.
set -euo pipefail

bin=${1:?usage: chroot_bench.sh SNDOCTOR_BIN DEMO_ROOT [RUNS]}
demo=${2:?usage: chroot_bench.sh SNDOCTOR_BIN DEMO_ROOT [RUNS]}
runs=${3:-10}
alsa_info=/usr/sbin/alsa-info

if [[ $(id -u) -ne 0 ]]; then
    echo "chroot benchmark: needs root (chroot(2) and bind mounts of /usr into a copy of the" \
         "demo root); skipped, no figures"
    exit 0
fi
if [[ ! -x $alsa_info ]]; then
    echo "chroot benchmark: $alsa_info (Debian's alsa-utils) is not installed; skipped"
    exit 0
fi
if [[ -z ${SNDOCTOR_CHROOT_BENCH_NS:-} ]]; then
    exec env SNDOCTOR_CHROOT_BENCH_NS=1 unshare --mount --propagation private -- "$0" "$@"
fi

work=$(mktemp -d /tmp/sndoctor-chroot-bench.XXXXXX)
copy=$work/root
mounted=()

cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    if grep -q " $work" /proc/self/mountinfo; then
        echo "chroot benchmark: still mounted under $work:" >&2
        grep " $work" /proc/self/mountinfo >&2
        exit 1
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# Read-only, so nothing run inside can change the host's files through the copy.
bind_ro() {
    local source=$1 target=$copy/$2
    [[ -e $source ]] || return 0
    if [[ -d $source ]]; then mkdir -p "$target"; else touch "$target"; fi
    mount --bind "$source" "$target"
    mounted+=("$target")
    mount -o remount,bind,ro "$target"
}

cp -a "$demo" "$copy"
for dir in usr/bin usr/sbin usr/lib usr/lib64 usr/libexec usr/share/misc usr/share/alsa \
           etc/alternatives; do
    bind_ro "/$dir" "$dir"
done
# Debian's loader is /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/..., and the demo's
# lib/ is a real directory (its module trees), so the libraries are mounted there too.
bind_ro /usr/lib/x86_64-linux-gnu lib/x86_64-linux-gnu
# libudev looks for udev's hardware database (PCI names) under /lib/udev, which is /usr/lib/udev
# on Debian; without it both programs would parse the whole pci.ids instead.
bind_ro /usr/lib/udev lib/udev
for link in bin sbin lib64; do
    [[ -e $copy/$link || -L $copy/$link ]] || ln -s "usr/$link" "$copy/$link"
done
mkdir -p "$copy/dev" "$copy/tmp" "$copy/offline"
chmod 1777 "$copy/tmp"
rm -f "$copy/dev/null"
touch "$copy/dev/null"
mount --bind /dev/null "$copy/dev/null"
mounted+=("$copy/dev/null")
cp "$bin" "$copy/sndoctor"
# The model list codec.quirk reads, where an installed sndoctor has it (the build's own data
# directory is outside the chroot).
mkdir -p "$copy/usr/local/share/sndoctor"
cp "$(dirname "$0")/../../data/hda-models.txt" "$copy/usr/local/share/sndoctor/"
# The demo's /proc is plain files, but every real system has /proc/self: sndoctor finds the
# in-root path of a file it opened there (for libpci and libkmod, which take paths), and
# without it skips the PCI and module checks, doing less work than on any real machine. So a
# real procfs is mounted beside the demo's files and /proc/self leads into it.
mkdir -p "$copy/.procfs"
mount -t proc proc "$copy/.procfs"
mounted+=("$copy/.procfs")
ln -s /.procfs/self "$copy/proc/self"
# alsa-info.sh runs with --no-upload, which never reaches its network code; on top of that its
# wget and curl fail at once and the proxies point at a closed port.
for tool in wget curl; do
    printf '#!/bin/sh\nexit 1\n' >"$copy/offline/$tool"
    chmod +x "$copy/offline/$tool"
done

inside() {
    env -i PATH=/offline:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 \
        http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 chroot "$copy" "$@"
}

# One run of each first: each must have written its output (the report's codec section, the
# table's tally), which proves it ran inside and read the demo; it also warms the caches.
inside "$alsa_info" --stdout --no-upload >"$work/alsa-info.txt" 2>/dev/null || true
inside /sndoctor report >"$work/report.txt" 2>/dev/null || true
inside /sndoctor check >"$work/check.txt" 2>&1 || true
grep -q '^Codec: ' "$work/alsa-info.txt" ||
    { echo "chroot benchmark: alsa-info wrote no codec section inside the chroot" >&2; exit 1; }
grep -q '^Codec: ' "$work/report.txt" ||
    { echo "chroot benchmark: sndoctor report wrote no codec section inside the chroot" >&2; exit 1; }
grep -Eq '^[0-9]+ (failed|warned|passed)' "$work/check.txt" ||
    { echo "chroot benchmark: sndoctor check printed no tally inside the chroot" >&2; exit 1; }
# sndoctor must do the work it does on a real system: every check ran, and the PCI and module
# checks did not skip for want of something the chroot lacks.
if grep -Eq 'could not run|SKIP  (pci\.driver-bound|modules\.stale-snd) ' "$work/check.txt"; then
    echo "chroot benchmark: sndoctor check did less inside the chroot than on the demo root:" >&2
    cat "$work/check.txt" >&2
    exit 1
fi

# RUNS rounds, each one run of alsa-info, of report and of check, in turns, so that a slower or
# faster spell of this machine falls on all three alike. The runs start from one shell in the
# chroot, as from a user's shell (a fork and exec each), and bash's own clock ($EPOCHREALTIME)
# times them: no clock program, env or chroot(1) start falls inside a time (those cost some
# 2.5 ms a run here, a third of a report's time). Both programs write their report to standard
# output, here /dev/null: `report -o FILE` would add an atomic write with fsync (about 1 ms
# here) that alsa-info's --stdout does not make. One line a round: the three times in us.
# shellcheck disable=SC2016  # expanded by the shell inside the chroot
times=$(inside /bin/bash -c '
    us() { local start=$EPOCHREALTIME; "$@" >/dev/null 2>&1; local end=$EPOCHREALTIME
           echo $(( (${end/./} - ${start/./}) )); }
    for ((i = 0; i < $1; i++)); do
        echo "$(us "$2" --stdout --no-upload) $(us /sndoctor report) $(us /sndoctor check)"
    done' bash "$runs" "$alsa_info")

# The median of column $1 of the times, in ms.
median_ms() {
    awk -v c="$1" '{ print $c }' <<<"$times" | sort -n |
        awk '{ t[NR] = $1 } END { printf "%.1f", t[int(NR / 2) + 1] / 1000 }'
}

alsa_ms=$(median_ms 1)
report_ms=$(median_ms 2)
check_ms=$(median_ms 3)

echo "sndoctor against alsa-info.sh in a chroot of the demo root (median of $runs runs)"
printf '  %-44s %9s\n' "what (whole programs, from a shell inside)" "median ms"
printf '  %-44s %9s\n' "alsa-info --stdout --no-upload" "$alsa_ms" \
    "sndoctor report" "$report_ms" "sndoctor check" "$check_ms"
awk -v a="$alsa_ms" -v r="$report_ms" -v c="$check_ms" 'BEGIN {
    printf "  ratio: report is %.1fx faster than alsa-info (goal: at least 20x), check %.1fx\n",
        a / r, a / c }'
# For scripts/bench-table, which gathers every benchmark's figures into one table.
echo "FIGURE chroot.alsa-info $alsa_ms ms"
echo "FIGURE chroot.report $report_ms ms"
echo "FIGURE chroot.check $check_ms ms"
