#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_basic.sh - filtering between two hosts, IPv4 and IPv6.
#
# TCP, UDP and ICMP/ICMPv6 allowed and denied by rules and by defaults, in
# each direction: `in` rules on the server, `out` rules on the client.
# Prefixes, port ranges (both ends), source ports, first-match order, and
# the counters: each rule's packets and bytes equal what was sent (UDP and
# echo sizes are exact; an accepted TCP connection is exactly SYN, ACK, RST
# from the client and SYN-ACK from the server). Then examples/web-server.conf
# on the server: ssh, http, https and ping pass, telnet and other UDP do
# not. Last, exact per-direction statistics on an IPv4-only pair, where
# nothing but the test's packets exists.
#
#   +---------------------+            +---------------------+
#   | client $C           |            | server $S           |
#   |   veth0 10.0.1.1/24 +------------+ veth0 10.0.1.2/24   |
#   |         fd00:1::1/64|            |       fd00:1::2/64  |
#   |   ssf: out rules    |            |   ssf: in rules     |
#   +---------------------+            +---------------------+
#
#   +---------------------+            +---------------------+
#   | client $C4 (v4 only)|            | server $S4 (v4 only)|
#   |   veth0 10.0.2.1/24 +------------+ veth0 10.0.2.2/24   |
#   +---------------------+            +---------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module

setup_ns C S
ns_link "$C" "$S" veth0 1

