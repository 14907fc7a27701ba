#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_ct.sh - `ct state`: a stateful host on conntrack.
#
# The host $H drops everything coming in but the replies to its own
# traffic (`ct state established,related accept`) and one service port.
# Its outgoing TCP and UDP to the peer work, the peer reaches the service
# but not a listener on an ephemeral port, and an ICMP port unreachable
# answering the host's UDP comes in as `related` (the connected socket sees
# ECONNREFUSED; without `related` it does not). A TCP RST that belongs to
# no connection is `invalid` for conntrack: it hits `ct state invalid
# drop`, is counted, and its log line and event carry the state. A packet
# an nftables raw-table `notrack` marked is `untracked`. The peer, with an
# ssf policy but no `ct` rule, gets no conntrack: its conntrack table stays
# empty while the host's fills; and once the host loads a policy without
# `ct` rules, its new flows are not tracked either.
#
#   +--------------------------------+            +----------------------+
#   | host $H                        |            | peer $P              |
#   |   veth0 10.0.1.1/24            +------------+ veth0 10.0.1.2/24    |
#   |         fd00:1::1/64           |            |       fd00:1::2/64   |
#   |   ssf: default in drop,        |            |   ssf: one rule, no  |
#   |   ct state ..., dport 8022     |            |   ct (no conntrack)  |
#   |   nft raw: notrack udp 7100    |            |                      |
#   +--------------------------------+            +----------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

ssf_need_module
probe_start

setup_ns H P
ns_link "$H" "$P" veth0 1

# ct_lines NS [REGEX]: entries of the conntrack table of NS (matching REGEX)
ct_lines() {
	local t

	# no table to read (CONFIG_NF_CONNTRACK_PROCFS off): neither 0 nor 1
	t=$(ip netns exec "$1" cat /proc/net/nf_conntrack) ||
		{ echo "unreadable"; return; }
	grep -cE -- "${2:-.}" <<<"$t"
}

STATEFUL="default in drop
rule in ct state invalid drop log \"ctinv\"
rule in ct state established,related accept
rule in proto tcp dport 8022 accept
rule in proto udp dport 7100 ct state untracked accept"

load "host: stateful policy" "$H" <<<"$STATEFUL"
load "peer: a policy without ct" "$P" <<-EOF
rule in proto udp dport 9 drop
EOF
check_match "policy show lists the states" \
	"ct state established,related accept" "$(ssfctl_ns "$H" policy show)"

for fam in 4 6; do
	if [ $fam = 4 ]; then ha=10.0.1.1 pa=10.0.1.2; else ha=fd00:1::1 pa=fd00:1::2; fi
	t=ipv$fam
	# --- the host's own traffic ------------------------------------
	tcp_connect "$H" "$P" "$pa" 9000 3
	check_t "$t: host's outgoing tcp: replies come in (established)" \
		T_CONN=3 T_ACC=3
	udp_send "$H" "$P" "$pa" 7000 1 41000
	check_t "$t: host's outgoing udp reaches the peer" T_RX=1
	udp_send "$P" "$H" "$ha" 41000 3 7000
	check_t "$t: the peer's udp replies come in (established)" T_RX=3
	udp_send "$P" "$H" "$ha" 41001 3 7000
	check_t "$t: udp to another host port is new: dropped" T_RX=0
	# --- the peer's connections ------------------------------------
	tcp_connect "$P" "$H" "$ha" 40123 2
	check_t "$t: ephemeral-port listener unreachable from the peer" \
		T_CONN=0 T_ACC=0
	tcp_connect "$P" "$H" "$ha" 8022 2
	check_t "$t: the service port is reachable" T_CONN=2 T_ACC=2
	# --- related: ICMP port unreachable ----------------------------
	udpc "$H" none "$pa" 7999
	check_t "$t: port unreachable for the host's udp comes in (related)" \
		T_ERR=ECONNREFUSED
done

