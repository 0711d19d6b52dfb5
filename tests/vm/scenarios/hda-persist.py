"""Scenario hda-persist: a live codec experiment becomes a patch file the kernel reads at probe."""
from vmtest import Scenario

s = Scenario.from_argv()


def lines_of(name):
    run = s.run(name)
    return [line.strip() for line in run.stdout.split("\n") if line.strip()] if run else []


for name in ("gpio", "eapd", "pin0", "pin1", "pin2", "pin3"):
    s.expect_rc(name, 0)
s.expect_rc("persist", 0)

patch = lines_of("patch")
s.expect("0x1af40022 0x1af40022 0" in patch,
         f"patch: no [codec] line for QEMU's codec at address 0: {patch}")
s.expect("0x03 0x90170110" in patch, f"patch: no [pincfg] line '0x03 0x90170110': {patch}")
for verb in ("0x01 0x716 0x01", "0x01 0x717 0x01", "0x01 0x715 0x01", "0x03 0x70c 0x02"):
    s.expect(verb in patch, f"patch: no [verb] line '{verb}': {patch}")
s.expect("options snd-hda-intel patch=sndoctor-hda.fw" in lines_of("conf"),
         f"conf: no patch= option: {lines_of('conf')}")

s.expect_rc("reload", 0)
# After the reload the kernel has applied the patch: the pin override and the init verbs.
s.expect_equal(lines_of("user-pins"), ["0x03 0x90170110"], "user-pins: user_pin_configs")
init_verbs = lines_of("init-verbs")
for verb in ("0x01 0x716 0x0001", "0x01 0x717 0x0001", "0x01 0x715 0x0001", "0x03 0x70c 0x0002"):
    s.expect(verb in init_verbs, f"init-verbs: no '{verb}' in {init_verbs}")

s.expect_rc("undo", 0)
s.expect_rc("patch-after-undo", 1)
s.expect_rc("conf-after-undo", 1)

raise SystemExit(s.finish())
