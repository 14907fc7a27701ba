#!/bin/bash
# ssf_vm_selftest.sh - prove that tests/vm/run does what it promises.
#
#	tests/vm/ssf_vm_selftest.sh [--kernel VER]...
#
# For every kernel tests/vm/run boots by default (or each --kernel given):
#   - exit status 0 and 3 come back; CMD output is on stdout, kernel noise
#     is not
#   - the guest environment: writes to the shared root work in the guest and
#     never reach the host, cgroup2/proc/sys/dev/pts/shm/tmp/run mounted, lo
#     up, hostname, cwd, environment and argv quoting kept, module autoload
#     (`ip link add type veth` loads veth through the modprobe helper)
#   - the run fails on kernel problems, each one real in the guest kernel:
#       a "WARNING:" line in the kernel log (written to /dev/kmsg: Debian
#       kernels have no LKDTM and no known safe userspace WARN_ON trigger),
#       the W taint bit (a WARN's taint, set via /proc/sys/kernel/tainted),
#       a real hung-task report (writer blocked on an fsfreeze'd ext4),
#       a real panic (sysrq c), a guest hang past --timeout
#   - no process of a run outlives it
# plus the splat detector on text: quiet on a real clean boot log, firing on
# one sample line of every splat kind.
#
# The debug kernels (--kernel debug|kcsan, ssf_vm_debugk.sh) have no block
# layer, so the hung-task check (ext4 on loop) fails on them: this suite is
# for the installed kernels; the detector's text checks cover the debug
# kernels' report formats (KASAN, KCSAN, lockdep, ODEBUG, kmemleak).
#
# TAP output, ending with "N passed, N failed"; exit 0 if all pass, else 1.
# Takes a few minutes per kernel under TCG.

here=$(cd "$(dirname "$0")" && pwd)
RUN=$here/run
. "$here/ssf_vm_splat.sh"

kargs=()
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kargs+=("$2"); shift 2 ;;
	*) echo "usage: $0 [--kernel VER]..." >&2; exit 2 ;;
	esac
done

npass=0
nfail=0
ntest=0
ok()
{
	ntest=$((ntest + 1))
	if [ "$1" = 0 ]; then
		npass=$((npass + 1))
		echo "ok $ntest - $2"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $2"
	fi
	[ "$1" = 0 ]
}
# check NAME CMD...: one TAP line for the status of CMD.
check() { local n=$1; shift; "$@"; ok $? "$n"; }

# Not under /tmp: the guest has its own /tmp, and must see these files.
T=$(mktemp -d /var/tmp/ssf-vm-selftest.XXXXXX)
trap 'rm -rf "$T"' EXIT

# vm [RUN-OPTION]... -- CMD...: tests/vm/run in its own session; sets $rc,
# $secs and $left (processes of that session still alive afterwards);
# stdout in $T/out, stderr in $T/err.
vm()
{
	local t0 sid
	t0=$(date +%s)
	setsid -w bash -c 'echo $$ > "$0"; exec "$@"' "$T/sid" \
		"$RUN" "${kopt[@]}" "$@" > "$T/out" 2> "$T/err" < /dev/null
	rc=$?
	secs=$(($(date +%s) - t0))
	sid=$(cat "$T/sid")
	left=$(ps -e -o sid=,pid=,args= | awk -v s="$sid" '$1 == s')
	[ -z "$left" ] || echo "# left behind: $left"
	leftover+=$left
}

# Show what went wrong in a failing check (as TAP comments).
diag() { sed 's/^/# /' "$T/out" "$T/err" | tail -n 20; }

echo "TAP version 13"

"$RUN" --help > "$T/help" 2>&1
check "run --help" grep -q '^usage: tests/vm/run' "$T/help"
"$RUN" --kernel no-such-kernel -- true > /dev/null 2>&1
check "run --kernel no-such-kernel fails" test $? != 0

