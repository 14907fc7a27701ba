#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_demo.sh - `make demo`: examples/web-server.conf on a server, traffic
# from a client, an attacker and the server itself, each verdict checked.
#
# Every line that says "delivered" or "blocked" is a check: the verdict is
# what the probe saw (the helpers of lib.sh and lib_probe.sh count what
# arrived, after a barrier) and it must be the one the policy gives; the
# rule the policy says decides the packet must have counted it (its
# comment names it), or the default. A probe's listener is bound by the
# helper before anything is sent, so a listener that cannot start fails
# the probe loudly instead of passing for a "blocked". Shown: the policy
# checked by the kernel (`policy check`) and loaded; ssh refused until the
# client is added to the admins set; the blocklist set dropping the
# attacker early; connection tracking: the server's own TCP connection and
# UDP exchange work with no port range open, a listener on an ephemeral
# port stays unreachable, and an ICMP port unreachable comes back as
# "related"; a crafted TCP segment without flags dropped by the validation
# check tcp-null before any rule; an owner rule on the client (uid 65534
# rejected); `ssfctl monitor` events with the deciding rule or reason; the
# ICMP echo limit (a burst of new pings: some answered, the rest dropped by
# the default); `ssfctl stats` and `rule list`.
#
#   +-----------------------+          +------------------------------+
#   | $C client             |          | $S server                    |
#   |  veth0 10.0.1.1/24    +----------+ veth0 10.0.1.2/24            |
#   |        fd00:1::1/64   |          |       fd00:1::2/64           |
#   |  owner rule (out)     |          |  examples/web-server.conf    |
#   +-----------------------+          |  ssfctl monitor              |
#   +-----------------------+          |                              |
#   | $A attacker           +----------+ veth1 10.0.2.2/24            |
#   |  veth1 10.0.2.1/24    |          |       fd00:2::2/64           |
#   +-----------------------+          +------------------------------+
# shellcheck disable=SC2154 # tmp_file and mon_start set the file names
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

# SSF_DEMO_POLICY: another file in its place (to see the checks fail)
POLICY=${SSF_DEMO_POLICY:-$SSF_TOP/examples/web-server.conf}
t_start=$SECONDS

say() { printf '#\n# == %s\n' "$*"; }
show() { sed 's/^/#   /'; }

ssf_need_module
probe_start
dmesg_mark

setup_ns C S A
ns_link "$C" "$S" veth0 1
ns_link "$A" "$S" veth1 2

say "the policy: examples/web-server.conf, checked by the kernel, loaded"
check "policy check examples/web-server.conf" \
	ssfctl_ns "$S" policy check "$POLICY"
check "policy load examples/web-server.conf" \
	ssfctl_ns "$S" policy load "$POLICY"
ssfctl_ns "$S" rule list | show

mon_start mon "$S"
tmp_file human
bg_quiet ip netns exec "$S" "$SSFCTL" monitor >"$human" 2>&1
# the monitors listen once a datagram's drop event shows up in both
mon_ready() {
	udp_send "$C" "$S" 10.0.1.2 9 1
	[ "$(ev "$mon" 'len(sel(dport=9))')" -gt 0 ] && grep -qE ':9( |$)' "$human"
}
busywait 60000 mon_ready || bail "ssfctl monitor never reported an event"

