#!/bin/bash
# ssf_vm_initramfs.sh - build (or reuse) the tiny initramfs of the ssf test VM
# for one installed Debian kernel, and print its path.
#
#	tests/vm/ssf_vm_initramfs.sh KERNEL_VERSION [MODULES_DIR IMAGE]
#
# MODULES_DIR (default /lib/modules/KERNEL_VERSION) and IMAGE (default
# /boot/vmlinuz-KERNEL_VERSION) name a kernel that is not installed (the
# debug kernels of ssf_vm_debugk.sh).
#
# The initramfs holds a static busybox, tests/vm/ssf_vm_init as /init, and the
# kernel's modules needed to mount a 9p+overlay root (those built as modules
# in that kernel; built-ins are skipped), decompressed (.ko.xz/.zst/.gz) and
# listed in dependency order in /modules.order.  It is cached outside the repo
# in ${SSF_VM_CACHE:-/var/tmp/ssf-vm}/<version>/ and rebuilt whenever the
# stamp (kernel image, modules.dep, busybox, init script) changes.
set -euo pipefail

# What the initramfs must be able to load, and what it loads when the kernel
# has it: virtio_rng (entropy); virtio_blk, ext4 and crc32c_generic (ext4
# needs crc32c) mount the disk of tests/vm/run --systemd, which the debug
# kernels (tests/vm/kconfig/) do not boot.
SSF_VM_MODULES="virtio_pci 9pnet_virtio 9p overlay"
SSF_VM_OPTIONAL="virtio_rng virtio_blk ext4 crc32c_generic"

die() { echo "ssf_vm_initramfs: $*" >&2; exit 1; }

ver=${1:?usage: ssf_vm_initramfs.sh KERNEL_VERSION [MODULES_DIR IMAGE]}
here=$(cd "$(dirname "$0")" && pwd)
mods=${2:-/lib/modules/$ver}
image=${3:-/boot/vmlinuz-$ver}
cache=${SSF_VM_CACHE:-/var/tmp/ssf-vm}/$ver
out=$cache/initramfs.cpio
busybox=/bin/busybox

[ -r "$image" ] || die "no $image"
[ -r "$mods/modules.dep" ] || die "no $mods/modules.dep"
[ -x "$busybox" ] || die "no $busybox (apt-get install busybox-static)"
# A dynamically linked busybox would need its libraries in the initramfs.
if ldd "$busybox" >/dev/null 2>&1; then
	die "$busybox is dynamically linked (need busybox-static)"
fi

stamp=$(
	echo "modules: $SSF_VM_MODULES; optional: $SSF_VM_OPTIONAL"
	stat -L -c '%n %s %Y' "$image" "$mods/modules.dep" "$busybox"
	sha256sum < "$here/ssf_vm_init"
	sha256sum < "$0"
)
if [ -s "$out" ] && [ "$(cat "$cache/stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# modules.dep: "kernel/x/name.ko[.xz]: kernel/y/dep.ko[.xz] ...".
declare -A path deps seen
while IFS= read -r line; do
	file=${line%%:*}
	name=${file##*/}
	name=${name%%.ko*}
	name=${name//-/_}
	path[$name]=$file
	deps[$name]=${line#*:}
done < "$mods/modules.dep"

order=()
# add MODULE: append MODULE after (recursively) everything it depends on.
add()
{
	local m=$1 d dn
	[ -n "${seen[$m]:-}" ] && return 0
	seen[$m]=1
	for d in ${deps[$m]}; do
		dn=${d##*/}
		dn=${dn%%.ko*}
		add "${dn//-/_}"
	done
	order+=("$m")
}

for m in $SSF_VM_MODULES $SSF_VM_OPTIONAL; do
	if [ -n "${path[$m]:-}" ]; then
		add "$m"
	elif grep -q "/${m//_/[-_]}\.ko" "$mods/modules.builtin" 2>/dev/null; then
		: # built into this kernel
	elif [[ " $SSF_VM_OPTIONAL " != *" $m "* ]]; then
		die "$ver has neither a module nor a built-in $m"
	fi
done

mkdir -p "$work/root/bin" "$work/root/lib/ssf-vm" "$work/root/dev" \
	"$work/root/proc" "$work/root/sys"
# The kernel opens /dev/console for /init before devtmpfs is mounted.
mknod -m 0600 "$work/root/dev/console" c 5 1 2>/dev/null || :
cp "$busybox" "$work/root/bin/busybox"
install -m 0755 "$here/ssf_vm_init" "$work/root/init"
for m in "${order[@]}"; do
	src=$mods/${path[$m]}
	dst=$work/root/lib/ssf-vm/$m.ko
	case "$src" in
	*.ko.xz)  xz -dc "$src" > "$dst" ;;
	*.ko.zst) zstd -qdc "$src" > "$dst" ;;
	*.ko.gz)  gzip -dc "$src" > "$dst" ;;
	*.ko)     cp "$src" "$dst" ;;
	*)        die "unknown module format: $src" ;;
	esac
done
printf '%s\n' "${order[@]}" > "$work/root/modules.order"

# Uncompressed: unpacking is faster than decompressing under TCG.
(cd "$work/root" && find . -print0 | LC_ALL=C sort -z |
	cpio --quiet -o -0 -H newc -R 0:0) > "$work/initramfs.cpio"
mv -f "$work/initramfs.cpio" "$out"
printf '%s\n' "$stamp" > "$work/stamp"
mv -f "$work/stamp" "$cache/stamp"
echo "$out"