# run_family TAG CLIENT_ADDR SERVER_ADDR ICMP_PROTO HOST_PLEN
#            NET_WITH_CLIENT NET_WITHOUT_CLIENT
run_family() {
	local t=$1 ca=$2 sa=$3 icmp=$4 hp=$5 net_in=$6 net_out=$7
	local ub ib
	ub=$(udp_bytes "$sa" 32)
	ib=$(icmp_bytes "$sa" 56)

	# --- no policy: everything passes, no hooks --------------------
	udp_send "$C" "$S" "$sa" 7001 5
	check_t "$t: no policy: udp delivered" T_RX=5 T_TXERR=0
	check_eq "$t: no policy: server inactive" false \
		"$(sj "$S" status 'j["active"]')"

	# --- server `in` rules, default accept --------------------------
	load "$t: in: load server policy" "$S" <<-EOF
	rule in proto udp dport 7001 drop
	rule in proto udp dport 7010-7020 accept
	rule in proto udp dport 7010-7020 drop
	rule in proto udp src $net_in dport 7030 drop
	rule in proto udp src $net_out dport 7031 drop
	rule in proto tcp dport 8001 drop
	rule in proto $icmp dst $sa/$hp drop
	EOF
	udp_send "$C" "$S" "$sa" 7001 5
	check_t "$t: in: udp dport 7001 dropped" T_RX=0 T_TXERR=0
	check_rule "$t: in: drop rule counts 5 packets, $((5 * ub)) bytes" \
		"$S" 1 5 $((5 * ub))
	udp_send "$C" "$S" "$sa" 7000 3
	check_t "$t: in: udp dport 7000 (no rule) accepted by default" T_RX=3
	udp_send "$C" "$S" "$sa" 7010 2
	check_t "$t: in: udp dport 7010 (range start) accepted" T_RX=2
	udp_send "$C" "$S" "$sa" 7020 2
	check_t "$t: in: udp dport 7020 (range end) accepted" T_RX=2
	udp_send "$C" "$S" "$sa" 7021 1
	check_t "$t: in: udp dport 7021 (past the range) accepted" T_RX=1
	check_rule "$t: in: range rule counts 4" "$S" 2 4 $((4 * ub))
	check_rule "$t: in: shadowed rule counts 0 (first match wins)" "$S" 3 0 0
	udp_send "$C" "$S" "$sa" 7030 3
	check_t "$t: in: src $net_in dropped" T_RX=0
	check_rule "$t: in: src prefix rule counts 3" "$S" 4 3 $((3 * ub))
	udp_send "$C" "$S" "$sa" 7031 3
	check_t "$t: in: src $net_out not matched, accepted" T_RX=3
	check_rule "$t: in: other-prefix rule counts 0" "$S" 5 0 0
	tcp_connect "$C" "$S" "$sa" 8001 2
	check_t "$t: in: tcp dport 8001 dropped" T_CONN=0 T_ACC=0
	check_rule "$t: in: tcp drop rule counts the SYNs" "$S" 6 ">=2"
	tcp_connect "$C" "$S" "$sa" 8000 2
	check_t "$t: in: tcp dport 8000 accepted" T_CONN=2 T_ACC=2
	ping_send "$C" "$sa" 5
	check_t "$t: in: $icmp echo dropped" T_RX=0 T_TXERR=0
	check_rule "$t: in: $icmp rule counts 5 packets, $((5 * ib)) bytes" \
		"$S" 7 5 $((5 * ib))

	# --- server `in` default drop -----------------------------------
	n0=$(sj "$S" status 'j["next_id"]')
	load "$t: in default drop: load server policy" "$S" <<-EOF
	default in drop
	rule in proto tcp dport 8000 accept
	rule in proto udp dport 7000 accept
	rule in proto $icmp src $ca/$hp accept
	EOF
	check_eq "$t: in default drop: rule ids go on, never reused" \
		"$n0 $((n0 + 1)) $((n0 + 2))" \
		"$(sj "$S" "rule list" '" ".join(str(x["id"]) for x in j)')"
	tcp_connect "$C" "$S" "$sa" 8000 3
	check_t "$t: in default drop: tcp dport 8000 accepted" T_CONN=3 T_ACC=3
	check_rule "$t: in default drop: 3 connections = 9 packets in" "$S" 1 9
	udp_send "$C" "$S" "$sa" 7000 5
	check_t "$t: in default drop: udp dport 7000 accepted" T_RX=5
	check_rule "$t: in default drop: udp rule counts 5" "$S" 2 5 $((5 * ub))
	udp_send "$C" "$S" "$sa" 7002 4
	check_t "$t: in default drop: udp dport 7002 dropped" T_RX=0
	tcp_connect "$C" "$S" "$sa" 8002 1
	check_t "$t: in default drop: tcp dport 8002 dropped" T_CONN=0 T_ACC=0
	ping_send "$C" "$sa" 5
	check_t "$t: in default drop: $icmp echo accepted" T_RX=5
	check_rule "$t: in default drop: $icmp rule counts 5" "$S" 3 5 $((5 * ib))
	check "$t: flush server" ssfctl_ns "$S" policy flush

	# --- client `out` rules, default accept -------------------------
	load "$t: out: load client policy" "$C" <<-EOF
	rule out proto udp dport 7001 drop
	rule out proto tcp dport 8001 drop
	rule out proto $icmp dst $sa/$hp drop
	rule out proto udp sport 6000-6009 dport 7002 drop
	EOF
	udp_send "$C" "$S" "$sa" 7001 5
	check_t "$t: out: udp dport 7001 dropped, send fails" T_RX=0 T_TXERR=5
	check_rule "$t: out: udp rule counts 5" "$C" 1 5 $((5 * ub))
	udp_send "$C" "$S" "$sa" 7002 3 6005
	check_t "$t: out: udp sport 6005 dropped" T_RX=0 T_TXERR=3
	udp_send "$C" "$S" "$sa" 7002 3 6010
	check_t "$t: out: udp sport 6010 (past the range) accepted" T_RX=3 T_TXERR=0
	check_rule "$t: out: sport rule counts 3" "$C" 4 3 $((3 * ub))
	tcp_connect "$C" "$S" "$sa" 8001 2
	check_t "$t: out: tcp dport 8001 dropped" T_CONN=0 T_ACC=0
	check_rule "$t: out: tcp rule counts the SYNs" "$C" 2 ">=2"
	ping_send "$C" "$sa" 5
	check_t "$t: out: $icmp echo dropped" T_RX=0 T_TXERR=5
	check_rule "$t: out: $icmp rule counts 5" "$C" 3 5 $((5 * ib))

	# --- client `out` default drop ----------------------------------
	load "$t: out default drop: load client policy" "$C" <<-EOF
	default out drop
	rule out proto udp dport 7000 accept
	rule out proto tcp dport 8000 accept
	EOF
	udp_send "$C" "$S" "$sa" 7000 4
	check_t "$t: out default drop: udp dport 7000 accepted" T_RX=4 T_TXERR=0
	check_rule "$t: out default drop: udp rule counts 4" "$C" 1 4 $((4 * ub))
	udp_send "$C" "$S" "$sa" 7001 2
	check_t "$t: out default drop: udp dport 7001 dropped" T_RX=0 T_TXERR=2
	tcp_connect "$C" "$S" "$sa" 8000 2
	check_t "$t: out default drop: tcp dport 8000 accepted" T_CONN=2 T_ACC=2
	check_rule "$t: out default drop: 2 connections = 6 packets out" "$C" 2 6
	ping_send "$C" "$sa" 2
	check_t "$t: out default drop: $icmp echo dropped" T_RX=0 T_TXERR=2
	check "$t: flush client" ssfctl_ns "$C" policy flush
}

