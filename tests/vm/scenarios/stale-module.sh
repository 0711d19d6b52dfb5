# Scenario stale-module: a snd-dummy.ko built for another kernel sits in updates/ and shadows the
# kernel's own (stale-module.prepare puts it there). sndoctor names it and quarantines it into
# its journal; the kernel's own driver then loads. Assertions: stale-module.py.
. /tests/lib.sh

kver=$(uname -r)
/sbin/depmod || vm_fail "depmod failed"
vm_run modinfo-before /sbin/modinfo -n snd-dummy
vm_run stale-md5 md5sum /lib/modules/"$kver"/updates/snd-dummy.ko
# The copy cannot load: it was made for another kernel.
vm_run modprobe-before /sbin/modprobe snd-dummy
vm_run check-before sndoctor check --json --only modules.stale-snd
vm_run fix sndoctor fix modules.stale-snd --yes
vm_run check-after sndoctor check --json --only modules.stale-snd
vm_run updates-after find /lib/modules/"$kver"/updates -name 'snd-dummy.ko*'
# Quarantined, not deleted: the same bytes are somewhere in the journal.
vm_run journal-md5 find /var/lib/sndoctor/journal -type f -exec md5sum {} +
vm_run modinfo-after /sbin/modinfo -n snd-dummy
vm_run modprobe-after /sbin/modprobe snd-dummy
# The kernel's own module is signed; an unsigned copy would have tainted it with E.
vm_run taint cat /sys/module/snd_dummy/taint
vm_run cards cat /proc/asound/cards
