#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_ctl.sh - ssfctl against the real ssf.ko (the unit tests use a fake
# kernel): every dump and reply as the module sends it. Run as root in a VM:
#
#	tests/vm/run -- env SSF_SUITES=ssf_ctl tests/selftests/run_all.sh
#
# The lead's smoke sequence (policy load, rule add, rule list, then
# rule list --json - which once printed nothing), repeated; validate show and
# set (human and JSON); validate lines in a policy file, applied over the
# defaults and printed back by policy show (show -> load round trip);
# per-reason counters in stats (a raw socket sends TCP SYN+FIN and TTL 0
# packets: counted by name, nothing else); errors with file:line and the
# policy left alone. Issue 4: every new rule word through the kernel and
# back (show -> load -> show identical, names printed back), policy check
# (valid and invalid: first bad rule by line, nothing changed), mode,
# load --confirm (status counts down, the kernel reverts; confirm keeps),
# a 10,000-rule load, and monitor --json seeing a drop.
#
#   +-------------------------------------+
#   | $P (lo only)                        |
#   |   ssfctl ... ; raw socket -> lo     |
#   +-------------------------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module
setup_ns P
tmp_file pol
tmp_file out
tmp_file show1
tmp_file show2

S() {
	ssfctl_ns "$P" "$@"
}

