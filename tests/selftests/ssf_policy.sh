#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_policy.sh - the policy life cycle through ssfctl, no traffic.
#
# status --json fields and types; policy load -> show -> load round trip
# (show output identical, from a file and from stdin); invalid files
# rejected with file:line, exit 1, and the active policy untouched (show
# output and generation); a policy over the max_rules module parameter
# rejected by the kernel; rule add/del (ids, next_id, generation, ENOENT);
# flush back to the inactive state.
#
#   +----------------------------+
#   | $P (no links, lo only)     |
#   |   ssfctl policy/rule/...   |
#   +----------------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module
setup_ns P
tmp_file pol
tmp_file show1
tmp_file show2
tmp_file bad
tmp_file err

gen() {
	sj "$P" status 'j["generation"]'
}

# --- a fresh netns --------------------------------------------------------
check_eq "status --json: fields" \
	"active defaults generation lockdown max_rules memory mode next_id objects rules" \
	"$(sj "$P" status '" ".join(sorted(j))')"
check_eq "status --json: types" "bool dict int bool int int str int int int" \
	"$(sj "$P" status '" ".join(type(j[k]).__name__ for k in sorted(j))')"
check_eq "status --json: fresh netns is inactive, accepts, no rules" \
	"false accept accept accept 0 1 0" \
	"$(sj "$P" status '(j["active"], j["defaults"]["in"], j["defaults"]["out"], j["defaults"]["fwd"], j["rules"], j["next_id"], j["objects"])')"
check_eq "rule list --json: empty" "[]" "$(ssfctl_ns "$P" rule list --json | tr -d ' \n')"

# --- load, show, load, show -------------------------------------------------
cat >"$pol" <<'EOF'
# a policy using every word of the grammar

default in drop
default fwd drop
rule in proto tcp dport 22 accept	# ssh
rule in family ip proto icmp accept
rule in family ip6 proto icmpv6 accept
rule in proto udp sport 53 dport 1024-65535 accept
rule in src 192.0.2.0/24 dst 198.51.100.7/32 proto tcp dport 443 accept
rule in src 2001:db8::/32 proto tcp dport 80-81 accept
rule out proto 47 drop
rule fwd family ip6 drop
  rule out dst 0.0.0.0/0 accept
rule in proto sctp dport 9 drop
EOF
g0=$(gen)
check "load a policy file" ssfctl_ns "$P" policy load "$pol"
check_eq "status after load: active, defaults, 10 rules, next id 11" \
	"true drop accept drop 10 11" \
	"$(sj "$P" status '(j["active"], j["defaults"]["in"], j["defaults"]["out"], j["defaults"]["fwd"], j["rules"], j["next_id"])')"
check_ge "status after load: objects counts the policy" 1 \
	"$(sj "$P" status 'j["objects"]')"
check_eq "ids are 1..10 in file order" "1 2 3 4 5 6 7 8 9 10" \
	"$(sj "$P" "rule list" '" ".join(str(x["id"]) for x in j)')"
check_eq "rule 5 fields" "in accept tcp 192.0.2.0/24 198.51.100.7/32 443" \
	"$(sj "$P" "rule list" '(r(5)["dir"], r(5)["action"], r(5)["proto"], r(5)["src"], r(5)["dst"], r(5)["dport"])')"
check_eq "a fresh rule's counters are 0" "0 0" "$(rule_ctr "$P" 1)"
g1=$(gen)
check "generation grew on load ($g0 -> $g1)" test "$g1" -gt "$g0"
ssfctl_ns "$P" policy show >"$show1"
check_eq "show: 10 rules" 10 "$(grep -c '^rule ' "$show1")"
check "show: a simple rule is printed canonically" \
	grep -qx 'rule in proto tcp dport 22 accept' "$show1"
check "show: defaults are printed" grep -qx 'default fwd drop' "$show1"
check_eq "show: it names the generation it was read at" "generation $g1" \
	"$(head -n 1 "$show1")"
check "load the show output" ssfctl_ns "$P" policy load "$show1"
ssfctl_ns "$P" policy show >"$show2"
check "round trip: show output identical after reload, but the generation" \
	cmp <(policy_body <"$show1") <(policy_body <"$show2")
ssfctl_ns "$P" policy load - <"$show1" 2>"$err" >/dev/null
check_eq "a show older than the last change does not load (exit 1)" 1 $?
check_match "... the kernel says why" 'policy changed since you read it' \
	"$(cat "$err")"
