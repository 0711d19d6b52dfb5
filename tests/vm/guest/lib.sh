# Helpers for the scenario scripts (sourced by busybox ash inside the VM).
#
# A scenario records what it observes; it does not judge. vm_run prints each command's output
# and exit code between markers on the serial console, and the host-side NAME.py asserts on them
# (JSON fields, exit codes). The kmod tools are called as /sbin/modprobe etc.: Debian's static
# busybox ash runs its own applets before $PATH, and busybox's modprobe is not kmod's.

# vm_run NAME COMMAND...: runs COMMAND, then prints its stdout, its stderr and its exit code
# under NAME. Output is kept in files first so that stdout (the JSON) is never mixed with stderr.
vm_run() {
    _name=$1
    shift
    "$@" >/tmp/vm-run.out 2>/tmp/vm-run.err </dev/null
    _rc=$?
    # The echo after each cat ends a last line that has no newline, so the marker stays on a
    # line of its own; the host removes exactly that one newline again.
    echo "@@BEGIN $_name stdout"
    cat /tmp/vm-run.out
    echo
    echo "@@END $_name stdout"
    echo "@@BEGIN $_name stderr"
    cat /tmp/vm-run.err
    echo
    echo "@@END $_name stderr"
    echo "@@RC $_name $_rc"
    return 0
}

# vm_fail MESSAGE: the scenario could not set up its state; the host reports MESSAGE.
vm_fail() {
    echo "@@VM-ERROR $*"
    exit 1
}

# vm_wait_codec CARD: HDA probing is asynchronous after modprobe; poll for the codec (it shows
# up 0.3-0.6 s after modprobe under TCG, longer when the host is busy) rather than sleeping.
vm_wait_codec() {
    _tries=0
    while [ ! -e "/proc/asound/card$1/codec#0" ]; do
        _tries=$((_tries + 1))
        [ "$_tries" -le 300 ] || vm_fail "card $1 has no codec#0 30 s after loading the driver"
        sleep 0.1
    done
}

# vm_load MODULE...: loads each module in order with kmod's modprobe, failing the scenario if
# one does not load.
vm_load() {
    for _module in "$@"; do
        /sbin/modprobe "$_module" || vm_fail "/sbin/modprobe $_module failed"
    done
}
