#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_stress.sh - unload and reload ssf, over and over, while everything
# else goes on.
#
# IPv4 and IPv6, TCP and UDP traffic runs from $C to $S for the whole
# suite (ssf_stress.py). Four background workers, each looping with
# ssfctl whether ssf is loaded or not, change the policies meanwhile:
# whole-policy commits in $S (sets, ct state, owner-free rules), single
# rule adds and deletes in $S, commits with a one-second confirm window
# that expires in $C, and mode switches (enforce, audit, off) in $C. Each
# cycle loads ssf, creates a namespace and loads a policy into it, waits
# for a worker to land a change, deletes that namespace,
# and unloads ssf (retrying while a request holds the module).
# Afterwards: no kernel report, the modules ssf takes on demand
# (conntrack, defrag, socket lookup, reject, log) back to their reference
# counts of before, ssf's reference count zero, a reloaded ssf at zero
# objects and bytes in every namespace, and the kernel's per-cpu and
# unreclaimable slab memory within a bound of where they started.
#
#   SSF_STRESS_CYCLES=N   cycles (default 4, what the CI budget holds on
#                         two kernels; a cycle takes 10 to 50 s in a TCG
#                         guest, idle to loaded host: every ssfctl run
#                         while ssf is out also execs the kernel's
#                         modprobe for the family; the full figure is
#                         SSF_STRESS_CYCLES=100)
#
# Run it in a guest whose CPUs share one host thread (tests/vm/run
# --tcg-single, as make check does). Under multi-threaded TCG (qemu 7.2,
# Debian 12) a 6.12 guest died once in 16 to 50 cycles with "Oops: int3"
# in ip_rcv (at the 5-byte NOP of the PRE_ROUTING hooks' static key) or
# ip6_xmit: netfilter's static keys, which every load and unload of ssf
# patches (text_poke_bp() puts an int3 on a site while it rewrites it)
# while the other CPU moves traffic through them.
# The int3 was met after the patching had finished, which text_poke_bp()'s
# cross-CPU sync rules out on hardware. With the guest's two CPUs on one
# host thread (still SMP, interleaved), 100 cycles ran clean; so did
# 1,000,000 fuzzer messages, which do not unload the module.
#
#   +------------------------+   veth0   +------------------------+
#   | $C 10.0.1.1 fd00:1::1  +-----------+ $S 10.0.1.2 fd00:1::2  |
#   | ssf_stress.py clients  |           | servers tcp/udp 7001   |
#   | confirm 1s, mode churn |           | commits, rule add/del  |
#   +------------------------+           +------------------------+
#   $Ti: created and deleted once a cycle, a policy loaded in between
source "$(dirname "$0")/lib.sh"

CYCLES=${SSF_STRESS_CYCLES:-4}
HELPERS="nf_conntrack nf_defrag_ipv4 nf_defrag_ipv6 nf_socket_ipv4
nf_socket_ipv6 nf_reject_ipv4 nf_reject_ipv6 nf_log_syslog"
# Bounds over the whole run: a leak of one policy a cycle is far below
# them; counters of every rule on every CPU each cycle would not be.
PERCPU_SLACK_KB=2048
SUNRECLAIM_SLACK_KB=16384

ssf_need_module
dmesg_mark
diag "cycles: $CYCLES"

setup_ns C S
ns_link "$C" "$S" veth0 1
stop=$ssf_tmpdir/stop
rm -f "$stop"

tmp_file pol_s
cat >"$pol_s" <<EOF
set web port 7001 8000-8099
set peers addr 10.0.1.1 fd00:1::/64
rule in ct state established,related accept
rule in proto tcp src @peers dport @web accept
rule in proto udp dport 7001 accept
rule in proto udp dport 7002 drop
EOF
tmp_file pol_c
cat >"$pol_c" <<EOF
default out accept
rule out proto tcp dport 7001 accept
rule out proto udp dport 7001 accept
EOF
tmp_file pol_t
printf 'default in drop\nrule in proto icmp accept\n' >"$pol_t"

meminfo() {	# meminfo FIELD: kB
	awk -v f="$1:" '$1 == f {print $2}' /proc/meminfo
}

refcnts() {	# the helpers' reference counts, "name=N ..."
	local m out=
	for m in $HELPERS; do
		[ -e "/sys/module/$m/refcnt" ] &&
			out="$out $m=$(cat "/sys/module/$m/refcnt")"
	done
	echo "${out# }"
}

# worker NAME CMD...: run CMD in a loop until $stop; counts the runs
# that succeeded and failed (ssf unloaded, a race lost) in $ssf_tmpdir.
worker() {
	local name=$1 ok=0 bad=0
	shift
	while [ ! -e "$stop" ]; do
		if "$@" >/dev/null 2>&1; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
		fi
		echo "$ok $bad" >"$ssf_tmpdir/w.$name"
	done
}

commit_s() { "$SSFCTL" -n "$S" policy load "$pol_s"; }
edit_s() {	# "rule N added"; the del fails when a commit came between
	local out id
	out=$("$SSFCTL" -n "$S" rule add in proto udp dport 7003 drop) ||
		return 1
	read -r _ id _ <<<"$out"
	"$SSFCTL" -n "$S" rule del "$id" || true
}
confirm_c() {
	"$SSFCTL" -n "$C" policy load --confirm 1 "$pol_c" && sleep 1.2
}
mode_c() {
	local m
	for m in audit off enforce; do
		"$SSFCTL" -n "$C" mode "$m" || return 1
	done
}