check "load from stdin: a fresh show" ssfctl_ns "$P" policy load - <"$show2"
check "round trip: stdin reload identical" \
	cmp <(policy_body <"$show1") <(ssfctl_ns "$P" policy show | policy_body)
check "generation grew on each reload" test "$(gen)" -gt "$g1"

# --- invalid files: file:line, exit 1, nothing changed ---------------------
# reject NAME LINE TEXT: TEXT's line LINE is wrong.
reject() {
	local name=$1 line=$2 g rc
	printf '%b' "$3" >"$bad"
	g=$(gen)
	ssfctl_ns "$P" policy show >"$show1"
	ssfctl_ns "$P" policy load "$bad" 2>"$err" >/dev/null
	rc=$?
	check_eq "invalid ($name): exit 1" 1 "$rc"
	check_match "invalid ($name): message names the file and line $line" \
		"^ssfctl: $bad:$line: " "$(cat "$err")"
	if cmp -s "$show1" <(ssfctl_ns "$P" policy show) && [ "$(gen)" == "$g" ]; then
		ok "invalid ($name): policy and generation unchanged"
	else
		fail "invalid ($name): policy and generation unchanged" \
			"generation $g -> $(gen)"
	fi
}
reject "unknown statement" 1 'bogus in accept\n'
reject "port out of range" 3 '# c\ndefault in drop\nrule in proto tcp dport 70000 accept\n'
reject "reversed port range" 2 'rule in proto udp dport 1-2 accept\nrule in proto tcp dport 90-80 accept\n'
reject "port without proto" 2 '\nrule in dport 22 accept\n'
reject "host bits set" 4 'default in drop\n\n\nrule in src 10.0.0.1/24 accept\n'
reject "mixed families" 1 'rule in src 10.0.0.0/8 dst fd00::/8 accept\n'
reject "family vs address" 1 'rule in family ip6 src 10.0.0.0/8 accept\n'
reject "unknown action" 2 'default in drop\ndefault out maybe\n'
reject "missing action" 1 'rule in proto tcp\n'
reject "two actions" 1 'rule in proto udp accept drop\n'
reject "prefix too long" 1 'rule in dst 10.0.0.0/33 accept\n'
reject "bad address" 1 'rule in dst 10.0.0.256/32 accept\n'
reject "unknown word" 1 'rule in proto tcp port 22 accept\n'
reject "last line bad" 5 'default in drop\nrule in proto tcp dport 22 accept\nrule in proto tcp dport 80 accept\n# end\nrule in sideways accept\n'
check_fail "a missing file is an error" ssfctl_ns "$P" policy load /nonexistent/ssf.conf

# --- the kernel's limit: max_rules ----------------------------------------
maxp=/sys/module/ssf/parameters/max_rules
if [ -w "$maxp" ]; then
	old_max=$(cat "$maxp")
	ssfctl_ns "$P" policy show >"$show1"
	g=$(gen)
	echo 3 >"$maxp"
	printf 'rule in proto tcp dport %d accept\n' 1 2 3 4 >"$bad"
	ssfctl_ns "$P" policy load "$bad" 2>"$err" >/dev/null
	check_eq "max_rules=3: a 4-rule policy is rejected (exit 1)" 1 $?
	check_match "max_rules=3: the kernel's reason is printed" \
		'^ssfctl: .*rule limit reached \(module parameter max_rules\)' \
		"$(cat "$err")"
	check "max_rules=3: policy unchanged" cmp "$show1" <(ssfctl_ns "$P" policy show)
	check_eq "max_rules=3: generation unchanged" "$g" "$(gen)"
	printf 'rule in proto tcp dport %d accept\n' 1 2 3 >"$bad"
	check "max_rules=3: a 3-rule policy loads" ssfctl_ns "$P" policy load "$bad"
	ssfctl_ns "$P" rule add in proto tcp dport 4 accept >/dev/null 2>"$err"
	check_eq "max_rules=3: rule add past the limit fails (exit 1)" 1 $?
	check_match "max_rules=3: ... with the kernel's reason" \
		'^ssfctl: .*rule limit reached \(module parameter max_rules\)' \
		"$(cat "$err")"
	echo "$old_max" >"$maxp"
	check "max_rules restored: rule add works" \
		ssfctl_ns "$P" rule add in proto tcp dport 4 accept
