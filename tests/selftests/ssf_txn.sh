#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_txn.sh - policy transactions: atomic, generation-checked, never leaked.
#
# A 10,000-rule policy replaces another while a probe sends: every verdict
# must be the old policy's before the switch and the new one's after it,
# with exactly one switch (a mix - some rules old, some new, or the old
# rules with the new defaults - shows as a second switch); a rule dump
# taken meanwhile is all old or all new, and the kernel flags a dump part
# read after a commit as interrupted. Two loads based on the same
# generation: the later commit fails with "policy changed since you read
# it" (ssfctl against ssfctl, and ssf_genl.py against ssfctl). A loader
# killed mid-transaction, or one whose transaction failed, leaves the
# object count of `status --json` at its baseline and the policy as it
# was. Commit-confirm: reverts on time-out (policy, generation, a revert
# event) and holds when confirmed; a revert that falls due while a new
# --confirm commit is made never undoes that commit; ids handed out in a
# confirm window are not reused after the revert. `policy check`: the first bad line of
# an invalid file, the kernel's verdict on a valid one, nothing changed.
#
#   +------------------------------+            +---------------------+
#   | $C (IPv4 only)               |            | $S (IPv4 only)      |
#   |   veth0 10.0.1.1/24          +------------+ veth0 10.0.1.2/24   |
#   |   ssf: 10k-rule out policies |            | ssf: confirm tests  |
#   |   mixprobe (ssf_probe.py)    |            |  monitor --json     |
#   +------------------------------+            +---------------------+
#   +------------------------------+
#   | $P (lo only): concurrent and |
#   | killed loads, policy check   |
#   +------------------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

# Rules of the policy a loader is stopped or killed in: big enough that
# its transaction is open for many of ssf_probe.py's polls.
NBIG=${SSF_TXN_NBIG:-30000}

ssf_need_module
probe_start
dmesg_mark

setup_ns -4 C S P
ns_link "$C" "$S" veth0 1 -4

rules() {
	sj "$1" status 'j["rules"]'
}

# --- 10,000 rules replaced under traffic ------------------------------------
# old: default out drop, udp 7100 and 7101 accepted by the first and the
# last rule; new: default out accept, 7100 and 7101 dropped by the first
# and the last rule. 9,998 tcp rules between them match no probe datagram.
# Datagrams to 7100, 7200 (default), 7101, 7201 (default) in turn: every
# one passes under exactly one of the two policies.
tmp_file pol_old
tmp_file pol_new
mkpol() {	# mkpol FILE DEFAULT ACTION
	awk -v d="$2" -v a="$3" 'BEGIN {
		print "default out " d
		print "rule out proto udp dport 7100 " a
		for (i = 0; i < 9998; i++)
			printf "rule out proto tcp dport %d drop\n", 20000 + i
		print "rule out proto udp dport 7101 " a
	}' >"$1"
}
mix_before_load=
mkpol "$pol_old" drop accept
mkpol "$pol_new" accept drop
check "10k: load the old policy" ssfctl_ns "$C" policy load "$pol_old"
check_eq "10k: 10000 rules" 10000 "$(rules "$C")"

# mixload NAME FILE EXPECT SPEC...: load FILE while mixprobe runs with the
# port SPECs; its verdict classes must read EXPECT (a regex). With
# mix_action set, run that instead of the load.
mixload() {
	local name=$1 file=$2 want=$3 ready stop out pid g
	local action=${mix_action:-ssfctl_ns "$C" policy load "$file"}
	shift 3
	ready=$ssf_tmpdir/mix.ready stop=$ssf_tmpdir/mix.stop
	out=$ssf_tmpdir/mix.out
	rm -f "$ready" "$stop"
	g=$(gen "$C")
	"$SSF_PY" "$SSF_PROBE_PY" mixprobe "$C" 10.0.1.2 "$ready" "$stop" \
		"$@" >"$out" 2>&1 5>&- 6>&- 7>&- 8>&- &
	pid=$!
	ssf_pids+=("$pid")
	check "$name: the probe runs" busywait 60000 test -e "$ready"
	$mix_before_load
	check "$name: change the policy while the probe sends" $action
	touch "$stop"
	wait $pid
	check_eq "$name: the probe ended cleanly" 0 $?
	diag "$name: verdict classes in order: $(cut -c 1-200 "$out")"
	check_match "$name: old verdicts, then new ones, one switch" \
		"$want" "$(cat "$out")"
	check "$name: the generation moved on" test "$(gen "$C")" -gt "$g"
	[ -n "$mix_action" ] ||
		check_eq "$name: 10000 rules" 10000 "$(rules "$C")"
}
mixload "10k old->new" "$pol_new" '^O:[0-9]+ N:[0-9]+$' \
	7100:1:0 7200:0:1 7101:1:0 7201:0:1

