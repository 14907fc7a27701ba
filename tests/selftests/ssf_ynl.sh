#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_ynl.sh - the kernel's own YNL client drives the live module with
# Documentation/netlink/specs/ssf.yaml.
#
# tools/net/ynl/cli.py of Debian's linux-source-6.12 (scripts/ynl-tools
# extracts it) validates the spec against the kernel's genetlink-legacy
# schema, then: status-get agrees with `ssfctl status`; rule-get dumps
# every rule with its set names, ct states, ports, comment and counters as
# ssfctl sees them; stats-get agrees with `ssfctl stats`; set-get dumps a
# set's elements (addresses, prefixes); rule-add appends a rule that then
# accepts traffic, and a rule with an out-of-range direction is refused
# with the attribute named and nothing changed; --subscribe events receives
# the drop events of IPv4 and IPv6 datagrams with their rule id, addresses
# and ports, and a default drop's event without a rule id.
#
#   +---------------------+            +------------------------------+
#   | $C                  |            | $S                           |
#   |   veth0 10.0.1.1/24 +------------+ veth0 10.0.1.2/24            |
#   |       fd00:1::1/64  |            |       fd00:1::2/64           |
#   |                     |            |   policy below, cli.py       |
#   +---------------------+            +------------------------------+
#
# 6.12's cli.py runs on Debian 12's python3 (3.11) with python3-yaml, and
# python3-jsonschema for --schema. Each start of it costs seconds in a TCG
# VM, so calls are few: the first validates the spec (--schema) and sends
# status-get and stats-get in one message (--multi); the others pass
# --no-schema. The subscription runs alone (see the events below).
# shellcheck disable=SC2154 # tmp_file and mon_start set the file names
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

SPEC=$SSF_TOP/Documentation/netlink/specs/ssf.yaml

ssf_need_module
"$SSF_PY" -c 'import yaml, jsonschema' 2>/dev/null ||
	bail "python3-yaml and python3-jsonschema needed (scripts/deps)"
YNL=$("$SSF_TOP/scripts/ynl-tools") || bail "scripts/ynl-tools failed"
CLI=$YNL/tools/net/ynl/cli.py
SCHEMA=$YNL/Documentation/netlink/genetlink-legacy.yaml
probe_start
dmesg_mark

setup_ns C S
ns_link "$C" "$S" veth0 1

load "load the server policy" "$S" <<EOF
default in drop
set blocklist addr 192.0.2.0/24 2001:db8:bad::/48 10.0.1.99
set admins addr 10.0.1.1
rule in src @blocklist drop
rule in ct state established,related accept
rule in proto tcp dport 22 src @admins accept
rule in proto udp dport 7001 drop comment "ynl"
rule in proto udp dport 7002 accept
EOF

# ynl NS OUT ARG...: cli.py in NS, its JSON output in file $OUT; fails
# with cli.py. It takes seconds to start in a TCG VM: six starts in all.
ynl() {
	local ns=$1 out=$2
	shift 2
	tmp_file "$out"
	ip netns exec "$ns" "$SSF_PY" "$CLI" --spec "$SPEC" --output-json \
		"$@" >"${!out}" 2>&1
}

# yj FILE EXPR: EXPR over the JSON in FILE as j
yj() {
	probe jfile "$1" "$2"
}

# --- status-get and stats-get (one message, --multi) ----------------------

t0=${EPOCHREALTIME/./}
udp_send "$C" "$S" 10.0.1.2 7001 3
check_t "udp 7001 dropped" T_TX=3 T_RX=0
udp_send "$C" "$S" 10.0.1.2 7002 2
check_t "udp 7002 delivered" T_TX=2 T_RX=2
# microseconds one udp_send takes here (a loaded TCG host is slow)
send_us=$(((${EPOCHREALTIME/./} - t0) / 2))

if ynl "$S" st --schema "$SCHEMA" --multi status-get '{}' \
	--multi stats-get '{}'; then
	ok "cli.py accepts the spec (genetlink-legacy schema); status-get, stats-get"
