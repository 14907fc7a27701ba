# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the ssf selftests; sourced by every ssf_*.sh suite.
#
#   TAP:       ok NAME | fail NAME [WHY] | skip NAME WHY | check NAME CMD... |
#              check_fail NAME CMD... | check_eq NAME EXPECTED ACTUAL |
#              ksft_done (trailing plan, summary line, ksft exit code)
#   setup:     setup_ns [-4] VAR... | cleanup_ns NS... | cleanup_all_ns |
#              veth_connect NS_A IF_A NS_B IF_B |
#              addr_add NS IF ADDR/PLEN | neigh_pin NS_A IF_A NS_B IF_B |
#              ns_link NS_A NS_B IF N [-4] (all of it, 10.0.N.1/.2) |
#              bg CMD... (killed at exit) | tmp_file VAR
#   waiting:   busywait TIMEOUT_MS CMD...
#   module:    ssf_need_module | ssf_load [ARGS] | ssf_unload | ssf_loaded |
#              dmesg_mark | dmesg_splats (kernel warnings since the mark)
#   ssfctl:    ssfctl_ns NS ARGS... | load NAME NS < POLICY (a check) |
#              sj NS "CMD" EXPR (evaluate EXPR over
#              `ssfctl CMD --json`) | rule_ctr NS N (packets and bytes) |
#              rule_id NS N (the Nth rule's id) | policy_body <SHOW
#   traffic:   udp_send / tcp_connect / ping_send: set T_TX, T_TXERR, T_RX,
#              T_CONN, T_ACC, T_UNREACH | check_t NAME T_X=N... | check_rule NAME NS N P
#
# setup_ns, cleanup_ns, cleanup_all_ns, NS_LIST and busywait have the names
# and arguments of the kernel's tools/testing/selftests/net/lib.sh.
#
# sj and the traffic functions are requests to ssf_helper.py, one Python
# process per suite (started by ssf_need_module). Every check asserts on
# counters and delivery counts; nothing sleeps to "let traffic settle"
# (ssf_helper.py explains how delivery is known to be complete).

SSF_SELFTESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SSF_TOP=$(cd "$SSF_SELFTESTS/../.." && pwd)
SSFCTL=${SSFCTL:-$SSF_TOP/userspace-ctl/ssfctl}
SSF_KO=${SSF_KO:-$SSF_TOP/build/$(uname -r)/ssf.ko}
SSF_PY=/usr/bin/python3

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

ksft_n=0
ksft_pass=0
ksft_fail=0
ksft_skip=0

NS_LIST=()	# namespaces of setup_ns, deleted by the cleanup
ssf_pids=()
ssf_cleanup_hooks=()	# suite functions run first by the cleanup
ssf_tmpdir=
ssf_loaded_by_us=0
ssf_helper_pid=
ssf_dmesg_lines=0

echo "TAP version 13"

# --- TAP -----------------------------------------------------------------

ok() {
	ksft_n=$((ksft_n + 1))
	ksft_pass=$((ksft_pass + 1))
	echo "ok $ksft_n - $1"
}

fail() {
	ksft_n=$((ksft_n + 1))
	ksft_fail=$((ksft_fail + 1))
	echo "not ok $ksft_n - $1"
	[ -z "${2:-}" ] || echo "#   $2"
}

skip() {
	ksft_n=$((ksft_n + 1))
	ksft_skip=$((ksft_skip + 1))
	echo "ok $ksft_n - $1 # SKIP $2"
}

diag() {
	echo "# $*"
}

# check NAME CMD...: ok if CMD succeeds; its output is shown only on failure.
# (Its locals have names no CMD would use: bash's dynamic scope shows
# them to the functions CMD calls.)
check() {
	local name=$1 _ck_out _ck_rc
	shift
	_ck_out=$("$@" 2>&1)
	_ck_rc=$?
	if [ $_ck_rc = 0 ]; then
		ok "$name"
	else
		fail "$name" "\`$*\` exited $_ck_rc"
		[ -z "$_ck_out" ] || sed 's/^/#   /' <<<"$_ck_out"
	fi
}

