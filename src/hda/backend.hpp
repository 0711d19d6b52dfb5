#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "hda/verbs.hpp"

/// What answers verbs: the kernel's hwdep device of a live codec (hwdep_backend.cpp) or a codec
/// emulated from a dump (emulated_codec.hpp). Everything above this interface (the commands,
/// the experiment log, later the TUI) works the same on both.
namespace sndoctor::hda {

/// Why a backend could not be reached or could not send a verb; each kind has its own advice.
enum class BackendFailure {
    no_device,   ///< no hwdep node: kernel without CONFIG_SND_HDA_HWDEP, or no such card/codec
    busy,        ///< another program holds the codec's hwdep device (it is exclusive)
    permission,  ///< needs root or CAP_SYS_RAWIO
    not_hwdep,   ///< the path is not an HD-Audio hwdep device
    io,          ///< the ioctl itself failed
};

/// A failure to reach the codec: what went wrong, and what to do about it.
class BackendError : public std::runtime_error {
  public:
    BackendError(BackendFailure failure, std::string message, std::string hint)
        : std::runtime_error(message), m_failure(failure), m_hint(std::move(hint)) {}

    BackendFailure failure() const { return m_failure; }
    const std::string& hint() const { return m_hint; }

  private:
    BackendFailure m_failure;
    std::string m_hint;
};

class Backend {
  public:
    virtual ~Backend() = default;

    /// Sends one verb and returns the codec's 32-bit response. k_no_response (0xffffffff) means
    /// the driver refused the command or the codec did not answer; SET verbs usually answer 0.
    /// Throws BackendError when the verb could not be sent at all.
    virtual std::uint32_t execute(const Verb& verb) = 0;
    /// Who answers, for messages: "/dev/snd/hwC0D0", "codec 0 emulated from FILE".
    virtual std::string description() const = 0;
    /// The codec address (D in hwC<card>D<address>).
    virtual int codec_address() const = 0;
};

/// The hwdep node of a codec, as a path inside the root: /dev/snd/hwC<card>D<address>.
std::string hwdep_node_path(int card, int codec_address);

/// Opens a codec's hwdep device and checks that it speaks the HD-Audio hwdep protocol (version
/// 1.0.0 or later). `host_path` is where to open it; `shown_path` is how messages name it (the
/// path inside the root). Throws BackendError with the reason and what to do.
std::unique_ptr<Backend> open_hwdep(const std::string& host_path, const std::string& shown_path,
                                    int codec_address);

/// The error for an errno from opening a hwdep node: ENOENT/ENODEV/ENXIO (no such device),
/// EBUSY (another program has it), EACCES/EPERM (root or CAP_SYS_RAWIO, with the node's owner
/// and mode when it can be seen), anything else as it is.
BackendError hwdep_open_error(int error_number, const std::string& host_path,
                              const std::string& shown_path);

}  // namespace sndoctor::hda