else
	fail "cli.py --multi status-get, stats-get" "$(head -c 600 "$st")"
fi
check_eq "status-get: generation as ssfctl's" "$(gen "$S")" \
	"$(yj "$st" 'j[0]["generation"]')"
check_eq "status-get: rules, active, mode, default in" "5 1 enforce drop" \
	"$(yj "$st" '(j[0]["rule-count"], j[0]["active"], j[0]["mode"], j[0]["defaults"]["in"])')"
check_eq "status-get: next id as ssfctl's" "$(sj "$S" status 'j["next_id"]')" \
	"$(yj "$st" 'j[0]["next-id"]')"
check_eq "stats-get: in dropped, accepted as ssfctl's" \
	"$(sj "$S" stats '(j["in"]["dropped"], j["in"]["accepted"])')" \
	"$(yj "$st" '(j[1]["stats"]["in"]["dropped"], j[1]["stats"]["in"]["accepted"])')"
check_match "stats-get: validation checks by name" "^[1-9][0-9]* true$" \
	"$(yj "$st" '(len(j[1]["validate"]), any(c[k]["name"] == "tcp-null" for c in j[1]["validate"] for k in c))')"

# --- set-get -------------------------------------------------------------

if ynl "$S" se --no-schema --dump set-get \
	--json '{"set": {"name": "blocklist", "dump-elems": true}}'; then
	ok "set-get dump of one set's elements"
else
	fail "set-get dump" "$(head -c 600 "$se")"
fi
check_eq "set-get: type, count and elements" \
	"addr 3 10.0.1.99 192.0.2.0/24 2001:db8:bad::/48" \
	"$(yj "$se" '(j[0]["set"]["type"], j[0]["set"]["count"], " ".join(sorted(e[k]["addr"] + ("/%d" % e[k]["plen"] if "plen" in e[k] else "") for m in j for e in m["set"].get("elems", []) for k in e)))')"

# --- rule-add, a good one and a refused one -------------------------------

if ynl "$S" ra --no-schema --do rule-add --json \
	'{"rule": {"dir": "in", "action": "accept", "proto": 17, "dport-min": 7003, "dport-max": 7003, "comment": "via ynl"}}'; then
	ok "rule-add"
else
	fail "rule-add" "$(head -c 600 "$ra")"
fi
id=$(yj "$ra" 'j["rule-id"]')
check_eq "rule-add: the new rule in ssfctl rule list" "7003 via ynl" \
	"$(sj "$S" "rule list" "(r($id)['dport'], r($id)['comment'])")"
check_eq "rule-add: generation of the reply is the netns'" "$(gen "$S")" \
	"$(yj "$ra" 'j["generation"]')"
udp_send "$C" "$S" 10.0.1.2 7003 1
check_t "udp 7003 delivered by the added rule" T_TX=1 T_RX=1

g0=$(gen "$S")
if ynl "$S" rb --no-schema --do rule-add --json \
	'{"rule": {"dir": 7, "action": "accept"}}'; then
	fail "rule-add with dir 7 refused" "$(head -c 600 "$rb")"
else
	check_match "rule-add with dir 7 refused, the attribute named" \
		"rule\.dir" "$(head -c 600 "$rb")"
fi
check_eq "refused rule-add changed nothing" "$g0 6" \
	"$(sj "$S" status '(j["generation"], j["rules"])')"

# --- events --------------------------------------------------------------

# cli.py subscribes, sleeps, then prints the events that arrived: send
# while it sleeps, long enough for three sends (three times what two took
# above, at least 5 s). Not with an op after the sleep: 6.12's ynl.py
# _ops() fails (op is None) on a notification received before the reply.
nap=$(((send_us * 9 + 999999) / 1000000))
[ "$nap" -ge 5 ] || nap=5
tmp_file ev
ip netns exec "$S" "$SSF_PY" "$CLI" --spec "$SPEC" --no-schema --output-json \
	--subscribe events --sleep "$nap" >"$ev" 2>&1 5>&- 6>&- 7>&- 8>&- &