# check_fail NAME CMD...: ok if CMD fails (exit status != 0).
check_fail() {
	local name=$1 _ck_out _ck_rc
	shift
	_ck_out=$("$@" 2>&1)
	_ck_rc=$?
	if [ $_ck_rc != 0 ]; then
		ok "$name"
	else
		fail "$name" "\`$*\` succeeded, expected a failure"
		[ -z "$_ck_out" ] || sed 's/^/#   /' <<<"$_ck_out"
	fi
}

check_eq() {
	if [ "$2" == "$3" ]; then
		ok "$1"
	else
		fail "$1" "expected '$2', got '$3'"
	fi
}

# check_match NAME REGEX TEXT: ok if TEXT matches the extended REGEX.
check_match() {
	if grep -qE -- "$2" <<<"$3"; then
		ok "$1"
	else
		fail "$1" "expected /$2/ in: $3"
	fi
}

# check_ge NAME MIN ACTUAL
check_ge() {
	if [[ "$3" =~ ^[0-9]+$ ]] && [ "$3" -ge "$2" ]; then
		ok "$1"
	else
		fail "$1" "expected >= $2, got '$3'"
	fi
}

# Trailing plan, the summary line, and the ksft exit code. A suite in
# which nothing passed and something was skipped reports a skip.
ksft_done() {
	echo "1..$ksft_n"
	echo "$ksft_pass passed, $ksft_fail failed, $ksft_skip skipped"
	if [ $ksft_fail -gt 0 ]; then
		exit $KSFT_FAIL
	elif [ $ksft_pass = 0 ] && [ $ksft_skip -gt 0 ]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

# skip_all WHY: the whole suite cannot run here (environment, not ssf).
skip_all() {
	skip "$(basename "$0")" "$1"
	ksft_done
}

# bail WHY: a prerequisite of the suite is broken; one failure, stop.
bail() {
	fail "$(basename "$0") setup" "$1"
	ksft_done
}

# --- setup and cleanup ---------------------------------------------------

ssf_cleanup() {
	local p
	ssf_helper_stop
	for p in "${ssf_cleanup_hooks[@]}"; do
		"$p"
	done
	for p in "${ssf_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${ssf_pids[@]}"; do
		wait "$p" 2>/dev/null
	done
	cleanup_all_ns
	[ -z "$ssf_tmpdir" ] || rm -rf "$ssf_tmpdir"
	if [ $ssf_loaded_by_us = 1 ] && ssf_loaded; then
		rmmod ssf 2>/dev/null
	fi
}
trap ssf_cleanup EXIT
trap 'exit $KSFT_FAIL' INT TERM
ssf_tmpdir=$(mktemp -d /tmp/ssf-selftest.XXXXXX)

ssf_rand() {
	printf '%04x%04x' $RANDOM $RANDOM
}

# setup_ns [-4] VAR...: for each VAR a new netns with a unique name
# (ssf-VAR-XXXXXXXX) in $VAR, lo up, its IPv6 quiet (no router
# solicitations, no DAD). -4: IPv6 disabled, so every packet its hooks see
# is one the test sent. A VAR that holds a namespace already gets another
# one; both are deleted by the cleanup.
setup_ns() {
	local _sn_v6=1 _sn_var _sn_name
	[ "${1:-}" != -4 ] || { _sn_v6=0; shift; }
	for _sn_var in "$@"; do
		_sn_name=ssf-$_sn_var-$(ssf_rand)
		ip netns add "$_sn_name" || bail "ip netns add $_sn_name"
		NS_LIST+=("$_sn_name")
		printf -v "$_sn_var" %s "$_sn_name"
		if [ $_sn_v6 = 0 ]; then
			ns_sysctl "$_sn_name" net.ipv6.conf.all.disable_ipv6=1 \
				net.ipv6.conf.default.disable_ipv6=1
		else
			ns_sysctl "$_sn_name" net.ipv6.conf.default.accept_dad=0 \
				net.ipv6.conf.default.router_solicitations=0 \
				net.ipv6.conf.default.accept_ra=0
		fi
		ip -n "$_sn_name" link set lo up
	done
}

# cleanup_ns NS...: delete the namespaces (and forget them). Unlike the
# kernel's, it kills no process in them: ssf_helper.py and ssf_probe.py
# enter every namespace with setns() and must survive.
cleanup_ns() {
	local ns i ret=0
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null || ret=1
		for i in "${!NS_LIST[@]}"; do
			[ "${NS_LIST[$i]}" != "$ns" ] || unset 'NS_LIST[i]'
		done
	done
	return $ret
}

cleanup_all_ns() {
	cleanup_ns "${NS_LIST[@]}"
}

# ns_sysctl NS KEY=VALUE...
ns_sysctl() {
	helper sysctl "$@" >/dev/null || bail "sysctl $*"
}

veth_connect() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" ||
		bail "veth $1/$2 - $3/$4"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}

