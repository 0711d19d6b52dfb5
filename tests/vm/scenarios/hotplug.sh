# Scenario hotplug: the assistant on the live system re-runs its checks when a sound card
# vanishes and comes back (libudev's monitor, after udevd has handled the kernel's events). The
# HD-Audio controller is removed from the PCI bus and found again by a rescan, with the
# assistant open in tmux the whole time. Assertions: hotplug.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0
# The driver's device: /sys/class/sound/card0/device is the PCI function.
controller=$(readlink -f /sys/class/sound/card0/device)
[ -e "$controller/remove" ] || vm_fail "card 0 has no PCI device to remove ($controller)"

/usr/lib/systemd/systemd-udevd --daemon || vm_fail "udevd did not start"
udevadm settle

sock=/tmp/tmux.sock
screen() { tmux -S "$sock" capture-pane -p -t t; }
# wait_screen TEXT: polls the pane until TEXT shows (60 s under TCG at most).
wait_screen() {
    _tries=0
    while ! screen | grep -qF "$1"; do
        _tries=$((_tries + 1))
        [ "$_tries" -le 600 ] || return 1
        sleep 0.1
    done
}

export LANG=C.UTF-8
tmux -u -S "$sock" new-session -d -s t -x 100 -y 30 "TERM=screen sndoctor --user alice" ||
    vm_fail "tmux did not start"
# Only cards.present in the list, so its row is in sight whatever else the list holds.
wait_screen "cards.present" || vm_fail "the assistant did not open: $(screen)"
tmux -S "$sock" send-keys -t t -l "/cards.present"
tmux -S "$sock" send-keys -t t Enter
wait_screen 'filter "cards.present"' || vm_fail "the filter did not take"
wait_screen "PASS  cards.present"
vm_run screen-before screen

echo 1 >"$controller/remove"
wait_screen "FAIL  cards.present"
vm_run screen-removed screen
vm_run cards-removed cat /proc/asound/cards

echo 1 >/sys/bus/pci/rescan
vm_wait_codec 0
wait_screen "PASS  cards.present"
vm_run screen-back screen

# q leaves the assistant, which ends the session and the server; kill-server only makes sure.
tmux -S "$sock" send-keys -t t -l q
tmux -S "$sock" kill-server 2>/dev/null || :