evpid=$!
ssf_pids+=("$evpid")
# subscribed once in the sleep (clock_nanosleep 230 or nanosleep 35)
asleep() {
	read -r nr _ <"/proc/$evpid/syscall" 2>/dev/null &&
		{ [ "$nr" = 230 ] || [ "$nr" = 35 ]; }
}
if busywait 120000 asleep; then
	t0=$SECONDS	# the sleep began
	udp_send "$C" "$S" 10.0.1.2 7001 2
	udp_send "$C" "$S" fd00:1::2 7001 1
	udp_send "$C" "$S" 10.0.1.2 7009 1
	check_lt "traffic sent within cli.py's sleep ($nap s)" "$nap" \
		$((SECONDS - t0))
else
	fail "cli.py --subscribe events started" "$(head -c 600 "$ev")"
fi
if wait "$evpid"; then
	ok "cli.py --subscribe events"
else
	fail "cli.py --subscribe events" "$(head -c 600 "$ev")"
fi

# --- rule-get ------------------------------------------------------------

if ynl "$S" rd --no-schema --dump rule-get; then
	ok "rule-get dump"
else
	fail "rule-get dump" "$(head -c 600 "$rd")"
fi
check_eq "rule-get: the ids of ssfctl rule list" \
	"$(sj "$S" "rule list" '" ".join(str(x["id"]) for x in j)')" \
	"$(yj "$rd" '" ".join(str(m["rule"]["id"]) for m in j)')"
check_eq "rule-get: set names, ct states, dport, comment" \
	"blocklist established,related admins 7001 ynl" \
	"$(yj "$rd" '(j[0]["rule"]["src-set"], ",".join(sorted(j[1]["rule"]["ct-state"])), j[2]["rule"]["src-set"], j[3]["rule"]["dport-min"], j[3]["rule"]["comment"])')"
check_eq "rule-get: dir, action, proto as enums and numbers" "in drop 17" \
	"$(yj "$rd" '(j[3]["rule"]["dir"], j[3]["rule"]["action"], j[3]["rule"]["proto"])')"
check_eq "rule-get: counters of the drop rule as ssfctl's" \
	"$(rule_ctr "$S" 4)" \
	"$(yj "$rd" '(j[3]["rule"]["packets"], j[3]["rule"]["bytes"])')"
check_eq "rule-get: the drop rule counted 3 + 3 packets" 6 \
	"$(yj "$rd" 'j[3]["rule"]["packets"]')"

rid=$(rule_id "$S" 4)
check_eq "events: IPv4 drops by the rule (type, action, dir, family, addresses, rule)" \
	"2 drop drop in ipv4 10.0.1.1 10.0.1.2 $rid" \
	"$(yj "$ev" '(lambda e: (len(e), e[0]["type"], e[0]["action"], e[0]["dir"], e[0]["family"], e[0]["src"], e[0]["dst"], e[0]["rule-id"]))([m["msg"]["event"] for m in j if m["name"] == "event" and m["msg"]["event"].get("dport") == 7001 and m["msg"]["event"]["family"] == "ipv4"])')"
check_eq "events: the IPv6 drop" "1 fd00:1::1 $rid" \
	"$(yj "$ev" '(lambda e: (len(e), e[0]["src"], e[0]["rule-id"]))([m["msg"]["event"] for m in j if m["msg"]["event"].get("dport") == 7001 and m["msg"]["event"]["family"] == "ipv6"])')"
check_eq "events: the default drop has no rule id" "1 false" \
	"$(yj "$ev" '(lambda e: (len(e), "rule-id" in e[0]))([m["msg"]["event"] for m in j if m["msg"]["event"].get("dport") == 7009])')"

check_eq "no kernel warnings" "" "$(dmesg_splats)"
ksft_done
