#pragma once

#include <exception>
#include <map>
#include <memory>
#include <typeindex>

#include "core/environment.hpp"
#include "core/root.hpp"

namespace sndoctor {

/// The shared, lazily parsed views of one system for one run (DESIGN.md "Facts"). A fact is any
/// type with `static Fact load(Facts&)`; the first check that asks for it pays for the parse,
/// every later one gets the same object. A load that throws is remembered too, so a broken file
/// is read once and every check that needs it reports the same error.
class Facts {
  public:
    Facts(const Root& root, Environment env) : m_root(root), m_env(std::move(env)) {}
    Facts(const Facts&) = delete;
    Facts& operator=(const Facts&) = delete;

    const Root& root() const { return m_root; }
    const Environment& env() const { return m_env; }

    template <class Fact>
    const Fact& get() {
        auto key = std::type_index(typeid(Fact));
        auto it = m_entries.find(key);
        if (it == m_entries.end()) {
            Entry entry;
            ++m_load_counts[key];
            try {
                entry.value = std::make_shared<Fact>(Fact::load(*this));
            } catch (...) {
                entry.failure = std::current_exception();
            }
            it = m_entries.emplace(key, std::move(entry)).first;
        }
        if (it->second.failure)
            std::rethrow_exception(it->second.failure);
        return *static_cast<const Fact*>(it->second.value.get());
    }

    /// How many times a fact was parsed in this run (the engine's tests prove it is once).
    template <class Fact>
    int load_count() const {
        auto it = m_load_counts.find(std::type_index(typeid(Fact)));
        return it == m_load_counts.end() ? 0 : it->second;
    }

  private:
    struct Entry {
        std::shared_ptr<const void> value;
        std::exception_ptr failure;
    };

    const Root& m_root;
    Environment m_env;
    std::map<std::type_index, Entry> m_entries;
    std::map<std::type_index, int> m_load_counts;
};

}  // namespace sndoctor
