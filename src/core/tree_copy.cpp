#include "core/tree_copy.hpp"

#include <fcntl.h>
#include <sys/stat.h>

namespace sndoctor {

namespace fs = std::filesystem;

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::copy(from, to,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks |
                 fs::copy_options::overwrite_existing);
    // fs::copy keeps modes but not times.
    for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator();
         ++it) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0 || S_ISDIR(st.st_mode))
            continue;
        timespec times[2] = {st.st_atim, st.st_mtim};
        ::utimensat(AT_FDCWD, (to / it->path().lexically_relative(from)).c_str(), times,
                    AT_SYMLINK_NOFOLLOW);
    }
}

}  // namespace sndoctor