# Back to the old policy, with a rule dump running meanwhile: each dump
# holds the rules of one policy (ssfctl retries a dump the kernel flags
# as interrupted by a commit).
tmp_file dump
start_dump() {
	bg_quiet ip netns exec "$C" "$SSFCTL" rule list --json >"$dump"
	dump_pid=$!
}
mix_before_load=start_dump
mixload "10k new->old" "$pol_old" '^N:[0-9]+ O:[0-9]+$' \
	7100:1:0 7200:0:1 7101:1:0 7201:0:1
mix_before_load=
wait $dump_pid
check_eq "10k: the dump during the load succeeded" 0 $?
check_match "10k: the dump is one policy (10000 rules, first and last agree)" \
	'^10000 (accept accept|drop drop)$' \
	"$(probe jfile "$dump" 'len(j), j[0]["action"], j[-1]["action"]')"
# The probe's own check: a change that is not atomic (a flush, then the
# new rules one by one) must show up as a mix.
nonatomic() {
	ssfctl_ns "$C" policy flush &&
		ssfctl_ns "$C" rule add out proto udp dport 7100 drop &&
		ssfctl_ns "$C" rule add out proto udp dport 7101 drop
}
mix_action=nonatomic
mixload "probe control" - '^O:[0-9]+ N:[0-9]+ O:[0-9]+ ' \
	7100:1:0 7200:0:1 7101:1:0 7201:0:1
mix_action=
check "10k: flush" ssfctl_ns "$C" policy flush

# --- two loads based on the same generation ---------------------------------
tmp_file pol_big
tmp_file pol_a
tmp_file pol_b
tmp_file err
awk -v n="$NBIG" 'BEGIN {
	for (i = 0; i < n; i++)
		printf "rule in proto tcp dport %d accept\n", 1 + i % 60000
}' >"$pol_big"
echo "rule in proto udp dport 1 accept" >"$pol_a"
echo "rule in proto udp dport 2 drop" >"$pol_b"
check "concurrent: load a first policy" ssfctl_ns "$P" policy load "$pol_a"
base=$(objects "$P")
check_ge "concurrent: the policy is an object" 1 "$base"

txn_open() {	# txn_open NS BASE: a transaction exists beyond BASE objects
	[ "$(objects "$1")" -gt "$2" ]
}

objects_are() {	# objects_are NS N
	[ "$(objects "$1")" == "$2" ]
}

stopped() {	# stopped PID: the process is in the stopped state
	local st
	read -r _ _ st _ <"/proc/$1/stat" 2>/dev/null && [ "$st" = T ]
}

# stopped_loader FILE: start `ssfctl policy load FILE` in $P and SIGSTOP it
# while its transaction is open and uncommitted (checked after the stop;
# three tries, the load might finish between the look and the stop).
# Sets loader_pid; the loader's stderr goes to $err.
stopped_loader() {
	local try g
	for try in 1 2 3; do
		g=$(gen "$P")
		ip netns exec "$P" "$SSFCTL" policy load "$1" >/dev/null \
			2>"$err" 5>&- 6>&- 7>&- 8>&- &
		loader_pid=$!
		ssf_pids+=("$loader_pid")
		probe_traffic stoptxn "$P" "$base" "$loader_pid" 60000
		# stopped ("T") only once back from a syscall: no request of
		# the loader is in flight while we look
		if [ "$T_STOPPED" = 1 ] && busywait 10000 stopped $loader_pid &&
		   txn_open "$P" "$base" &&
		   [ "$(gen "$P")" == "$g" ]; then
			return 0
		fi
		diag "loader not caught mid-transaction (try $try)"
		kill -KILL $loader_pid 2>/dev/null
		wait $loader_pid 2>/dev/null
		busywait 30000 objects_are "$P" "$base"
		ssfctl_ns "$P" policy load "$pol_a" >/dev/null
	done
	return 1
}

