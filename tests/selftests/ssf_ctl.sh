#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_ctl.sh - ssfctl against the real ssf.ko: every command, its exact
# text and JSON, and the kernel's answers as the module sends them (the
# unit tests' fake kernel covers only what ssf.ko does not do on demand).
# Run as root in a VM:
#
#	tests/vm/run -- env SSF_SUITES=ssf_ctl tests/selftests/run_all.sh
#
# In $Q, a namespace without IPv6 where no packet moves unless a test sends
# it (so every counter is known): status, rule add/del/list, policy
# load/check/confirm/show/flush, mode, validate show/set and stats, each in
# text and JSON; 600- and 12,000-rule loads in messages of 256 rules, the
# rule limit, 3,000 validate lines, the show -> load -> show round trips,
# names printed back, bytes a terminal would act on escaped; sets: a
# policy's set statements and rule words, every set command (set test's
# exit codes), the show -> load round trip with sets and its refusal after
# a set add (generation), a timed 100,000-element set load from stdin;
# status memory and lockdown (the module reloaded with lockdown=1 at the
# end, when this suite loaded it). In $P: rule
# list then rule list --json, repeated; per-reason counters from crafted
# packets; the words through the kernel and back; policy check; the
# confirm revert; monitor seeing a drop, and ending on SIGTERM. From our
# own namespace: -n/--netns, with a cgroup path looked up here. Between $A
# and $B, a veth whose name holds an escape sequence: the event monitor
# prints it escaped.
#
#   +--------------------------+   +---------------------+
#   | $P (lo)                  |   | $Q (lo, no IPv6)    |
#   | raw socket -> lo         |   |                     |
#   +--------------------------+   +---------------------+
#   +--------------------------+   +---------------------+
#   | $A  "v\e[7m" 10.9.0.1/24 |---| vb 10.9.0.2/24   $B |
#   +--------------------------+   +---------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module
setup_ns P
setup_ns -4 Q
tmp_file pol
tmp_file out
tmp_file show1
tmp_file show2

S() {
	ssfctl_ns "$P" "$@"
}

T() {
	ssfctl_ns "$Q" "$@"
}