if [ ${#kargs[@]} -eq 0 ]; then
	mapfile -t kernels < <(for b in /lib/modules/*/build; do
		v=${b%/build}; v=${v##*/}
		[ -r "/boot/vmlinuz-$v" ] && echo "$v"
	done | sort -V)
else
	kernels=("${kargs[@]}")
fi

# A host file the guest overwrites, and a host path the guest creates.
hostfile=$T/hostfile
newfile=$here/.ssf_vm_selftest_probe.$$
echo host > "$hostfile"

for k in "${kernels[@]}"; do
	kopt=(--kernel "$k")
	leftover=

	# --- exit status and output -------------------------------------
	vm --klog "$T/klog" -- echo ssf-vm-selftest-output
	check "$k: exit status 0" test "$rc" = 0
	check "$k: CMD stdout, and only it, on stdout" \
		test "$(cat "$T/out")" = ssf-vm-selftest-output
	grep -q "status 0, CMD started at" "$T/err" &&
		echo "# $k: $(grep -o 'CMD started.*' "$T/err")"
	ssf_vm_splat_scan "$T/klog" > "$T/scan" 2>&1
	check "$k: splat detector quiet on a clean boot log" test $? = 0 ||
		sed 's/^/# /' "$T/scan"
	[ "$rc" = 0 ] || diag

	vm -- sh -c 'echo to-stderr >&2; exit 3'
	check "$k: exit status 3" test "$rc" = 3
	check "$k: CMD stderr on stdout" grep -qx to-stderr "$T/out"

	# --- guest environment ------------------------------------------
	# Each "c NAME TEST..." prints "pass NAME" or "fail NAME".
	cat > "$T/guest" <<'EOF'
c() { local n=$1; shift; if "$@"; then echo "pass $n"; else echo "fail $n"; fi; }
hostfile=$1 newfile=$2 arg=$3
echo guest > "$hostfile"
c write-existing test "$(cat "$hostfile")" = guest
echo new > "$newfile"
c write-new test "$(cat "$newfile")" = new
echo new > /usr/.ssf_vm_selftest_probe
c write-usr test -s /usr/.ssf_vm_selftest_probe
c cgroup2 test "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs
for m in /proc /sys /dev /dev/pts /dev/shm /tmp /run; do
	c "mount-$m" mountpoint -q "$m"
done
c lo-up sh -c "ip -o link show lo | grep -q '[<,]UP[,>]'"
c hostname test "$(hostname)" = ssf-vm
c cwd test "$PWD" = "$SSF_SELFTEST_CWD"
c env test "$SSF_SELFTEST_VAR" = "a 'b' \"c\" \$d"
c argv test "$arg" = "x  'y' \"z\""
c uid test "$(id -u)" = 0
c veth-not-yet-loaded test ! -d /sys/module/veth
c autoload-veth ip link add ssfva type veth peer name ssfvb
c veth-loaded test -d /sys/module/veth
c modprobe-helper test "$(cat /proc/sys/kernel/modprobe)" = /run/ssf-vm-modprobe
EOF
	export SSF_SELFTEST_VAR="a 'b' \"c\" \$d" SSF_SELFTEST_CWD=$PWD
	vm -- bash "$T/guest" "$hostfile" "$newfile" "x  'y' \"z\""
	check "$k: guest checks ran" test "$rc" = 0 -a -n "$(grep '^pass' "$T/out")"
	for name in $(awk '$1 == "pass" || $1 == "fail" { print $2 }' "$T/out"); do
		check "$k: guest: $name" grep -qx "pass $name" "$T/out"
	done
	check "$k: guest write did not reach the host file" \
		test "$(cat "$hostfile")" = host
	check "$k: guest-created file absent on host" test ! -e "$newfile"
	check "$k: guest-created /usr file absent on host" \
		test ! -e /usr/.ssf_vm_selftest_probe

	# --- failure detection ------------------------------------------
	vm -- sh -c 'echo "WARNING: CPU: 0 PID: 1 at ssf_vm_selftest.sh:1 injected" > /dev/kmsg'
	check "$k: WARNING in kernel log fails the run" test "$rc" != 0
	check "$k: ... and is reported with the kernel log" \
		grep -q 'kernel splat:' "$T/err"

	vm -- sh -c 'echo 512 > /proc/sys/kernel/tainted'
	check "$k: W taint fails the run" test "$rc" != 0
	check "$k: ... reported as taint" grep -q 'kernel tainted (512' "$T/err"

	# A real hung-task report: hung_task_timeout_secs=1, then a writer
	# blocked (state D) on a frozen ext4 for a few seconds.  CMD exits 0.
	vm -- sh -c '
		set -e
		modprobe loop
		truncate -s 16M /tmp/img
		mkfs.ext4 -q /tmp/img
		mkdir /tmp/mnt
		mount -o loop /tmp/img /tmp/mnt
		echo 1 > /proc/sys/kernel/hung_task_timeout_secs
		fsfreeze -f /tmp/mnt
		touch /tmp/mnt/blocked &
		for i in $(seq 60); do
			dmesg | grep -q "blocked for more than" && break
			sleep 0.5
		done
		fsfreeze -u /tmp/mnt
		wait
		echo 0 > /proc/sys/kernel/hung_task_timeout_secs'
	check "$k: real hung-task report fails the run" test "$rc" != 0
	check "$k: ... detected as a splat" grep -q 'blocked for more than' "$T/err" ||
		diag

	vm --timeout 300 -- sh -c 'echo c > /proc/sysrq-trigger; sleep 600'
	check "$k: guest panic fails the run" test "$rc" != 0
	check "$k: ... at once, not at the timeout" test "$secs" -lt 200
	check "$k: ... with the panic in the log" grep -q 'Kernel panic' "$T/err"

	vm --timeout 20 -- sleep 1000
	check "$k: guest hang killed at --timeout and fails" \
		test "$rc" != 0 -a "$secs" -lt 60
	check "$k: ... reported" grep -q 'still running after 20s' "$T/err"

	check "$k: no process outlived its run" test -z "$leftover"
done
rm -f "$newfile"

# --- splat detector on text ----------------------------------------------
samples='WARNING: CPU: 1 PID: 42 at net/core/dev.c:10 ssf_x+0x1/0x2 [ssf]
BUG: kernel NULL pointer dereference, address: 0000000000000000
Oops: 0000 [#1] PREEMPT SMP NOPTI
kernel BUG at net/core/skbuff.c:120!
BUG kmalloc-64 (Not tainted): Poison overwritten
general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1]
BUG: KASAN: slab-use-after-free in ssf_rule_match+0x1/0x2
UBSAN: array-index-out-of-bounds in module/ssf_parse.c:10:5
refcount_t: underflow; use-after-free.
unregister_netdevice: waiting for veth0 to become free. Usage count = 2
list_add corruption. prev->next should be next (ffff888003a4c000)
list_del corruption, ffff888003a4c000->next is LIST_POISON1
watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [ssfctl:99]
Watchdog detected hard LOCKUP on cpu 1
INFO: task ssfctl:99 blocked for more than 120 seconds.
Kernel panic - not syncing: Fatal exception in interrupt
unreferenced object 0xffff888003a4c000 (size 64):
ODEBUG: free active (active state 0) object: ffff888003a4c000 object type: timer_list hint: ssf_confirm_timeout+0x0/0x10 [ssf]
WARNING: possible circular locking dependency detected
WARNING: possible recursive locking detected
WARNING: inconsistent lock state
WARNING: suspicious RCU usage
DEBUG_LOCKS_WARN_ON(1)
WARNING: bad unlock balance detected!
WARNING: held lock freed!
WARNING: lock held when returning to user space!
INFO: trying to register non-static key.
BUG kmalloc-64 (Tainted: G    B      ): Redzone overwritten
rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
rcu: INFO: rcu_sched self-detected stall on CPU
 Call Trace:'
while IFS= read -r line; do
	printf '[   12.345678] %s\n' "$line" > "$T/sample"
	ssf_vm_splat_scan "$T/sample" > /dev/null
	check "detector fires on: $line" test $? = 1
done <<< "$samples"

benign='kmemleak: Kernel memory leak detector initialized (mempool available: 16384)
kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)
ssf-vm: exit status 0
ssf: loading out-of-tree module taints kernel.
Warning: unable to open an initial console.
audit: type=1400 oops-like lowercase oops'
printf '%s\n' "$benign" > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "detector quiet on benign lines" test $? = 0

