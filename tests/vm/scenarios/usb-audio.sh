# vm-usb: audio
# Scenario usb-audio: QEMU's USB Audio Class 1 device on an xHCI controller, driven by
# snd-usb-audio. sndoctor's report carries its USB Descriptors (lsusb -v, made from sysfs) and
# its USB Stream information. Assertions: usb-audio.py.
. /tests/lib.sh

# No udev runs here to load drivers by modalias: the controller's and the card's are loaded by
# hand; snd-usb-audio then binds the device that is already there.
vm_load xhci-pci snd-usb-audio
tries=0
while [ ! -e /proc/asound/card0/usbbus ]; do
    tries=$((tries + 1))
    [ "$tries" -le 300 ] || vm_fail "no USB sound card 30 s after loading snd-usb-audio"
    sleep 0.1
done
vm_run cards cat /proc/asound/cards
vm_run usbbus cat /proc/asound/card0/usbbus
# The card's device as sysfs shows it, and its descriptors file as bytes (the assertions parse
# them independently; tests/report/usb_descriptors_test.cpp holds this dump).
vm_run sysfs sh -c 'for d in /sys/bus/usb/devices/*; do
    [ -f "$d/descriptors" ] || continue
    echo "$d $(cat $d/busnum)/$(cat $d/devnum) $(cat $d/idVendor):$(cat $d/idProduct)"
done'
vm_run descriptors sh -c 'IFS=/ read -r bus dev </proc/asound/card0/usbbus
for d in /sys/bus/usb/devices/*; do
    [ -f "$d/descriptors" ] || continue
    [ "$(cat $d/busnum)" -eq "$bus" ] && [ "$(cat $d/devnum)" -eq "$dev" ] \
        && od -An -tx1 -v "$d/descriptors"
done'
vm_run report sndoctor report -o /tmp/report.txt
vm_run report-text cat /tmp/report.txt
vm_run report-json sndoctor report --format json
