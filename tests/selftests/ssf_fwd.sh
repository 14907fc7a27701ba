#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_fwd.sh - the `fwd` direction on a router, IPv4 and IPv6.
#
# fwd rules and the fwd default decide routed packets (both ways: requests
# and replies); the router's in/out rules do not see routed packets, and
# its fwd rules do not see its own. The router's fwd statistics are exact:
# link-local noise (MLD) is never forwarded.
#
#   +-------------+        +----------------------+        +-------------+
#   | client $C   |        | router $R            |        | server $S   |
#   | veth0       +--------+ veth0      veth1     +--------+ veth0       |
#   | 10.0.1.1/24 |        | 10.0.1.254 10.0.2.254|        | 10.0.2.1/24 |
#   | fd00:1::1   |        | fd00:1::fe fd00:2::fe|        | fd00:2::1   |
#   +-------------+        | ip_forward=1         |        +-------------+
#                          | ssf: fwd rules       |
#                          +----------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module

setup_ns C R S
veth_connect "$C" veth0 "$R" veth0
veth_connect "$R" veth1 "$S" veth0
addr_add "$C" veth0 10.0.1.1/24
addr_add "$C" veth0 fd00:1::1/64
addr_add "$R" veth0 10.0.1.254/24
addr_add "$R" veth0 fd00:1::fe/64
addr_add "$R" veth1 10.0.2.254/24
addr_add "$R" veth1 fd00:2::fe/64
addr_add "$S" veth0 10.0.2.1/24
addr_add "$S" veth0 fd00:2::1/64
ip -n "$C" route add default via 10.0.1.254
ip -n "$C" -6 route add default via fd00:1::fe
ip -n "$S" route add default via 10.0.2.254
ip -n "$S" -6 route add default via fd00:2::fe
ns_sysctl "$R" net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
neigh_pin "$C" veth0 "$R" veth0
neigh_pin "$R" veth1 "$S" veth0

delta() {	# delta "A1 A2 .." "B1 B2 ..": "B1-A1 B2-A2 .."
	local -a a b
	local i out=''
	read -ra a <<<"$1"
	read -ra b <<<"$2"
	for i in "${!b[@]}"; do out="$out $((b[i] - a[i]))"; done
	echo "${out# }"
}

run_family() {	# run_family TAG CLIENT SERVER ICMP HOST_PLEN CLIENT_NET
	local t=$1 ca=$2 sa=$3 icmp=$4 hp=$5 cnet=$6
	local ub ib
	ub=$(udp_bytes "$sa" 32)
	ib=$(icmp_bytes "$sa" 56)

	udp_send "$C" "$S" "$sa" 7001 3
	check_t "$t: no policy: udp routed" T_RX=3
	ping_send "$C" "$sa" 2
	check_t "$t: no policy: $icmp routed" T_RX=2

	# --- fwd rules, default accept; in/out rules must not matter ----
	load "$t: fwd: load router policy" "$R" <<-EOF
	rule fwd proto udp dport 7001 drop
	rule fwd proto udp src $cnet dst $sa/$hp dport 7002 drop
	rule fwd proto tcp dport 8001 drop
	rule fwd proto $icmp dst $sa/$hp drop
	rule in proto udp drop
	rule out proto udp drop
	rule fwd proto udp dport 7003 accept
	EOF
	udp_send "$C" "$S" "$sa" 7001 5
	check_t "$t: fwd: udp dport 7001 dropped" T_RX=0 T_TXERR=0
	check_rule "$t: fwd: udp rule counts 5" "$R" 1 5 $((5 * ub))
	udp_send "$C" "$S" "$sa" 7002 3
	check_t "$t: fwd: src/dst prefix rule drops" T_RX=0
	check_rule "$t: fwd: prefix rule counts 3" "$R" 2 3 $((3 * ub))
	tcp_connect "$C" "$S" "$sa" 8001 2
	check_t "$t: fwd: tcp dport 8001 dropped" T_CONN=0 T_ACC=0
	check_rule "$t: fwd: tcp rule counts the SYNs" "$R" 3 ">=2"
	ping_send "$C" "$sa" 4
	check_t "$t: fwd: $icmp to the server dropped" T_RX=0
	check_rule "$t: fwd: $icmp rule counts 4" "$R" 4 4 $((4 * ib))
	udp_send "$C" "$S" "$sa" 7003 4
	check_t "$t: fwd: udp dport 7003 routed past the router's in/out drops" T_RX=4
	check_rule "$t: fwd: router in rule saw no routed packet" "$R" 5 0 0
	check_rule "$t: fwd: router out rule saw no routed packet" "$R" 6 0 0
	check_rule "$t: fwd: accept rule counts 4" "$R" 7 4 $((4 * ub))
	udp_send "$R" "$S" "$sa" 7001 2
	check_t "$t: fwd: the router's own udp is not forwarded traffic" T_RX=0 T_TXERR=2
	check_rule "$t: fwd: ... it hit the out rule" "$R" 6 2
	check_rule "$t: fwd: ... and not the fwd rule" "$R" 1 5

	# --- fwd default drop -------------------------------------------
	load "$t: fwd default drop: load router policy" "$R" <<-EOF
	default fwd drop
	rule fwd proto tcp dport 8000 accept
	rule fwd proto tcp sport 8000 accept
	rule fwd proto $icmp accept
	rule fwd proto udp dst $sa/$hp dport 7000-7009 accept
	EOF
	local before after
	before=$(sj "$R" stats '(j["fwd"]["packets"], j["fwd"]["accepted"], j["fwd"]["dropped"], j["fwd"]["default"])')
	tcp_connect "$C" "$S" "$sa" 8000 2
	check_t "$t: fwd default drop: tcp 8000 routed both ways" T_CONN=2 T_ACC=2
	check_rule "$t: fwd default drop: client->server 6 packets" "$R" 1 6
	check_rule "$t: fwd default drop: server->client 2 packets" "$R" 2 2
	ping_send "$C" "$sa" 3
	check_t "$t: fwd default drop: $icmp routed" T_RX=3
	check_rule "$t: fwd default drop: echo + reply = 6" "$R" 3 6 $((6 * ib))
	udp_send "$C" "$S" "$sa" 7009 2
	check_t "$t: fwd default drop: udp 7009 routed" T_RX=2
	check_rule "$t: fwd default drop: udp range rule counts 2" "$R" 4 2 $((2 * ub))
	udp_send "$C" "$S" "$sa" 7010 2
	check_t "$t: fwd default drop: udp 7010 dropped" T_RX=0
	udp_send "$S" "$C" "$ca" 7005 2
	check_t "$t: fwd default drop: udp 7005 server->client dropped (dst)" T_RX=0
	after=$(sj "$R" stats '(j["fwd"]["packets"], j["fwd"]["accepted"], j["fwd"]["dropped"], j["fwd"]["default"])')
	# routed: tcp 6 + 2, echo 6, udp 2 accepted; udp 2 + 2 dropped by default
	check_eq "$t: fwd default drop: fwd stats delta (packets accepted dropped default)" \
		"20 16 4 4" "$(delta "$before" "$after")"
	tcp_connect "$C" "$S" "$sa" 8001 1
	check_t "$t: fwd default drop: tcp 8001 dropped" T_CONN=0 T_ACC=0
	check "$t: flush router" ssfctl_ns "$R" policy flush
}

run_family v4 10.0.1.1 10.0.2.1 icmp 32 10.0.1.0/24
run_family v6 fd00:1::1 fd00:2::1 icmpv6 128 fd00:1::/64

ksft_done
