#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_limit.sh - the `limit` rule word: a token bucket per rule.
#
# The client pings the server at a known rate (well above the limit), the
# server's policy is `limit 10/second burst 5 accept` then `drop` for echo
# requests. The bucket lets `burst` packets through at once and then one
# every 1/10 s, so over a stream lasting T seconds (first send to last) it
# accepts 5 + 10 * T: the accept rule's count, the echo replies and the
# drop rule's count (the rest fell through to it) must agree with that
# within 10%. IPv4 and IPv6, each its own rule and bucket.
#
#   +----------------------+            +---------------------------+
#   | client $C            |            | server $S                 |
#   |   veth0 10.0.1.1/24  +------------+ veth0 10.0.1.2/24         |
#   |         fd00:1::1/64 |            |       fd00:1::2/64        |
#   |   ping at RATE/s     |            |   ssf: echo limit 10/s    |
#   +----------------------+            +---------------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

RATE=50		# echo requests a second, 5 times the limit
COUNT=100	# two seconds of them

ssf_need_module
probe_start

setup_ns C S
ns_link "$C" "$S" veth0 1

load "load the limit policy" "$S" <<-EOF
rule in proto icmp icmp-type echo-request limit 10/second burst 5 accept
rule in proto icmp icmp-type echo-request drop
rule in proto icmpv6 icmp6-type echo-request limit 10/second accept
rule in proto icmpv6 icmp6-type echo-request drop
EOF
check_match "policy show prints the limit, burst 5 left out" \
	"limit 10/second accept" "$(ssfctl_ns "$S" policy show)"

# stream TAG DST ACCEPT_RULE: COUNT echo requests at RATE against the
# limited rule ACCEPT_RULE (the drop rule follows it).
stream() {
	local t=$1 dst=$2 n=$3 acc drop want lo hi
	probe_traffic pace "$C" "$dst" $COUNT $RATE ||
		{ fail "$t: paced echo stream" "no result"; return; }
	read -r acc _ <<<"$(rule_ctr "$S" "$n")"
	read -r drop _ <<<"$(rule_ctr "$S" $((n + 1)))"
	# 5 at once, then one each 100 ms of the T_MS the stream lasted
	want=$((5 + T_MS / 100))
	lo=$((want * 90 / 100)) hi=$(((want * 110 + 99) / 100))
	diag "$t: $COUNT requests in $T_MS ms: $acc accepted (bucket: $want), $drop dropped"
	if [ "$acc" -ge $lo ] && [ "$acc" -le $hi ]; then
		ok "$t: accepted $acc within 10% of the bucket's $want"
	else
		fail "$t: accepted $acc within 10% of the bucket's $want" \
			"expected $lo..$hi"
	fi
	check_eq "$t: every accepted request answered" "$acc" "$T_RX"
	check_eq "$t: the rest fell through to the drop rule" \
		$((COUNT - acc)) "$drop"
}

stream ipv4 10.0.1.2 1
stream ipv6 fd00:1::2 3

# idle for the IPv6 stream's two seconds, the IPv4 bucket is full again:
# 10 requests at once, the burst of 5 passes (a 6th if sending them took
# 100 ms)
probe_traffic icmp "$C" 10.0.1.2 10
check_match "ipv4: after a pause, 10 at once: the burst of 5 passes" \
	"^[56]\$" "$T_RX"

ksft_done