show_a=$(ssfctl_ns "$P" policy show | policy_body)
if stopped_loader "$pol_big"; then
	ok "concurrent: loader A stopped with its transaction open"
	check "concurrent: loader B commits meanwhile" \
		ssfctl_ns "$P" policy load "$pol_b"
	show_b=$(ssfctl_ns "$P" policy show | policy_body)
	kill -CONT $loader_pid
	wait $loader_pid
	check_eq "concurrent: loader A fails (exit 1)" 1 $?
	check_match "concurrent: ... with the generation error" \
		'^ssfctl: .*policy changed since you read it' "$(cat "$err")"
	check_eq "concurrent: B's policy stays" "$show_b" \
		"$(ssfctl_ns "$P" policy show | policy_body)"
	check "concurrent: A's transaction is freed" \
		busywait 10000 objects_are "$P" "$base"
else
	fail "concurrent: loader A stopped with its transaction open" \
		"never caught it between begin and commit"
fi

# The same at the netlink level: ssf_genl.py reads the generation, opens a
# transaction and waits; ssfctl commits; the stale commit is refused.
ssfctl_ns "$P" policy load "$pol_a" >/dev/null
genl_script "$P" gen begin add 20 ready wait commit-gen
check "genl: transaction open" busywait 60000 grep -qx ready "$genl_out"
check "genl: ssfctl commits meanwhile" ssfctl_ns "$P" policy load "$pol_b"
show_b=$(ssfctl_ns "$P" policy show | policy_body)
genl_go
check_match "genl: the stale commit fails with EBUSY and the message" \
	'^commit-gen err EBUSY: .*policy changed since you read it' \
	"$(cat "$genl_out")"
check_eq "genl: the policy is ssfctl's" "$show_b" "$(ssfctl_ns "$P" policy show | policy_body)"
check "genl: the refused transaction is freed" \
	busywait 10000 objects_are "$P" "$base"

# --- rule dumps across a commit -------------------------------------------
# The kernel flags a dump part NLM_F_DUMP_INTR when a commit landed since
# the previous part (ssfctl then dumps again). ssf_genl.py reads the first
# part of a 3000-rule dump (several datagrams), waits while a rule is
# added, then reads the rest.
genl_script "$P" begin add 3000 commit dump1 ready wait dump2
check "dump: first part read" busywait 60000 grep -qx ready "$genl_out"
g=$(gen "$P")
check "dump: a rule added meanwhile" \
	ssfctl_ns "$P" rule add in proto udp dport 3 drop
genl_go
check_match "dump: a dump spanning the commit is flagged interrupted" \
	"^dump2 ok rules=[0-9]+ parts=([3-9]|[1-9][0-9]+) intr=1 gens=$g,$((g + 1))\$" \
	"$(grep '^dump2' "$genl_out")"
genl_script "$P" dump1 ready wait dump2
check "dump (control): first part read" busywait 60000 grep -qx ready "$genl_out"
genl_go
check_match "dump (control): without a commit, not flagged, one generation" \
	"^dump2 ok rules=3001 parts=([3-9]|[1-9][0-9]+) intr=0 gens=$((g + 1))\$" \
	"$(grep '^dump2' "$genl_out")"
check "dump: back to B's policy" ssfctl_ns "$P" policy load "$pol_b"

