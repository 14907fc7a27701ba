#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_tenant.sh - what the root of one network namespace (a container's)
# cannot do to the host or to other tenants.
#
#  - stall genetlink: while an ssf request waits for a module to load (the
#    kernel's modprobe made slow), other genetlink families and ssf in
#    other namespaces - and in the same one - answer at once;
#  - spoof attribution: an IPv6 non-first fragment whose payload reads as
#    the ports of a listening socket is not attributed to that socket's
#    owner (owner rules do not match it);
#  - flood the host's log: audit lines of a netns other than the initial
#    one are written only with nf_log_all_netns, each netns within its own
#    log_rate, and one netns' flood does not silence another's lines;
#  - hoard kernel memory: at most 8 open transactions a netns; max_rules is
#    bounded and checked again at commit; the netns' memory figure counts
#    what it holds and falls back to 0;
#  - reach ids outside its user namespace: a uid range that spans two
#    extents of the namespace's uid_map is refused, one inside an extent
#    is mapped;
#  - slip packets past validation: packets put on lo with AF_PACKET are
#    validated (and those the host sends itself, once);
#  - hide behind its own uids: log lines name kernel-global uids (and the
#    namespace's when they differ), events carry both.
#
#   +---------------------+ veth0  veth0 +---------------------+
#   | $P peer             +--------------+ $S server           |
#   | 10.0.1.1 fd00:1::1  |              | 10.0.1.2 fd00:1::2  |
#   +---------------------+              +---------------------+
#   +--------------+ +--------------+ +--------------+
#   | $A, $B:      | | $U: owned by | | $L: lo only  |
#   | floods, caps | | a user ns    | |              |
#   +--------------+ +--------------+ +--------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

ssf_need_module
probe_start
dmesg_mark
tmp_file err
tmp_file out

# --- genetlink is never held by ssf ----------------------------------------
# A reject rule needs nf_reject_ipv4/6: unloaded first, so that the load
# waits in the kernel's (slow) modprobe.
setup_ns A B
check "stall: nf_reject unloaded" module_gone nf_reject_ipv6 nf_reject_ipv4
slow_modprobe 6
ip netns exec "$A" "$SSFCTL" policy load - >"$out" 2>&1 <<EOF &
rule in proto tcp dport 9 reject
EOF
loader=$!
check "stall: the load is waiting for its module" \
	busywait 20000 test -e "$slow_started"
check "stall: the generic netlink controller answers meanwhile" \
	timeout 3 genl ctrl list
check "stall: ssf answers in another netns" \
	timeout 3 "$SSFCTL" -n "$B" status
check "stall: ... and in the loader's own" timeout 3 "$SSFCTL" -n "$A" status
check "stall: all that while the load still waited" kill -0 $loader
wait $loader
check_eq "stall: then the load went through" 0 $?
slow_modprobe_off
check_eq "stall: with its reject rule" 1 "$(sj "$A" status 'j["rules"]')"
ssfctl_ns "$A" policy flush

# --- an IPv6 fragment is nobody's ------------------------------------------
setup_ns P S
ns_link "$P" "$S" veth0 1
# uid 4242 listens on udp 5555 in $S
ip netns exec "$S" setpriv --reuid=4242 --regid=4242 --clear-groups \
	"$SSF_PY" -c 'import socket, time
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 5555))
time.sleep(600)' &
ssf_pids+=($!)
check "frag: uid 4242 listens" busywait 10000 \
	bash -c "ip netns exec '$S' ss -Hlun | grep -q ':5555 '"
load "frag: owner rule" "$S" <<EOF
rule in family ip6 proto udp uid 4242 drop
EOF
# a non-first fragment whose payload starts like a UDP header to 5555
ip netns exec "$P" "$SSF_PY" -c 'import struct
from scapy.all import IPv6, IPv6ExtHdrFragment, Raw, send
payload = struct.pack("!HHHH", 4000, 5555, 40, 0) + b"x" * 32
send(IPv6(src="fd00:1::1", dst="fd00:1::2") /
     IPv6ExtHdrFragment(offset=2, m=0, nh=17, id=0x5f5f) / Raw(payload),
     count=3, verbose=0)' || fail "frag: send the fragments"
check_rule "frag: no fragment is attributed to uid 4242" "$S" 1 0
oudp "$P" - "$S" 4242:4242 fd00:1::2 5556 2
check_t "frag: a whole datagram to uid 4242's socket is dropped" T_RX=0
check_rule "frag: ... by the owner rule" "$S" 1 2

# --- the host's log ----------------------------------------------------------
log_all_old=$(cat /proc/sys/net/netfilter/nf_log_all_netns 2>/dev/null) ||
	{ modprobe nf_log_syslog; log_all_old=0; }
