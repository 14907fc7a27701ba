#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_validate.sh - every validation check against crafted packets.
#
# For every reason ssf knows (`ssfctl validate show`), one or more cases: a
# malformed packet and its well-formed twin from the validation case table
# every test world shares (module/tests/ssf_cases_*.c, printed by
# tests/unit/ssf_case_dump; fragment trains from ssf_craft_cases.py),
# received by S from P over veth ("in": ssf's PRE_ROUTING hook) and/or sent
# by S itself through a raw IP_HDRINCL socket ("out": LOCAL_OUT). Each case
# is run N times under each action of its reason:
#
#   drop    the bad packet is not delivered (in) or its send fails with
#           EPERM (out), the reason's counter grows by exactly N per bad
#           fragment and no other counter moves; the twin is delivered
#           and counts nothing
#   audit   the bad packet is delivered or sent, counted and logged
#           ("ssf: audit: would drop (check <reason>): ..." in the kernel
#           log, once a packet)
#   off     delivered or sent, not counted, not logged
#
# Some malformations never reach a netfilter hook (the kernel drops them
# first, or the raw socket refuses or repairs them) and some are dropped by
# the kernel right after ssf passed them: each case has its fate and the
# kernel function responsible, and ssf_craft.py derives the expectations
# from it (Documentation/validation.rst lists them). "Delivered" is seen by
# raw sockets in S, which only get what passed LOCAL_IN; "passed ssf" by an
# nftables counter in S's prerouting at priority -300 (ssf: -401); "sent"
# by an AF_PACKET socket on P's veth0.
#
#   +----------------------------+            +----------------------------+
#   | S: ssf policy loaded       |            | P: no ssf                  |
#   |   veth0 10.0.1.2/24        +------------+ veth0 10.0.1.1/24          |
#   |         fd00:1::2/64       |            |       fd00:1::1/64         |
#   |   raw sockets (delivery)   |  <-- in    |   AF_PACKET writer         |
#   |   raw IP_HDRINCL sender    |    out --> |   AF_PACKET reader (wire)  |
#   |   nft prerouting -300      |            |                            |
#   +----------------------------+            +----------------------------+
#
#   SSF_VALIDATE_REASONS="ip4-land tcp-null"   run a subset
source "$(dirname "$0")/lib.sh"

N=3		# packets (or fragment trains) per run

ssf_need_module
command -v nft >/dev/null || skip_all "nft (nftables) not installed"
dmesg_mark

# Audit lines: a netns logs at most log_rate (module parameter, read when
# the netns is made) lines a second, and a netns other than the first only
# with nf_log_all_netns on. A run logs more than the default 10.
rate=/sys/module/ssf/parameters/log_rate
allns=/proc/sys/net/netfilter/nf_log_all_netns
old_rate=$(cat "$rate") || bail "no $rate"
[ -e "$allns" ] || modprobe nf_log_syslog || bail "no $allns"
old_allns=$(cat "$allns") || bail "no $allns"
# shellcheck disable=SC2317 # a cleanup hook
restore_log() { echo "$old_rate" >"$rate"; echo "$old_allns" >"$allns"; }
ssf_cleanup_hooks+=(restore_log)
echo 100000 >"$rate"
echo 1 >"$allns"

setup_ns S P
ns_link "$P" "$S" veth0 1
# so that the kernel itself delivers a LAND packet and an exhausted
# source route, and the checks are what stops them
ns_sysctl "$S" net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.veth0.rp_filter=0 \
	net.ipv4.conf.all.accept_local=1 \
	net.ipv4.conf.all.accept_source_route=1 \
	net.ipv4.conf.veth0.accept_source_route=1

ip netns exec "$S" nft -f - <<-EOF || bail "nft table in $S"
	table inet ssfv {
		counter passed { }
		chain pre {
			type filter hook prerouting priority -300
			ip dscp 42 counter name "passed"
			ip6 dscp 42 counter name "passed"
		}
	}
EOF

check "load a policy in S (default in accept)" \
	ssfctl_ns "$S" policy load - <<<"default in accept"

# --- ssf_craft.py, one process for the suite ------------------------------

# the table's packets, as text (built here when the tree has no fresh one)
make -s -C "$SSF_TOP/tests/unit" dump >/dev/null 2>&1 ||
	bail "make -C tests/unit dump failed"
export SSF_CASE_DUMP=$SSF_TOP/tests/unit/build/ssf_case_dump

craft_in=$ssf_tmpdir/craft_in
craft_out=$ssf_tmpdir/craft_out
craft_err=$ssf_tmpdir/craft_err
mkfifo "$craft_in" "$craft_out" || bail "mkfifo"
SSFCTL=$SSFCTL "$SSF_PY" "$SSF_SELFTESTS/ssf_craft.py" \
	<"$craft_in" >"$craft_out" 2>"$craft_err" 7>&- 8>&- &
craft_pid=$!
ssf_pids+=("$craft_pid")
exec 5>"$craft_in" 6<"$craft_out"

# shellcheck disable=SC2317 # a cleanup hook
craft_stop() {
	printf 'exit\n' >&5 2>/dev/null
	exec 5>&- 6<&-
	wait "$craft_pid" 2>/dev/null
}
ssf_cleanup_hooks+=(craft_stop)

