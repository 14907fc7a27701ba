#!/bin/sh
# ssf_vm_splat.sh - find kernel splats (Oops, BUG, WARNING, lockups, leaks...)
# in guest kernel logs.
#
# Sourced by tests/vm/run (function ssf_vm_splat_scan) and usable on its own:
#
#	tests/vm/ssf_vm_splat.sh LOGFILE...
#
# prints every matching line (prefixed with the file name) and exits 1 when
# any file holds a splat, 0 when all are clean, 2 when a file is unreadable.
# POSIX sh; needs only grep -E.

# One extended regex per line.  Patterns are case-sensitive on purpose: the
# kernel spells these exactly so, and lower-case words ("oops" in a driver
# message) are not splats.  "kmemleak" alone is not a splat (a kmemleak
# kernel logs "kmemleak: Kernel memory leak detector initialized" at boot);
# its leak reports are.  "Call Trace:" catches any other stack dump.
SSF_VM_SPLAT_PATTERNS='Oops
BUG:
kernel BUG at
BUG [^ ]+ \((Not tainted|Tainted)
WARNING:
KASAN
UBSAN
refcount_t
[Rr]efcount.*(leak|underflow|overflow|saturat|imbalance)
waiting for .* to become free
list_(add|del) corruption
soft lockup
hard LOCKUP
hung task
blocked for more than
Kernel panic
general protection fault
kmemleak:.*suspected memory leak
unreferenced object
RCU stall
rcu_(sched|preempt|bh)? ?(self-)?detected stall
detected stalls on CPUs
Call Trace:'

# ssf_vm_splat_scan FILE... - print splat lines; return 1 if any, 2 if a
# file cannot be read, else 0.
ssf_vm_splat_scan()
{
	_ssf_found=0
	for _ssf_f in "$@"; do
		if [ ! -r "$_ssf_f" ]; then
			echo "ssf_vm_splat: cannot read $_ssf_f" >&2
			return 2
		fi
		# -a: console logs may hold stray binary bytes.
		if printf '%s\n' "$SSF_VM_SPLAT_PATTERNS" |
		   grep -a -H -n -E -f - "$_ssf_f"; then
			_ssf_found=1
		fi
	done
	return "$_ssf_found"
}

# Run as a command (not sourced): scan the files named on the command line.
case "${0##*/}" in
ssf_vm_splat.sh)
	if [ $# -eq 0 ]; then
		echo "usage: $0 LOGFILE..." >&2
		exit 2
	fi
	ssf_vm_splat_scan "$@"
	exit $?
	;;
esac