# --- killed or failed loaders leave nothing behind ----------------------------
show_a=$(ssfctl_ns "$P" policy show | policy_body)
g=$(gen "$P")
if stopped_loader "$pol_big"; then
	show_a=$(ssfctl_ns "$P" policy show | policy_body)
	g=$(gen "$P")
	kill -KILL $loader_pid
	wait $loader_pid 2>/dev/null
	check "killed ssfctl: objects back at the baseline ($base)" \
		busywait 10000 objects_are "$P" "$base"
	check_eq "killed ssfctl: policy unchanged" "$show_a" \
		"$(ssfctl_ns "$P" policy show | policy_body)"
	check_eq "killed ssfctl: generation unchanged" "$g" "$(gen "$P")"
else
	fail "killed ssfctl: loader stopped mid-transaction" \
		"never caught it between begin and commit"
fi
g=$(gen "$P")
genl_script "$P" begin add 1000 ready wait commit
check "killed genl: transaction open" busywait 60000 grep -qx ready "$genl_out"
check_eq "killed genl: the transaction is an object" $((base + 1)) \
	"$(objects "$P")"
kill -KILL $genl_pid
exec 4>&-
wait $genl_pid 2>/dev/null
check "killed genl: objects back at the baseline" \
	busywait 10000 objects_are "$P" "$base"
check_eq "killed genl: policy and generation unchanged" "$show_a $g" \
	"$(ssfctl_ns "$P" policy show | policy_body) $(gen "$P")"
genl_script "$P" begin add 10 addbad ready wait commit
check "failed genl: invalid rule sent" busywait 60000 grep -qx ready "$genl_out"
check_match "failed genl: the kernel refused the rule" '^addbad err ' \
	"$(cat "$genl_out")"
check_eq "failed genl: the transaction is freed at once (socket still open)" \
	"$base" "$(objects "$P")"
genl_go
check_match "failed genl: a commit after the error fails" '^commit err ' \
	"$(cat "$genl_out")"
check_eq "failed genl: policy and generation unchanged" "$show_a $g" \
	"$(ssfctl_ns "$P" policy show | policy_body) $(gen "$P")"

# --- commit-confirm -----------------------------------------------------------
tmp_file pol_s0
tmp_file pol_s1
printf 'rule in proto udp dport 7009 drop\nrule in proto udp dport 7301 drop\n' \
	>"$pol_s0"
printf 'rule in proto udp dport 7009 drop\nrule in proto udp dport 7302 drop\n' \
	>"$pol_s1"
check "confirm: load the base policy" ssfctl_ns "$S" policy load "$pol_s0"
show0=$(ssfctl_ns "$S" policy show | policy_body)
mon_start mon "$S"
# the monitor listens once an event of the sentinel rule (7009) shows up
sentinel() {
	udp_send "$C" "$S" 10.0.1.2 7009 1
	[ "$(ev "$mon" 'any(e.get("dport") == 7009 for e in ev)')" = true ]
}
check "confirm: monitor listening" busywait 20000 sentinel
check_fail "confirm: policy confirm with nothing pending fails" \
	ssfctl_ns "$S" policy confirm
g0=$(gen "$S")
# long enough for the checks below on a loaded TCG host
check "confirm: load --confirm 8" \
	ssfctl_ns "$S" policy load --confirm 8 "$pol_s1"
g1=$(gen "$S")
check "confirm: the load is a new generation" test "$g1" -gt "$g0"
check_match "confirm: status shows the seconds left" '^[1-8]$' \
	"$(sj "$S" status 'j.get("confirm_left")')"
udp_send "$C" "$S" 10.0.1.2 7302 2
check_t "confirm: the new policy is in force" T_RX=0
reverted() {
	[ "$(gen "$S")" -gt "$g1" ] &&
		[ "$(ssfctl_ns "$S" policy show | policy_body)" == "$show0" ]
}
check "confirm: reverted after the timeout" busywait 30000 reverted
check_eq "confirm: status no longer shows a pending confirm" None \
	"$(sj "$S" status 'j.get("confirm_left")')"
