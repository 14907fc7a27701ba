#!/bin/bash
# ssf_vm_vmlinux.sh - print the kernel image qemu should boot for VER.
#
#	tests/vm/ssf_vm_vmlinux.sh KERNEL_VERSION
#
# Under TCG, decompressing Debian's bzImage (xz for 6.1, zstd for 6.12) takes
# seconds.  So extract the uncompressed ELF vmlinux once, cache it in
# ${SSF_VM_CACHE:-/var/tmp/ssf-vm}/<version>/vmlinux, and let qemu boot it
# directly through its PVH entry point (CONFIG_PVH, Xen note 0x12).  When the
# extraction fails or the image has no PVH entry, print /boot/vmlinuz-VER.
set -uo pipefail

ver=${1:?usage: ssf_vm_vmlinux.sh KERNEL_VERSION}
img=/boot/vmlinuz-$ver
cache=${SSF_VM_CACHE:-/var/tmp/ssf-vm}/$ver
out=$cache/vmlinux
stamp=$(stat -L -c '%n %s %Y' "$img") || exit 1

if [ -s "$out" ] && [ "$(cat "$cache/vmlinux.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out"
	exit 0
fi

# has_pvh FILE: FILE is an ELF kernel with a PVH (XEN_ELFNOTE_PHYS32_ENTRY)
# entry point that qemu -kernel can boot.
has_pvh()
{
	[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ] &&
	readelf -n "$1" 2>/dev/null | grep -q 'Xen.*(0x00000012)'
}

mkdir -p "$cache"
tmp=$(mktemp "$cache/vmlinux.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT

# Try every compressed-stream magic in the image; the payload is the one
# that decompresses to an ELF file.  Decompressors may complain about the
# bytes after the stream, so their status is not checked.
for fmt in 'xz:\xfd7zXZ\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
	magic=${fmt#*:}
	for off in $(LC_ALL=C grep -obUaP "$magic" "$img" 2>/dev/null |
		     cut -d: -f1 | head -n 4); do
		case "${fmt%%:*}" in
		xz)   tail -c +$((off + 1)) "$img" | xz -dcq --single-stream ;;
		zstd) tail -c +$((off + 1)) "$img" | zstd -dcq ;;
		gzip) tail -c +$((off + 1)) "$img" | gzip -dcq ;;
		esac > "$tmp" 2>/dev/null
		if has_pvh "$tmp"; then
			chmod 0644 "$tmp"
			mv -f "$tmp" "$out"
			echo "$stamp" > "$cache/vmlinux.stamp"
			echo "$out"
			exit 0
		fi
	done
done
echo "$img"