rate_old=$(cat /sys/module/ssf/parameters/log_rate)
# shellcheck disable=SC2317 # a cleanup hook
log_restore() {
	echo "$log_all_old" >/proc/sys/net/netfilter/nf_log_all_netns
	echo "$rate_old" >/sys/module/ssf/parameters/log_rate
}
ssf_cleanup_hooks+=(log_restore)
echo 5 >/sys/module/ssf/parameters/log_rate	# read by new namespaces
setup_ns T1 T2
ns_link "$T1" "$T2" veth0 2 -4
audit_policy() {	# SYN+FIN is a validation check: audit, not drop
	ssfctl_ns "$1" policy load - <<-EOF
	validate tcp-syn-fin audit
	EOF
}
audit_policy "$T1"
audit_policy "$T2"
synfin() {	# synfin FROM DST COUNT
	ip netns exec "$1" "$SSF_PY" -c "from scapy.all import IP, TCP, send
send(IP(dst='$2') / TCP(sport=4000, dport=80, flags='SF'), count=$3,
     inter=0, verbose=0)"
}
audit_lines() {	# audit_lines DST: audit lines about packets to DST since log_mark
	dmesg | tail -n +$((ssf_log_lines + 1)) |
		grep -c "ssf: audit: .* -> $1\$"
}
echo 0 >/proc/sys/net/netfilter/nf_log_all_netns
log_mark
synfin "$T1" 10.0.2.2 5
check_eq "log: not the initial netns, nf_log_all_netns 0: counted" 5 \
	"$(sj "$T2" stats 'j["reasons"]["tcp-syn-fin"]')"
check_eq "log: ... and no line" 0 "$(audit_lines 10.0.2.2)"
echo 1 >/proc/sys/net/netfilter/nf_log_all_netns
log_mark
t0=$SECONDS
synfin "$T1" 10.0.2.2 200
elapsed=$((SECONDS - t0 + 1))
n2=$(audit_lines 10.0.2.2)
check "log: nf_log_all_netns 1: T2 logs, at most 5 a second ($n2 in ${elapsed}s)" \
	test "$n2" -ge 1 -a "$n2" -le $((5 * elapsed + 5))
# T2 spent its budget; T1's own is whole (no shared net_ratelimit())
log_mark
synfin "$T2" 10.0.2.1 1
check "log: another netns still logs its line at once" \
	busywait 5000 test "$(audit_lines 10.0.2.1)" = 1

# --- what a netns may hold ----------------------------------------------------
genl_script "$A" begins 9 ready wait
check "txn: nine transactions asked" busywait 30000 grep -qx ready "$genl_out"
check_match "txn: the ninth is refused, with a reason" \
	'^begins err EBUSY: .*too many open transactions.* at 9$' \
	"$(cat "$genl_out")"
genl_go
check "txn: closed sockets leave nothing" \
	busywait 10000 test "$(objects "$A")" = 0

maxp=/sys/module/ssf/parameters/max_rules
old_max=$(cat $maxp)
# shellcheck disable=SC2317 # a cleanup hook
max_restore() { echo "$old_max" >$maxp; }
ssf_cleanup_hooks+=(max_restore)
check_fail "max_rules: above 1048576 refused" bash -c "echo 2000000 >$maxp"
check_eq "max_rules: unchanged" "$old_max" "$(cat $maxp)"
check "max_rules: 1048576 allowed" bash -c "echo 1048576 >$maxp"
max_restore
genl_script "$A" begin add 5 ready wait commit
check "max_rules: 5 rules staged" busywait 30000 grep -qx ready "$genl_out"
echo 3 >$maxp
genl_go
max_restore
check_match "max_rules: lowered to 3 meanwhile, the commit is refused" \
	'^commit err E2BIG: .*rule limit reached' "$(cat "$genl_out")"

mem0=$(sj "$A" status 'j["memory"]')
check_eq "memory: a netns without policy holds nothing" 0 "$mem0"
printf 'rule in proto udp dport %d accept\n' $(seq 1 100) | ssfctl_ns "$A" policy load -
mem100=$(sj "$A" status 'j["memory"]')
printf 'rule in proto udp dport %d accept\n' $(seq 1 1000) | ssfctl_ns "$A" policy load -
mem1000=$(sj "$A" status 'j["memory"]')
cpus=$(getconf _NPROCESSORS_CONF)
check "memory: 1000 rules hold more ($mem1000) than 100 ($mem100)" \
	test "$mem1000" -gt "$mem100" -a "$mem100" -gt 0
check "memory: at least the counters of 1000 rules on $cpus CPUs" \
	test "$mem1000" -ge $((1000 * 16 * cpus))
ssfctl_ns "$A" policy flush
check "memory: back to 0 after a flush" \
	busywait 10000 test "$(sj "$A" status 'j["memory"]')" = 0

