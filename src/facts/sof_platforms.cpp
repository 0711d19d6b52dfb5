// The Intel SOF platforms by PCI device id. Taken from the kernel's own tables (torvalds/linux):
// sound/soc/sof/intel/pci-skl.c, pci-apl.c, pci-cnl.c, pci-icl.c, pci-tgl.c, pci-mtl.c,
// pci-lnl.c and pci-ptl.c (each sof_pci_ids[] entry and the default_fw_path,
// default_fw_filename, default_lib_path and default_tplg_path of its sof_dev_desc), with the
// device ids that PCI_DEVICE_DATA() names taken from include/linux/pci_ids.h
// (PCI_DEVICE_ID_INTEL_HDA_*). A kernel newer than these files may know more devices; the
// kernel's log names the files it wants, and the check prefers it.
#include "facts/sof_platforms.hpp"

#include <algorithm>

namespace sndoctor {

namespace {

constexpr const char* k_ipc3_dir = "intel/sof";
constexpr const char* k_ipc3_tplg = "intel/sof-tplg";

constexpr SofPlatform k_platforms[] = {
    // pci-skl.c: Skylake and Kaby Lake run Intel's own IPC4 firmware (experimental in SOF).
    {0x9d70, "skl", "sof-audio-pci-intel-skl", 4, "intel/avs/skl", "dsp_basefw.bin", "",
     "intel/avs-tplg"},
    {0x9d71, "kbl", "sof-audio-pci-intel-skl", 4, "intel/avs/kbl", "dsp_basefw.bin", "",
     "intel/avs-tplg"},
    // pci-apl.c
    {0x5a98, "apl", "sof-audio-pci-intel-apl", 3, k_ipc3_dir, "sof-apl.ri", "", k_ipc3_tplg},
    {0x1a98, "apl", "sof-audio-pci-intel-apl", 3, k_ipc3_dir, "sof-apl.ri", "", k_ipc3_tplg},
    {0x3198, "glk", "sof-audio-pci-intel-apl", 3, k_ipc3_dir, "sof-glk.ri", "", k_ipc3_tplg},
    // pci-cnl.c
    {0x9dc8, "cnl", "sof-audio-pci-intel-cnl", 3, k_ipc3_dir, "sof-cnl.ri", "", k_ipc3_tplg},
    {0xa348, "cfl", "sof-audio-pci-intel-cnl", 3, k_ipc3_dir, "sof-cfl.ri", "", k_ipc3_tplg},
    {0x02c8, "cml", "sof-audio-pci-intel-cnl", 3, k_ipc3_dir, "sof-cml.ri", "", k_ipc3_tplg},
    {0x06c8, "cml", "sof-audio-pci-intel-cnl", 3, k_ipc3_dir, "sof-cml.ri", "", k_ipc3_tplg},
    {0xa3f0, "cml", "sof-audio-pci-intel-cnl", 3, k_ipc3_dir, "sof-cml.ri", "", k_ipc3_tplg},
    // pci-icl.c
    {0x34c8, "icl", "sof-audio-pci-intel-icl", 3, k_ipc3_dir, "sof-icl.ri", "", k_ipc3_tplg},
    {0x3dc8, "icl", "sof-audio-pci-intel-icl", 3, k_ipc3_dir, "sof-icl.ri", "", k_ipc3_tplg},
    {0x38c8, "jsl", "sof-audio-pci-intel-icl", 3, k_ipc3_dir, "sof-jsl.ri", "", k_ipc3_tplg},
    {0x4dc8, "jsl", "sof-audio-pci-intel-icl", 3, k_ipc3_dir, "sof-jsl.ri", "", k_ipc3_tplg},
    // pci-tgl.c
    {0xa0c8, "tgl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-tgl.ri", "", k_ipc3_tplg},
    {0x43c8, "tgl-h", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-tgl-h.ri", "", k_ipc3_tplg},
    {0x4b55, "ehl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-ehl.ri", "", k_ipc3_tplg},
    {0x4b58, "ehl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-ehl.ri", "", k_ipc3_tplg},
    {0x7ad0, "adl-s", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl-s.ri", "", k_ipc3_tplg},
    {0x7a50, "rpl-s", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-rpl-s.ri", "", k_ipc3_tplg},
    {0x51c8, "adl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl.ri", "", k_ipc3_tplg},
    {0x51c9, "adl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl.ri", "", k_ipc3_tplg},
    {0x51ca, "rpl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-rpl.ri", "", k_ipc3_tplg},
    {0x51cb, "rpl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-rpl.ri", "", k_ipc3_tplg},
    {0x51cc, "adl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl.ri", "", k_ipc3_tplg},
    {0x51cd, "adl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl.ri", "", k_ipc3_tplg},
    {0x51ce, "rpl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-rpl.ri", "", k_ipc3_tplg},
    {0x51cf, "rpl", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-rpl.ri", "", k_ipc3_tplg},
    {0x54c8, "adl-n", "sof-audio-pci-intel-tgl", 3, k_ipc3_dir, "sof-adl-n.ri", "", k_ipc3_tplg},
    // pci-mtl.c: IPC4 only, ACE topologies.
    {0x7e28, "mtl", "sof-audio-pci-intel-mtl", 4, "intel/sof-ipc4/mtl", "sof-mtl.ri",
     "intel/sof-ipc4-lib/mtl", "intel/sof-ace-tplg"},
    {0x7f50, "arl-s", "sof-audio-pci-intel-mtl", 4, "intel/sof-ipc4/arl-s", "sof-arl-s.ri",
     "intel/sof-ipc4-lib/arl-s", "intel/sof-ace-tplg"},
    {0x7728, "arl", "sof-audio-pci-intel-mtl", 4, "intel/sof-ipc4/arl", "sof-arl.ri",
     "intel/sof-ipc4-lib/arl", "intel/sof-ace-tplg"},
    // pci-lnl.c
    {0xa828, "lnl", "sof-audio-pci-intel-lnl", 4, "intel/sof-ipc4/lnl", "sof-lnl.ri",
     "intel/sof-ipc4-lib/lnl", "intel/sof-ipc4-tplg"},
    // pci-ptl.c
    {0xe428, "ptl", "sof-audio-pci-intel-ptl", 4, "intel/sof-ipc4/ptl", "sof-ptl.ri",
     "intel/sof-ipc4-lib/ptl", "intel/sof-ipc4-tplg"},
    {0xe328, "ptl", "sof-audio-pci-intel-ptl", 4, "intel/sof-ipc4/ptl", "sof-ptl.ri",
     "intel/sof-ipc4-lib/ptl", "intel/sof-ipc4-tplg"},
};

}  // namespace

std::span<const SofPlatform> sof_platforms() {
    return k_platforms;
}

const SofPlatform* find_sof_platform(std::uint16_t device) {
    auto it = std::find_if(std::begin(k_platforms), std::end(k_platforms),
                           [&](const SofPlatform& p) { return p.device == device; });
    return it == std::end(k_platforms) ? nullptr : &*it;
}

}  // namespace sndoctor
