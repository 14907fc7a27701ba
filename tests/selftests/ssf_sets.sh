#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_sets.sh - named sets: a million elements, atomic changes, timeouts.
#
# The client's `out` rules drop UDP to the addresses of its sets (an `out`
# verdict is the send's result, EPERM when dropped, so any address can be
# probed through the default route). A mixed set of a million elements
# (IPv4 addresses and /24s, IPv6 addresses and /48s, ranges; made by
# ssf_setgen.py) goes in with one `set load`; the kernel's answer for
# 10,000 addresses in and out of it (SSF_CMD_SET_TEST, asked as `ssfctl
# set test` does) agrees with the generator's hash-set reference, `ssfctl
# set test` itself on a sample too, and datagrams to the sample are dropped
# or sent as the reference says. `set add` while a probe sends: no datagram
# sent after the command returned passes; `set del`: none is dropped.
# Element timeouts expire within a second of their time. Every error case
# names its file and line (or word) and changes nothing (the generation
# stays). `policy show` -> `policy load` reproduces the policy, and a show
# taken before a `set add` cannot be loaded back over it. A loader killed
# in the middle of a `set load` leaves no object behind, nor does `policy
# flush`. A million IPv4 addresses take at most 64 MiB (`set list`).
#
#   +---------------------------------+            +---------------------+
#   | client $C                       |            | server $S           |
#   |   veth0 10.0.1.1/24             +------------+ veth0 10.0.1.2/24   |
#   |         fd00:1::1/64            |            |       fd00:1::2/64  |
#   |   default routes via $S         |            |   (receives what    |
#   |   ssf: out dst @set drop        |            |   is for it)        |
#   +---------------------------------+            +---------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

NBIG=${SSF_SETS_N:-1000000}	# elements of the big sets
NPROBE=10000
SETGEN=$SSF_SELFTESTS/ssf_setgen.py

ssf_need_module
probe_start

setup_ns C S
ns_link "$C" "$S" veth0 1
ip -n "$C" route add default via 10.0.1.2 || bail "default route"
ip -n "$C" -6 route add default via fd00:1::2 || bail "default route v6"

tmp_file elems
tmp_file probes
tmp_file sample
tmp_file v4big
# the elements are made while the small tests run (two CPUs)
t_gen=$SECONDS
{ "$SSF_PY" "$SETGEN" mixed 7 "$NBIG" "$elems" "$probes" $NPROBE "$sample" &&
  "$SSF_PY" "$SETGEN" ipv4 "$NBIG" "$v4big"; } 5>&- 6>&- 7>&- 8>&- &
gen_pid=$!
ssf_pids+=("$gen_pid")

# set_count NS SET: its element count
set_count() {
	sj "$1" "set list" "[s['elements'] for s in j if s['name'] == '$2'][0]"
}

# set_rc NS SET VALUE: the exit status of `ssfctl set test`
set_rc() {
	ssfctl_ns "$1" set test "$2" "$3" >/dev/null 2>&1
	echo $?
}

POLICY="set big addr
set small addr 192.0.2.0/24 2001:db8:1::/48 203.0.113.5-203.0.113.20
set small 2001:db8:2::1-2001:db8:2::ff 198.51.100.200
set tmo addr timeout 3
set web port 80 443 8000-8099
rule out proto udp dst @big drop
rule out proto udp dst @small drop
rule out proto udp dst @tmo drop
rule out proto tcp dport @web drop"
load "load the policy with its sets" "$C" <<<"$POLICY"

# --- round trip, and the generation --------------------------------------------
tmp_file show1
tmp_file show2
ssfctl_ns "$C" policy show >"$show1"
check "policy show -> policy load" ssfctl_ns "$C" policy load "$show1"
ssfctl_ns "$C" policy show >"$show2"
check_eq "policy show -> load -> show: the same policy" \
	"$(policy_body <"$show1")" "$(policy_body <"$show2")"
check_match "policy show has the sets' elements" \
	"^set small 192.0.2.0/24 " "$(cat "$show2")"
