# Scenario hda-persist: an experiment on the live codec through its hwdep device (GPIO 0 driven,
# EAPD set, pin 0x03 retasked to an internal speaker by the configuration-default verbs) becomes a
# boot fix with `sndoctor hda persist`; after the driver loads again, the kernel has read the
# patch file (user_pin_configs, init_verbs). Undo takes the files back. QEMU's codec has no GPIO
# or EAPD and keeps none of these writes, so the commands need --force and the codec answers 0;
# the experiment log is what persist reads. Assertions: hda-persist.py.
. /tests/lib.sh

vm_load snd-hda-intel
vm_wait_codec 0
vm_run gpio sndoctor hda gpio --set 0=on --force
vm_run eapd sndoctor hda eapd 0x03 on --force
vm_run pin0 sndoctor hda verb 0x03 0x71c 0x10
vm_run pin1 sndoctor hda verb 0x03 0x71d 0x01
vm_run pin2 sndoctor hda verb 0x03 0x71e 0x17
vm_run pin3 sndoctor hda verb 0x03 0x71f 0x90
vm_run persist sndoctor hda persist --card 0 --codec 0 --yes
vm_run patch cat /lib/firmware/sndoctor-hda.fw
vm_run conf cat /etc/modprobe.d/50-sndoctor.conf

# The driver loads again (the reload fix, on request) and reads the patch file through its
# patch= option.
vm_run reload sndoctor fix cards.reload-modules --yes
vm_wait_codec 0
vm_run user-pins cat /sys/class/sound/hwC0D0/user_pin_configs
vm_run init-verbs cat /sys/class/sound/hwC0D0/init_verbs

vm_run undo sndoctor undo
vm_run patch-after-undo test -e /lib/firmware/sndoctor-hda.fw
vm_run conf-after-undo test -e /etc/modprobe.d/50-sndoctor.conf
