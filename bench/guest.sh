#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The in-kernel half of `make bench`, run by bench/run inside one VM
# (tests/vm/run): every configuration side by side in the same boot.
#
#	bench/guest.sh RULES_DIR SECONDS ROUNDS SET_ELEMS N [N...]
#
# Traffic: pktgen in netif_receive mode (as the kernel's
# nft_concat_range_perf.sh), injecting 60-byte UDP packets 198.18.0.1 ->
# 198.19.0.1:9 into the receive path of a dummy device that owns
# 198.19.0.1, so each one goes through PRE_ROUTING, routing and LOCAL_IN.
# No rule of any ruleset matches them (bench/ssf_bench_rules.py): every
# filter walks its whole ruleset and drops at its default.
#
#   pktgen -> netif_receive_skb(bench0) -> ip_rcv -> [PRE_ROUTING] ->
#   route: local -> [LOCAL_IN: the filter under test] -> udp (no socket)
#
# Each configuration lives in a network namespace of its own, with its own
# bench0 and its own pktgen (pktgen, nftables and ssf are per namespace):
#   none       nothing at LOCAL_IN: UDP finds no socket and drops
#   hook       the initial namespace, with build/<kver>/ssf_bench_hook.ko:
#              an empty hook dropping everything
#   nft-empty  an empty nftables input chain, policy drop
# and for each size N, loaded together and removed together:
#   ssf        ssfctl policy load of N rules
#   nft        the same rules as one nftables chain
#   nft-set    the same rules as two nftables rules over concatenated
#              interval sets
#   iptables   the same rules through iptables-nft-restore
# The host is shared and a TCG guest runs only when the host lets it, so
# configurations are not measured one after the other: every round runs
# each one of the size (and the baselines) for SECONDS, ROUNDS rounds, and
# each configuration's rate in a round is compared with the rate of none
# in that round. Control plane: the time of each load at each N, and of a
# set of SET_ELEMS addresses (ssf, nft). BENCH_LOAD_ONLY="N..." adds
# sizes whose ssf and nft loads are timed, with no rates.
#
# Prints one line "BENCH {json}" per result on stdout; anything else is
# commentary.
#
# Also the init of bench/uml's kernel (UML, native speed): there ssf and
# pktgen are built in, ssf's max_rules is on the command line, and there
# are no modules, so no hook configuration.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 secs=$2 rounds=$3 set_elems=$4
shift 4
ssfctl=$top/userspace-ctl/ssfctl
kver=$(uname -r)
ssf_ko=$top/build/$kver/ssf.ko
hook_ko=$top/build/$kver/ssf_bench_hook.ko
dev=bench0

say() { echo "# $*"; }
emit() { echo "BENCH $*"; }
now_ns() { date +%s%N; }

# inns NS CMD...: CMD in namespace NS (hook: the initial one); nsenter
# costs one exec, ip netns exec several
inns() {
	local ns=$1
	shift
	if [ "$ns" = hook ]; then
		"$@"
	else
		nsenter --net="/run/netns/b-$ns" "$@"
	fi
}

pg_set() {	# NS FILE CMD
	inns "$1" sh -c "echo '$3' > /proc/net/pktgen/$2" ||
		{ say "pktgen in $1: '$3' refused by $2"; exit 1; }
}

# ns_up NS: a namespace with bench0 and pktgen set up on it
ns_up() {
	local ns=$1
	[ "$ns" = hook ] || ip netns add "b-$ns" || exit 1
	inns "$ns" ip link set lo up
	inns "$ns" ip link add $dev type dummy || exit 1
	inns "$ns" ip link set $dev up
	inns "$ns" ip addr add 198.19.0.1/24 dev $dev
	inns "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.$dev.rp_filter=0
	pg_set "$ns" kpktgend_0 "rem_device_all"
	pg_set "$ns" kpktgend_0 "add_device $dev"
	local c
	for c in "count 0" "pkt_size 60" "delay 0" "flag NO_TIMESTAMP" \
		"dst_mac $(inns "$ns" ip -o link show $dev |
			   grep -oE 'link/ether [0-9a-f:]+' | cut -d' ' -f2)" \
		"src_min 198.18.0.1" "src_max 198.18.0.1" \
		"dst_min 198.19.0.1" "dst_max 198.19.0.1" \
		"udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" "udp_dst_max 9" \
		"xmit_mode netif_receive" "burst 64"; do
		pg_set "$ns" $dev "$c"
	done
}

ns_down() {
	ip netns del "b-$1"
}

