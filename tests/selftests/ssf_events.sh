#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_events.sh - `ssfctl monitor` during a scripted scenario.
#
# Each kind of event (drop by a rule, by a default and by a validation
# check - a TCP null segment, on its way out -, reject, log, audit) with
# its JSON fields, IPv4 and IPv6, in and
# out, with the owner's uid on out; no event for an accept without log;
# the human output has one line per event; an unprivileged monitor is
# refused; in mode audit a drop rule's packets are audit events. Rate limiting (the module is reloaded with event_rate=25): a
# burst gets fewer events than drops, a later event reports the suppressed
# count, and events + suppressed = drops, exactly. Revert events are in
# ssf_txn.sh.
#
#   +---------------------+            +------------------------------+
#   | $C                  |            | $S                           |
#   |   veth0 10.0.1.1/24 +------------+ veth0 10.0.1.2/24            |
#   |       fd00:1::1/64  |            |       fd00:1::2/64           |
#   |   monitor --json    |            |   monitor --json, monitor    |
#   +---------------------+            +------------------------------+
#   +---------------------+            +------------------------------+
#   | $CB (IPv4 only)     |            | $SB (IPv4 only)              |
#   |   veth0 10.0.2.1/24 +------------+ veth0 10.0.2.2/24            |
#   |                     |            |   default in drop, monitor   |
#   +---------------------+            +------------------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

RATE=25

ssf_need_module
# event_rate is read-only at run time: load ssf again with a low one
ssf_unload || bail "rmmod ssf (still in use?)"
ssf_load event_rate=$RATE || bail "insmod $SSF_KO event_rate=$RATE"
# shellcheck disable=SC2034 # read by lib.sh's cleanup
ssf_loaded_by_us=1
probe_start
dmesg_mark

setup_ns C S
ns_link "$C" "$S" veth0 1
setup_ns -4 CB SB
ns_link "$CB" "$SB" veth0 2 -4

load "load the server policy" "$S" <<EOF
rule in proto udp dport 7099 drop
rule in proto udp dport 7001 drop
rule in proto tcp dport 8001 reject
rule in proto udp dport 7003 accept log "ssf-ev"
rule in proto udp dport 7004 drop audit
rule in proto udp dport 7005 accept
EOF
load "load the client policy" "$C" <<EOF
rule out proto udp dport 7098 drop
rule out proto udp dport 7020 uid 1234 drop
EOF
load "load the second server's policy" "$SB" <<EOF
default in drop
rule in proto udp dport 7099 drop
rule in proto udp dport 7010 drop
rule out proto udp dport 7022 drop
EOF

# n_ev FILE DPORT: events of the sentinel port seen in FILE
n_ev() {
	ev "$1" "len(sel(dport=$2))"
}

mon_start mon_s "$S"
mon_start mon_c "$C"
mon_start mon_b "$SB"
tmp_file human
bg_quiet ip netns exec "$S" "$SSFCTL" monitor >"$human" 2>&1

# The monitors listen once the sentinel's events show up in every one.
ready_s() {
	udp_send "$C" "$S" 10.0.1.2 7099 1
	[ "$(n_ev "$mon_s" 7099)" -gt 0 ] && grep -qw 7099 "$human"
}
ready_c() {
	udp_send "$C" "$S" 10.0.1.2 7098 1
	[ "$(n_ev "$mon_c" 7098)" -gt 0 ]
}
ready_b() {
	udp_send "$CB" "$SB" 10.0.2.2 7099 1
	[ "$(n_ev "$mon_b" 7099)" -gt 0 ]
}
check "monitor in S listening" busywait 20000 ready_s
check "monitor in C listening" busywait 20000 ready_c
check "monitor in SB listening" busywait 20000 ready_b
b_drops0=$(sj "$SB" stats 'j["in"]["dropped"] + j["out"]["dropped"]')
b_seen0=$(ev "$mon_b" 'len(ev) + sum(e.get("suppressed", 0) for e in ev)')

