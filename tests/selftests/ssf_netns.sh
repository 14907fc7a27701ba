#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_netns.sh - policies are per network namespace.
#
# Two pairs with the same addresses: a policy in $A2 filters $A1 -> $A2
# and nothing else; $B2's traffic, status, statistics and rule ids are its
# own. Then namespaces with policies (and counters) are deleted: their
# state is freed when the netns goes (rmmod afterwards finds no live
# object, dmesg has no warning).
#
#   +-------------+            +-------------+
#   | $A1         |            | $A2         |
#   | 10.0.1.1/24 +------------+ 10.0.1.2/24 |  ssf: drop-all policy
#   | (IPv4 only) |            | (IPv4 only) |
#   +-------------+            +-------------+
#   +-------------+            +-------------+
#   | $B1         |            | $B2         |
#   | 10.0.1.1/24 +------------+ 10.0.1.2/24 |  ssf: none, later its own
#   | fd00:1::1   |            | fd00:1::2   |
#   +-------------+            +-------------+
#   +-------------+            +-------------+
#   | $K (kept)   |  vethDi    | $Di, i=1..3 |  ssf: policy, then deleted
#   | 10.0.9.254  +------------+ 10.0.9.i    |
#   +-------------+            +-------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module

# A is IPv4-only so that its statistics count nothing but the test's packets
setup_ns -4 A1 A2
setup_ns B1 B2
ns_link "$A1" "$A2" veth0 1 -4
ns_link "$B1" "$B2" veth0 1

check "load a drop-all policy in A2" ssfctl_ns "$A2" policy load - <<EOF
default in drop
default out drop
rule in proto udp dport 7000 drop
EOF
udp_send "$A1" "$A2" 10.0.1.2 7000 5
check_t "A1 -> A2 udp dropped" T_RX=0
check_rule "A2 rule counts 5" "$A2" 1 5
udp_send "$B1" "$B2" 10.0.1.2 7000 5
check_t "B1 -> B2 udp (same addresses) delivered" T_RX=5
ping_send "$B1" fd00:1::2 3
check_t "B1 -> B2 ping -6 delivered" T_RX=3
check_eq "B2 status: inactive, no rules, default accept" "false 0 accept accept" \
	"$(sj "$B2" status '(j["active"], j["rules"], j["defaults"]["in"], j["defaults"]["out"])')"
check_eq "B2 stats: nothing counted" "0 0 0" \
	"$(sj "$B2" stats '(j["in"]["packets"], j["out"]["packets"], j["fwd"]["packets"])')"
check_eq "A2 rule counter not touched by B traffic" "5" \
	"$(sj "$A2" "rule list" 'r(1)["packets"]')"
show_a2=$(ssfctl_ns "$A2" policy show | policy_body)

check "B2: rule add" ssfctl_ns "$B2" rule add in proto udp dport 7001 drop
check_eq "B2: its first rule is id 1 (ids are per netns)" "1 1" \
	"$(sj "$B2" status '(j["rules"], j["next_id"] - 1)')"
check_eq "A2: still 1 rule, next id 2" "1 2" \
	"$(sj "$A2" status '(j["rules"], j["next_id"])')"
check_eq "A2: policy text unchanged by B2" "$show_a2" "$(ssfctl_ns "$A2" policy show | policy_body)"
udp_send "$B1" "$B2" 10.0.1.2 7001 2
check_t "B2's rule drops B traffic" T_RX=0
udp_send "$A1" "$A2" 10.0.1.2 7001 2
check_t "... and A2's default (drop) still decides A traffic" T_RX=0
check_eq "A2 in stats: 7 dropped, 2 by default" "7 2" \
	"$(sj "$A2" stats '(j["in"]["dropped"], j["in"]["default"])')"
check "flush A2" ssfctl_ns "$A2" policy flush
check_eq "B2 keeps its policy after A2's flush" "true 1" \
	"$(sj "$B2" status '(j["active"], j["rules"])')"
udp_send "$A1" "$A2" 10.0.1.2 7000 2
check_t "A traffic flows after A2's flush" T_RX=2
check_eq "A2 after flush: no objects" 0 "$(sj "$A2" status 'j["objects"]')"

# --- deleting namespaces that hold a policy ---------------------------------
dmesg_mark
setup_ns K
gone=()
for i in 1 2 3; do
	setup_ns D
	veth_connect "$K" vethD$i "$D" veth0
	addr_add "$K" vethD$i 10.0.9.254/32
	addr_add "$D" veth0 10.0.9.$i/24
	ip -n "$K" route add 10.0.9.$i/32 dev vethD$i
	neigh_pin "$K" vethD$i "$D" veth0
	check "D$i: load a policy" ssfctl_ns "$D" policy load - <<-EOF
	default in drop
	rule in proto udp dport 7000 accept
	rule out proto udp drop
	EOF
	udp_send "$K" "$D" 10.0.9.$i 7000 3
	check_t "D$i: traffic counted before deletion" T_RX=3
	cleanup_ns "$D"
	gone+=("vethD$i")
done
veth_gone() {
	local v
	for v in "${gone[@]}"; do
		! ip -n "$K" link show "$v" &>/dev/null || return 1
	done
}
check "deleted namespaces are dismantled (their veth peers vanish)" \
	busywait 30000 veth_gone
# rmmod waits for any netns cleanup still running; ssf's exit warns if an
# object of any netns (policy, transaction) is still alive.
check "rmmod after the deletions" ssf_unload
check_eq "no kernel warning from deleting namespaces with policies" "" \
	"$(dmesg_splats)"
check "reload ssf" ssf_load

ksft_done