# The counters, one `ssfctl stats` a probe: CNT[default] (the in default)
# and CNT[<rule id>]; RID[<comment>] is the id of the rule with that
# comment. snap reads them; a probe compares with the last snap.
declare -A CNT RID
snap() {
	local kv
	CNT=()
	for kv in $(sj "$S" stats '" ".join(["default=%d" % j["in"]["default"]] + ["%d=%d" % (x["id"], x["packets"]) for x in j["rules"]])'); do
		CNT[${kv%=*}]=${kv#*=}
	done
}
while IFS='=' read -r -d '|' c id; do
	RID[$c]=$id
done <<<"$(sj "$S" "rule list" '"".join("%s=%d|" % (x["comment"], x["id"]) for x in j if x.get("comment"))')"

# counted WHO: from the last snap, the packets of the rule with comment
# WHO, or of the in default ("default")
counted() {
	if [ "$1" = default ]; then
		echo "${CNT[default]:-}"
	else
		echo "${CNT[${RID[$1]:-none}]:-}"
	fi
}

# verdict LABEL EXPECT WHO GOT: EXPECT and GOT are delivered or blocked;
# WHO (a rule comment, or default) must have counted a packet since the
# last snap.
verdict() {
	local label=$1 want=$2 who=$3 got=$4 c0 c1
	c0=$(counted "$who")
	snap
	c1=$(counted "$who")
	if [ "$got" != "$want" ]; then
		fail "$label: $got" "WRONG: the policy says $want (by \"$who\")"
	elif ! [[ "$c1" =~ ^[0-9]+$ ]] || ! [[ "$c0" =~ ^[0-9]+$ ]] ||
	     [ "$c1" -le "$c0" ]; then
		fail "$label: $got" "\"$who\" did not count it ($c0 -> $c1)"
	else
		ok "$label: $got, by \"$who\""
	fi
}

# tcp_probe FROM DST PORT EXPECT WHO: a connect from FROM to a listener of
# the server (bound by the helper first: a listener that cannot start is a
# failure, never a "blocked")
tcp_probe() {
	local from=$1 dst=$2 port=$3 got=blocked name=client
	[ "$from" != "$A" ] || name=attacker
	tcp_connect "$from" "$S" "$dst" "$port" 1 ||
		{ fail "$name: tcp $dst:$port" "the probe failed: $T_TX"; return; }
	[ "$T_CONN$T_ACC" != 11 ] || got=delivered
	[ "$T_CONN$T_ACC" = 11 ] || [ "$T_CONN$T_ACC" = 00 ] ||
		{ fail "$name: tcp $dst:$port" "half a connection: $T_CONN $T_ACC"; return; }
	verdict "$name: tcp $dst:$port" "$4" "$5" "$got"
}

udp_probe() {
	local from=$1 dst=$2 port=$3 got=blocked
	udp_send "$from" "$S" "$dst" "$port" 1 ||
		{ fail "client: udp $dst:$port" "the probe failed"; return; }
	[ "$T_RX" != 1 ] || got=delivered
	verdict "client: udp $dst:$port" "$4" "$5" "$got"
}

say "services: http and https for everyone, nothing else"
snap
for a in 10.0.1.2 fd00:1::2; do
	tcp_probe "$C" $a 80 delivered http
	tcp_probe "$C" $a 443 delivered https
	tcp_probe "$C" $a 23 blocked default
done
udp_probe "$C" 10.0.1.2 443 delivered "http/3 (QUIC)"
udp_probe "$C" fd00:1::2 5353 blocked default

say "sets: ssh only from the admins set, the blocklist dropped early"
tcp_probe "$C" 10.0.1.2 22 blocked default
check "ssfctl set add admins 10.0.1.1" ssfctl_ns "$S" set add admins 10.0.1.1
tcp_probe "$C" 10.0.1.2 22 delivered ssh
tcp_probe "$A" 10.0.2.2 80 delivered http
check "ssfctl set add blocklist 10.0.2.1 timeout 1h" \
	ssfctl_ns "$S" set add blocklist 10.0.2.1 timeout 1h
tcp_probe "$A" 10.0.2.2 80 blocked blocklist
tcp_probe "$A" fd00:2::2 80 delivered http
ssfctl_ns "$S" set list | show

say "connection tracking: no port range open for replies"
tcp_connect "$S" "$C" 10.0.1.1 8080 1
check_t "server connects out to the client's tcp 8080: the replies come back" \
	T_CONN=1 T_ACC=1
udp_send "$S" "$C" 10.0.1.1 5353 1
check_t "server sends udp to the client" T_RX=1
udpc "$S" none 10.0.1.1 5354
check_t "server's udp to a closed port: the ICMP error comes back (related)" \
	T_ERR=ECONNREFUSED
snap
tcp_probe "$C" 10.0.1.2 40000 blocked default
check_ge "ct state established,related counted the replies" 3 \
	"$(sj "$S" "rule list" 'j[0]["packets"]')"

say "validation: a crafted TCP segment without flags, dropped before any rule"
probe_traffic rawtcp "$C" 10.0.1.2 80 0
check_eq "tcp-null: dropped, the check named in the stats" 1 \
	"$(sj "$S" stats 'j["reasons"].get("tcp-null", 0)')"

say "owner rule on the client: uid 65534 may not browse"
check "client: rule add out uid 65534 tcp 80 reject" \
	ssfctl_ns "$C" rule add out proto tcp dport 80 uid 65534 reject \
	comment '"no web for nobody"'
client "$C" "$S" 65534:65534 tcp 10.0.1.2 80 1
check_t "client: bash as uid 65534: tcp 10.0.1.2:80 refused" T_ERR=refused
client "$C" "$S" 1000:1000 tcp 10.0.1.2 80 1
check_t "client: bash as uid 1000: tcp 10.0.1.2:80 connects" T_ERR=ok

say "ICMP echo: 10 new pings a second, bursts of 5"
icmp_send "$C" 10.0.1.2 3
check_t "ping 10.0.1.2: 3 requests, 3 replies" T_RX=3
icmp_send "$C" fd00:1::2 3
check_t "ping fd00:1::2: 3 requests, 3 replies" T_RX=3
# 100 pings of one request each, back to back: the burst and what the
# rate adds while they are sent pass, the rest meet the default
c0=$(sj "$S" stats 'j["in"]["default"]')
probe_traffic icmpn "$C" 10.0.1.2 100
check_ge "100 new pings at once: at least the burst (5) answered" 5 "$T_RX"
check_lt "100 new pings at once: not all answered" 100 "$T_RX"
check_eq "... the rest dropped by the default" "$((100 - T_RX))" \
	"$(($(sj "$S" stats 'j["in"]["default"]') - c0))"
diag "100 new pings at once: $T_RX answered"

say "ssfctl monitor: what was dropped, and why"
grep -vE ':9( |$)' "$human" | show
check_eq "monitor: the blocklist drop with its rule" \
	"$(sj "$S" "rule list" '[x["id"] for x in j if x.get("comment") == "blocklist"][0]')" \
	"$(ev "$mon" '[e.get("rule") for e in sel(src="10.0.2.1")][-1]')"
check_eq "monitor: the tcp-null drop with its reason" "tcp-null" \
	"$(ev "$mon" '[e.get("reason") for e in ev if e.get("reason")][-1]')"

say "ssfctl stats (server)"
ssfctl_ns "$S" stats | show

check_eq "no kernel warnings" "" "$(dmesg_splats)"
diag "demo: $((SECONDS - t_start)) s"
ksft_done