# KCSAN reports count only when a stack is in ssf.
kcsan()	# kcsan FRAME [COMM]: one KCSAN report with FRAME in its first stack
{
	cat <<EOF
[   33.100000] ==================================================================
[   33.100001] BUG: KCSAN: data-race in $1 / dev_queue_xmit
[   33.100002] 
[   33.100003] write to 0xffff888003a4c000 of 8 bytes by task 99 on cpu 1:
[   33.100004]  $1
[   33.100005]  nf_hook_slow+0x5a/0xe0
[   33.100006] 
[   33.100007] read to 0xffff888003a4c000 of 8 bytes by interrupt on cpu 0:
[   33.100008]  dev_queue_xmit+0x10/0x20
[   33.100009] 
[   33.100010] Reported by Kernel Concurrency Sanitizer on:
[   33.100011] CPU: 0 UID: 0 PID: 0 Comm: ${2:-swapper/0} Not tainted 6.12.118-ssf-kcsan
[   33.100012] ==================================================================
[   33.100013] ssf: next line
EOF
}
kcsan 'p9_client_rpc+0x10/0x20' > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "KCSAN: a race outside ssf is not a splat" test $? = 0
{ kcsan 'p9_client_rpc+0x10/0x20'; kcsan 'ssf_hook_in+0x10/0x20 [ssf]'; } > "$T/sample"
ssf_vm_splat_scan "$T/sample" > "$T/scan"
check "KCSAN: a race in ssf is a splat" test $? = 1
check "... and the report is shown whole" \
	grep -qF 'sample:23:[   33.100008]  dev_queue_xmit+0x10/0x20' "$T/scan"

