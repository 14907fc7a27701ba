#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_rmmod.sh - unloading ssf under load.
#
# Policies in six namespaces, IPv4 ping floods (accepted) and IPv6 ping
# floods (dropped by the policies) running through them, then rmmod: it must succeed while
# packets are in the hooks, traffic must flow unfiltered afterwards, and a
# reloaded ssf must start from a clean state in every netns (inactive, no
# rules, no objects, zero counters). Twice, then no kernel warning.
#
#   +-------------+            +-------------+
#   | $Ci         |  ping -f   | $Si         |   i = 1..3
#   | 10.0.i.1/24 +----------->+ 10.0.i.2/24 |   ssf in both:
#   | fd00:i::1   | ping -6 -f | fd00:i::2   |   out rules on Ci,
#   +-------------+            +-------------+   in rules on Si
source "$(dirname "$0")/lib.sh"

ssf_need_module

all=()
for i in 1 2 3; do
	setup_ns C S
	ns_link "$C" "$S" veth0 $i
	printf -v "C$i" %s "$C"
	printf -v "S$i" %s "$S"
	all+=("$C" "$S")
done

load_all() {	# load_all TAG
	local i c s
	for i in 1 2 3; do
		c=C$i s=S$i
		ssfctl_ns "${!c}" policy load - <<-EOF || return 1
		rule out proto icmp accept
		rule out proto icmpv6 accept
		rule out proto udp dport 7000 accept
		EOF
		ssfctl_ns "${!s}" policy load - <<-EOF || return 1
		default in drop
		rule in proto icmp accept
		rule in proto icmpv6 src fd00:$i::1/128 drop
		rule in proto udp dport 7000 drop
		EOF
	done
}

floods=()
start_floods() {	# per pair: ping -f (accepted), ping -6 -f (dropped)
	local i c
	floods=()
	for i in 1 2 3; do
		c=C$i
		bg ip netns exec "${!c}" ping -q -f -i 0.01 -w 120 10.0.$i.2
		floods+=($!)
		bg ip netns exec "${!c}" ping -6 -q -f -i 0.01 -w 120 fd00:$i::2
		floods+=($!)
	done
} >/dev/null 2>&1

floods_running() {
	local p
	for p in "${floods[@]}"; do
		kill -0 "$p" 2>/dev/null || return 1
	done
}

# flowing: the pings and the dropped UDP of pair 1 are being counted
flowing() {
	[ "$(sj "$S1" "rule list" '(r(1)["packets"] > 20 and r(2)["packets"] > 20)')" = true ]
}

clean_state() {	# every netns: inactive, nothing, zero counters
	local ns bad=0
	for ns in "${all[@]}"; do
		[ "$(sj "$ns" status '(j["active"], j["rules"], j["objects"], j["next_id"], j["defaults"]["in"], j["defaults"]["out"], j["defaults"]["fwd"])')" = \
		  "false 0 0 1 accept accept accept" ] || { diag "status of $ns"; bad=1; }
		[ "$(sj "$ns" stats '(sum(j[d]["packets"] for d in ("in", "out", "fwd")), len(j["rules"]))')" = "0 0" ] ||
			{ diag "stats of $ns"; bad=1; }
	done
	return "$bad"
}

dmesg_mark
for round in 1 2; do
	check "round $round: policies in 6 namespaces" load_all
	udp_send "$C1" "$S1" 10.0.1.2 7000 3
	check_t "round $round: udp 7000 dropped while loaded" T_RX=0
	start_floods
	check "round $round: traffic flows through the hooks" busywait 60000 flowing
	check "round $round: the floods are running" floods_running
	check "round $round: rmmod under load" ssf_unload
	check "round $round: module gone" busywait 10000 bash -c '! test -d /sys/module/ssf'
	check "round $round: the floods survived the unload" floods_running
	udp_send "$C1" "$S1" 10.0.1.2 7000 3
	check_t "round $round: udp 7000 delivered after unload" T_RX=3
	udp_send "$C2" "$S2" fd00:2::2 7000 3
	check_t "round $round: udp 7000 (v6) delivered after unload" T_RX=3
	check_fail "round $round: ssfctl fails without the module" \
		ssfctl_ns "$C1" status
	check "round $round: insmod" ssf_load
	check "round $round: clean state in all 6 namespaces (traffic still flowing)" \
		clean_state
	for p in "${floods[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
done
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
