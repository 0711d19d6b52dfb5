#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/result.hpp"
#include "report/report.hpp"

namespace sndoctor {
class Root;
}

namespace sndoctor::report {

/// What `--anonymize` hides, and the placeholder for each: the same original always gives the
/// same placeholder within one report, so "<user-1>" in two sections is one person.
///
/// Hidden: the host name (proc/sys/kernel/hostname, etc/hostname), the names of people's
/// accounts in the root's /etc/passwd (uid 1000 and up, not nobody) and the users named by the
/// process ($USER, SUDO_USER, --user), MAC addresses anywhere in the text, serial numbers (DMI
/// product/board/chassis serial, USB iSerial from sys/bus/usb/devices/*/serial) and the DMI
/// product_uuid. Originals are replaced wherever they occur, inside longer words too, because
/// a name that survives inside a path is still a name; only originals shorter than three
/// characters are replaced as whole words, so that a user "al" does not eat "alsa".
class Anonymizer {
  public:
    /// Gathers the originals from the root and the given user names (empty ones are ignored).
    Anonymizer(const Root& root, const std::vector<std::string>& users);

    /// Adds one original of a kind ("host", "user", "serial", "uuid").
    void add(std::string_view kind, std::string original);

    std::string apply(std::string_view text);
    void apply(Section& section);
    void apply(Report& report);
    void apply(Result& result);

    /// The originals known so far (the tests prove none of them is left in the output).
    std::vector<std::string> originals() const;

  private:
    std::string placeholder(std::string_view kind, const std::string& original);
    std::string replace_macs(std::string_view text);

    struct Original {
        std::string text;
        std::string kind;
    };
    std::vector<Original> m_originals;  ///< longest first, so a longer name wins over a part
    std::map<std::string, std::string> m_placeholders;  ///< original → placeholder
    std::map<std::string, int> m_counts;                ///< kind → placeholders given out
};

}  // namespace sndoctor::report