# --- the scenario ---------------------------------------------------------------
udp_send "$C" "$S" 10.0.1.2 7001 2
check_t "scenario: udp 7001 dropped" T_RX=0
tconnect "$C" 10.0.1.2 8001 10000
check_t "scenario: tcp 8001 rejected" T_ERR=ECONNREFUSED
udp_send "$C" "$S" 10.0.1.2 7003 2
check_t "scenario: udp 7003 accepted (logged)" T_RX=2
udp_send "$C" "$S" 10.0.1.2 7004 2
check_t "scenario: udp 7004 passes (audit)" T_RX=2
udp_send "$C" "$S" 10.0.1.2 7005 2
check_t "scenario: udp 7005 accepted" T_RX=2
udp_send "$C" "$S" fd00:1::2 7001 1
check_t "scenario: udp 7001 over IPv6 dropped" T_RX=0
probe_traffic rawtcp "$C" 10.0.1.2 8009 0
check_t "scenario: a TCP null segment dropped by C's validation (out)" \
	T_TXERR=1
oudp "$C" 1234:1234 "$S" - 10.0.1.2 7020 1
check_t "scenario: udp 7020 from uid 1234 dropped on the way out" T_TXERR=1
udp_send "$CB" "$SB" 10.0.2.2 7006 1
check_t "scenario: udp 7006 dropped by SB's default" T_RX=0
oudp "$SB" 1234:1234 "$CB" - 10.0.2.1 7022 1
check_t "scenario: udp 7022 from uid 1234 dropped leaving SB (no owner rule)" \
	T_TXERR=1
# A last sentinel in each netns: once its event is in the file, every
# earlier event is (one socket each, delivered in order).
n=$(n_ev "$mon_s" 7099)
ready_s() {
	[ "$(n_ev "$mon_s" 7099)" -gt "$n" ] || udp_send "$C" "$S" 10.0.1.2 7099 1
	[ "$(n_ev "$mon_s" 7099)" -gt "$n" ]
}
check "S: the scenario's events are all in" busywait 30000 ready_s
nc=$(n_ev "$mon_c" 7098)
ready_c() {
	[ "$(n_ev "$mon_c" 7098)" -gt "$nc" ] || udp_send "$C" "$S" 10.0.1.2 7098 1
	[ "$(n_ev "$mon_c" 7098)" -gt "$nc" ]
}
check "C: the scenario's events are all in" busywait 30000 ready_c
# SB's last event (the monitor has printed every earlier one)
b_last() { [ "$(n_ev "$mon_b" 7022)" -gt 0 ]; }
check "SB: the scenario's events are all in" busywait 30000 b_last

# f(e, keys...) of the first event matching SEL in FILE
first() {	# first FILE SEL KEY...
	local file=$1 sel=$2 k keys=
	shift 2
	for k in "$@"; do keys="$keys, \"$k\""; done
	ev "$file" "f(sel($sel)[0]$keys) if sel($sel) else 'none'"
}
check_eq "drop: one event a packet" 2 "$(ev "$mon_s" 'len(sel(dport=7001, family="ipv4"))')"
check_eq "drop: type dir family proto src dst dport rule action iif" \
	"drop in ipv4 udp 10.0.1.1 10.0.1.2 7001 2 drop veth0" \
	"$(first "$mon_s" 'dport=7001, family="ipv4"' type dir family proto src dst dport rule action iif)"
check_eq "drop: the source port is there" true \
	"$(ev "$mon_s" 'all(isinstance(e.get("sport"), int) and e["sport"] > 0 for e in sel(dport=7001))')"
check_eq "drop IPv6: family src dst rule" "drop ipv6 fd00:1::1 fd00:1::2 2" \
	"$(first "$mon_s" 'dport=7001, family="ipv6"' type family src dst rule)"
check_eq "reject: one event for the one SYN" 1 "$(ev "$mon_s" 'len(sel(dport=8001))')"
check_eq "reject: type proto rule action" "reject tcp 3 reject" \
	"$(first "$mon_s" 'dport=8001' type proto rule action)"
check_eq "log: one event a packet" 2 "$(ev "$mon_s" 'len(sel(dport=7003))')"
check_eq "log: type rule action" "log 4 accept" \
	"$(first "$mon_s" 'dport=7003' type rule action)"
check_eq "audit: one event a packet" 2 "$(ev "$mon_s" 'len(sel(dport=7004))')"
check_eq "audit: type rule action (the verdict it would have had)" \
	"audit 5 drop" "$(first "$mon_s" 'dport=7004' type rule action)"