# A Python expression over the JSON on stdin (bound to j).
jq_py() {
	"$SSF_PY" -c 'import json, sys
j = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

gen() {
	sj "$P" status 'j["generation"]'
}

qgen() {
	sj "$Q" status 'j["generation"]'
}

# run NS ARGS...: ssfctl in NS; its exit status in RC, its output in OUT
# and ERR (without the last newline).
run() {
	local ns=$1
	shift
	tmp_file run_err
	OUT=$(ssfctl_ns "$ns" "$@" 2>"$run_err")
	RC=$?
	ERR=$(<"$run_err")
}

# expect NAME RC OUT [ERR]: what the last run did, a check each.
expect() {
	check_eq "$1: exit status" "$2" "$RC"
	check_eq "$1: output" "$3" "$OUT"
	[ $# -lt 4 ] || check_eq "$1: errors" "$4" "$ERR"
}

# nogen FILE: a policy show file without its generation line (loads over
# any policy); same_policy A B: two shows alike but for the generation.
nogen() {
	grep -v '^generation ' "$1"
}

same_policy() {
	cmp <(nogen "$1") <(nogen "$2")
}

# fresh_q: $Q becomes a new namespace, where rule ids start at 1 (a
# namespace never reuses one).
fresh_q() {
	setup_ns -4 Q
}

# --- a namespace without a policy -------------------------------------------
run "$Q" status
expect "status, no policy" 0 "active:      no
generation:  0
mode:        enforce
rules:       0 (at most 65536)
next id:     1
objects:     0
memory:      0 bytes
lockdown:    no
defaults:    in accept, out accept, fwd accept" ""
run "$Q" status --json
expect "status --json, no policy" 0 '{"active":false,"generation":0,"mode":"enforce","rules":0,"max_rules":65536,"next_id":1,"objects":0,"memory":0,"lockdown":false,"defaults":{"in":"accept","out":"accept","fwd":"accept"}}'
check_eq "-j status is status --json" "$OUT" "$(T -j status)"
run "$Q" rule list
expect "rule list, no rules" 0 "no rules"
run "$Q" rule list --json
expect "rule list --json, no rules" 0 "[]"
run "$Q" policy show
expect "policy show, no policy" 0 "generation 0
default in accept
default out accept
default fwd accept"
run "$Q" stats
expect "stats, no traffic" 0 "dir   packets  accepted  dropped  default  unparsed  rejected  audited
in          0         0        0        0         0         0        0
out         0         0        0        0         0         0        0
fwd         0         0        0        0         0         0        0"
check_eq "stats --json, no traffic" "0 0 40 0 []" \
	"$(sj "$Q" "stats" '"%d %d %d %d %s" % (sum(sum(j[d].values()) for d in ("in", "out", "fwd")), len(j) - 5, len(j["reasons"]), sum(j["reasons"].values()), j["rules"])')"

# --- rules one at a time ----------------------------------------------------
run "$Q" rule add in proto tcp dport 22 accept
expect "rule add" 0 "rule 1 added" ""
run "$Q" --json rule add "out dst 10.0.0.0/8 drop"
expect "--json rule add, the words in one argument" 0 '{"id":2}'
run "$Q" rule list
expect "rule list" 0 "ID  PACKETS  BYTES  RULE
 1        0      0  in proto tcp dport 22 accept
 2        0      0  out dst 10.0.0.0/8 drop"
run "$Q" rule list --json
expect "rule list --json" 0 '[{"id":1,"dir":"in","action":"accept","proto":"tcp","dport":"22","packets":0,"bytes":0,"text":"in proto tcp dport 22 accept"},{"id":2,"dir":"out","action":"drop","family":"ip","dst":"10.0.0.0/8","packets":0,"bytes":0,"text":"out dst 10.0.0.0/8 drop"}]'
run "$Q" rule del 1
expect "rule del" 0 "" ""
run "$Q" -j rule del 2
expect "-j rule del" 0 '{"id":2}'
run "$Q" rule del 9
expect "rule del of no rule" 1 "" "ssfctl: rule del 9: no rule with this id (No such file or directory)"
run "$Q" status
mem=$(sj "$Q" status 'j["memory"]')
expect "status after adds and deletes" 0 "active:      yes
generation:  4
mode:        enforce
rules:       0 (at most 65536)
next id:     3
objects:     1
memory:      $mem bytes
lockdown:    no
defaults:    in accept, out accept, fwd accept"
check_ge "status: a policy takes memory" 1 "$mem"

# --- a 600-rule policy: messages of 256 rules, errors by line ---------------
{
	echo "# generated"
	echo "default in drop"
	for k in $(seq 1 600); do
		echo "rule in proto tcp dport $k accept"
	done
} > "$pol"
g=$(qgen)
run "$Q" policy load "$pol"
expect "policy load, 600 rules" 0 "policy loaded: 600 rules, generation $((g + 1))" ""
T policy show > "$show1"
check_eq "policy show: the defaults, then the rules in order" \
	"default in drop.default out accept.default fwd accept.rule in proto tcp dport 1 accept.rule in proto tcp dport 2 accept." \
	"$(sed -n 2,6p "$show1" | tr '\n' '.')"
check_eq "policy show: the generation first" "generation $((g + 1))" \
	"$(head -n 1 "$show1")"
check_eq "policy show: 600 rules" 600 "$(grep -c '^rule ' "$show1")"
run "$Q" policy load "$show1"
expect "load what show printed" 0 "policy loaded: 600 rules, generation $((g + 2))"
T policy show > "$show2"
check "show -> load -> show is identical (600 rules)" same_policy "$show1" "$show2"
check_eq "policy show --json: generation, defaults, mode, checks, rules" \
	"$((g + 2)) drop accept accept enforce 40 8 600 $(($(sj "$Q" status 'j["next_id"]') - 1)) in proto tcp dport 600 accept" \
	"$(sj "$Q" "policy show" '" ".join(map(str, [j["generation"], j["defaults"]["in"], j["defaults"]["out"], j["defaults"]["fwd"], j["mode"], len(j["validate"]["checks"]), j["validate"]["ip6_exthdr_max"], len(j["rules"]), j["rules"][-1]["id"], j["rules"][-1]["text"]]))')"
sed -i 's/dport 301 /dport 0-65536 /' "$pol"
run "$Q" policy load "$pol"
check_eq "a bad rule: file and line, nothing sent" \
	"1 ssfctl: $pol:303: bad dport \"0-65536\" (a port 0-65535, a range p-q or a port set @name)" "$RC $ERR"
check_eq "a bad rule: the policy is untouched" "$((g + 2))" "$(qgen)"
run "$Q" --json policy load - <<<"rule fwd drop"
expect "--json policy load from stdin" 0 "{\"rules\":1,\"generation\":$((g + 3))}"
run "$Q" policy load - <<<"# nothing"
expect "an empty policy" 0 "policy loaded: 0 rules, generation $((g + 4))"
id=$(sj "$Q" status 'j["next_id"]')
run "$Q" rule add fwd drop
run "$Q" stats
expect "stats with a rule" 0 "dir   packets  accepted  dropped  default  unparsed  rejected  audited
in          0         0        0        0         0         0        0
out         0         0        0        0         0         0        0
fwd         0         0        0        0         0         0        0

rule  packets  bytes
$(printf '%4d' "$id")        0  0"
check_eq "stats --json: the rule's counters" "[{'id': $id, 'packets': 0, 'bytes': 0}]" \
	"$(sj "$Q" "stats" 'j["rules"]')"
run "$Q" policy flush
expect "policy flush" 0 "" ""
run "$Q" policy show
expect "policy show after flush" 0 "generation $(qgen)
default in accept
default out accept
default fwd accept"
check_eq "rule list after flush" "no rules" "$(T rule list)"
check_eq "status after flush" "False 0 0" \
	"$(sj "$Q" "status" '"%s %d %d" % (j["active"], j["rules"], j["objects"])')"

# --- the rule words from the command line, names printed back ---------------
fresh_q
run "$Q" rule add out uid root proto tcp dport 25 reject log "no mail: " comment "a # b"
expect "rule add: words with spaces, names" 0 "rule 1 added"
run "$Q" rule add "in iif eth0 icmp-type echo-request gid 0-10 drop audit"
expect "rule add: one argument" 0 "rule 2 added"
run "$Q" rule list
expect "rule list: names and quoted words back" 0 'ID  PACKETS  BYTES  RULE
 1        0      0  out proto tcp dport 25 uid root reject log "no mail: " comment "a # b"
 2        0      0  in proto icmp icmp-type echo-request iif eth0 gid 0-10 drop audit'
check_eq "rule list --json: the words as members" \
	"0 root 25 True no mail:  a # b | echo-request eth0 0-10 True" \
	"$(sj "$Q" "rule list" '" ".join(map(str, [j[0]["uid"], j[0]["user"], j[0]["dport"], j[0]["log"], j[0]["log_prefix"], j[0]["comment"], "|", j[1]["icmp_type"], j[1]["iif"], j[1]["gid"], j[1]["audit"]]))')"
check_eq "rule list --json: no name for a range" "False" \
	"$(sj "$Q" "rule list" 'str("group" in j[1])')"
cat > "$pol" <<'EOF'
mode audit
default in reject   # an action for a default
rule in iif "eth 0" proto tcp dport 22 accept log "ssh \"in\""
rule out oif wg0 uid root gid 0 drop audit comment "root's #1"
rule in icmp6-type nd-neighbor-solicit accept
rule fwd icmp-type 3 drop log
EOF
g=$(qgen)
run "$Q" policy load "$pol"
expect "load: quoted words, a default reject, a mode" 0 "policy loaded: 4 rules, generation $((g + 1))" ""
T policy show > "$show1"
cat > "$out" <<'EOF'
default in reject
default out accept
default fwd accept
mode audit
rule in proto tcp dport 22 iif "eth 0" accept log "ssh \"in\""
rule out oif wg0 uid root gid root drop audit comment "root's #1"
rule in proto icmpv6 icmp6-type nd-neighbor-solicit accept
rule fwd proto icmp icmp-type destination-unreachable drop log
EOF
check "policy show: canonical words, names, quotes" cmp "$out" <(nogen "$show1")
check "load what show printed (words)" T policy load "$show1"
T policy show > "$show2"
check "show -> load -> show is identical (words)" same_policy "$show1" "$show2"
check_eq "policy show --json: the order of the text" \
	"generation defaults mode validate sets rules" \
	"$(sj "$Q" "policy show" '" ".join(j.keys())')"

# --- bytes a terminal would act on: escaped in text, loadable back ----------
fresh_q
printf '%s\n' 'rule in accept comment "a\x1b[2Jb\x09c"' \
	'rule in iif "e\x1bx" drop log "\x1b]0;t\x07"' > "$pol"
run "$Q" policy load "$pol"
expect "load: \\xHH in quoted words" 0 "policy loaded: 2 rules, generation 1"
run "$Q" rule list
expect "rule list: control bytes escaped" 0 'ID  PACKETS  BYTES  RULE
 1        0      0  in accept comment "a\x1b[2Jb\x09c"
 2        0      0  in iif "e\x1bx" drop log "\x1b]0;t\x07"'
T rule list > "$out"
check_eq "rule list: no control byte left" 0 "$(tr -d '\n' < "$out" | LC_ALL=C grep -c '[[:cntrl:]]')"
check_eq "rule list --json: the bytes, JSON-escaped" \
	"$(printf 'a\033[2Jb\tc|e\033x|\033]0;t\a')" \
	"$(sj "$Q" "rule list" '"|".join([j[0]["comment"], j[1]["iif"], j[1]["log_prefix"]])')"
T policy show > "$show1"
check "load what show printed (escapes)" T policy load "$show1"
T policy show > "$show2"
check "show -> load -> show is identical (escapes)" same_policy "$show1" "$show2"

# --- policy check -----------------------------------------------------------
printf 'rule in accept\n' > "$pol"
g=$(qgen)
run "$Q" policy check "$pol"
expect "policy check: a valid policy" 0 "policy ok: 1 rules (nothing changed)" ""
run "$Q" -j policy check - < "$pol"
expect "-j policy check from stdin" 0 '{"ok":true,"rules":1}'
check_eq "policy check: nothing changed" "$g 2" \
	"$(sj "$Q" "status" '"%d %d" % (j["generation"], j["rules"])')"
run "$Q" policy check - <<<"rule in accept
validate tcp-null of"
expect "policy check: a bad line, nothing sent" 1 "" \
	"ssfctl: <stdin>:2: unknown check action \"of\" (expected drop, audit or off)"

# --- commit-confirm ---------------------------------------------------------
run "$Q" policy load --confirm 30 "$pol"
expect "policy load --confirm" 0 "policy loaded: 1 rules, generation $((g + 1))
confirm within 30 seconds (ssfctl policy confirm), or the previous policy comes back"
check_match "status: the confirm line" \
	'^confirm: +[0-9]+ s left, then the previous policy comes back \(ssfctl policy confirm keeps this one\)$' \
	"$(T status | grep '^confirm:')"
check_eq "status --json: confirm_left, then rules" "True confirm_left rules" \
	"$(sj "$Q" "status" '"%s %s" % (0 < j["confirm_left"] <= 30, " ".join(k for k in j if k in ("confirm_left", "rules")))')"
run "$Q" policy confirm
expect "policy confirm" 0 "policy confirmed, generation $((g + 1))" ""
check_eq "status --json: nothing to confirm" "False" \
	"$(sj "$Q" "status" 'str("confirm_left" in j)')"
run "$Q" policy confirm
expect "policy confirm, nothing pending" 1 "" \
	"ssfctl: policy confirm: no commit is waiting for a confirm (No such file or directory)"
run "$Q" -j policy load --confirm=5 "$pol"
expect "-j policy load --confirm=5" 0 "{\"rules\":1,\"generation\":$((g + 2)),\"confirm\":5}"
run "$Q" policy confirm --json
expect "policy confirm --json" 0 "{\"generation\":$((g + 2))}"

# --- mode -------------------------------------------------------------------
run "$Q" mode
expect "mode" 0 "enforce"
run "$Q" mode audit
expect "mode audit" 0 "" ""
run "$Q" mode --json
expect "mode --json" 0 '{"mode":"audit"}'
check_eq "status: the mode" "mode:        audit" "$(T status | grep '^mode:')"
check_eq "policy show: the mode line" "mode audit" "$(T policy show | grep '^mode')"
g=$(qgen)
run "$Q" --json mode off
expect "--json mode off" 0 "{\"mode\":\"off\",\"generation\":$((g + 1))}"
check_eq "status --json: mode off, inactive" "off False" \
	"$(sj "$Q" "status" 'j["mode"] + " " + str(j["active"])')"
run "$Q" policy load - <<<"rule in accept"
check_eq "a file without a mode line means enforce" "enforce" "$(T mode)"
run "$Q" policy load - <<<"mode off"
check_eq "a mode line" "off" "$(T mode)"
check "mode enforce" T mode enforce

# --- validate show and set --------------------------------------------------
run "$Q" validate show
check_eq "validate show: the header" "CHECK                  ACTION  DEFAULT  PACKETS" \
	"$(head -n 1 <<<"$OUT")"
check_eq "validate show: a row" "ip4-zero-ttl           audit   audit          0" \
	"$(grep '^ip4-zero-ttl ' <<<"$OUT")"
check_eq "validate show: the limit last" "ip6-exthdr-max 8 (default 8)" "$(tail -n 1 <<<"$OUT")"
check_eq "validate show: 40 rows, a blank line, the limit" 43 "$(wc -l <<<"$OUT")"
# the text and the JSON say the same
check_eq "validate show --json: the table's actions" \
	"$(awk 'NF == 4 && $4 ~ /^[0-9]+$/ { print $1, $2 }' <<<"$OUT" | paste -sd, -)" \
	"$(sj "$Q" "validate show" '",".join(k + " " + v["action"] for k, v in j["checks"].items())')"
g=$(qgen)
run "$Q" validate set tcp-syn-fin off
expect "validate set" 0 "" ""
check_eq "validate show: the new action" "tcp-syn-fin            off     drop           0" \
	"$(T validate show | grep '^tcp-syn-fin ')"
run "$Q" --json validate set ip6-exthdr-max 0
expect "--json validate set ip6-exthdr-max" 0 "{\"generation\":$((g + 2))}"
check_eq "policy show: the two settings" "validate tcp-syn-fin off.validate ip6-exthdr-max 0." \
	"$(T policy show | grep '^validate' | tr '\n' '.')"
run "$Q" validate set all audit --json
expect "validate set all --json" 0 "{\"generation\":$((g + 3))}"
check "validate set ip4-land drop" T validate set ip4-land drop
check_eq "validate show --json: all audit but ip4-land" "39 drop 0" \
	"$(sj "$Q" "validate show" '"%d %s %d" % (sum(v["action"] == "audit" for v in j["checks"].values()), j["checks"]["ip4-land"]["action"], j["ip6_exthdr_max"])')"
T policy show > "$show1"
check_eq "policy show: a line per check not at its default, and the limit" 37 \
	"$(grep -c '^validate ' "$show1")"
check "policy flush (checks)" T policy flush
sed -i '/^generation /d' "$show1"
check "load what show printed, its generation line taken out (checks)" \
	T policy load "$show1"
T policy show > "$show2"
check "show -> load -> show is identical (checks)" same_policy "$show1" "$show2"
check_eq "validate show --json after the round trip" "39 drop 0" \
	"$(sj "$Q" "validate show" '"%d %s %d" % (sum(v["action"] == "audit" for v in j["checks"].values()), j["checks"]["ip4-land"]["action"], j["ip6_exthdr_max"])')"
run "$Q" validate set tcp-synfin off
check_eq "validate set: an unknown check is a usage error" 2 "$RC"

# validate lines in a file: over the defaults, in file order
check "validate set ip4-zero-ttl off" T validate set ip4-zero-ttl off
run "$Q" policy load - <<<"default in drop
validate all audit
rule in proto tcp dport 22 accept
validate tcp-null drop
validate ip6-exthdr-max 3"
expect "load: validate lines" 0 "policy loaded: 1 rules, generation $(qgen)"
check_eq "load: every check at audit but tcp-null, the old setting gone" "39 drop audit 3" \
	"$(sj "$Q" "validate show" '"%d %s %s %d" % (sum(v["action"] == "audit" for v in j["checks"].values()), j["checks"]["tcp-null"]["action"], j["checks"]["ip4-zero-ttl"]["action"], j["ip6_exthdr_max"])')"
check_eq "policy show: the lines of the settings" \
	"validate ip6-exthdr-max 3.rule in proto tcp dport 22 accept." \
	"$(T policy show | tail -n 2 | tr '\n' '.')"
run "$Q" policy load - <<<"rule in accept
validate ip6-exthdr-max 8"
check_eq "a file without validate lines: every check at its default" \
	"default in accept.default out accept.default fwd accept.rule in accept." \
	"$(T policy show | sed 1d | tr '\n' '.')"
run "$Q" policy load - <<<"validate tcp-syn-fin audit
validate all off"
check_eq "the lines apply in order (all last)" "off" \
	"$(sj "$Q" "validate show" 'j["checks"]["tcp-syn-fin"]["action"]')"
run "$Q" policy load - <<<"validate all off
validate tcp-syn-fin audit"
check_eq "the lines apply in order (all first)" "audit off" \
	"$(sj "$Q" "validate show" 'j["checks"]["tcp-syn-fin"]["action"] + " " + j["checks"]["tcp-null"]["action"]')"

# 3,000 validate lines and 700 rules: several messages, in order
{
	for k in $(seq 0 2999); do
		if [ $((k % 2)) = 1 ]; then c=udp-port-zero; else c=all; fi
		if [ $((k % 3)) = 0 ]; then a=drop; else a=off; fi
		echo "validate $c $a"
	done
	echo "validate udp-port-zero drop"
	echo "validate ip6-exthdr-max 5"
	for k in $(seq 0 699); do
		echo "rule in proto udp dport $k drop"
	done
} > "$pol"
run "$Q" policy load "$pol"
expect "load: 3,000 validate lines and 700 rules" 0 \
	"policy loaded: 700 rules, generation $(qgen)" ""
T policy show > "$show1"
check_eq "the last all (off), then udp-port-zero drop" "40 39 drop 5" \
	"$(sj "$Q" "validate show" '"%d %d %s %d" % (len(j["checks"]), sum(v["action"] == "off" for v in j["checks"].values()), j["checks"]["udp-port-zero"]["action"], j["ip6_exthdr_max"])')"
check_eq "policy show: 41 validate lines and 700 rules" "41 700" \
	"$(grep -c '^validate ' "$show1") $(grep -c '^rule ' "$show1")"
check_eq "policy show: udp-port-zero, the limit, the first rule" \
	"validate udp-port-zero drop" "$(grep '^validate udp-port-zero' "$show1")"

# --- the rule limit ---------------------------------------------------------
max=/sys/module/ssf/parameters/max_rules
old_max=$(<"$max")
restore_max() {
	echo "$old_max" > "$max"
}
ssf_cleanup_hooks+=(restore_max)
echo 100 > "$max"
check_eq "status: the limit" "rules:       700 (at most 100)" "$(T status | grep '^rules:')"
for k in $(seq 0 149); do
	echo "rule in proto $k drop"
done > "$pol"
g=$(qgen)
run "$Q" policy load "$pol"
expect "load beyond max_rules: file and line, the kernel's words" 1 "" \
	"ssfctl: $pol:101: kernel rejected this rule: rule limit reached (module parameter max_rules) (Argument list too long)"
check_eq "load beyond max_rules: nothing changed" "$g 700" \
	"$(sj "$Q" "status" '"%d %d" % (j["generation"], j["rules"])')"
restore_max

# --- 12,000 rules -----------------------------------------------------------
for k in $(seq 1 12000); do
	echo "rule out uid $k-$((k + 1)) proto udp dport $((k % 65536)) drop comment \"r$k\""
done > "$pol"
g=$(qgen)
id=$(sj "$Q" status 'j["next_id"]')
run "$Q" policy load "$pol"
expect "load 12,000 rules" 0 "policy loaded: 12000 rules, generation $((g + 1))" ""
check_eq "status: 12,000 rules" "rules:       12000 (at most $old_max)" "$(T status | grep '^rules:')"
check_eq "rule list: a rule, its words, the next ids" \
	"$((id + 11998))        0      0  out proto udp dport 11999 uid 11999-12000 drop comment \"r11999\"" \
	"$(T rule list | sed 's/^ *//' | grep "^$((id + 11998)) ")"
check_eq "rule list --json: 12,000" 12000 "$(sj "$Q" "rule list" 'len(j)')"
check "policy flush (12,000 rules)" T policy flush

# --- rule list --json after rule list ---------------------------------------
cat > "$pol" <<EOF
default in drop
rule in proto icmp accept
rule in family ip6 proto icmpv6 accept
rule in proto tcp dport 22 accept
rule out dst 10.0.0.0/8 proto udp dport 53-54 drop
EOF
check "policy load" S policy load "$pol"
check "rule add" S rule add in proto udp sport 1000-2000 drop
bad=0
for i in $(seq 1 20); do
	n=$(S rule list | grep -c '^ *[0-9]')
	[ "$n" = 5 ] || bad=$((bad + 1))
	n=$(sj "$P" "rule list" 'len(j)')
	[ "$n" = 5 ] || bad=$((bad + 1))
	n=$(sj "$P" "rule list" 'j[4]["text"]')
	[ "$n" = "in proto udp sport 1000-2000 drop" ] || bad=$((bad + 1))
done
check_eq "rule list, then rule list --json, 20 times" 0 "$bad"
check_eq "stats --json rules" 5 "$(sj "$P" "stats" 'len(j["rules"])')"

# --- validate show ---------------------------------------------------------
check_eq "validate show --json: every check" 40 \
	"$(sj "$P" "validate show" 'len(j["checks"])')"
check_eq "validate show --json: defaults" "drop audit 8" \
	"$(sj "$P" "validate show" '" ".join([j["checks"]["tcp-null"]["action"], j["checks"]["ip4-zero-ttl"]["action"], str(j["ip6_exthdr_max"])])')"
check_eq "validate show: a row per check" 40 \
	"$(S validate show | grep -cE '^[a-z0-9-]+ +(drop|audit|off) +(drop|audit) +[0-9]+$')"
check_eq "stats --json: every reason, zeros included" "40 0" \
	"$(sj "$P" "stats" '"%d %d" % (len(j["reasons"]), sum(j["reasons"].values()))')"

# --- validate set ----------------------------------------------------------
g=$(gen)
check "validate set tcp-syn-fin off" S validate set tcp-syn-fin off
check_eq "validate set: a new generation" $((g + 1)) "$(gen)"
check "validate set ip6-exthdr-max 3" S validate set ip6-exthdr-max 3
check_eq "validate show --json after set" "off 3" \
	"$(sj "$P" "validate show" 'j["checks"]["tcp-syn-fin"]["action"] + " " + str(j["ip6_exthdr_max"])')"
check_match "policy show: the settings" \
	'validate tcp-syn-fin off\.validate ip6-exthdr-max 3\.rule in proto icmp accept' \
	"$(S policy show | tr '\n' '.')"
check_fail "validate set: unknown check" S validate set tcp-synfin off
check_eq "validate set: unknown check changes nothing" $((g + 2)) "$(gen)"

# --- validate lines in a file ----------------------------------------------
cat > "$pol" <<EOF
default in drop
validate all audit
rule in proto icmp accept
validate tcp-null drop
validate ip6-exthdr-max 5
EOF
check "policy load with validate lines" S policy load "$pol"
check_eq "load: over the defaults, in order" "audit drop audit 5" \
	"$(sj "$P" "validate show" '" ".join([j["checks"]["tcp-syn-fin"]["action"], j["checks"]["tcp-null"]["action"], j["checks"]["ip4-zero-ttl"]["action"], str(j["ip6_exthdr_max"])])')"
S policy show > "$show1"
check_eq "policy show: a line per check not at its default" 36 \
	"$(grep -c '^validate [a-z0-9-]* audit$' "$show1")"
check "policy flush" S policy flush
check_eq "flush: checks back to their defaults" "drop 8" \
	"$(sj "$P" "validate show" 'j["checks"]["tcp-syn-fin"]["action"] + " " + str(j["ip6_exthdr_max"])')"
sed -i '/^generation /d' "$show1"
check "load what show printed, but its generation" S policy load "$show1"
S policy show > "$show2"
check "show -> load -> show is identical" same_policy "$show1" "$show2"
printf 'rule in accept\n' > "$pol"
check "a file without validate lines" S policy load "$pol"
check_eq "... resets every check" "" "$(S policy show | grep '^validate')"

g=$(gen)
printf 'rule in accept\n\nvalidate tcp-null of\n' > "$pol"
out=$(S policy load "$pol" 2>&1)
check_eq "bad validate line: file:line" \
	"ssfctl: $pol:3: unknown check action \"of\" (expected drop, audit or off)" "$out"
check_eq "bad validate line: the policy is untouched" "$g" "$(gen)"

# --- per-reason counters ---------------------------------------------------
printf 'rule in accept\nvalidate ip4-zero-ttl drop\n' > "$pol"
check "policy load (ip4-zero-ttl drop)" S policy load "$pol"
ip netns exec "$P" "$SSF_PY" - <<'EOF'
import socket, struct
def ip(ttl, flags):
    tcp = struct.pack('!HHIIBBHHH', 1234, 9, 0, 0, 5 << 4, flags, 1024, 0, 0)
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, 1, 0, ttl, 6, 0,
                       socket.inet_aton('127.0.0.1'),
                       socket.inet_aton('127.0.0.1')) + tcp
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for pkt in [ip(64, 0x03)] * 3 + [ip(0, 0x02)] * 2:
    try:
        s.sendto(pkt, ('127.0.0.1', 0))
    except OSError:
        pass	# dropped at LOCAL_OUT: EPERM
EOF
check_eq "stats --json: counted by reason" "3 2 5" \
	"$(sj "$P" "stats" '"%d %d %d" % (j["reasons"]["tcp-syn-fin"], j["reasons"]["ip4-zero-ttl"], sum(j["reasons"].values()))')"
check_match "stats: the non-zero reasons" \
	'^reason +packets\.ip4-zero-ttl +2\.tcp-syn-fin +3\.$' \
	"$(S stats | sed -n '/^reason/,/^$/p' | grep . | tr '\n' '.')"
check_eq "validate show: the counters" "3" \
	"$(S validate show | awk '$1 == "tcp-syn-fin" { print $4 }')"

# --- every rule word through the kernel and back ---------------------------
cat > "$pol" <<EOF
default fwd reject
mode audit
rule in iif lo proto tcp dport 22 accept log "ssh \"x\" " comment "a # b"
rule out oif lo uid root gid root proto udp dport 53 reject audit
rule out uid 1000-1999 cgroup / drop log
rule in icmp-type echo-request accept
rule in icmp6-type nd-neighbor-solicit accept
rule fwd icmp-type 3 drop
EOF
check "load: every rule word" S policy load "$pol"
S policy show > "$show1"
tmp_file want
cat > "$want" <<'EOF'
default in accept
default out accept
default fwd reject
mode audit
rule in proto tcp dport 22 iif lo accept log "ssh \"x\" " comment "a # b"
rule out proto udp dport 53 oif lo uid root gid root reject audit
rule out uid 1000-1999 cgroup / drop log
rule in proto icmp icmp-type echo-request accept
rule in proto icmpv6 icmp6-type nd-neighbor-solicit accept
rule fwd proto icmp icmp-type destination-unreachable drop
EOF
check "show: every rule word, names back" cmp "$want" <(nogen "$show1")
check "load what show printed (every word)" S policy load "$show1"
S policy show > "$show2"
check "show -> load -> show is identical (every word)" same_policy "$show1" "$show2"
check_eq "rule list --json: the members" "lo root 0 True a # b" \
	"$(sj "$P" "rule list" '" ".join([j[0]["iif"], j[1]["user"], j[1]["gid"], str(j[0]["log"]), j[0]["comment"]])')"
check_eq "rule list --json: the cgroup's path" "0 /" \
	"$(sj "$P" "rule list" '"%d %s" % (j[2]["cgroup"] == 0, j[2]["cgroup_path"])')"
check_eq "status --json: mode and limit" "audit True" \
	"$(sj "$P" "status" 'j["mode"] + " " + str(j["max_rules"] > 0)')"

# --- policy check ----------------------------------------------------------
g=$(gen)
objs=$(sj "$P" "status" 'j["objects"]')
check "policy check: a valid policy" S policy check "$pol"
check_eq "policy check: nothing changed" "$g" "$(gen)"
printf 'rule in accept\n\nrule out cgroup-id 4000000000 drop\nrule in drop\nrule out cgroup-id 4000000001 drop\n' > "$pol"
out2=$(S policy check "$pol" 2>&1)
check_match "policy check: the first bad rule (of two), by line" \
	"^ssfctl: $pol:3: kernel rejected \"cgroup\" in this rule: " "$out2"
check_eq "policy check: one error, not one a bad rule" 1 "$(grep -c . <<<"$out2")"
check_eq "policy check of a bad policy: nothing changed" "$g" "$(gen)"
check_eq "policy check: no object left behind" "$objs" \
	"$(sj "$P" "status" 'j["objects"]')"
run "$P" rule add out cgroup-id 4000000000 drop
expect "rule add: the kernel's refusal, by word" 1 "" \
	"ssfctl: rule add: kernel rejected \"cgroup\": no cgroup with that id (No such file or directory)"

# --- mode ------------------------------------------------------------------
for m in enforce off audit enforce; do
	check "mode $m" S mode $m
	check_eq "mode: $m" "$m" "$(S mode)"
done

# --- commit-confirm --------------------------------------------------------
printf 'rule in accept\n' > "$pol"
check "load (one rule)" S policy load "$pol"
printf 'rule in accept\nrule out accept\nrule fwd drop\n' > "$pol"
check "load --confirm 2" S policy load --confirm 2 "$pol"
check_match "status: seconds left" '^[12]$' \
	"$(sj "$P" "status" 'j.get("confirm_left")')"
rules_are() {
	[ "$(sj "$P" "status" 'j["rules"]')" = "$1" ]
}
check "no confirm: the kernel reverts" busywait 15000 rules_are 1
check_eq "after the revert: no confirm pending" "False" \
	"$(sj "$P" "status" 'str("confirm_left" in j)')"
check "load --confirm 30" S policy load --confirm 30 "$pol"
check "policy confirm" S policy confirm
check_eq "confirmed: nothing pending" "False 3" \
	"$(sj "$P" "status" 'str("confirm_left" in j) + " " + str(j["rules"])')"
check_fail "policy confirm with nothing pending" S policy confirm

# --- 10,000 rules ------------------------------------------------------------
for i in $(seq 1 10000); do
	echo "rule in proto udp dport $((i % 65536)) drop comment \"r$i\""
done > "$pol"
check "load 10000 rules" S policy load "$pol"
check_eq "status: 10000 rules" 10000 "$(sj "$P" "status" 'j["rules"]')"
check_eq "show: 10000 rules" 10000 "$(S policy show | grep -c '^rule ')"

# --- monitor ---------------------------------------------------------------
printf 'rule out proto icmp ct state new,invalid,untracked drop\n' > "$pol"
check "load (drop outgoing ICMP, by ct state)" S policy load "$pol"
tmp_file mon
ip netns exec "$P" "$SSFCTL" monitor --json --count 1 > "$mon" 2>&1 &
mon_pid=$!
ssf_pids+=("$mon_pid")
# an echo request to 127.0.0.1 from a raw socket (EPERM: dropped, as meant)
icmp_to() {
	ip netns exec "$1" "$SSF_PY" -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
try:
    s.sendto(b"\x08\x00\xf7\xff\x00\x00\x00\x00", (sys.argv[1], 0))
except OSError:
    pass' "$2"
}
mon_got() {
	icmp_to "$P" 127.0.0.1
	[ -s "$mon" ]
}
check "monitor: an event arrives" busywait 30000 mon_got
check_eq "monitor --json: the drop, uid and kuid" "drop out ipv4 icmp 0 0" \
	"$(head -n1 "$mon" | jq_py '" ".join([j["type"], j["dir"], j["family"], j["proto"], str(j["uid"]), str(j["kuid"])])')"
check_eq "monitor --json: the ct state of the rule's match" "new" \
	"$(head -n1 "$mon" | jq_py 'j.get("ct")')"
mon_done() {
	! kill -0 "$mon_pid" 2>/dev/null
}
if busywait 10000 mon_done; then
	wait "$mon_pid"
	check_eq "monitor --count 1 exits 0" 0 $?
else
	kill "$mon_pid"
	fail "monitor --count 1 exits 0" "still running"
fi

# Without --count: each event reaches a reader at once, SIGTERM ends it.
# The veth's name holds an escape sequence; the line shows it escaped.
setup_ns -4 A
setup_ns -4 B
esc_if=$(printf 'v\033[7m')
veth_connect "$A" "$esc_if" "$B" vb
addr_add "$A" "$esc_if" 10.9.0.1/24
addr_add "$B" vb 10.9.0.2/24
printf 'rule out proto icmp drop\n' | ssfctl_ns "$A" policy load - >/dev/null
ip netns exec "$A" "$SSFCTL" monitor > "$mon" 2>&1 &
mon_pid=$!
ssf_pids+=("$mon_pid")
mon_got() {
	icmp_to "$A" 10.9.0.2
	[ -s "$mon" ]
}
check "monitor: a line while it runs" busywait 30000 mon_got
check_eq "monitor: still running" 0 "$(kill -0 "$mon_pid" 2>/dev/null; echo $?)"
check_eq "monitor: the interface name escaped" \
	'drop out icmp 10.9.0.1 -> 10.9.0.2 rule 1 uid 0 kuid 0 oif v\x1b[7m drop' \
	"$(head -n 1 "$mon")"
kill -TERM "$mon_pid"
wait "$mon_pid"
check_eq "monitor: SIGTERM ends it with status 0" 0 $?
check_eq "monitor: no control byte on the screen" 0 \
	"$(tr -d '\n' < "$mon" | LC_ALL=C grep -c '[[:cntrl:]]')"

# --- sets: declared by a policy, changed a transaction at a time -----------
fresh_q
cat > "$pol" <<'EOF'
set bad addr timeout 1h 10.0.0.0/8 2001:db8::/32
set web port 80 443
set bad timeout 90 192.168.1.1 10.1.1.1-10.1.1.9
set bad 10.0.0.0/8   # twice: once
rule in src @bad proto tcp dport @web ct state established,new limit 5/second burst 9 drop
rule in dst @bad drop
EOF
g=$(qgen)
run "$Q" policy load "$pol"
expect "load: sets, then the rules that name them" 0 "policy loaded: 2 rules, generation $((g + 1))" ""
run "$Q" rule list
expect "rule list: set words, ct state, limit" 0 "ID  PACKETS  BYTES  RULE
 1        0      0  in proto tcp src @bad dport @web ct state new,established limit 5/second burst 9 drop
 2        0      0  in dst @bad drop"
check_eq "rule list --json: the members" "bad web ['new', 'established'] {'rate': 5, 'unit': 'second', 'burst': 9} | bad" \
	"$(sj "$Q" "rule list" '" ".join(map(str, [j[0]["src_set"], j[0]["dport_set"], j[0]["ct_state"], j[0]["limit"], "|", j[1]["dst_set"]]))')"
run "$Q" rule add in proto icmp limit 10/minute accept
expect "rule add: limit, the default burst" 0 "rule 3 added"
check_eq "rule list --json: the default burst" "{'rate': 10, 'unit': 'minute', 'burst': 5}" \
	"$(sj "$Q" "rule list" 'j[2]["limit"]')"
run "$Q" rule add in src @nope drop
expect "rule add: a set the policy does not have" 1 "" \
	'ssfctl: rule add: kernel rejected "src": no set of this name (a rule names a set declared before it) (No such file or directory)'
run "$Q" rule add in proto tcp src @web drop
expect "rule add: a port set after src" 1 "" \
	'ssfctl: rule add: kernel rejected "src": a port set cannot stand after src or dst (Invalid argument)'
m_bad=$(sj "$Q" "set list" 'j[0]["memory"]')
m_web=$(sj "$Q" "set list" 'j[1]["memory"]')
run "$Q" set list
expect "set list" 0 "NAME  TYPE  ELEMENTS  TIMEOUT  MEMORY
bad   addr         4  1h       $m_bad
web   port         2  -        $m_web" ""
run "$Q" set list --json
expect "set list --json" 0 "[{\"name\":\"bad\",\"type\":\"addr\",\"elements\":4,\"timeout\":3600,\"memory\":$m_bad},{\"name\":\"web\",\"type\":\"port\",\"elements\":2,\"timeout\":0,\"memory\":$m_web}]"
run "$Q" set show web
expect "set show, no timeouts" 0 "name:      web
type:      port
timeout:   none
elements:  2
memory:    $m_web bytes

ELEMENT  EXPIRES IN
80
443" ""
check_eq "set show --json: elements in order, each with the time it has left" \
	"10.0.0.0/8 True 10.1.1.1-10.1.1.9 True 192.168.1.1 True 2001:db8::/32 True" \
	"$(sj "$Q" "set show bad" '" ".join("%s %s" % (e["element"], 0 < e["timeout"] <= (90 if e["element"] in ("192.168.1.1", "10.1.1.1-10.1.1.9") else 3600)) for e in j["elements"])')"
run "$Q" set show bad
check_match "set show: the time left" '^10\.1\.1\.1-10\.1\.1\.9  [0-9]+s$' \
	"$(grep '^10.1.1.1-' <<<"$OUT")"
run "$Q" set show nope
expect "set show: no such set" 1 "" \
	"ssfctl: set show: the policy has no set with this name (No such file or directory)"

g=$(qgen)
run "$Q" set add bad 10.9.9.9 2001:db8:1::-2001:db8:1::ff timeout 5m
expect "set add: elements with a timeout" 0 "set bad: 2 elements added, generation $((g + 1))" ""
run "$Q" --json set add bad 10.9.9.9
expect "set add: an element there already is no error" 0 "{\"set\":\"bad\",\"elements\":1,\"generation\":$((g + 2))}"
check_eq "set show: 10.9.9.9 once, without the timeout of the first add" "1 True" \
	"$(sj "$Q" "set show bad" '"%d %s" % (sum(e["element"] == "10.9.9.9" for e in j["elements"]), [e["timeout"] for e in j["elements"] if e["element"] == "10.9.9.9"][0] > 300)')"
# test_set WHAT SET VALUE STATUS OUTPUT
test_set() {
	run "$Q" set test "$2" "$3"
	expect "set test $2 $3: $1" "$4" "$5"
}
test_set "in a prefix" bad 10.3.4.5 0 "10.3.4.5 is in bad"
test_set "in a range" bad 2001:db8:1::80 0 "2001:db8:1::80 is in bad"
test_set "in none" bad 11.0.0.1 1 "11.0.0.1 is not in bad"
test_set "a port" web 443 0 "443 is in web"
test_set "not a port of it" web 444 1 "444 is not in web"
test_set "a prefix is no address" bad 10.0.0.0/8 2 ""
test_set "no port" web x 2 ""
test_set "no such set" nope 1 3 ""
check_eq "set test: no such set, the message" \
	"ssfctl: set test: the policy has no set with this name (No such file or directory)" "$ERR"
run "$Q" --json set test bad 192.168.1.1
expect "set test --json" 0 '{"match":true}'
run "$Q" set del bad 192.168.1.1 10.77.0.1
expect "set del: an absent element is no error" 0 "set bad: 2 elements deleted, generation $((g + 3))"
test_set "deleted" bad 192.168.1.1 1 "192.168.1.1 is not in bad"
check "set del of a prefix" T set del bad 10.0.0.0/8
test_set "its prefix deleted, a range still has it" bad 10.1.1.5 0 "10.1.1.5 is in bad"
test_set "its prefix deleted" bad 10.3.4.5 1 "10.3.4.5 is not in bad"
run "$Q" set add web 10.0.0.1
expect "set add: an address in a port set" 1 "" \
	'ssfctl: set add: bad port element "10.0.0.1" (a port 0-65535 or a range p-q)'
run "$Q" set add bad 10.0.0.1/8
expect "set add: host bits, the kernel's checker's words" 1 "" \
	'ssfctl: set add: element "10.0.0.1/8": address has bits set beyond its prefix length'
run "$Q" set add nope 1
expect "set add: no such set" 1 "" \
	"ssfctl: set add: the policy has no set with this name (No such file or directory)"
check_eq "set add failures: nothing changed" "$((g + 4))" "$(qgen)"
run "$Q" set flush web
expect "set flush" 0 "set web: flushed, generation $((g + 5))"
check_eq "set flush: no element left" 0 "$(sj "$Q" "set list" 'j[1]["elements"]')"
run "$Q" set load web - <<<'22
# a comment
  8080   # and another

1000-2000'
expect "set load from stdin: one a line, comments" 0 "set web: 3 elements loaded, generation $((g + 6))"
check_eq "set load: the elements, in order" "22 1000-2000 8080" \
	"$(sj "$Q" "set show web" '" ".join(e["element"] for e in j["elements"])')"
run "$Q" set load web - <<<'21
99999
23'
expect "set load: a bad line" 1 "" \
	'ssfctl: <stdin>:2: bad port element "99999" (a port 0-65535 or a range p-q)'
printf '21\n22 23\n' > "$pol"
run "$Q" set load web "$pol"
expect "set load: two elements on a line" 1 "" "ssfctl: $pol:2: one element a line"
check_eq "set load failures: nothing changed" "22 1000-2000 8080 $((g + 6))" \
	"$(sj "$Q" "set show web" '" ".join(e["element"] for e in j["elements"])') $(qgen)"

# show -> load round trip with sets, and the generation guard
T policy show > "$show1"
tmp_file want_sets
cat > "$want_sets" <<EOF
generation $(qgen)
default in accept
default out accept
default fwd accept
set bad addr timeout 1h
set bad 10.1.1.1-10.1.1.9 10.9.9.9 2001:db8::/32 2001:db8:1::-2001:db8:1::ff
set web port
set web 22 1000-2000 8080
rule in proto tcp src @bad dport @web ct state new,established limit 5/second burst 9 drop
rule in dst @bad drop
rule in proto icmp limit 10/minute accept
EOF
check "policy show: generation, sets, then rules" cmp "$want_sets" "$show1"
g=$(qgen)
run "$Q" policy load "$show1"
expect "load what show printed (sets)" 0 "policy loaded: 3 rules, generation $((g + 1))"
T policy show > "$show2"
check "show -> load -> show is identical (sets)" same_policy "$show1" "$show2"
check_eq "policy show --json: the sets" "bad addr 3600 4 | web port 0 3" \
	"$(sj "$Q" "policy show" '" ".join(map(str, [j["sets"][0]["name"], j["sets"][0]["type"], j["sets"][0]["timeout"], len(j["sets"][0]["elements"]), "|", j["sets"][1]["name"], j["sets"][1]["type"], j["sets"][1]["timeout"], len(j["sets"][1]["elements"])]))')"
check "set add after show" T set add bad 10.8.8.8
g=$(qgen)
run "$Q" policy load "$show2"
expect "load of a show older than a set add: refused" 1 "" \
	"ssfctl: policy load: commit: policy changed since you read it (Device or resource busy)"
check_eq "refused: the element added stays, nothing else changed" "0 $g" \
	"$(T set test bad 10.8.8.8 >/dev/null; echo $?) $(qgen)"
sed -i '/^generation /d' "$show2"
run "$Q" policy load "$show2"
expect "the same file without its generation line: loaded" 0 "policy loaded: 3 rules, generation $((g + 1))"
test_set "what the file had, and no more" bad 10.8.8.8 1 "10.8.8.8 is not in bad"

# 100,000 elements from stdin in one set load, timed
tmp_file big
"$SSF_PY" -c 'import sys
sys.stdout.write("".join("10.%d.%d.%d\n" % (i >> 16, (i >> 8) & 255, i & 255) for i in range(100000)))' > "$big"
m0=$(sj "$Q" status 'j["memory"]')
g=$(qgen)
t0=$(date +%s%N)
run "$Q" set load bad - < "$big"
t1=$(date +%s%N)
expect "set load: 100,000 elements from stdin" 0 "set bad: 100000 elements loaded, generation $((g + 1))" ""
diag "set load of 100,000 elements from stdin: $(( (t1 - t0) / 1000000 )) ms"
check_eq "set list: 100,000 elements" 100000 "$(sj "$Q" "set list" 'j[0]["elements"]')"
test_set "one of the 100,000" bad 10.1.134.159 0 "10.1.134.159 is in bad"
test_set "one past them" bad 10.1.134.160 1 "10.1.134.160 is not in bad"
check_ge "status: the memory of 100,000 elements" "$((m0 + 100000 * 4))" \
	"$(sj "$Q" status 'j["memory"]')"
# the kernel's refusals mapped back to the line or the argument
mse=/sys/module/ssf/parameters/max_set_elems
old_mse=$(<"$mse")
restore_mse() {
	echo "$old_mse" > "$mse"
}
ssf_cleanup_hooks+=(restore_mse)
echo 3 > "$mse"
printf 'set few addr 10.0.0.1 10.0.0.2\nset few 10.0.0.3\nset few 10.0.0.4 10.0.0.5\nrule in src @few drop\n' > "$pol"
run "$Q" policy load "$pol"
expect "max_set_elems=3: the line of the element the kernel refused" 1 "" \
	"ssfctl: $pol:3: kernel rejected this element of set few: too many elements in the set (module parameter max_set_elems) (Argument list too long)"
printf 'set few addr 10.0.0.1\nrule in src @few drop\n' > "$pol"
check "max_set_elems=3: load a set of one" T policy load "$pol"
run "$Q" set add few 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.5
expect "max_set_elems=3: set add, the element the kernel refused" 1 "" \
	'ssfctl: set add: kernel rejected element "10.0.0.5": too many elements in the set (module parameter max_set_elems) (Argument list too long)'
run "$Q" set add few 10.0.0.2 10.0.0.3 10.0.0.4
expect "max_set_elems=3: set add, refused by the commit" 1 "" \
	"ssfctl: set add: commit: too many elements in the set (module parameter max_set_elems) (Argument list too long)"
check_eq "max_set_elems=3: the set as it was" "10.0.0.1" \
	"$(sj "$Q" "set show few" '" ".join(e["element"] for e in j["elements"])')"
restore_mse

check "policy flush in $Q (after sets)" T policy flush
check_eq "status: memory after the flush" 0 "$(sj "$Q" status 'j["memory"]')"

# --- -n/--netns: names looked up here, the kernel asked there --------------
cg=/sys/fs/cgroup/ssf-vm-$(ssf_rand)
mkdir "$cg" || bail "mkdir $cg"
rm_cg() {
	rmdir "$cg" 2>/dev/null
}
ssf_cleanup_hooks+=(rm_cg)
fresh_q
run - -n "$Q" rule add out cgroup "${cg#/sys/fs/cgroup}" drop
expect "-n: rule add with a cgroup path" 0 "rule 1 added" ""
run - --netns "$Q" rule list
expect "--netns: rule list, the path back" 0 "ID  PACKETS  BYTES  RULE
 1        0      0  out cgroup ${cg#/sys/fs/cgroup} drop"
check_eq "-n: the rule is in $Q" 1 "$(sj "$Q" "status" 'j["rules"]')"
check_eq "-n: not in our namespace" "no rules" "$(ssfctl_ns - rule list)"
run - -j -n "$Q" status
check_eq "-j -n: status --json of $Q" "True 1" \
	"$(jq_py '"%s %d" % (j["active"], j["rules"])' <<<"$OUT")"
run - "--netns=$Q" policy show
expect "--netns=: policy show" 0 "generation $(qgen)
default in accept
default out accept
default fwd accept
rule out cgroup ${cg#/sys/fs/cgroup} drop"
check_eq "ip netns exec hides the cgroup2 mount that -n keeps" 1 \
	"$(ip netns exec "$Q" "$SSFCTL" rule add out cgroup "${cg#/sys/fs/cgroup}" drop >/dev/null 2>&1; echo $?)"
run - -n ssf-no-such-netns status
expect "-n: a namespace that is not there" 1 "" \
	"ssfctl: network namespace \"ssf-no-such-netns\": /run/netns/ssf-no-such-netns: No such file or directory"
check "policy flush in $Q (-n)" ssfctl_ns - -n "$Q" policy flush

check "policy flush" S policy flush

# --- lockdown: from the load of ssf.ko with lockdown=1 to the first policy ---
if [ -n "${ssf_loaded_by_us:-}" ] && ssf_unload 2>/dev/null; then
	if ssf_load lockdown=1; then
		check_eq "lockdown=1: status --json says so" "True" \
			"$(sj - status 'str(j["lockdown"])')"
		check_eq "lockdown=1: status says so" "lockdown:    yes" \
			"$(ssfctl_ns - status | grep '^lockdown:')"
		check_eq "lockdown=1: not in another netns" "False" \
			"$(sj "$Q" status 'str(j["lockdown"])')"
		printf 'rule in accept\n' | ssfctl_ns - policy load - >/dev/null
		check_eq "lockdown: ends with the first policy" "False" \
			"$(sj - status 'str(j["lockdown"])')"
		check "policy flush (lockdown)" ssfctl_ns - policy flush
		ssf_unload
	else
		fail "lockdown=1: insmod" "insmod $SSF_KO lockdown=1 failed"
	fi
	ssf_load || bail "insmod $SSF_KO failed"
else
	skip "lockdown=1" "the module was loaded before this suite"
fi
ksft_done