check "set add after the show" ssfctl_ns "$C" set add small 198.51.100.77
out=$(ssfctl_ns "$C" policy load "$show2" 2>&1)
check_match "a show taken before a set add is refused by policy load" \
	"policy changed since you read it" "$out"
check_eq "... and the added element is still there" 0 \
	"$(set_rc "$C" small 198.51.100.77)"

# --- set add / del while a probe sends -----------------------------------------
# markprobe ADDR WHAT CMD...: CMD while datagrams go to ADDR; sets
# before/after passed/dropped counts (bp bd ap ad)
markprobe() {
	local addr=$1 what=$2 ready=$ssf_tmpdir/mp.ready mark=$ssf_tmpdir/mp.mark
	local out=$ssf_tmpdir/mp.out pid
	shift 2
	rm -f "$ready" "$mark"
	bg_quiet "$SSF_PY" "$SSF_PROBE_PY" markprobe "$C" "$addr" 7000 \
		"$ready" "$mark" >"$out"
	pid=$!
	busywait 30000 test -e "$ready" ||
		{ fail "$what: the probe runs"; kill $pid; return 1; }
	"$@"
	touch "$mark"
	wait $pid || { fail "$what: the probe ended cleanly"; return 1; }
	read -r _ bp bd _ ap ad <"$out"
	diag "$what: before the command returned: $bp passed, $bd dropped; after: $ap passed, $ad dropped"
}

ssfctl_q() {
	ssfctl_ns "$C" "$@" >/dev/null
}
for addr in 198.51.100.7 2001:db8:3::7; do
	if markprobe "$addr" "add $addr" ssfctl_q set add small "$addr"; then
		check_ge "set add $addr: datagrams passed before" 1 "$bp"
		check_eq "set add $addr: none passed once it returned" "0 200" "$ap $ad"
	fi
	if markprobe "$addr" "del $addr" ssfctl_q set del small "$addr"; then
		check_ge "set del $addr: datagrams dropped before" 1 "$bd"
		check_eq "set del $addr: none dropped once it returned" "200 0" "$ap $ad"
	fi
done

# --- errors change nothing ---------------------------------------------------------
tmp_file bad
state() {	# what an error must leave alone
	echo "$(gen "$C") $(sj "$C" "set list" '[(s["name"], s["elements"]) for s in j]')"
}
# bad_file NAME LINE REGEX < FILE: policy load fails naming bad.conf:LINE
bad_file() {
	local name=$1 line=$2 re=$3 before out
	cat >"$bad"
	before=$(state)
	out=$(ssfctl_ns "$C" policy load "$bad" 2>&1)
	check_eq "$name: refused" 1 $?
	check_match "$name: names file and line" "^ssfctl: $bad:$line: .*$re" "$out"
	check_eq "$name: nothing changed" "$before" "$(state)"
}
bad_file "address set after sport" 3 "is an? (address|addr).*set" <<-EOF
set a addr 10.1.0.0/16
set p port 80
rule out proto tcp sport @a drop
EOF
bad_file "port set after dst" 3 "port.*set" <<-EOF
set a addr 10.1.0.0/16
set p port 80
rule out dst @p drop
EOF
bad_file "missing set" 2 "no set \"nosuch\"" <<-EOF
set a addr 10.1.0.0/16
rule out dst @nosuch drop
EOF
bad_file "bad element (host bits)" 1 "10.0.0.1/8" <<-EOF
set a addr 10.0.0.1/8
EOF
bad_file "bad element (reversed range)" 2 "10.0.0.9-10.0.0.1" <<-EOF
set a addr
set a 10.0.0.9-10.0.0.1
EOF
bad_file "duplicate declaration" 2 "declared already \\(line 1\\)" <<-EOF
set a addr
set a port 80
EOF
bad_file "redeclaring a set a rule uses" 3 "declared already \\(line 1\\)" <<-EOF
set a addr 10.1.0.0/16
rule out dst @a drop
set a port 80
EOF
before=$(state)
out=$(ssfctl_ns "$C" rule add out proto tcp sport @big drop 2>&1)
check_eq "rule add: address set after sport refused" 1 $?
check_match "rule add: ... naming the word" "rejected \"sport\"" "$out"
out=$(ssfctl_ns "$C" set add big 10.0.0.1/8 10.9.9.9 2>&1)
check_eq "set add: a bad element refused" 1 $?
check_match "set add: ... named" "10.0.0.1/8" "$out"
printf '# three lines\n10.9.9.9\n10.0.0.300\n' >"$bad"
out=$(ssfctl_ns "$C" set load big "$bad" 2>&1)
check_eq "set load: a bad line refused" 1 $?
check_match "set load: ... names file and line" "$bad:3: .*10.0.0.300" "$out"
out=$(ssfctl_ns "$C" set add nosuch 10.9.9.9 2>&1)
check_eq "set add to a missing set refused" 1 $?
check_eq "set add: a port to an address set refused" 1 \
	"$(ssfctl_ns "$C" set add big 80 >/dev/null 2>&1; echo $?)"
