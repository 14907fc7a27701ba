#!/bin/bash
# ssf_vm_guest.sh - stage 2 of the ssf test VM: run the caller's command in
# the guest and report back through the run directory shared with the host.
#
#	ssf_vm_guest.sh RUNDIR qemu|systemd|vng
#
# tests/vm/run copies this file to RUNDIR/guest.sh and writes RUNDIR/cmd
# (caller's environment, cd to the caller's cwd, exec CMD).  In "qemu" mode
# this runs as PID 1 after ssf_vm_init (stage 1) and CMD's output goes to
# ttyS0 (the runner's stdout; the kernel console is ttyS1); in "vng" mode it
# runs under virtme-ng's init and CMD's output goes to our stdout; in
# "systemd" mode (tests/vm/run --systemd) it is ssf-vm-cmd.service under
# systemd as PID 1, with the output as in "qemu" mode, and powers the VM off
# (after a sync: the overlay's upper layer is a disk kept for the next boot).
#
# Files written to RUNDIR for the runner:
#   uptime.start, uptime.end  guest uptime before/after CMD (boot time)
#   dmesg                     the whole kernel log after CMD (splat check)
#   kmemleak                  kmemleak report, if the kernel has kmemleak
#   tainted                   /proc/sys/kernel/tainted after CMD
#   status                    CMD's exit status, written last
# and the kernel log gets a final "ssf-vm: exit status N" line.

dir=$1
mode=$2
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

read -r up _ < /proc/uptime
echo "$up" > "$dir/uptime.start"

if [ "$mode" = qemu ] || [ "$mode" = systemd ]; then
	# raw: no \n -> \r\n translation on the way to the runner's stdout.
	stty -F /dev/ttyS0 raw -echo
	/bin/bash "$dir/cmd" < /dev/null > /dev/ttyS0 2>&1
	rc=$?
	# tcsetattr(TCSADRAIN) waits until the UART has sent everything, so
	# no output is lost when we power off below.
	stty -F /dev/ttyS0 raw -echo
else
	/bin/bash "$dir/cmd" < /dev/null
	rc=$?
fi

read -r up _ < /proc/uptime
echo "$up" > "$dir/uptime.end"

if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak > "$dir/kmemleak"
fi
cat /proc/sys/kernel/tainted > "$dir/tainted"
dmesg > "$dir/dmesg" 2>&1
echo "$rc" > "$dir/status"
echo "ssf-vm: exit status $rc" > /dev/kmsg

if [ "$mode" = systemd ]; then
	sync
	systemctl --force --force poweroff
	sleep 1000
fi
[ "$mode" = qemu ] || exit "$rc"

# PID 1 must never exit: power off (ACPI; qemu then exits).
/bin/busybox poweroff -f
echo o > /proc/sysrq-trigger
sleep 1000