# kirq FRAME: a KCSAN report whose first access is a timer interrupt that
# stopped a CPU in FRAME (under KCSAN's own delay)
kirq()
{
	cat <<EOF
[   87.549917] BUG: KCSAN: data-race in __hrtimer_run_queues / hrtimer_active
[   87.550153] 
[   87.550247] read to 0xffff88807da1fcd8 of 8 bytes by interrupt on cpu 1:
[   87.550446]  hrtimer_active+0x5f/0xb0
[   87.557968]  __sysvec_apic_timer_interrupt+0x56/0x80
[   87.558354]  asm_sysvec_apic_timer_interrupt+0x1a/0x20
[   87.558572]  delay_tsc+0x30/0x80
[   87.558816]  kcsan_setup_watchpoint+0x1ea/0x450
[   87.559058]  $1
[   87.567054] 
[   87.567171] write to 0xffff88807da1fcd8 of 8 bytes by interrupt on cpu 0:
[   87.569100]  __hrtimer_run_queues+0x142/0x320
[   87.574383]  asm_sysvec_apic_timer_interrupt+0x1a/0x20
[   87.574527]  __rseq_handle_notify_resume+0x58d/0x680
[   87.576483] ==================================================================
EOF
}
kirq 'ssf_cls_start+0x38/0x3e0 [ssf]' > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "KCSAN: a race of an interrupt that stopped ssf is not ssf's" test $? = 0
# the packet path runs in softirqs on the way out of an interrupt: above
# its entry, so ssf there raced
sed 's|  hrtimer_active+0x5f/0xb0$|  ssf_policy_hook+0x123/0xb00 [ssf]|' \
	"$T/sample" > "$T/sample2"
ssf_vm_splat_scan "$T/sample2" > /dev/null
check "KCSAN: ssf in a softirq above an interrupt entry is a splat" test $? = 1
kcsan 'do_dentry_open+0x501/0x7f0' ssf_stress.sh > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "KCSAN: a task named ssf_* is not a frame in ssf" test $? = 0
# the other hard interrupt entry, of device interrupts
kirq 'ssf_cls_start+0x38/0x3e0 [ssf]' |
	sed 's/asm_sysvec_apic_timer_interrupt/asm_common_interrupt/' > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "KCSAN: a device interrupt that stopped ssf is not ssf's" test $? = 0

# A kmemleak report (the guest's RUNDIR/kmemleak): records count only when
# they involve ssf, by name or through an unresolved module address.
leak()	# leak FRAME: one unreferenced object allocated through FRAME
{
	cat <<EOF
unreferenced object 0xffff888003a4c000 (size 64):
  comm "ssfctl", pid 99, jiffies 4294937296
  hex dump (first 32 bytes):
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
  backtrace (crc 5e5a1b3b):
    __kmalloc_noprof+0x1e4/0x430
    $1
    genl_family_rcv_msg_doit+0x1e7/0x2c0
EOF
}
leak 'p9_fcall_init+0x5b/0x70' > "$T/sample"
ssf_vm_splat_scan "$T/sample" > /dev/null
check "kmemleak: a leak outside ssf is not a splat" test $? = 0
for frame in 'ssf_policy_alloc+0x21/0x90 [ssf]' '0xffffffffc0a1b2c3'; do
	{ leak 'p9_fcall_init+0x5b/0x70'; leak "$frame"; } > "$T/sample"
	ssf_vm_splat_scan "$T/sample" > "$T/scan"
	check "kmemleak: a leak through $frame is a splat" test $? = 1
	check "... and the report shows its backtrace" \
		grep -qF "sample:15:    $frame" "$T/scan"
done

echo "1..$ntest"
echo "$npass passed, $nfail failed"
[ "$nfail" = 0 ]
