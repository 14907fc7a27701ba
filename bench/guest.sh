#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The in-kernel half of `make bench`, run by bench/run inside one VM
# (tests/vm/run): every configuration side by side in the same boot.
#
#	bench/guest.sh RULES_DIR SECONDS REPEATS SET_ELEMS N [N...]
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
# Configurations: none (nothing at LOCAL_IN: UDP finds no socket), the
# empty hook (build/<kver>/ssf_bench_hook.ko, dropping), an empty nftables
# input chain with policy drop, then at each size N: ssf, nftables as a
# linear chain and as one rule over a concatenated interval set, iptables
# (nft backend) as a linear chain. The baselines run first and again last.
# Control plane: the time of each load (ssfctl policy load, nft -f,
# iptables-nft-restore) at each N, and of a set of SET_ELEMS addresses.
#
# Prints one line "BENCH {json}" per result on stdout; anything else is
# commentary.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 secs=$2 reps=$3 set_elems=$4
shift 4
ssfctl=$top/userspace-ctl/ssfctl
kver=$(uname -r)
ssf_ko=$top/build/$kver/ssf.ko
hook_ko=$top/build/$kver/ssf_bench_hook.ko
dev=bench0
pg=/proc/net/pktgen

say() { echo "# $*"; }
emit() { echo "BENCH $*"; }

now_ns() { date +%s%N; }

pg_set() {	# FILE CMD
	echo "$2" >"$1" || { say "pktgen: '$2' refused by $1"; exit 1; }
}

setup() {
	modprobe pktgen || exit 1
	ip link add $dev type dummy || exit 1
	ip link set $dev up
	ip addr add 198.19.0.1/24 dev $dev
	sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.$dev.rp_filter=0
	pg_set $pg/kpktgend_0 "rem_device_all"
	pg_set $pg/kpktgend_0 "add_device $dev"
	pg_set $pg/$dev "count 0"
	pg_set $pg/$dev "pkt_size 60"
	pg_set $pg/$dev "delay 0"
	pg_set $pg/$dev "flag NO_TIMESTAMP"
	pg_set $pg/$dev "dst_mac $(cat /sys/class/net/$dev/address)"
	pg_set $pg/$dev "src_min 198.18.0.1"
	pg_set $pg/$dev "src_max 198.18.0.1"
	pg_set $pg/$dev "dst_min 198.19.0.1"
	pg_set $pg/$dev "dst_max 198.19.0.1"
	pg_set $pg/$dev "udp_src_min 9"
	pg_set $pg/$dev "udp_src_max 9"
	pg_set $pg/$dev "udp_dst_min 9"
	pg_set $pg/$dev "udp_dst_max 9"
	pg_set $pg/$dev "xmit_mode netif_receive"
	pg_set $pg/$dev "burst 64"
}

# pps CONFIG RULES: inject for $secs seconds $reps times, emit the best
# rate pktgen measured (the host is shared: the best run is the least
# disturbed one) and every rate
pps() {
	local res rate best=0 all="" r
	for ((r = 0; r < reps; r++)); do
		echo start >$pg/pgctrl &
		local pid=$!
		sleep "$secs"
		echo stop >$pg/pgctrl
		wait $pid
		res=$(grep -A1 '^Result:' $pg/$dev | tr '\n' ' ')
		rate=$(grep -oE '[0-9]+pps' <<<"$res" | head -n 1 | tr -d pps)
		[ -n "$rate" ] || { say "$1 ${2:-}: no result: $res"; rate=0; }
		all="$all${all:+, }$rate"
		[ "$rate" -le "$best" ] || best=$rate
	done
	say "$1 ${2:-}: $all pps"
	emit "{\"kind\": \"pps\", \"config\": \"$1\", \"rules\": ${2:-0}, \"pps\": $best, \"runs\": [$all]}"
}

# load CONFIG RULES CMD...: run and time one load (the commit)
load() {
	local config=$1 n=$2 t0 t1 rc
	shift 2
	t0=$(now_ns)
	timeout 600 "$@" >/tmp/load.out 2>&1
	rc=$?
	t1=$(now_ns)
	if [ $rc != 0 ]; then
		say "$config $n: load failed ($rc): $(head -c 300 /tmp/load.out)"
		emit "{\"kind\": \"load\", \"config\": \"$config\", \"rules\": $n, \"ms\": null}"
		return 1
	fi
	emit "{\"kind\": \"load\", \"config\": \"$config\", \"rules\": $n, \"ms\": $(((t1 - t0) / 1000000))}"
}

ssf_up() {
	insmod "$ssf_ko" max_rules=1048576 || exit 1
}

ssf_down() {
	rmmod ssf || exit 1
}

nft_down() {
	nft flush ruleset
}

# ssf's default counter moved: the packets reached its policy and were
# dropped there, not before it
ssf_sane() {
	local s
	s=$("$ssfctl" stats 2>&1)
	say "ssf stats: $(tr '\n' ' ' <<<"$s" | head -c 400)"
}

baselines() {
	pps none
	insmod "$hook_ko" || exit 1
	pps hook
	rmmod ssf_bench_hook
	nft -f - <<'EOF'
table ip bench {
	chain in {
		type filter hook input priority filter; policy drop;
	}
}
EOF
	pps nft-empty
	nft_down
}

setup
say "kernel $kver, $(nproc) CPUs, $secs s a run"
baselines
for n in "$@"; do
	ssf_up
	load ssf "$n" "$ssfctl" policy load "$dir/acl-$n.ssf" && pps ssf "$n"
	[ "$n" != "$1" ] || ssf_sane
	ssf_down
	load nft "$n" nft -f "$dir/acl-$n.nft" && pps nft "$n"
	nft_down
	load nft-set "$n" nft -f "$dir/acl-$n-set.nft" && pps nft-set "$n"
	nft_down
	load iptables "$n" iptables-nft-restore "$dir/acl-$n.ipt" && pps iptables "$n"
	nft_down
done
if [ "$set_elems" != 0 ]; then
	ssf_up
	load ssf-set "$set_elems" "$ssfctl" policy load "$dir/blk-$set_elems.ssf" &&
		pps ssf-set "$set_elems"
	ssf_down
	load nft-blk "$set_elems" nft -f "$dir/blk-$set_elems.nft" &&
		pps nft-blk "$set_elems"
	nft_down
fi
baselines
say "done"