g2=$(gen "$S")
udp_send "$C" "$S" 10.0.1.2 7302 2
check_t "confirm: the old policy is in force again (7302 passes)" T_RX=2
udp_send "$C" "$S" 10.0.1.2 7301 2
check_t "confirm: ... and 7301 is dropped" T_RX=0
revert_event() {
	[ "$(ev "$mon" "[e.get('generation') for e in ev if e['type'] == 'revert']")" == "[$g2]" ]
}
check "confirm: a revert event with the new generation" busywait 10000 \
	revert_event

check "confirm hold: load --confirm 8" \
	ssfctl_ns "$S" policy load --confirm 8 "$pol_s1"
show1=$(ssfctl_ns "$S" policy show | policy_body)
check "confirm hold: policy confirm" ssfctl_ns "$S" policy confirm
check_eq "confirm hold: nothing pending any more" None \
	"$(sj "$S" status 'j.get("confirm_left")')"
g1=$(gen "$S")
# Wait past the deadline without sleeping: an 8 s confirm started later in
# $P must have reverted first.
ssfctl_ns "$P" policy load "$pol_a" >/dev/null
show_pa=$(ssfctl_ns "$P" policy show | policy_body)
g_pa=$(gen "$P")
check "confirm hold: a later confirm in P" \
	ssfctl_ns "$P" policy load --confirm 8 "$pol_b"
p_reverted() {
	[ "$(gen "$P")" -gt $((g_pa + 1)) ] &&
		[ "$(ssfctl_ns "$P" policy show | policy_body)" == "$show_pa" ]
}
check "confirm hold: ... has reverted" busywait 30000 p_reverted
check_eq "confirm hold: S kept the confirmed policy and generation" \
	"$show1 $g1" "$(ssfctl_ns "$S" policy show | policy_body) $(gen "$S")"
udp_send "$C" "$S" 10.0.1.2 7302 2
check_t "confirm hold: 7302 is still dropped" T_RX=0
check_eq "confirm hold: one revert event in S (the first one)" 1 \
	"$(ev "$mon" "len([e for e in ev if e['type'] == 'revert'])")"

# --- confirm: the revert that waited ----------------------------------------
# A revert falls due while a new --confirm commit is being made; it must
# revert what was due (or nothing), never the commit that just landed. The
# commit is held up in its module load (a log rule needs nf_log_syslog,
# unloaded first; the kernel's modprobe is made slow): that is the moment
# a revert used to wait for the netns lock and then undo the new commit.
# Either may come first. The revert first: the commit, made against what
# the revert replaced, is refused and says so. The commit first: it stays,
# with its own confirm pending. Five checks either way.
tmp_file pol_log
tmp_file race_err
printf 'rule in proto udp dport 7009 drop log "race"\n' >"$pol_log"
ssfctl_ns "$S" policy flush
show_flushed=$(ssfctl_ns "$S" policy show | policy_body)
check "confirm race: nf_log_syslog unloaded" module_gone nf_log_syslog
check "confirm race: load --confirm 2" \
	ssfctl_ns "$S" policy load --confirm 2 "$pol_s0"
slow_modprobe 4
ssfctl_ns "$S" policy load --confirm 60 "$pol_log" >/dev/null 2>"$race_err"
race_rc=$?
slow_modprobe_off
if [ $race_rc = 0 ]; then
	diag "confirm race: the commit came first"
	ok "confirm race: a --confirm 60 commit waiting for its module landed"
	check_match "confirm race: the new commit is in force" \
		'^rule in proto udp dport 7009 drop log "race"$' \
		"$(ssfctl_ns "$S" policy show)"
	left=$(sj "$S" status 'j.get("confirm_left")')
	check "confirm race: its own confirm is pending ($left s left)" \
		test "${left:-0}" -gt 50
	g_race=$(gen "$S")
	# A stale revert would run the moment the commit let the lock go;
	# give it a second to show itself (an absence has no counter to
	# wait for).
	sleep 1
	check_eq "confirm race: nothing reverted it a second later" \
		"$g_race" "$(gen "$S")"
	check "confirm race: confirm it" ssfctl_ns "$S" policy confirm