else
	fail "max_rules module parameter" "$maxp missing or read-only"
fi

# --- rule add / del ----------------------------------------------------------
# Rule ids are never reused in a netns: a load's rules take the next ones
# ($first .. $first + 9 here), whatever the netns held before.
check "reload the file" ssfctl_ns "$P" policy load "$pol"
first=$(sj "$P" "rule list" 'j[0]["id"]')
check_eq "reload: the 10 rules have consecutive new ids" \
	"$(seq -s ' ' "$first" $((first + 9)))" \
	"$(sj "$P" "rule list" '" ".join(str(x["id"]) for x in j)')"
g=$(gen)
new=$((first + 10))
out=$(ssfctl_ns "$P" rule add in proto tcp src 10.1.0.0/16 dport 8080-8081 accept)
check_eq "rule add: exit 0" 0 $?
check_match "rule add: prints the new id $new" "(^|[^0-9])$new([^0-9]|\$)" "$out"
check "rule add: generation grew" test "$(gen)" -gt "$g"
check_eq "rule add: appended last with its fields" \
	"$new in accept tcp 10.1.0.0/16 8080-8081" \
	"$(sj "$P" "rule list" '(j[-1]["id"], j[-1]["dir"], j[-1]["action"], j[-1]["proto"], j[-1]["src"], j[-1]["dport"])')"
check_eq "rule add: status counts 11 rules, next id $((new + 1))" \
	"11 $((new + 1))" "$(sj "$P" status '(j["rules"], j["next_id"])')"
g=$(gen)
check_fail "rule add: an invalid rule is refused" \
	ssfctl_ns "$P" rule add in proto tcp dport 22-21 accept
check_fail "rule add: a rule without action is refused" \
	ssfctl_ns "$P" rule add in proto tcp dport 22
check_eq "rule add: refused rules change nothing" "$g 11 $((new + 1))" \
	"$(gen) $(sj "$P" status '(j["rules"], j["next_id"])')"
del=$((first + 1))
check "rule del $del (the second rule)" ssfctl_ns "$P" rule del "$del"
check_eq "rule del: the other ids stay" \
	"$first $(seq -s ' ' $((first + 2)) "$new")" \
	"$(sj "$P" "rule list" '" ".join(str(x["id"]) for x in j)')"
check "rule del: generation grew" test "$(gen)" -gt "$g"
g=$(gen)
ssfctl_ns "$P" rule del "$del" 2>"$err"
check_eq "rule del of a missing id: exit 1" 1 $?
check_match "rule del of a missing id: says so" '^ssfctl: ' "$(cat "$err")"
check_eq "rule del of a missing id: generation unchanged" "$g" "$(gen)"
check_fail "rule del of a non-number fails" ssfctl_ns "$P" rule del two
check "rule add after del" ssfctl_ns "$P" rule add out proto udp dport 53 accept
check_eq "ids are never reused: the new rule is $((new + 1))" $((new + 1)) \
	"$(sj "$P" "rule list" 'j[-1]["id"]')"

# --- flush ------------------------------------------------------------------
check "flush" ssfctl_ns "$P" policy flush
check_eq "after flush: inactive, accept, no rules, ids go on, no objects" \
	"false accept accept accept 0 $((new + 2)) 0" \
	"$(sj "$P" status '(j["active"], j["defaults"]["in"], j["defaults"]["out"], j["defaults"]["fwd"], j["rules"], j["next_id"], j["objects"])')"
check_eq "after flush: show prints no rule" 0 \
	"$(ssfctl_ns "$P" policy show | grep -c '^rule ')"
check "flush of an inactive netns succeeds" ssfctl_ns "$P" policy flush
check "after flush: the show output loads" ip netns exec "$P" \
	bash -c "'$SSFCTL' policy show | '$SSFCTL' policy load -"
check "flush again" ssfctl_ns "$P" policy flush
check "rule add on an inactive netns" ssfctl_ns "$P" rule add in proto tcp dport 1 drop
check_eq "... activates it with one rule, the next id" "true 1 $((new + 2))" \
	"$(sj "$P" status '(j["active"], j["rules"], j["next_id"] - 1)')"
check "final flush" ssfctl_ns "$P" policy flush

ksft_done