# craft WORD...: one request to ssf_craft.py; its reply in $CRAFT. Fails on
# "ERR ...". (No $(...): a fork costs in a TCG VM, and this runs ~600 times.)
craft() {
	local IFS=$'\t'
	if ! printf '%s\n' "$*" >&5 2>/dev/null ||
	   ! read -r -t 300 CRAFT <&6; then
		CRAFT="ERR ssf_craft.py gone"
	fi
	[[ "$CRAFT" != ERR* ]]
}

craft init "$S" "$P" || {
	sed 's/^/#   /' "$craft_err"
	bail "ssf_craft.py init: $CRAFT"
}

# --- the runs ---------------------------------------------------------------

vset() {	# vset WORDS...: `ssfctl validate set WORDS` in S
	craft vset "$@" || fail "validate set $*" "$CRAFT"
}

# what KIND ACTION: the expectation of a run, in words, in $WHAT.
what() {
	local v=delivered
	[ "$C_DIR" = in ] || v=sent
	if [ "$1" = twin ]; then
		WHAT="well-formed twin $v, not counted"
		return
	fi
	case "$C_FATE:$2" in
	pass:*)		WHAT="legitimate ($C_WHY): $v, not counted" ;;
	before:*)	WHAT="kernel drops it first, not counted: $C_WHY" ;;
	einval:*)	WHAT="the socket refuses it, not counted: $C_WHY" ;;
	rewrite:*)	WHAT="the socket repairs it, not counted: $C_WHY" ;;
	*:drop)		WHAT="dropped, counted" ;;
	deliver:audit)	WHAT="$v, counted, logged" ;;
	deliver:off)	WHAT="$v, not counted" ;;
	after:audit)	WHAT="passes ssf, counted, logged, then $C_WHY" ;;
	after:off)	WHAT="passes ssf, not counted, then $C_WHY" ;;
	esac
}

# run CASE KIND ACTION: N packets, one TAP line.
run() {
	local W G
	if ! craft run "$1" "$2" "$3" "$N"; then
		fail "$1: $3: $2 packet" "$CRAFT"
		return
	fi
	eval "$CRAFT"
	what "$2" "$3"
	check_eq "$1: $3: $WHAT" "$W" "$G"
}

craft reasons || bail "ssf_craft.py: $CRAFT"
reasons=$CRAFT
known=$(sj "$S" "validate show" '" ".join(sorted(j["checks"]))')
check_eq "every reason has a case" "$known" \
	"$(tr ' ' '\n' <<<"$reasons" | sort | tr '\n' ' ' | sed 's/ $//')"

for r in ${SSF_VALIDATE_REASONS:-$reasons}; do
	craft action "$r" || bail "$CRAFT"
	def=$CRAFT
	craft cases "$r" || bail "$CRAFT"
	cases=$CRAFT
	cur=$def
	for act in drop audit off; do
		[ "$act" = "$cur" ] || vset "$r" "$act"
		cur=$act
		for c in $cases; do
			craft info "$c" || bail "$CRAFT"
			eval "$CRAFT"
			# shellcheck disable=SC2086 # words
			[ -z "$C_SET" ] || vset $C_SET
			if [ "$C_FATE" != pass ]; then
				run "$c" bad "$act"
			elif [ "$act" = drop ]; then
				run "$c" bad "$act"	# must pass even so
			fi
			if [ "$act" = drop ] && [ "$C_TWIN" = 1 ]; then
				run "$c" twin "$act"
			fi
			# shellcheck disable=SC2086
			[ -z "$C_UNSET" ] || vset $C_UNSET
		done
	done
	vset "$r" "$def"
done

# Both halves of what Documentation/validation.rst says about lengths
# past a first fragment: ssf never sees a reassembled datagram, so a UDP
# length over the payload is caught in a whole datagram (udp-bad-length)
# and not in a fragmented one, which the kernel's own UDP input drops
# (UDP InErrors) after reassembly.
udp_len() {	# udp_len FRAGSIZE: one datagram to 10.0.1.2:9999 claiming 200 bytes
	ip netns exec "$P" "$SSF_PY" -c "from scapy.all import IP, UDP, Raw, fragment, send
p = IP(src='10.0.1.1', dst='10.0.1.2') / UDP(sport=4000, dport=9999, len=200) / Raw(b'u' * 64)
send(fragment(p, fragsize=$1) if $1 else p, verbose=0)"
}
in_errors() {
	ip netns exec "$S" nstat -az UdpInErrors | awk '/UdpInErrors/ { print $2 }'
}
craft action udp-bad-length || bail "$CRAFT"
def_ubl=$CRAFT
vset udp-bad-length drop
c0=$(sj "$S" stats 'j["reasons"]["udp-bad-length"]')
udp_len 0
check_eq "udp length past the payload, whole: udp-bad-length drops it" \
	$((c0 + 1)) "$(sj "$S" stats 'j["reasons"]["udp-bad-length"]')"
e0=$(in_errors)
udp_len 32
check_eq "... fragmented: not checked by ssf (documented)" $((c0 + 1)) \
	"$(sj "$S" stats 'j["reasons"]["udp-bad-length"]')"
check "... and the kernel drops the reassembled datagram (UdpInErrors)" \
	busywait 5000 test "$(in_errors)" -gt "${e0:-0}"
vset udp-bad-length "$def_ubl"

expr='sorted((k, v["packets"]) for k, v in j["checks"].items())'
check_eq "stats --json reasons = validate show counters" \
	"$(sj "$S" "validate show" "$expr")" \
	"$(sj "$S" stats 'sorted(j["reasons"].items())')"
check_eq "no kernel warnings" "" "$(dmesg_splats)"

ksft_done