run_family v4 10.0.1.1 10.0.1.2 icmp 32 10.0.1.0/28 10.0.1.16/28
run_family v6 fd00:1::1 fd00:1::2 icmpv6 128 fd00:1::/120 fd00:1::100/120

# --- the example policy (examples/web-server.conf) on the server --------
check "example: load examples/web-server.conf" \
	ssfctl_ns "$S" policy load "$SSF_TOP/examples/web-server.conf"
for sa in 10.0.1.2 fd00:1::2; do
	t=v4
	[[ "$sa" != *:* ]] || t=v6
	for port in 80 443; do
		tcp_connect "$C" "$S" "$sa" $port 1
		check_t "example $t: tcp $port accepted" T_CONN=1 T_ACC=1
	done
	tcp_connect "$C" "$S" "$sa" 22 1
	check_t "example $t: tcp 22 (ssh) dropped: not from the admins set" \
		T_CONN=0 T_ACC=0
	tcp_connect "$C" "$S" "$sa" 23 1
	check_t "example $t: tcp 23 (telnet) dropped" T_CONN=0 T_ACC=0
	udp_send "$C" "$S" "$sa" 5353 2
	check_t "example $t: udp 5353 dropped" T_RX=0
	ping_send "$C" "$sa" 2
	check_t "example $t: ping accepted" T_RX=2
done
check_ge "example: the default dropped the rest (2 x (SYN + 2 udp))" 6 \
	"$(sj "$S" stats 'j["in"]["default"]')"
check "example: flush" ssfctl_ns "$S" policy flush

# --- exact per-direction statistics (IPv4 only, no other traffic) -------
setup_ns -4 C4 S4
ns_link "$C4" "$S4" veth0 2 -4

load "stats: load server policy" "$S4" <<EOF
default in drop
rule in proto udp dport 7300 accept
rule in proto udp dport 7301 drop
rule in proto icmp accept
EOF
load "stats: load client policy (defaults only)" "$C4" <<EOF
default out accept
EOF
udp_send "$C4" "$S4" 10.0.2.2 7300 5
check_t "stats: udp 7300 accepted" T_RX=5
udp_send "$C4" "$S4" 10.0.2.2 7301 3
check_t "stats: udp 7301 dropped by rule" T_RX=0
udp_send "$C4" "$S4" 10.0.2.2 7302 2
check_t "stats: udp 7302 dropped by default" T_RX=0
ping_send "$C4" 10.0.2.2 4
check_t "stats: icmp accepted" T_RX=4
fields='packets accepted dropped default unparsed'
dstats() {	# dstats DIR: the stats fields of DIR as a tuple expression
	local f e=
	for f in $fields; do e="$e j['$1']['$f'],"; done
	echo "($e)"
}
check_eq "stats: server in: packets accepted dropped default unparsed" \
	"14 9 5 2 0" "$(sj "$S4" stats "$(dstats in)")"
check_eq "stats: server out: echo replies by default" \
	"4 4 0 4 0" "$(sj "$S4" stats "$(dstats out)")"
check_eq "stats: server fwd: nothing" "0 0 0 0 0" "$(sj "$S4" stats "$(dstats fwd)")"
check_eq "stats: client out: everything sent" \
	"14 14 0 14 0" "$(sj "$C4" stats "$(dstats out)")"
check_eq "stats: client in: echo replies" "4 4 0 4 0" "$(sj "$C4" stats "$(dstats in)")"
check_eq "stats: per-rule counters (packets bytes)" \
	"5 $((5 * 60)) 3 $((3 * 60)) 4 $((4 * 84))" \
	"$(sj "$S4" stats '(r(1)["packets"], r(1)["bytes"], r(2)["packets"], r(2)["bytes"], r(3)["packets"], r(3)["bytes"])')"
check_eq "stats: rule list agrees with stats" \
	"$(sj "$S4" stats '(r(1)["packets"], r(2)["packets"], r(3)["packets"])')" \
	"$(sj "$S4" "rule list" '(r(1)["packets"], r(2)["packets"], r(3)["packets"])')"

ksft_done
