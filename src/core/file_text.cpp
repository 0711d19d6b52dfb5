#include "core/file_text.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <utility>

namespace sndoctor {

namespace {

/// A mapping the SIGBUS handler may repair. Plain atomics: the handler reads them while the
/// program may be setting them.
struct Guard {
    std::atomic<std::uintptr_t> start{0};  ///< 0 when the slot is free
    std::atomic<std::size_t> size{0};
    std::atomic<bool> vanished{false};
};

/// A run maps a few files at once (a kernel configuration kept, modules.order while it is
/// scanned); a mapping beyond these is not made and its file is read instead.
constexpr int k_guards = 16;
Guard g_guards[k_guards];
std::size_t g_page_size = 0;
struct sigaction g_previous {};

/// SIGBUS in a guarded mapping: the page past the file's new end becomes a page of zeros (what
/// systemd's journal reader does), so the read that faulted goes on. mmap() is a plain system
/// call on Linux and safe here. Any other SIGBUS gets the previous disposition: the handler
/// returns, the access faults again, and that disposition acts.
void on_sigbus(int, siginfo_t* info, void*) {
    auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (auto& guard : g_guards) {
        std::uintptr_t start = guard.start.load();
        if (start == 0 || address < start || address - start >= guard.size.load())
            continue;
        auto page = reinterpret_cast<void*>(address & ~(g_page_size - 1));
        if (::mmap(page, g_page_size, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) !=
            MAP_FAILED) {
            guard.vanished.store(true);
            return;
        }
        break;
    }
    ::sigaction(SIGBUS, &g_previous, nullptr);
}

/// Installs the handler once; false when it cannot be (then nothing is mapped).
bool handler_installed() {
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] {
        g_page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
        struct sigaction action {};
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        installed = ::sigaction(SIGBUS, &action, &g_previous) == 0;
    });
    return installed;
}

/// A free slot, taken for the mapping at `start`; -1 when all are taken. Nothing reads the new
/// mapping before this returns, so no fault can meet the slot half filled.
int take_guard(std::uintptr_t start, std::size_t size) {
    for (int i = 0; i < k_guards; ++i) {
        std::uintptr_t free_slot = 0;
        if (!g_guards[i].start.compare_exchange_strong(free_slot, start))
            continue;
        g_guards[i].size.store(size);
        g_guards[i].vanished.store(false);
        return i;
    }
    return -1;
}

}  // namespace

std::optional<FileText> FileText::map(int fd, std::size_t size) {
    if (size == 0 || !handler_installed())
        return std::nullopt;
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED)
        return std::nullopt;
    int guard = take_guard(reinterpret_cast<std::uintptr_t>(data), size);
    if (guard < 0) {
        ::munmap(data, size);
        return std::nullopt;
    }
    FileText text;
    text.m_mapped = static_cast<const char*>(data);
    text.m_size = size;
    text.m_guard = guard;
    return text;
}

FileText::FileText(FileText&& other) noexcept
    : m_owned(std::move(other.m_owned)),
      m_mapped(std::exchange(other.m_mapped, nullptr)),
      m_size(std::exchange(other.m_size, 0)),
      m_guard(std::exchange(other.m_guard, -1)) {}

FileText& FileText::operator=(FileText&& other) noexcept {
    if (this != &other) {
        unmap();
        m_owned = std::move(other.m_owned);
        m_mapped = std::exchange(other.m_mapped, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_guard = std::exchange(other.m_guard, -1);
    }
    return *this;
}

FileText::~FileText() {
    unmap();
}

bool FileText::intact() const {
    return m_guard < 0 || !g_guards[m_guard].vanished.load();
}

void FileText::unmap() {
    if (m_mapped == nullptr)
        return;
    // The slot is freed before the pages go: a fault in them can no longer happen, and a new
    // mapping at the same address must not find this one's slot.
    g_guards[m_guard].start.store(0);
    ::munmap(const_cast<char*>(m_mapped), m_size);
    m_mapped = nullptr;
    m_size = 0;
    m_guard = -1;
}

}  // namespace sndoctor
