#include "tree_snapshot.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace sndoctor::testing {

namespace fs = std::filesystem;

namespace {

bool is_journal(const std::string& rel) {
    return rel == "var/lib/sndoctor" || rel.starts_with("var/lib/sndoctor/");
}

}  // namespace

TreeSnapshot snapshot_tree(const fs::path& dir) {
    TreeSnapshot snapshot;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it) {
        std::string rel = it->path().lexically_relative(dir).string();
        if (is_journal(rel)) {
            if (it->is_directory() && !it->is_symlink())
                it.disable_recursion_pending();
            continue;
        }
        struct stat st {};
        ::lstat(it->path().c_str(), &st);
        TreeEntry entry;
        entry.mode = st.st_mode & 07777;
        entry.uid = st.st_uid;
        entry.gid = st.st_gid;
        if (S_ISLNK(st.st_mode)) {
            entry.type = 'l';
            entry.content = fs::read_symlink(it->path()).string();
            entry.mtime_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        } else if (S_ISDIR(st.st_mode)) {
            entry.type = 'd';
        } else {
            entry.type = 'f';
            std::ifstream in(it->path(), std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            entry.content = bytes.str();
            entry.mtime_ns = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        }
        snapshot[rel] = std::move(entry);
    }
    // var and var/lib may exist only because the journal was made there: an empty one counts as
    // absent on both sides of a comparison.
    for (const char* holder : {"var/lib", "var"}) {
        std::string prefix = std::string(holder) + "/";
        bool holds_more = false;
        for (const auto& [path, entry] : snapshot)
            holds_more |= path.starts_with(prefix);
        if (!holds_more)
            snapshot.erase(holder);
    }
    return snapshot;
}

std::string describe_difference(const TreeSnapshot& expected, const TreeSnapshot& actual) {
    std::string out;
    for (const auto& [path, entry] : expected) {
        auto it = actual.find(path);
        if (it == actual.end())
            out += "missing: " + path + "\n";
        else if (!(it->second == entry))
            out += "changed: " + path + " " + it->second.type +
                   (it->second.content != entry.content ? " (content)" : "") +
                   (it->second.mode != entry.mode ? " (mode)" : "") +
                   (it->second.mtime_ns != entry.mtime_ns ? " (mtime)" : "") +
                   (it->second.type != entry.type ? " (type)" : "") + "\n";
    }
    for (const auto& [path, entry] : actual)
        if (!expected.count(path))
            out += "added: " + path + "\n";
    return out;
}

}  // namespace sndoctor::testing