# --- uid ranges and the user namespace's map ---------------------------------
# A user namespace mapping 0-9 to 100000-100009, 10-19 to 200000-200009
# and 20-29 to 100020-100029, and a netns it owns: 5-25 looks contiguous
# at its ends (100005..100025) but is not.
# userns_made PID: PID has left our user namespace (unshare(2) ran), so
# its maps can be written
userns_made() {
	[ "$(readlink /proc/"$1"/ns/user)" != "$(readlink /proc/self/ns/user)" ]
}
# id_map FILE LINE...: the kernel takes a map in one write(2) only
id_map() {
	local f=$1
	shift
	printf '%s\n' "$@" >"$ssf_tmpdir/id_map"
	cat "$ssf_tmpdir/id_map" >"$f"
}
# unshare --fork ignores SIGTERM while it waits for its child: cleanup
# kills it with SIGKILL, and --kill-child takes the child along
userns_pids=()
# shellcheck disable=SC2317 # a cleanup hook
userns_kill() { [ ${#userns_pids[@]} = 0 ] || kill -KILL "${userns_pids[@]}" 2>/dev/null; }
ssf_cleanup_hooks+=(userns_kill)
unshare --user --net --fork --kill-child sleep 600 >/dev/null 2>&1 &
upid=$!
ssf_pids+=($upid)
userns_pids+=($upid)
check "uid_map: namespaces made" busywait 5000 userns_made $upid
id_map /proc/$upid/uid_map '0 100000 10' '10 200000 10' '20 100020 10'
echo deny >/proc/$upid/setgroups
id_map /proc/$upid/gid_map '0 100000 30'
ns_user() {	# ns_user CMD...: in the user and network namespaces, as root there
	nsenter -t $upid -U -n "$@"
}
ns_user "$SSFCTL" rule add in proto udp dport 1 uid 5-25 accept \
	>/dev/null 2>"$err"
check_eq "uid_map: a range across extents is refused (exit 1)" 1 $?
check_match "uid_map: ... saying so" 'more than one extent' "$(cat "$err")"
check "uid_map: a range inside one extent is taken" \
	ns_user "$SSFCTL" rule add in proto udp dport 1 uid 0-9 accept
check_match "uid_map: shown as the namespace writes it" 'uid 0-9' \
	"$(ns_user "$SSFCTL" rule list)"

# --- lo is validated too -------------------------------------------------------
setup_ns L
ssfctl_ns "$L" policy load - <<EOF
validate tcp-syn-fin drop
EOF
ip netns exec "$L" "$SSF_PY" -c 'from scapy.all import Ether, IP, TCP, sendp
sendp(Ether() / IP(src="127.0.0.1", dst="127.0.0.1") /
      TCP(sport=4000, dport=80, flags="SF"), iface="lo", count=3, verbose=0)'
check_eq "lo: AF_PACKET's SYN+FIN on lo is dropped and counted" 3 \
	"$(sj "$L" stats 'j["reasons"]["tcp-syn-fin"]')"
ip netns exec "$L" "$SSF_PY" -c 'from scapy.all import IP, TCP, send
send(IP(dst="127.0.0.1") / TCP(sport=4001, dport=80, flags="SF"),
     count=2, verbose=0)'
check_eq "lo: the host's own to itself counted once each" 5 \
	"$(sj "$L" stats 'j["reasons"]["tcp-syn-fin"]')"

# --- uids as the host sees them --------------------------------------------------
unshare --user --net --fork --kill-child sleep 600 >/dev/null 2>&1 &
vpid=$!
ssf_pids+=($vpid)
userns_pids+=($vpid)
check "kuid: namespaces made" busywait 5000 userns_made $vpid
id_map /proc/$vpid/uid_map '0 300000 65536'
echo deny >/proc/$vpid/setgroups
id_map /proc/$vpid/gid_map '0 300000 65536'
ns_v() { nsenter -t $vpid -U -n "$@"; }
ns_v ip link set lo up
ns_v "$SSFCTL" policy load - <<EOF
rule out proto udp dport 9 drop log "kuid"
EOF
ns_v "$SSFCTL" monitor --json --count 1 >"$out" 2>&1 &
mon=$!
ssf_pids+=($mon)
sendto9() {
	ns_v "$SSF_PY" -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9))' 2>/dev/null
	grep -q '"type"' "$out"
}
log_mark
check "kuid: an event arrives" busywait 20000 sendto9
check_match "kuid: the event has the netns' uid 0 and the kernel's 300000" \
	'"uid": ?0,.*"kuid": ?300000' "$(cat "$out")"
check "kuid: the log line names the kernel uid and the netns' one" \
	busywait 5000 logged 'kuid rule=[0-9]+ uid=300000 nsuid=0 '

check_eq "no kernel warning" "" "$(dmesg_splats)"
ksft_done