check_eq "none of these changed anything" "$before" "$(state)"
check_eq "set test: a prefix is a usage error (2)" 2 \
	"$(set_rc "$C" big 10.0.0.0/8)"
check_eq "set test: a missing set is exit 3" 3 \
	"$(set_rc "$C" nosuch 10.0.0.1)"

# --- a million mixed elements ---------------------------------------------------
wait "$gen_pid" || bail "ssf_setgen.py failed"
diag "generated $NBIG mixed and $NBIG IPv4 elements in $((SECONDS - t_gen)) s (in the background)"
read -r ctr0 _ <<<"$(rule_ctr "$C" 2)"
udp_send "$C" "$S" 192.0.2.9 7000 3
read -r ctr1 _ <<<"$(rule_ctr "$C" 2)"
check_eq "small: counts 3 drops" $((ctr0 + 3)) "$ctr1"
t=$SECONDS
check "set load: $NBIG mixed elements in one command" \
	ssfctl_ns "$C" set load big "$elems"
diag "set load of $NBIG mixed elements: $((SECONDS - t)) s"
check_eq "set list: $NBIG elements" "$NBIG" "$(set_count "$C" big)"
check_eq "the load left the other rules' counters alone" "$ctr1" \
	"$(rule_ctr "$C" 2 | cut -d' ' -f1)"

t=$SECONDS
probe_traffic settest "$C" big "$probes"
diag "$NPROBE set tests in $((SECONDS - t)) s: $T_IN in the set"
check_t "set test agrees with the reference on $NPROBE addresses" \
	T_N=$NPROBE T_BAD=0
check_ge "... of which at least 30% in the set" $((NPROBE * 3 / 10)) "$T_IN"
check_ge "... and at least 30% not" $((NPROBE * 3 / 10)) $((NPROBE - T_IN))

n_in=0 n=0 bad_cli='' bad_pkt=''
while read -r addr want; do
	rc=$(set_rc "$C" big "$addr")
	[ "$rc" = $((1 - want)) ] || bad_cli="$bad_cli $addr:$want:rc=$rc"
	udp_send "$C" "$S" "$addr" 7000 2
	[ "$T_TXERR" = $((2 * want)) ] || bad_pkt="$bad_pkt $addr:$want:$T_TXERR"
	n_in=$((n_in + want)) n=$((n + 1))
done <"$sample"
check_eq "ssfctl set test on $n sample addresses, both families" "" "$bad_cli"
check_eq "datagrams to $n sample addresses: $n_in in the set dropped" \
	"" "$bad_pkt"
check_rule "the big set's rule counted them" "$C" 1 $((2 * n_in))

