# shellcheck shell=bash
# Shared by build-base and build-overlay: putting programs with their libraries into a staging
# tree, and packing a tree into one initramfs archive. Sourced; the caller sets -euo pipefail.
#
# Trees use Debian 12's merged-/usr layout (/bin, /sbin, /lib and /lib64 are links into /usr,
# made by the base image only). An overlay must therefore put its files under usr/...: the
# kernel's initramfs unpacker replaces an existing entry whose type differs, so an overlay
# holding a real lib/ directory would silently turn the /lib link into a directory.

readonly VM_LIBDIR=usr/lib/x86_64-linux-gnu

# vm_libraries PROGRAM: the absolute paths of the libraries ldd lists (the loader included).
vm_libraries() {
    local out
    if ! out=$(ldd "$1" 2>&1); then
        echo "ldd failed on $1: $out" >&2
        return 1
    fi
    if grep -q 'not found' <<<"$out"; then
        echo "$1 needs libraries this machine lacks:" >&2
        grep 'not found' <<<"$out" >&2
        return 1
    fi
    # No early exit in awk: under pipefail a reader that quits early can kill the writer with
    # SIGPIPE and fail the pipeline at random.
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' <<<"$out"
}

# vm_add_program TREE PROGRAM DEST: copies PROGRAM to TREE/DEST (a path such as usr/bin/amixer)
# and every library it loads to TREE/usr/lib/x86_64-linux-gnu under the name it is asked for.
vm_add_program() {
    local tree=$1 program=$2 dest=$3 lib
    mkdir -p "$tree/$(dirname "$dest")" "$tree/$VM_LIBDIR"
    cp -L "$program" "$tree/$dest"
    while read -r lib; do
        [[ -e $tree/$VM_LIBDIR/${lib##*/} ]] || cp -L "$lib" "$tree/$VM_LIBDIR/${lib##*/}"
    done < <(vm_libraries "$program")
}

# vm_pack TREE OUT: packs TREE as a gzip'd newc cpio. Every file is owned by root (-R 0:0) so the
# image is the same whoever builds it; sorted names keep the archive reproducible.
vm_pack() {
    local tree=$1 out=$2 top
    for top in bin sbin lib lib64; do
        if [[ -e $tree/$top && ! -L $tree/$top ]]; then
            echo "vm_pack: $tree/$top is a real directory; put its files under usr/$top" >&2
            return 1
        fi
    done
    (cd "$tree" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) \
        | gzip -1 >"$out"
}