# related is what let it in: without it, the error is dropped
load "host: ct state established only" "$H" <<<"${STATEFUL/established,related/established}"
udpc "$H" none 10.0.1.2 7999
check_t "without related, the port unreachable is dropped" T_ERR=EAGAIN
load "host: stateful policy again" "$H" <<<"$STATEFUL"

# --- invalid: a RST of no connection --------------------------------------
for i in 1 2 3; do
	probe_traffic rawtcp "$P" 10.0.1.1 8022 4
done
check_rule "3 RSTs of no connection hit ct state invalid drop" "$H" 1 3
tcp_connect "$P" "$H" 10.0.1.1 8022 1
check_t "the service port still works" T_CONN=1 T_ACC=1

# --- untracked: nftables raw-table notrack ---------------------------------
nft_file=$ssf_tmpdir/notrack.nft
cat >"$nft_file" <<-EOF
table inet ssfraw {
	chain pre {
		type filter hook prerouting priority raw; policy accept;
		udp dport 7100 notrack
	}
}
EOF
if ip netns exec "$H" nft -f "$nft_file"; then
	udp_send "$P" "$H" 10.0.1.1 7100 4
	check_t "ipv4: notrack'ed udp accepted by ct state untracked" T_RX=4
	udp_send "$P" "$H" fd00:1::1 7100 2
	check_t "ipv6: notrack'ed udp accepted by ct state untracked" T_RX=2
	check_rule "the untracked rule counted 6" "$H" 4 6
	check_eq "no conntrack entry for the notrack'ed flow" 0 \
		"$(ct_lines "$H" "dport=7100 ")"
	ip netns exec "$H" nft delete table inet ssfraw
	udp_send "$P" "$H" 10.0.1.1 7100 2
	check_t "without notrack, the same udp is new: dropped" T_RX=0
else
	fail "nft raw-table notrack in the host" "nft -f failed"
fi

# --- no conntrack where no ct rule is ---------------------------------------
# (entries of earlier flows may have timed out by now: a fresh one)
udp_send "$H" "$P" 10.0.1.2 7299 1
check_t "host: udp to the peer" T_RX=1
check_eq "host (ct rules): the flow is tracked" 1 \
	"$(ct_lines "$H" "dport=7299 ")"
check_eq "peer (policy without ct): no conntrack entry at all" 0 \
	"$(ct_lines "$P")"
load "host: a policy without ct rules" "$H" <<-EOF
rule in proto udp dport 9 drop
EOF
udp_send "$H" "$P" 10.0.1.2 7300 1
check_t "host: udp without ct rules" T_RX=1
check_eq "host without ct rules: the new flow is not tracked" 0 \
	"$(ct_lines "$H" "dport=7300 ")"
load "host: ct rules again" "$H" <<<"$STATEFUL"
udp_send "$H" "$P" 10.0.1.2 7301 1
check_eq "host with ct rules again: the new flow is tracked" 1 \
	"$(ct_lines "$H" "dport=7301 ")"

# --- the state in log lines and events ---------------------------------------
log_all_netns
log_mark
mon_start mon "$H"
rst_seen() {
	probe_traffic rawtcp "$P" 10.0.1.1 8022 4
	[ "$(ev "$mon" 'len(sel(action="drop"))')" -gt 0 ]
}
check "monitor in the host sees the invalid drops" busywait 20000 rst_seen
check_eq "the event of the ct rule carries ct invalid" invalid \
	"$(ev "$mon" 'sel(action="drop")[0].get("ct")')"
check "the log line carries ct=invalid" busywait 5000 \
	logged "ctinv rule=[0-9]+.* ct=invalid"
udp_send "$P" "$H" 10.0.1.1 7400 1
udp_drop_seen() {
	[ "$(ev "$mon" 'len(sel(dport=7400))')" -gt 0 ]
}
check "the default's drop of new udp is an event" busywait 5000 udp_drop_seen
check_eq "an event of no ct rule carries no state" None \
	"$(ev "$mon" 'sel(dport=7400)[0].get("ct")')"

ksft_done