check_eq "accept without log: no event" 0 "$(ev "$mon_s" 'len(sel(dport=7005))')"
check_eq "validation check: type reason dport, no rule" \
	"drop tcp-null 8009 None" \
	"$(first "$mon_c" 'dport=8009' type reason dport rule)"
check_eq "out: type dir uid rule oif action" "drop out 1234 2 veth0 drop" \
	"$(first "$mon_c" 'dport=7020' type dir uid rule oif action)"
check_eq "default drop: type dir action, no rule" "drop in drop None" \
	"$(first "$mon_b" 'dport=7006' type dir action rule)"
check_eq "out without owner rules: the sender's uid still named" \
	"drop out 1234 3" "$(first "$mon_b" 'dport=7022' type dir uid rule)"
check_eq "only known types" "" \
	"$(ev "$mon_s" '" ".join(sorted({e["type"] for e in ev} - {"drop", "reject", "log", "audit"}))')"
human_all() {	# the sentinels aside: each monitor may have caught more
	[ "$(grep -vcw 7099 "$human")" == \
	  "$(ev "$mon_s" 'len([e for e in ev if e.get("dport") != 7099])')" ]
}
check "human output: one line per event" busywait 10000 human_all
check "human output: mentions the dropped port" grep -q 7001 "$human"

out=$(ip netns exec "$S" setpriv --reuid 1234 --regid 1234 --clear-groups \
	timeout 20 "$SSFCTL" monitor --json 2>&1)
check_eq "an unprivileged monitor is refused (exit 1)" 1 $?
check_match "... with a message" '^ssfctl: ' "$out"

# --- mode audit: every would-be drop is an audit event ---------------------
check "mode audit: set in S" ssfctl_ns "$S" mode audit
udp_send "$C" "$S" 10.0.1.2 7001 2
check_t "mode audit: udp 7001 (a drop rule) passes" T_RX=2
audit_in() { [ "$(ev "$mon_s" 'len(sel(dport=7001, type="audit"))')" -ge 2 ]; }
check "mode audit: the audit events arrive" busywait 20000 audit_in
check_eq "mode audit: one a packet; dir rule action (the verdict it would have had)" \
	"2 in 2 drop" \
	"$(ev "$mon_s" 'len(sel(dport=7001, type="audit"))') $(first "$mon_s" 'dport=7001, type="audit"' dir rule action)"
check_eq "mode audit: no drop event for them" 2 \
	"$(ev "$mon_s" 'len(sel(dport=7001, type="drop", family="ipv4"))')"
check "mode audit: back to enforce" ssfctl_ns "$S" mode enforce

# --- rate limiting ------------------------------------------------------------------
udp_send "$CB" "$SB" 10.0.2.2 7010 200
check_t "burst: 200 datagrams dropped" T_RX=0
suppressed_reported() {
	[ "$(ev "$mon_b" 'sum(e.get("suppressed", 0) for e in ev)')" -gt 0 ] && return 0
	udp_send "$CB" "$SB" 10.0.2.2 7010 1
	return 1
}
check "rate limit: a later event reports the suppressed ones" \
	busywait 20000 suppressed_reported
check_lt "rate limit: fewer events than drops in the burst" 150 \
	"$(ev "$mon_b" 'len(sel(dport=7010))')"
accounted() {
	local seen drops
	drops=$(sj "$SB" stats 'j["in"]["dropped"] + j["out"]["dropped"]')
	seen=$(ev "$mon_b" 'len(ev) + sum(e.get("suppressed", 0) for e in ev)')
	acc_got="$((seen - b_seen0)) events + suppressed for $((drops - b_drops0)) drops"
	[ $((seen - b_seen0)) == $((drops - b_drops0)) ]
}
if busywait 10000 accounted; then
	ok "rate limit: events + suppressed = drops ($acc_got)"
else
	fail "rate limit: events + suppressed = drops" "$acc_got"
fi

# --- the end ------------------------------------------------------------------
for ns in "$C" "$S" "$CB" "$SB"; do
	ssfctl_ns "$ns" policy flush
	check_eq "no objects left in ${ns%-*}" 0 "$(objects "$ns")"
done
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
