#!/bin/bash
# ssf_vm_debugk.sh - build (or find) the ssf debug kernels for tests/vm/run.
#
#	tests/vm/ssf_vm_debugk.sh build debug|kcsan	build unless cached; print DIR
#	tests/vm/ssf_vm_debugk.sh path debug|kcsan	print DIR if built, else fail
#
# Kernels, from Debian's linux-source-6.12 (/usr/src/linux-source-6.12.tar.xz),
# configured as `make tinyconfig` + tests/vm/kconfig/base.config + NAME.config
# (scripts/kconfig/merge_config.sh):
#   debug  KASAN, kmemleak, PROVE_LOCKING, PROVE_RCU, DEBUG_OBJECTS (timers,
#          work, RCU heads, percpu counters), DEBUG_NET, DEBUG_LIST
#   kcsan  KCSAN (the data race detector; it excludes KASAN)
# Both have modules (unsigned) and only what the VM runner and the selftests
# need; ssf.ko and the netfilter helpers it loads on demand are modules.
#
# DIR is ${SSF_DEBUGK_CACHE:-/var/tmp/ssf-debugk}/NAME-<hash>, the hash
# covering the source package's version, the options of the two fragments
# and the recipe below (RECIPE); nothing is written to the repository.  DIR holds:
#   build/          the kernel build tree (O=): build/vmlinux (PVH-bootable
#                   ELF), and the tree scripts/build-module DIR/build builds
#                   ssf.ko against (build/<release>/ssf.ko in the repo)
#   mods/lib/modules/<release>/   modules_install output; the VM's init binds
#                   it on /lib/modules/<release> (module autoload, modprobe)
#   release         the kernel release (uname -r in the guest)
#   build.log, build.seconds (wall), build.cpu-seconds (user+sys)
# The extracted source is shared: ${cache}/src-<package version>/.
#
# The build runs at nice 15 with -j${SSF_DEBUGK_JOBS:-2}.  Exit status: 0
# with DIR on stdout; 1 on failure (the log's tail on stderr).
set -euo pipefail

# Bump when the way a kernel is built changes (not for fragment edits:
# those are hashed).
RECIPE=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SSF_DEBUGK_CACHE:-/var/tmp/ssf-debugk}
jobs=${SSF_DEBUGK_JOBS:-2}
tarball=/usr/src/linux-source-6.12.tar.xz

msg() { echo "ssf_vm_debugk: $*" >&2; }
die() { msg "$*"; exit 1; }

usage() { echo "usage: ssf_vm_debugk.sh build|path debug|kcsan" >&2; exit 2; }
[ $# = 2 ] || usage
cmd=$1 name=$2
case "$cmd" in build|path) ;; *) usage ;; esac
case "$name" in debug|kcsan) ;; *) usage ;; esac
frags=("$here/kconfig/base.config" "$here/kconfig/$name.config")
for f in "${frags[@]}"; do
	[ -r "$f" ] || die "no $f"
done

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) &&
	[ -r "$tarball" ] ||
	die "linux-source-6.12 is not installed (apt-get install linux-source-6.12, or scripts/deps)"
# The options only: comments and blank lines do not force a rebuild.
key=$({ echo "recipe $RECIPE"; echo "source $srcver"
	grep -h '^CONFIG_' "${frags[@]}"; } | sha256sum | cut -c1-16)
out=$cache/$name-$key

if [ -s "$out/release" ]; then
	echo "$out"
	exit 0
fi
[ "$cmd" = build ] ||
	die "no $name kernel built for these fragments (tests/vm/ssf_vm_debugk.sh build $name)"

mkdir -p "$cache"
exec 9> "$cache/.lock-$name"
flock 9	# one build per kernel at a time; the other waits and reuses it
if [ -s "$out/release" ]; then
	echo "$out"
	exit 0
fi

t0=$(date +%s)
src=$cache/src-${srcver//[^A-Za-z0-9.+-]/_}
if ! [ -e "$src/.ssf-extracted" ]; then
	msg "extracting $tarball (linux-source-6.12 $srcver)"
	exec 8> "$cache/.lock-src"
	flock 8
	if ! [ -e "$src/.ssf-extracted" ]; then
		rm -rf "$src.tmp"
		mkdir -p "$src.tmp"
		nice -n 15 tar -xJf "$tarball" -C "$src.tmp"
		rm -rf "$src"
		mv "$src.tmp/linux-source-6.12" "$src"
		rmdir "$src.tmp"
		touch "$src/.ssf-extracted"
	fi
	exec 8>&-
fi

rm -rf "$out"
mkdir -p "$out/build"
b=$out/build
log=$out/build.log
kmake() { nice -n 15 make -s -C "$src" O="$b" "$@"; }

# fail_log: a failed step prints the end of the log.
fail_log() { tail -n 40 "$log" >&2; die "$name kernel build failed (log: $log)"; }

msg "configuring $name in $out"
{
	kmake tinyconfig &&
	"$src/scripts/kconfig/merge_config.sh" -m -O "$b" "$b/.config" \
		"${frags[@]}" &&
	kmake olddefconfig
} > "$log" 2>&1 || fail_log

# Every option of the fragments must have come out as asked: a dependency
# missing from base.config would otherwise silently drop a checker.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n)	opt=${line%%=*}
			if grep -q "^$opt=" "$b/.config"; then
				msg "$name: $line came out as $(grep "^$opt=" "$b/.config")"
				bad=1
			fi ;;
	CONFIG_*=*)	grep -qxF -- "$line" "$b/.config" || {
				msg "$name: $line came out as $(grep "^${line%%=*}=" "$b/.config" || echo 'not set')"
				bad=1
			} ;;
	esac
done < <(cat "${frags[@]}")
# ... and so must what the selftests need (tests/selftests/config; =m is
# met by =y too): a missing option fails checks, or makes some unable to
# fail, only on these kernels
while IFS='=' read -r opt want; do
	[[ "$opt" == CONFIG_* ]] || continue
	have=$(sed -n "s/^$opt=//p" "$b/.config")
	[ "$have" = y ] || [ "$have" = "$want" ] || {
		msg "$name: the selftests need $opt=$want, the kernel has ${have:-none}"
		bad=1
	}
done < "$here/../selftests/config"
[ $bad = 0 ] || die "$name: the fragments do not hold (see above); fix tests/vm/kconfig/"

msg "building $name (nice 15, -j$jobs; from scratch this takes long: see build.seconds of an earlier build)"
kmake -j"$jobs" vmlinux bzImage modules >> "$log" 2>&1 || fail_log
kmake INSTALL_MOD_PATH="$out/mods" modules_install >> "$log" 2>&1 || fail_log
rel=$(cat "$b/include/config/kernel.release")
ln -sfn "$b" "$out/mods/lib/modules/$rel/build"
echo $(($(date +%s) - t0)) > "$out/build.seconds"
# CPU seconds of everything this script ran (its reaped children): the cost
# of a build on an idle machine, whatever the load was.
# (times into a file: in a pipe it would run in a subshell, which has
# reaped no child)
times > "$out/times"
awk 'NR == 2 { for (i = 1; i <= 2; i++) {
	split($i, t, /m/); s += t[1] * 60 + t[2] } printf "%d\n", s }' \
	"$out/times" > "$out/build.cpu-seconds"
echo "$rel" > "$out/release"
msg "$name: $rel built in $(cat "$out/build.seconds")s" \
    "($(cat "$out/build.cpu-seconds") CPU seconds)"
echo "$out"
