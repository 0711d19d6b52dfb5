#include "facts/nhlt.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace sndoctor {

namespace {

/// The standard ACPI table header: signature, length, revision, checksum, OEM ids.
constexpr std::size_t k_header_size = 36;
/// An endpoint descriptor up to its link-specific configuration: length (4), link type,
/// instance, vendor (2), device (2), revision (2), subsystem (4), device type, direction,
/// virtual bus.
constexpr std::size_t k_endpoint_fixed = 19;

std::uint32_t le32(std::string_view bytes, std::size_t at) {
    auto b = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i]));
    };
    return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

}  // namespace

bool Nhlt::has_dmic() const {
    return std::any_of(endpoints.begin(), endpoints.end(),
                       [](const NhltEndpoint& e) { return e.link == NhltLink::pdm; });
}

Nhlt Nhlt::parse(std::string_view bytes, const std::string& path) {
    if (bytes.size() < k_header_size + 1 || bytes.substr(0, 4) != "NHLT")
        throw InputError(path, "does not start with an NHLT table header");
    std::uint32_t length = le32(bytes, 4);
    if (length > bytes.size() || length < k_header_size + 1)
        throw InputError(path, "says it is " + std::to_string(length) + " bytes long, but " +
                                   std::to_string(bytes.size()) + " bytes were read");
    bytes = bytes.substr(0, length);
    Nhlt table;
    std::size_t count = static_cast<unsigned char>(bytes[k_header_size]);
    std::size_t at = k_header_size + 1;
    for (std::size_t i = 0; i < count; ++i) {
        if (at + k_endpoint_fixed > bytes.size())
            throw InputError(path, "endpoint " + std::to_string(i + 1) + " of " +
                                       std::to_string(count) + " runs past the end");
        std::uint32_t size = le32(bytes, at);
        if (size < k_endpoint_fixed || size > bytes.size() - at)
            throw InputError(path, "endpoint " + std::to_string(i + 1) + " has a bad length (" +
                                       std::to_string(size) + ")");
        auto link = static_cast<unsigned char>(bytes[at + 4]);
        NhltEndpoint endpoint;
        endpoint.link = link <= 3 ? static_cast<NhltLink>(link) : NhltLink::other;
        endpoint.device_type = static_cast<std::uint8_t>(bytes[at + 16]);
        endpoint.direction = static_cast<std::uint8_t>(bytes[at + 17]);
        table.endpoints.push_back(endpoint);
        at += size;
    }
    return table;
}

}  // namespace sndoctor