# A Python expression over the JSON on stdin (bound to j).
jq_py() {
	"$SSF_PY" -c 'import json, sys
j = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

gen() {
	S status --json | jq_py 'j["generation"]'
}

# --- rule list --json after rule list --------------------------------------
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
	n=$(S rule list --json | jq_py 'len(j)')
	[ "$n" = 5 ] || bad=$((bad + 1))
	n=$(S --json rule list | jq_py 'j[4]["text"]')
	[ "$n" = "in proto udp sport 1000-2000 drop" ] || bad=$((bad + 1))
done
check_eq "rule list, then rule list --json, 20 times" 0 "$bad"
check_eq "stats --json rules" 5 "$(S stats --json | jq_py 'len(j["rules"])')"

# --- validate show ---------------------------------------------------------
S validate show --json > "$out"
check_eq "validate show --json: every check" 40 \
	"$(jq_py 'len(j["checks"])' < "$out")"
check_eq "validate show --json: defaults" "drop audit 8" \
	"$(jq_py '" ".join([j["checks"]["tcp-null"]["action"], j["checks"]["ip4-zero-ttl"]["action"], str(j["ip6_exthdr_max"])])' < "$out")"
check_eq "validate show: a row per check" 40 \
	"$(S validate show | grep -cE '^[a-z0-9-]+ +(drop|audit|off) +(drop|audit) +[0-9]+$')"
check_eq "stats --json: every reason, zeros included" "40 0" \
	"$(S stats --json | jq_py '"%d %d" % (len(j["reasons"]), sum(j["reasons"].values()))')"

# --- validate set ----------------------------------------------------------
g=$(gen)
check "validate set tcp-syn-fin off" S validate set tcp-syn-fin off
check_eq "validate set: a new generation" $((g + 1)) "$(gen)"
check "validate set ip6-exthdr-max 3" S validate set ip6-exthdr-max 3
check_eq "validate show --json after set" "off 3" \
	"$(S validate show --json | jq_py 'j["checks"]["tcp-syn-fin"]["action"] + " " + str(j["ip6_exthdr_max"])')"
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
	"$(S validate show --json | jq_py '" ".join([j["checks"]["tcp-syn-fin"]["action"], j["checks"]["tcp-null"]["action"], j["checks"]["ip4-zero-ttl"]["action"], str(j["ip6_exthdr_max"])])')"
S policy show > "$show1"
check_eq "policy show: a line per check not at its default" 36 \
	"$(grep -c '^validate [a-z0-9-]* audit$' "$show1")"
check "policy flush" S policy flush
check_eq "flush: checks back to their defaults" "drop 8" \
	"$(S validate show --json | jq_py 'j["checks"]["tcp-syn-fin"]["action"] + " " + str(j["ip6_exthdr_max"])')"
check "load what show printed" S policy load "$show1"
S policy show > "$show2"
check "show -> load -> show is identical" cmp "$show1" "$show2"
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
	"$(S stats --json | jq_py '"%d %d %d" % (j["reasons"]["tcp-syn-fin"], j["reasons"]["ip4-zero-ttl"], sum(j["reasons"].values()))')"
check_match "stats: the non-zero reasons" \
	'^reason +packets\.ip4-zero-ttl +2\.tcp-syn-fin +3\.$' \
	"$(S stats | sed -n '/^reason/,/^$/p' | grep . | tr '\n' '.')"
check_eq "validate show: the counters" "3" \
	"$(S validate show | awk '$1 == "tcp-syn-fin" { print $4 }')"

# --- issue 4: the new words through the kernel and back --------------------
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
check "load: every new word" S policy load "$pol"
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
check "show: the new words, names back" cmp "$want" "$show1"
check "load what show printed (new words)" S policy load "$show1"
S policy show > "$show2"
check "show -> load -> show is identical (new words)" cmp "$show1" "$show2"
check_eq "rule list --json: the new fields" "lo root 0 True a # b" \
	"$(S rule list --json | jq_py '" ".join([j[0]["iif"], j[1]["user"], j[1]["gid"], str(j[0]["log"]), j[0]["comment"]])')"
check_eq "status --json: mode and limit" "audit True" \
	"$(S status --json | jq_py 'j["mode"] + " " + str(j["max_rules"] > 0)')"

# --- policy check ----------------------------------------------------------
g=$(gen)
objs=$(S status --json | jq_py 'j["objects"]')
check "policy check: a valid policy" S policy check "$pol"
check_eq "policy check: nothing changed" "$g" "$(gen)"
printf 'rule in accept\n\nrule out cgroup-id 4000000000 drop\nrule in drop\nrule out cgroup-id 4000000001 drop\n' > "$pol"
out2=$(S policy check "$pol" 2>&1)
check_match "policy check: the first bad rule (of two), by line" \
	"^ssfctl: $pol:3: kernel rejected \"cgroup\" in this rule: " "$out2"
check_eq "policy check: one error, not one a bad rule" 1 "$(grep -c . <<<"$out2")"
check_eq "policy check of a bad policy: nothing changed" "$g" "$(gen)"
check_eq "policy check: no object left behind" "$objs" \
	"$(S status --json | jq_py 'j["objects"]')"

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
	"$(S status --json | jq_py 'j.get("confirm_left")')"
rules_are() {
	[ "$(S status --json | jq_py 'j["rules"]')" = "$1" ]
}
check "no confirm: the kernel reverts" busywait 15000 rules_are 1
check_eq "after the revert: no confirm pending" "False" \
	"$(S status --json | jq_py 'str("confirm_left" in j)')"
check "load --confirm 30" S policy load --confirm 30 "$pol"
check "policy confirm" S policy confirm
check_eq "confirmed: nothing pending" "False 3" \
	"$(S status --json | jq_py 'str("confirm_left" in j) + " " + str(j["rules"])')"
check_fail "policy confirm with nothing pending" S policy confirm

# --- 10,000 rules ------------------------------------------------------------
for i in $(seq 1 10000); do
	echo "rule in proto udp dport $((i % 65536)) drop comment \"r$i\""
done > "$pol"
check "load 10000 rules" S policy load "$pol"
check_eq "status: 10000 rules" 10000 "$(S status --json | jq_py 'j["rules"]')"
check_eq "show: 10000 rules" 10000 "$(S policy show | grep -c '^rule ')"

# --- monitor ---------------------------------------------------------------
printf 'rule out proto icmp drop\n' > "$pol"
check "load (drop outgoing ICMP)" S policy load "$pol"
tmp_file mon
ip netns exec "$P" "$SSFCTL" monitor --json --count 1 > "$mon" 2>&1 &
mon_pid=$!
ssf_pids+=("$mon_pid")
# an echo request to 127.0.0.1 from a raw socket (EPERM: dropped, as meant)
mon_got() {
	ip netns exec "$P" "$SSF_PY" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
try:
    s.sendto(b"\x08\x00\xf7\xff\x00\x00\x00\x00", ("127.0.0.1", 0))
except OSError:
    pass'
	[ -s "$mon" ]
}
check "monitor: an event arrives" busywait 30000 mon_got
check_eq "monitor --json: the drop" "drop out ipv4 icmp 1" \
	"$(head -n1 "$mon" | jq_py '" ".join([j["type"], j["dir"], j["family"], j["proto"], str(j["rule"])])')"
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

check "policy flush" S policy flush
ksft_done