addr_add() {
	local nodad=
	[[ "$3" != *:* ]] || nodad=nodad
	ip -n "$1" addr add "$3" dev "$2" $nodad || bail "addr $3 on $1/$2"
}

# neigh_pin NS_A IF_A NS_B IF_B: permanent neighbour entries both ways for
# every address on the link, so no ARP or NDP traffic ever happens (NDP
# would be ICMPv6 that policies see, and `default in drop` would break it).
neigh_pin() {
	local a b mac addr
	for a in "$1 $2 $3 $4" "$3 $4 $1 $2"; do
		# shellcheck disable=SC2086 # four words
		set -- $a
		mac=$(ip -n "$3" -br link show dev "$4" | awk '{print $3}')
		for addr in $(ip -n "$3" -br addr show dev "$4" |
			      awk '{for (i = 3; i <= NF; i++) print $i}'); do
			ip -n "$1" neigh replace "${addr%/*}" lladdr "$mac" \
				dev "$2" nud permanent || bail "neigh $addr on $1"
		done
	done
}

# ns_link NS_A NS_B IF N [-4]: a veth pair IF in NS_A and NS_B, addresses
# 10.0.N.1/24 and fd00:N::1/64 on NS_A, .2 and ::2 on NS_B (-4: IPv4 only),
# neighbours pinned.
ns_link() {
	veth_connect "$1" "$3" "$2" "$3"
	addr_add "$1" "$3" "10.0.$4.1/24"
	addr_add "$2" "$3" "10.0.$4.2/24"
	if [ "${5:-}" != -4 ]; then
		addr_add "$1" "$3" "fd00:$4::1/64"
		addr_add "$2" "$3" "fd00:$4::2/64"
	fi
	neigh_pin "$1" "$3" "$2" "$3"
}

# bg CMD...: run CMD in the background; killed by the cleanup.
bg() {
	"$@" 7>&- 8>&- &
	ssf_pids+=($!)
}

tmp_file() {
	printf -v "$1" %s "$ssf_tmpdir/$1"
}

# busywait TIMEOUT_MS CMD...: poll CMD until it succeeds; fails when the
# time is up.
busywait() {
	local now deadline=$((${EPOCHREALTIME/./} + $1 * 1000))
	shift
	while ! "$@"; do
		now=${EPOCHREALTIME/./}
		[ "$now" -lt $deadline ] || return 1
		sleep 0.02
	done
}

# --- the module ----------------------------------------------------------

ssf_loaded() {
	[ -d /sys/module/ssf ]
}

# insmod does not load dependencies: modprobe the ones modinfo lists first
# (nf_socket_ipv4/6, nf_reject_ipv4/6, ...) from the running kernel's tree.
# ssf_load [PARAM=VALUE...]: a plain insmod of ssf.ko, as an admin would
# do it on a freshly booted kernel: nothing loaded for it beforehand.
ssf_load() {
	insmod "$SSF_KO" "$@"
}

ssf_unload() {
	rmmod ssf
}

