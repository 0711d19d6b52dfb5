# Scenario driver-blacklisted: pci.driver-bound against the real kernel. snd_hda_intel is
# blacklisted in /etc/modprobe.d and not loaded, so QEMU's HD-Audio controller (8086:2668) has
# no driver; the check names the blacklist line, pci.enable-driver comments it out and loads the
# driver, the card comes, and undo puts the line back byte for byte. Assertions:
# driver-blacklisted.py.
. /tests/lib.sh

conf=/etc/modprobe.d/blacklist-sound.conf
printf '# The onboard sound hummed on the old board\nblacklist snd_hda_intel\n' >"$conf"
# A driver that was loaded once and unloaded, as after a boot where the blacklist took hold only
# for udev's load by modalias (no udev runs here, so nothing loads it by itself).
vm_load snd-hda-intel
vm_wait_codec 0
/sbin/modprobe -r snd_hda_intel || vm_fail "/sbin/modprobe -r snd_hda_intel failed"

# QEMU places the controller where its command line puts it: found by its ids.
hda=
for dev in /sys/bus/pci/devices/*; do
    [ "$(cat "$dev/vendor"):$(cat "$dev/device")" = 0x8086:0x2668 ] && hda=$dev
done
[ -n "$hda" ] || vm_fail "no 8086:2668 device in /sys/bus/pci/devices"
vm_run conf-before md5sum "$conf"
vm_run address basename "$hda"
vm_run driver-before readlink "$hda/driver"
vm_run check-before sndoctor check --only pci.driver-bound --json
vm_run fix sndoctor fix pci.enable-driver --yes
vm_wait_codec 0
vm_run cards cat /proc/asound/cards
vm_run conf-after cat "$conf"
vm_run driver-after readlink "$hda/driver"
vm_run check-after sndoctor check --only pci.driver-bound --json
vm_run undo sndoctor undo
vm_run conf-undone md5sum "$conf"
# The driver stays loaded after undo (unloading would fail while a program holds the card);
# unloaded again, the check finds the restored blacklist.
vm_run check-undone sndoctor check --only pci.driver-bound --json
vm_run unload /sbin/modprobe -r snd_hda_intel
vm_run check-unloaded sndoctor check --only pci.driver-bound --json
