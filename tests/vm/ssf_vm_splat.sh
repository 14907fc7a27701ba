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
# message) are not splats.  "Call Trace:" catches any other stack dump.
# The debug kernels (ssf_vm_debugk.sh) add KASAN ("BUG: KASAN: ..."), KCSAN
# ("BUG: KCSAN: data-race in ..."), lockdep ("WARNING: possible circular
# locking dependency detected", ...), DEBUG_OBJECTS ("ODEBUG: ...") and SLUB
# debug reports.
#
# kmemleak: the guest's report (RUNDIR/kmemleak, "unreferenced object"
# records, each with its allocation backtrace) counts only the records that
# involve ssf: a frame in ssf ("[ssf]", "ssf_...+0x"; not a task named
# ssf_stress.sh), or an unresolved module
# address (ssf unloaded before the scan, so its frames print as raw
# 0xffffffff[a-f]... addresses).  The kernel's own suspected leaks at boot
# (false positives of early allocations) and the "N new suspected memory
# leaks" line in dmesg are not splats.  Likewise a KCSAN report counts only
# when one of its stacks is in ssf (above any hard interrupt entry: what an
# interrupt stopped did not race): the kcsan kernel proves ssf's accesses
# race-free, the rest of the kernel is not ssf's to fix (and KCSAN does not
# taint, so a report elsewhere does not fail the run either).
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
unreferenced object
KCSAN
ODEBUG:
possible (circular|recursive) locking
inconsistent lock state
suspicious RCU usage
DEBUG_LOCKS_WARN_ON
bad unlock balance
held lock freed
lock held when returning to user space
trying to register non-static key
(Poison|Redzone|Object padding|Padding) overwritten
RCU stall
rcu_(sched|preempt|bh)? ?(self-)?detected stall
detected stalls on CPUs
Call Trace:'

# ssf_vm_splat_scan FILE... - print splat lines; return 1 if any, 2 if a
# file cannot be read, else 0.
ssf_vm_splat_scan()
{
	_ssf_found=0
	_ssf_pat=$(mktemp "${TMPDIR:-/tmp}/ssf-splat.XXXXXX") || return 2
	printf '%s\n' "$SSF_VM_SPLAT_PATTERNS" > "$_ssf_pat"
	for _ssf_f in "$@"; do
		if [ ! -r "$_ssf_f" ]; then
			echo "ssf_vm_splat: cannot read $_ssf_f" >&2
			rm -f "$_ssf_pat"
			return 2
		fi
		# FILE:LINE:text for grep -H -n's format, minus the kmemleak
		# records that do not involve ssf; -a: console logs may hold
		# stray binary bytes.
		if ssf_vm_report_filter "$_ssf_f" |
		   grep -a -E -f "$_ssf_pat"; then
			_ssf_found=1
			# the kmemleak records in full (their backtraces)
			ssf_vm_report_filter "$_ssf_f" records
		fi
	done
	rm -f "$_ssf_pat"
	return "$_ssf_found"
}

# ssf_vm_report_filter FILE [records] - print FILE's lines as
# FILE:LINE:text, except the kmemleak "unreferenced object" records (header
# and indented lines) and the KCSAN reports ("BUG: KCSAN:" to the closing
# "=====" line) that do not involve ssf; with "records", only the records
# and reports that involve ssf.
ssf_vm_report_filter()
{
	awk -v f="$1" -v only="${2:-}" '
	function flush() {
		if (n && rec ~ /\[ssf\]|ssf_[A-Za-z0-9_.]+\+0x|0xffffffff[a-f][0-9a-f]+/)
			for (i = 1; i <= n; i++)
				print buf[i]
		n = 0; rec = ""; kind = ""; cut = 0
	}
	kind == "leak" && !/^unreferenced object / && !/^ / { flush() }
	/^unreferenced object / { flush(); kind = "leak" }
	/BUG: KCSAN: / { flush(); kind = "kcsan" }
	# A KCSAN access stack that runs through an interrupt entry goes on
	# into the code the interrupt stopped, which took no part in the
	# race: only the frames above the entry count (softirqs, the packet
	# path, run above it).
	kind == "kcsan" && /(read|write).* by .* on cpu|race at unknown/ { cut = 0 }
	kind != "" {
		buf[++n] = f ":" NR ":" $0
		if (!cut)
			rec = rec "\n" $0
		if (kind == "kcsan" && /asm_(sysvec_|common_interrupt|exc_)/)
			cut = 1
		if (kind == "kcsan" && /==============================/)
			flush()
		next
	}
	only == "" { print f ":" NR ":" $0 }
	END { flush() }' "$1"
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
