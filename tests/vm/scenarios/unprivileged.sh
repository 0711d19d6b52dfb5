# Scenario unprivileged: alice (not root) asks sndoctor to fix VirMIDI on card 0. The fix needs
# root: sndoctor must say so, name the command to run as root, and change nothing.
# Assertions: unprivileged.py.
. /tests/lib.sh

vm_load snd-virmidi snd-hda-intel
vm_wait_codec 1
vm_run cards-before cat /proc/asound/cards
vm_run whoami su -s /bin/sh alice -c 'id -u'
vm_run fix su -s /bin/sh alice -c 'sndoctor fix cards.virmidi-index --yes'
vm_run conf-after test -e /etc/modprobe.d/50-sndoctor.conf
vm_run journal-after test -e /var/lib/sndoctor/journal
vm_run cards-after cat /proc/asound/cards

# alice talks to the codec: /dev/snd/hwC1D0 is root's (no udev), and the kernel wants
# CAP_SYS_RAWIO on top; sndoctor must say which permission is missing.
vm_run hwdep-mode ls -l /dev/snd/hwC1D0
vm_run verb su -s /bin/sh alice -c 'sndoctor hda verb --card 1 --codec 0 0x00 PARAMETERS VENDOR_ID'
