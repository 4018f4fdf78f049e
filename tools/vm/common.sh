# shellcheck shell=bash
# Shared by the host-side test-bed scripts (fetch-kernels, vm-run, check).
# Sourced, not run.

# Kernels and tools live outside the repo so that fresh clones reuse them.
MACH_CACHE=${MACH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/linux-mach}
export MACH_CACHE
MACH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MACH_KERNEL_TAGS=(6.1 6.12)
# trixie-backports' 7.3: Debian's image booted, the module built in a tree
# prepared from linux-source-7.3 with the image's own configuration.
MACH_KERNEL_TAGS+=(7.3)
# Built, not fetched: 6.1 from linux-source-6.1 with KASAN, lockdep and
# kmemleak (tools/vm/debug.config), for `make check-debug`.
MACH_DEBUG_TAGS=(6.1-debug)
# Compiled against, never booted: "sid" is the newest linux-source-* in
# Debian unstable, resolved at run time (Documentation/portability.rst).
MACH_COMPILE_TAGS=(sid)

die() { echo "${0##*/}: $*" >&2; exit 1; }

# The fetched kernel for TAG (6.1, 6.12): its directory, release, boot image
# and headers (the KDIR to build modules against).
kernel_dir() { echo "$MACH_CACHE/kernels/$1"; }
kernel_release() {
	local f
	f="$(kernel_dir "$1")/release"
	[ -s "$f" ] || die "kernel $1 is not fetched: run tools/fetch-kernels $1"
	cat "$f"
}
kernel_image() { echo "$(kernel_dir "$1")/root/boot/vmlinuz-$(kernel_release "$1")"; }
kernel_kdir() { echo "$(kernel_dir "$1")/root/usr/src/linux-headers-$(kernel_release "$1")"; }

valid_tag() {
	local t
	for t in "${MACH_KERNEL_TAGS[@]}" "${MACH_DEBUG_TAGS[@]}" "${MACH_COMPILE_TAGS[@]}"; do
		[ "$t" = "$1" ] && return 0
	done
	return 1
}