# Common prerequisites of every suite; loads ssf.ko unless it is loaded.
ssf_need_module() {
	[ "$(id -u)" = 0 ] || skip_all "must run as root"
	[ -e /proc/modules ] ||
		skip_all "kernel without module support; run in tests/vm/run"
	[ -x "$SSFCTL" ] || bail "no ssfctl at $SSFCTL (make ssfctl)"
	[ -x "$SSF_PY" ] || bail "no $SSF_PY"
	ssf_helper_start
	ssf_loaded && return 0
	[ -f "$SSF_KO" ] || bail "no module at $SSF_KO (make modules-all)"
	ssf_load || bail "insmod $SSF_KO failed"
	ssf_loaded_by_us=1
}

dmesg_mark() {
	ssf_dmesg_lines=$(dmesg | wc -l)
}

# Kernel warnings logged since dmesg_mark (empty when clean).
# KCSAN reports count only when a stack is in ssf (tests/vm/ssf_vm_splat.sh).
. "$SSF_TOP/tests/vm/ssf_vm_splat.sh"
dmesg_splats() {
	dmesg | tail -n +$((ssf_dmesg_lines + 1)) | ssf_vm_report_filter - |
		sed 's/^-:[0-9]*://' |
		grep -E 'WARNING:|BUG:|Oops|KASAN|UBSAN|leak|refcount_t|lockdep|circular locking|RCU stall' ||
		true
}

# --- ssfctl --------------------------------------------------------------

# load NAME NS < POLICY: a check that NS loads the policy on stdin.
load() {
	check "$1" ssfctl_ns "$2" policy load -
}

# ssfctl_ns NS ARGS...: ssfctl in NS (- for ours), run by the helper (an
# `ip netns exec` costs several execs in a TCG VM). An argument "-" (policy
# load -) passes our stdin on.
ssfctl_ns() {
	local ns=$1 in=/dev/null a data reply RC
	shift
	tmp_file ssfctl_out
	tmp_file ssfctl_err
	for a in "$@"; do
		if [ "$a" = - ]; then
			tmp_file ssfctl_in
			in=$ssfctl_in
			IFS= read -r -d '' data
			printf '%s' "$data" >"$in"
		fi
	done
	reply=$(helper run "$ns" "$in" "$ssfctl_out" "$ssfctl_err" "$@") || {
		echo "ssfctl_ns: $reply" >&2
		return 125
	}
	[ ! -s "$ssfctl_out" ] || printf '%s\n' "$(<"$ssfctl_out")"
	[ ! -s "$ssfctl_err" ] || printf '%s\n' "$(<"$ssfctl_err")" >&2
	eval "$reply"
	return "$RC"
}

# --- the helper (ssf_helper.py: traffic and JSON queries) -----------------
# Python takes seconds to start in a TCG VM, so one helper per suite serves
# every request over a pipe (fds 7 and 8, inherited by $(...) subshells,
# unlike the coproc's own fds).

ssf_helper_start() {
	[ -z "$ssf_helper_pid" ] || return 0
	coproc SSF_HELPER { SSFCTL=$SSFCTL exec "$SSF_PY" "$SSF_SELFTESTS/ssf_helper.py" --serve; }
	# shellcheck disable=SC2153 # set by coproc
	ssf_helper_pid=$SSF_HELPER_PID
	exec 7>&"${SSF_HELPER[1]}" 8<&"${SSF_HELPER[0]}"
}

ssf_helper_stop() {
	[ -n "$ssf_helper_pid" ] || return 0
	printf 'exit\n' >&7 2>/dev/null
	exec 7>&- 8<&-
	wait "$ssf_helper_pid" 2>/dev/null
	ssf_helper_pid=
}

# helper WORD...: one request; prints the reply, fails on "ERR ...".
helper() {
	local IFS=$'\t' reply
	[ -n "$ssf_helper_pid" ] || { echo "ERR no helper"; return 1; }
	printf '%s\n' "$*" >&7 || { echo "ERR helper gone"; return 1; }
	read -r reply <&8 || { echo "ERR helper gone"; return 1; }
	echo "$reply"
	[[ "$reply" != ERR* ]]
}