# --- timeouts -----------------------------------------------------------------------
# expiry_check SET ADDR TIMEOUT SECONDS: ssf_probe.py adds ADDR (with
# TIMEOUT, - for the set's) and measures from the command's return (a bit
# after the commit) until the element is gone: SECONDS give or take one.
# A VM on a busy host can stall for a second or more (the kernel logs
# "clocksource: Long readout interval"): the longest pause between two
# polls is not counted against the kernel, nor are 200 ms of lateness of
# the expiry work's timer in a TCG guest (elements are never removed
# early: they live between TIMEOUT and TIMEOUT + 1 s, then the work runs).
expiry_check() {
	local what="$1: timeout $4 s"
	[ "$3" != - ] || what="$what (the set's)"
	T_GAP=0
	probe_traffic expiry "$C" "$1" "$2" "$3" $((($4 + 3) * 1000))
	diag "$what: $2 gone $T_MS ms after set add returned (polls $T_GAP ms apart at most)"
	if [ "${T_MS:--1}" -ge $((($4 - 1) * 1000)) ] &&
	   [ $((T_MS - T_GAP)) -le $((($4 + 1) * 1000 + 200)) ]; then
		ok "$what: gone within a second of it"
	else
		fail "$what: gone within a second of it" "after '$T_MS' ms"
	fi
}
expiry_check small 198.51.100.9 2 2
expiry_check tmo 198.51.100.10 - 3
check "set add with timeout 1m" \
	ssfctl_ns "$C" set add small 198.51.100.11 timeout 1m
check_match "set show: the element's time left" '"timeout": ?(5[0-9]|6[01])\b' \
	"$(ssfctl_ns "$C" set show small --json)"
check "set del of an element with a timeout" \
	ssfctl_ns "$C" set del small 198.51.100.11
udp_send "$C" "$S" 198.51.100.9 7000 2
check_t "the expired address's datagrams pass" T_TXERR=0

# --- a loader killed mid-way ----------------------------------------------------------
txn_open() {	# txn_open NS BASE
	[ "$(objects "$1")" -gt "$2" ]
}
objects_are() {	# objects_are NS N
	[ "$(objects "$1")" == "$2" ]
}
base=$(objects "$C")
before=$(state)
ip netns exec "$C" "$SSFCTL" set load big "$v4big" >/dev/null 2>&1 \
	5>&- 6>&- 7>&- 8>&- &
loader=$!
ssf_pids+=("$loader")
probe_traffic stoptxn "$C" "$base" "$loader" 60000
if [ "$T_STOPPED" = 1 ]; then
	ok "set load stopped with its transaction open"
	kill -KILL "$loader"
	wait "$loader" 2>/dev/null
	check "killed loader: its transaction is freed" \
		busywait 20000 objects_are "$C" "$base"
	check_eq "killed loader: the set and generation as they were" \
		"$before" "$(state)"
else
	fail "set load stopped with its transaction open" "never caught it"
	kill -KILL "$loader" 2>/dev/null
	wait "$loader" 2>/dev/null
fi

# --- a million IPv4 addresses: memory ---------------------------------------------------
t=$SECONDS
check "set load: $NBIG IPv4 addresses" ssfctl_ns "$C" set load big "$v4big"
diag "set load of $NBIG IPv4 addresses (replacing the mixed ones): $((SECONDS - t)) s"
check_eq "set list: $NBIG elements" "$NBIG" "$(set_count "$C" big)"
mem=$(sj "$C" "set list" "[s['memory'] for s in j if s['name'] == 'big'][0]")
diag "set list --json: $mem bytes for $NBIG IPv4 addresses ($((mem / NBIG)) a element)"
if [[ "$mem" =~ ^[0-9]+$ ]] && [ "$mem" -le $((64 << 20)) ] &&
   [ "$mem" -ge $((NBIG * 4)) ]; then
	ok "set list: memory of $NBIG IPv4 addresses at most 64 MiB"
else
	fail "set list: memory of $NBIG IPv4 addresses at most 64 MiB" "got '$mem'"
fi
addr=$(sed -n 4242p "$v4big")
udp_send "$C" "$S" "$addr" 7000 1
check_t "a datagram to one of them is dropped" T_TXERR=1

# --- policy flush ------------------------------------------------------------------------
check "policy flush" ssfctl_ns "$C" policy flush
check "policy flush: no object left" busywait 10000 objects_are "$C" 0
check_eq "policy flush: no memory left" 0 "$(sj "$C" status 'j["memory"]')"
check_eq "policy flush: no set left" 0 "$(sj "$C" "set list" 'len(j)')"

ksft_done
