#include "facts/acpi_addresses.hpp"

#include "core/root.hpp"
#include "core/text.hpp"
#include "facts/facts.hpp"

namespace sndoctor {

namespace {

/// "0x000030025d071101\n": an address file is one number.
constexpr std::size_t k_address_cap = 256;

}  // namespace

AcpiAddresses AcpiAddresses::read(const Root& root) {
    AcpiAddresses found;
    found.present = root.is_dir(k_devices_dir);
    if (!found.present)
        return found;
    for (const auto& entry : root.list(k_devices_dir))
        found.addresses.push_back(FileRead::of(
            root, join_path(join_path(k_devices_dir, entry.name), "adr"), k_address_cap));
    return found;
}

AcpiAddresses AcpiAddresses::load(Facts& facts) {
    return read(facts.root());
}

}  // namespace sndoctor