# sj NS "CMD" EXPR: run `ssfctl CMD --json` in NS (- for ours) and print
# the Python expression EXPR over the parsed reply j; r(ID) is the rule
# with that id and rn(N) the Nth in policy order (rule list, or stats'
# "rules"). Tuples print as words,
# booleans as true/false. Prints "ERR ..." on failure.
sj() {
	# shellcheck disable=SC2086 # CMD is several words
	helper json "$1" "$3" $2
}

# rule_ctr NS N: "packets bytes" of the Nth rule of the policy (from 1, in
# policy order: rule ids are never reused, positions are what a policy
# file names), from `ssfctl rule list`.
rule_ctr() {
	sj "$1" "rule list" "(rn($2)['packets'], rn($2)['bytes'])"
}

# --- traffic -------------------------------------------------------------

# ssf_traffic REQUEST...: a traffic request; sets T_TX, T_TXERR, T_RX,
# T_CONN, T_ACC, T_UNREACH (empty on failure, so every check on them fails).
ssf_traffic() {
	local out
	T_TX='' T_TXERR='' T_RX='' T_CONN='' T_ACC='' T_UNREACH=''
	out=$(helper "$@") || {
		diag "$*: $out"
		return 1
	}
	eval "$out"
}

# udp_send FROM TO DST PORT COUNT [SPORT [SIZE]]
udp_send() {
	ssf_traffic udp "$1" "$2" "$3" "$4" "$5" "${6:-0}" "${7:-32}"
}

# tcp_connect FROM TO DST PORT COUNT [SPORT]
tcp_connect() {
	ssf_traffic tcp "$1" "$2" "$3" "$4" "$5" "${6:-0}"
}

# ping_send FROM DST COUNT [SIZE]
ping_send() {
	ssf_traffic ping "$1" "$2" "$3" "${4:-56}"
}

# check_t NAME VAR=VALUE...: the T_* results of the last traffic call.
check_t() {
	local name=$1 kv var bad='' got=''
	shift
	for kv in "$@"; do
		var=${kv%%=*}
		got="$got $var=${!var}"
		[ "${!var}" == "${kv#*=}" ] || bad=1
	done
	if [ -z "$bad" ]; then
		ok "$name"
	else
		fail "$name" "expected $*, got$got"
	fi
}

# policy_body <SHOW: `ssfctl policy show` output without its "generation"
# line (which names the moment it was read), to compare policies.
policy_body() {
	grep -v '^generation '
}

# rule_id NS N: the id of the Nth rule of the policy (ids are never reused:
# a policy's first rule is 1 only in a fresh netns).
rule_id() {
	sj "$1" "rule list" "rn($2)['id']"
}

# check_rule NAME NS N PACKETS [BYTES]: the counters of the Nth rule in NS.
# PACKETS may be ">=N" where retransmissions could add packets.
check_rule() {
	local name=$1 ns=$2 id=$3 want=$4 bytes=${5:-} got p b
	got=$(rule_ctr "$ns" "$id")
	read -r p b <<<"$got"
	if [[ "$want" == ">="* ]]; then
		if [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge "${want#>=}" ]; then
			ok "$name"
		else
			fail "$name" "rule #$id: expected packets $want, got '$got'"
		fi
	elif [ "$p" == "$want" ] && { [ -z "$bytes" ] || [ "$b" == "$bytes" ]; }; then
		ok "$name"
	else
		fail "$name" "rule #$id: expected packets $want bytes ${bytes:-any}, got '$got'"
	fi
}

# IP header + UDP header + payload.
udp_bytes() {	# udp_bytes ADDR PAYLOAD
	if [[ "$1" == *:* ]]; then echo $((40 + 8 + $2)); else echo $((20 + 8 + $2)); fi
}

icmp_bytes() {	# icmp_bytes ADDR PAYLOAD (echo header is 8 bytes)
	udp_bytes "$@"
}