# rate NS: inject for $secs seconds in NS; prints pktgen's rate. The
# writer of "start" blocks until the run ends; "stop" waits until the
# thread runs the device, or a slow exec of the writer would start it
# after the stop and never end
rate() {
	local ns=$1 res r i
	inns "$ns" sh -c 'echo start > /proc/net/pktgen/pgctrl' &
	local pid=$!
	for ((i = 0; i < 100; i++)); do
		inns "$ns" grep -q "^Running: .*$dev" /proc/net/pktgen/kpktgend_0 &&
			break
		sleep 0.1
	done
	sleep "$secs"
	inns "$ns" sh -c 'echo stop > /proc/net/pktgen/pgctrl'
	wait $pid
	res=$(inns "$ns" grep -A1 '^Result:' /proc/net/pktgen/$dev | tr '\n' ' ')
	r=$(grep -oE '[0-9]+pps' <<<"$res" | head -n 1 | tr -d pps)
	echo "${r:-0}"
}

# measure N CONFIG...: ROUNDS rounds of every CONFIG and the baselines
measure() {
	local n=$1 c k
	shift
	local -A all=()
	for ((k = 0; k < rounds; k++)); do
		for c in $baselines "$@"; do
			all[$c]="${all[$c]:-}${all[$c]:+, }$(rate "$c")"
		done
	done
	for c in $baselines "$@"; do
		local rn=$n
		case $c in none|hook|nft-empty) rn=0 ;; esac
		say "$c $n: ${all[$c]} pps (none: ${all[none]})"
		emit "{\"kind\": \"pps\", \"config\": \"$c\", \"rules\": $rn, \"round_of\": $n, \"runs\": [${all[$c]}], \"none\": [${all[none]}]}"
	done
}

# load CONFIG N CMD...: run and time one load (the commit) in namespace
# CONFIG
load() {
	local config=$1 n=$2 t0 t1 rc
	shift 2
	t0=$(now_ns)
	inns "$config" timeout "${BENCH_LOAD_TIMEOUT:-600}" "$@" >/tmp/load.out 2>&1
	rc=$?
	t1=$(now_ns)
	if [ $rc != 0 ]; then
		say "$config $n: load failed ($rc): $(head -c 300 /tmp/load.out)"
		emit "{\"kind\": \"load\", \"config\": \"$config\", \"rules\": $n, \"ms\": null}"
		return 1
	fi
	emit "{\"kind\": \"load\", \"config\": \"$config\", \"rules\": $n, \"ms\": $(((t1 - t0) / 1000000))}"
}

[ -d /proc/net/pktgen ] || modprobe pktgen || exit 1
# built in (bench/uml): /sys/module/ssf is there before any insmod
[ -d /sys/module/ssf ] || insmod "$ssf_ko" max_rules=1048576 || exit 1
baselines="none nft-empty"
if [ -f "$hook_ko" ]; then
	insmod "$hook_ko" || exit 1
	baselines="none hook nft-empty"
fi
say "kernel $kver, $(nproc) CPUs, $rounds rounds of $secs s"
for c in $baselines; do
	ns_up $c
done
inns nft-empty nft -f - <<'EOF'
table ip bench {
	chain in {
		type filter hook input priority filter; policy drop;
	}
}
EOF
for n in "$@"; do
	configs=()
	for c in ssf nft nft-set iptables; do
		ns_up $c
	done
	load ssf "$n" "$ssfctl" policy load "$dir/acl-$n.ssf" && configs+=(ssf)
	load nft "$n" nft -f "$dir/acl-$n.nft" && configs+=(nft)
	load nft-set "$n" nft -f "$dir/acl-$n-set.nft" && configs+=(nft-set)
	load iptables "$n" iptables-nft-restore "$dir/acl-$n.ipt" &&
		configs+=(iptables)
	measure "$n" "${configs[@]}"
	# the packets met ssf's policy and its default, not something before
	[ "$n" != "$1" ] ||
		say "ssf stats: $(inns ssf "$ssfctl" stats 2>&1 | head -n 4 | tr '\n' ' ')"
	for c in ssf nft nft-set iptables; do
		ns_down $c
	done
done
# sizes timed for the control plane only (ssf against nft -f): at these
# a linear chain passes too few packets to be worth the VM time
for n in ${BENCH_LOAD_ONLY:-}; do
	ns_up ssf
	ns_up nft
	load ssf "$n" "$ssfctl" policy load "$dir/acl-$n.ssf"
	load nft "$n" nft -f "$dir/acl-$n.nft"
	ns_down ssf
	ns_down nft
done
if [ "$set_elems" != 0 ]; then
	ns_up ssf-set
	ns_up nft-blk
	load ssf-set "$set_elems" "$ssfctl" policy load "$dir/blk-$set_elems.ssf"
	load nft-blk "$set_elems" nft -f "$dir/blk-$set_elems.nft"
	measure "$set_elems" ssf-set nft-blk
	ns_down ssf-set
	ns_down nft-blk
fi
say "done"