# A first load of the policies has ssf take its helpers (loading them
# on demand); unloaded, the baseline is their counts without ssf.
check "warm-up: the policies load" ssfctl_ns "$S" policy load "$pol_s"
ssf_unload || bail "rmmod ssf"
ref0=$(refcnts)
# netns exits and RCU callbacks of earlier suites settle
sleep 1
percpu0=$(meminfo Percpu)
sunr0=$(meminfo SUnreclaim)
diag "helpers before: $ref0"

tmp_file traffic
rm -f "$ssf_tmpdir/ready"
"$SSF_PY" "$SSF_SELFTESTS/ssf_stress.py" "$C" "$S" 10.0.1.2 fd00:1::2 \
	"$stop" "$ssf_tmpdir/ready" >"$traffic" 2>&1 7>&- 8>&- &
tpid=$!
ssf_pids+=($tpid)
busywait 60000 test -e "$ssf_tmpdir/ready" || bail "no traffic"

wpids=()
for w in commit_s edit_s confirm_c mode_c; do
	worker $w $w 7>&- 8>&- &
	wpids+=($!)
	ssf_pids+=($!)
done

changes() {	# changes: the workers' successes so far
	local w ok n=0
	for w in commit_s edit_s confirm_c mode_c; do
		ok=0
		read -r ok _ 2>/dev/null <"$ssf_tmpdir/w.$w"
		n=$((n + ${ok:-0}))
	done
	echo $n
}

landed() {	# landed N: a worker landed a change since there were N
	[ "$(changes)" -gt "$1" ]
}

start=${EPOCHREALTIME/./}
loads=0 unloads=0 retries=0 nsdone=0 bad=
for ((i = 1; i <= CYCLES; i++)); do
	ssf_load || { bad="insmod in cycle $i"; break; }
	loads=$((loads + 1))
	before=$(changes)
	setup_ns T
	"$SSFCTL" -n "$T" policy load "$pol_t" >/dev/null 2>&1 &&
		nsdone=$((nsdone + 1))
	busywait 60000 landed "$before" ||
		{ bad="no change landed in cycle $i"; break; }
	cleanup_ns "$T"
	for ((r = 0; r < 200; r++)); do
		rmmod ssf 2>/dev/null && break
		retries=$((retries + 1))
		sleep 0.05
	done
	ssf_loaded && { bad="rmmod in cycle $i"; break; }
	unloads=$((unloads + 1))
done
secs=$(((${EPOCHREALTIME/./} - start) / 1000000))
touch "$stop"
for p in "${wpids[@]}"; do
	wait "$p"
done
wait "$tpid"
check_eq "every cycle ran" "" "$bad"
check_eq "cycles: loads and unloads" "$CYCLES $CYCLES" "$loads $unloads"
check_eq "a policy in each cycle's new netns" "$CYCLES" "$nsdone"
diag "time: ${secs}s for $CYCLES cycles; rmmod retries (module busy): $retries"
diag "$(cat "$traffic")"
for w in commit_s edit_s confirm_c mode_c; do
	read -r ok nok <"$ssf_tmpdir/w.$w"
	diag "worker $w: $ok succeeded, $nok failed"
	check_ge "worker $w landed changes" 1 "$ok"
done
check_match "traffic ran in all four kinds" \
	'^traffic udp4=[1-9][0-9]* udp6=[1-9][0-9]* tcp4=[1-9][0-9]* tcp6=[1-9][0-9]* ' \
	"$(tail -n 1 "$traffic")"

# ssf is unloaded: what it took on demand is back.
check_eq "helpers' reference counts as before" "$ref0" "$(refcnts)"
sleep 1
percpu1=$(meminfo Percpu)
sunr1=$(meminfo SUnreclaim)
diag "Percpu ${percpu0} -> ${percpu1} kB, SUnreclaim ${sunr0} -> ${sunr1} kB"
check "per-cpu memory within ${PERCPU_SLACK_KB} kB of the start" \
	test $((percpu1 - percpu0)) -le $PERCPU_SLACK_KB
check "unreclaimable slab within ${SUNRECLAIM_SLACK_KB} kB of the start" \
	test $((sunr1 - sunr0)) -le $SUNRECLAIM_SLACK_KB

# Loaded again: every namespace starts from nothing, and ends at nothing.
ssf_loaded || check "reload" ssf_load
ssf_loaded_by_us=1
for ns in "$C" "$S"; do
	check_eq "$ns: clean after the reload" "false 0 0" \
		"$(sj "$ns" status '(j["active"], j["objects"], j["memory"])')"
done
check "a policy loads after it all" ssfctl_ns "$S" policy load "$pol_s"
check "flush" ssfctl_ns "$S" policy flush
zero_s() { [ "$(sj "$S" status '(j["objects"], j["memory"])')" = "0 0" ]; }
check "$S: zero objects and bytes after the flush" busywait 5000 zero_s
cleanup_ns "$C" "$S"
check_eq "ssf's reference count" 0 "$(cat /sys/module/ssf/refcnt)"
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