else
	diag "confirm race: the revert came first"
	check_eq "confirm race: the commit waiting for its module was refused (exit 1)" \
		1 "$race_rc"
	check_match "confirm race: ... because the revert changed the policy" \
		'policy changed since you read it' "$(cat "$race_err")"
	check_eq "confirm race: the revert stands" "$show_flushed" \
		"$(ssfctl_ns "$S" policy show | policy_body)"
	check_eq "confirm race: no confirm pending" None \
		"$(sj "$S" status 'j.get("confirm_left")')"
	check "confirm race: a load made now is taken" \
		ssfctl_ns "$S" policy load "$pol_log"
fi

# --- rule ids are never reused --------------------------------------------------
ssfctl_ns "$S" policy load "$pol_s0" >/dev/null
show_pre=$(ssfctl_ns "$S" policy show | policy_body)
check "ids: load --confirm 5" ssfctl_ns "$S" policy load --confirm 5 "$pol_s1"
id_window=$(ssfctl_ns "$S" rule add in proto udp dport 7401 drop |
	    grep -oE '[0-9]+' | head -n 1)
# back to exactly the policy before the load: the rule added in the
# window went with it (had it come after the revert, it would be there)
back_to_pre() {
	[ "$(ssfctl_ns "$S" policy show | policy_body)" == "$show_pre" ]
}
check "ids: reverted, the rule added in the window with it" \
	busywait 30000 back_to_pre
id_after=$(ssfctl_ns "$S" rule add in proto udp dport 7402 drop |
	   grep -oE '[0-9]+' | head -n 1)
check "ids: an id handed out in the window ($id_window) is not reused ($id_after)" \
	test "${id_after:-0}" -gt "${id_window:-0}"

# --- policy check -------------------------------------------------------------
tmp_file bad
printf '%s\n' "default in drop" "# comment" \
	"rule in proto tcp dport 70000 accept" "" \
	"rule in proto udp dport 9-1 accept" >"$bad"
show=$(ssfctl_ns "$P" policy show | policy_body)
g=$(gen "$P")
ssfctl_ns "$P" policy check "$bad" >/dev/null 2>"$err"
check_eq "check invalid: exit 1" 1 $?
check_match "check invalid: the first bad line (3) is named" \
	"^ssfctl: $bad:3: " "$(head -n 1 "$err")"
check_eq "check invalid: policy and generation unchanged" "$show $g" \
	"$(ssfctl_ns "$P" policy show | policy_body) $(gen "$P")"
check "check valid: the ${NBIG}-rule file passes" ssfctl_ns "$P" policy check "$pol_big"
check_eq "check valid: policy and generation unchanged, nothing left" \
	"$show $g $base" \
	"$(ssfctl_ns "$P" policy show | policy_body) $(gen "$P") $(objects "$P")"
maxp=/sys/module/ssf/parameters/max_rules
if [ -w "$maxp" ]; then
	old_max=$(cat "$maxp")
	echo 3 >"$maxp"
	printf 'rule in proto tcp dport %d accept\n' 1 2 3 4 >"$bad"
	ssfctl_ns "$P" policy check "$bad" >/dev/null 2>"$err"
	check_eq "check over max_rules=3: the kernel says no (exit 1)" 1 $?
	check_match "check over max_rules=3: with the kernel's reason" \
		'^ssfctl: .*rule limit reached \(module parameter max_rules\)' \
		"$(cat "$err")"
	echo "$old_max" >"$maxp"
	check_eq "check over max_rules: policy, generation, objects unchanged" \
		"$show $g $base" \
		"$(ssfctl_ns "$P" policy show | policy_body) $(gen "$P") $(objects "$P")"
else
	fail "max_rules module parameter" "$maxp missing or read-only"
fi

# --- the end ------------------------------------------------------------------
for ns in "$C" "$S" "$P"; do
	ssfctl_ns "$ns" policy flush
	check_eq "no objects left in ${ns%-*}" 0 "$(objects "$ns")"
done
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
