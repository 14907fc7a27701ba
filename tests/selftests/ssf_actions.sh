#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_actions.sh - interface and ICMP type matches, reject, log, audit, modes.
#
# iif/oif pick one of two links; icmp-type/icmp6-type by name and number,
# in and out. reject, on in and out, IPv4 and IPv6: a TCP connect fails at
# once with ECONNREFUSED (a dropped SYN would time out), a connected UDP
# socket and ping get port unreachable. log: nf_log lines with the prefix,
# the rule id and the owner uid (nf_log_all_netns on, restored at exit).
# audit on a rule and `mode audit`: traffic passes, counted and logged as
# "would drop/reject". `mode off` detaches the policy (traffic it drops
# passes, nothing counted, status says off) and `mode enforce` brings the
# same policy back.
#
#   +----------------------+  veth0    veth0  +----------------------+
#   | client $C            +------------------+ server $S            |
#   |   10.0.1.1 fd00:1::1 |                  | 10.0.1.2 fd00:1::2   |
#   |                      |  veth1    veth1  |                      |
#   |   10.0.2.1 fd00:2::1 +------------------+ 10.0.2.2 fd00:2::2   |
#   |   ssf: out rules     |                  |   ssf: in/out rules  |
#   +----------------------+                  +----------------------+
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

ssf_need_module
probe_start
dmesg_mark

setup_ns C S
ns_link "$C" "$S" veth0 1
ns_link "$C" "$S" veth1 2

# --- iif / oif ----------------------------------------------------------------
load "iif: load server policy" "$S" <<EOF
rule in iif veth1 proto udp dport 7001 drop
rule in iif veth0 proto udp dport 7002 drop
EOF
for f in "v4 10.0.1.2 10.0.2.2" "v6 fd00:1::2 fd00:2::2"; do
	read -r t a1 a2 <<<"$f"
	udp_send "$C" "$S" "$a2" 7001 3
	check_t "iif $t: dport 7001 over veth1 dropped" T_RX=0
	udp_send "$C" "$S" "$a1" 7001 3
	check_t "iif $t: dport 7001 over veth0 delivered" T_RX=3
	udp_send "$C" "$S" "$a2" 7002 2
	check_t "iif $t: dport 7002 over veth1 delivered" T_RX=2
done
check_rule "iif: rule 1 counted 6" "$S" 1 6
check_rule "iif: rule 2 counted 0" "$S" 2 0
check_fail "iif: refused on an out rule" \
	ssfctl_ns "$S" rule add out iif veth0 proto udp drop
check_fail "oif: refused on an in rule" \
	ssfctl_ns "$S" rule add in oif veth0 proto udp drop
check "iif: flush" ssfctl_ns "$S" policy flush
load "oif: load client policy" "$C" <<EOF
rule out oif veth1 proto udp dport 7001 drop
EOF
for a in 10.0.2.2 fd00:2::2; do
	udp_send "$C" "$S" $a 7001 3
	check_t "oif: to $a (out of veth1) dropped" T_TXERR=3 T_RX=0
done
for a in 10.0.1.2 fd00:1::2; do
	udp_send "$C" "$S" $a 7001 2
	check_t "oif: to $a (out of veth0) delivered" T_TXERR=0 T_RX=2
done
check_rule "oif: the rule counted 6" "$C" 1 6
check "oif: flush" ssfctl_ns "$C" policy flush

# --- ICMP types -----------------------------------------------------------
load "icmp-type: load in policy" "$S" <<EOF
rule in proto icmp icmp-type timestamp-request drop
rule in proto icmp icmp-type echo-request drop
rule in proto icmpv6 icmp6-type 128 drop
EOF
ping_send "$C" 10.0.1.2 3
check_t "icmp-type echo-request: ping dropped" T_RX=0
check_rule "icmp-type echo-request: counted 3" "$S" 2 3
check_rule "icmp-type timestamp-request: echo does not match it" "$S" 1 0
ping_send "$C" fd00:1::2 3
check_t "icmp6-type 128: ping -6 dropped" T_RX=0
check_rule "icmp6-type 128: counted 3" "$S" 3 3
load "icmp-type: load out policy" "$S" <<EOF
rule out proto icmp icmp-type 0 drop
rule out proto icmpv6 icmp6-type echo-reply drop
rule out proto icmpv6 icmp6-type echo-request drop
EOF
ping_send "$C" 10.0.1.2 2
check_t "icmp-type 0 out: no echo reply" T_RX=0
check_rule "icmp-type 0 out: the replies counted" "$S" 1 2
ping_send "$C" fd00:1::2 2
check_t "icmp6-type echo-reply out: no echo reply" T_RX=0
check_rule "icmp6-type echo-reply out: the replies counted" "$S" 2 2
check_rule "icmp6-type echo-request out: a reply does not match it" "$S" 3 0
check_fail "icmp-type: refused without proto icmp" \
	ssfctl_ns "$S" rule add in proto udp icmp-type 8 drop
check_fail "icmp-type: an unknown name is refused" \
	ssfctl_ns "$S" rule add in proto icmp icmp-type no-such-type drop
check "icmp-type: flush" ssfctl_ns "$S" policy flush

# --- reject, in -----------------------------------------------------------
rej0=$(sj "$S" stats 'j["in"]["rejected"]')
load "reject in: load server policy" "$S" <<EOF
rule in proto tcp dport 8001 reject
rule in proto udp dport 7001 reject
rule in proto icmp reject
rule in proto icmpv6 icmp6-type echo-request reject
EOF
for a in 10.0.1.2 fd00:1::2; do
	tconnect "$C" $a 8001 10000
	check_t "reject in: tcp connect to $a: ECONNREFUSED" T_ERR=ECONNREFUSED
	check_lt "reject in: ... at once, not after the 10 s timeout" 3000 "$T_MS"
	udpc "$C" "$S" $a 7001
	check_t "reject in: udp to $a: not delivered, port unreachable" \
		T_RX=0 T_ERR=ECONNREFUSED
	icmp_send "$C" $a 3
	check_t "reject in: ping $a: no reply" T_RX=0 T_TXERR=0
	check_ge "reject in: ping $a: destination unreachable" 1 "$T_UNREACH"
done
client "$C" "$S" 1234:1234 tcp 10.0.1.2 8001 1
check_t "reject in: setpriv'd bash client: connection refused" T_ERR=refused
check_lt "reject in: ... at once" 3000 "$T_MS"
check_rule "reject in: tcp rule counted 3 SYNs" "$S" 1 3
check_rule "reject in: udp rule counted 2" "$S" 2 2
check_rule "reject in: icmp rule counted 3" "$S" 3 3
check_rule "reject in: icmpv6 rule counted 3" "$S" 4 3
check_eq "reject in: stats count 3 + 2 + 3 + 3 rejected" 11 \
	$(($(sj "$S" stats 'j["in"]["rejected"]') - rej0))
udpc "$C" "$S" 10.0.1.2 7002
check_t "reject in: udp to another port delivered, no error" T_RX=1 T_ERR=EAGAIN
load "reject in: default in reject" "$S" <<EOF
default in reject
EOF
tconnect "$C" 10.0.1.2 8005 10000
check_t "default in reject: tcp connect refused" T_ERR=ECONNREFUSED
check "reject in: flush" ssfctl_ns "$S" policy flush

# --- reject, out ----------------------------------------------------------
# Only echo requests are rejected: the unreachable ssf sends back to the
# local sender passes the same out hook.
load "reject out: load client policy" "$C" <<EOF
rule out proto tcp dport 8002 reject
rule out proto udp dport 7002 reject
rule out proto icmp icmp-type echo-request reject
rule out proto icmpv6 icmp6-type echo-request reject
EOF
for a in 10.0.1.2 fd00:1::2; do
	tconnect "$C" $a 8002 10000
	check_t "reject out: tcp connect to $a: ECONNREFUSED" T_ERR=ECONNREFUSED
	check_lt "reject out: ... at once" 3000 "$T_MS"
	udpc "$C" "$S" $a 7002
	check_t "reject out: udp to $a: send refused, port unreachable" \
		T_RX=0 T_TXERR=EPERM T_ERR=ECONNREFUSED
	icmp_send "$C" $a 2
	check_t "reject out: ping $a: sends fail" T_TXERR=2 T_RX=0
	check_ge "reject out: ping $a: destination unreachable" 1 "$T_UNREACH"
done
check_rule "reject out: tcp rule counted 2 SYNs" "$C" 1 2
check_rule "reject out: icmp rule counted 2" "$C" 3 2
check "reject out: flush" ssfctl_ns "$C" policy flush

# --- log --------------------------------------------------------------------
log_all_netns
log_mark
p=ssf-t$(ssf_rand)
load "log: load server policy" "$S" <<EOF
rule in proto udp dport 7005 accept log "$p-a"
rule in proto udp dport 7006 drop log "$p-d"
EOF
load "log: load client policy" "$C" <<EOF
rule out proto udp dport 7008 uid 1234 accept log "$p-u"
EOF
udp_send "$C" "$S" 10.0.1.2 7005 2
check_t "log accept: delivered" T_RX=2
check "log accept: kernel log line with the prefix and the packet" \
	busywait 5000 logged "$p-a .*SRC=10\.0\.1\.1 DST=10\.0\.1\.2 .*DPT=7005"
id=$(rule_id "$S" 1)
check "log accept: the line names the first rule's id ($id)" \
	logged "$p-a rule[= ]$id[^0-9].*DPT=7005"
udp_send "$C" "$S" 10.0.1.2 7006 2
check_t "log drop: dropped" T_RX=0
check "log drop: kernel log line with the prefix" \
	busywait 5000 logged "$p-d .*DPT=7006"
udp_send "$C" "$S" fd00:1::2 7005 1
check "log IPv6: kernel log line with the prefix" \
	busywait 5000 logged "$p-a .*SRC=fd00:0*1:.*DPT=7005"
oudp "$C" 1234:1234 "$S" - 10.0.1.2 7008 1
check_t "log out: delivered" T_RX=1
check "log out: the line carries the sender's uid 1234 (owner rule)" \
	busywait 5000 logged "$p-u .*uid[= ]1234[^0-9].*DPT=7008"
check_rule "log: rules count as usual" "$S" 1 3
check "log: flush server" ssfctl_ns "$S" policy flush
check "log: flush client" ssfctl_ns "$C" policy flush

# --- audit on a rule --------------------------------------------------------
log_mark
aud0=$(sj "$S" stats 'j["in"]["audited"]')
load "audit rule: load server policy" "$S" <<EOF
rule in proto udp dport 7010 drop audit
rule in proto tcp dport 8010 reject audit
EOF
udp_send "$C" "$S" 10.0.1.2 7010 3
check_t "audit rule: the drop rule lets udp through" T_RX=3
check_rule "audit rule: ... and counts it" "$S" 1 3
check_eq "audit rule: stats count 3 audited" 3 \
	$(($(sj "$S" stats 'j["in"]["audited"]') - aud0))
check "audit rule: logged as would drop" \
	busywait 5000 logged "would drop.*rule $(rule_id "$S" 1)[^0-9]"
tcp_connect "$C" "$S" 10.0.1.2 8010 1
check_t "audit rule: the reject rule lets tcp connect" T_CONN=1 T_ACC=1
check "audit rule: logged as would reject" \
	busywait 5000 logged "would reject.*rule $(rule_id "$S" 2)[^0-9]"

# --- mode audit ---------------------------------------------------------------
load "mode: load server policy" "$S" <<EOF
default in drop
rule in proto udp dport 7011 drop
rule in proto udp dport 7012 accept
EOF
show=$(ssfctl_ns "$S" policy show | policy_body)
check_eq "mode: a loaded policy enforces" enforce "$(sj "$S" status 'j["mode"]')"
udp_send "$C" "$S" 10.0.1.2 7011 2
check_t "mode enforce: dport 7011 dropped" T_RX=0
log_mark
check "mode audit: set" ssfctl_ns "$S" mode audit
# in-direction audited, dropped and default-verdict counters, as one line
in_ctrs() {
	sj "$S" stats '"%d %d %d" % (j["in"]["audited"], j["in"]["dropped"], j["in"]["default"])'
}
read -r aud0 drop0 def0 <<<"$(in_ctrs)"
check_eq "mode audit: status says audit" audit "$(sj "$S" status 'j["mode"]')"
udp_send "$C" "$S" 10.0.1.2 7011 3
check_t "mode audit: dport 7011 (drop rule) passes" T_RX=3
check_rule "mode audit: the drop rule counted 2 + 3" "$S" 1 5
udp_send "$C" "$S" 10.0.1.2 7013 2
check_t "mode audit: dport 7013 (default drop) passes" T_RX=2
check "mode audit: logged as would drop by the first rule" \
	busywait 5000 logged "would drop.*rule $(rule_id "$S" 1)[^0-9]"
check "mode audit: logged as would drop by the default" \
	busywait 5000 logged "would drop.*default"
# Audited: rule 1's 3 and every default verdict (the 2 datagrams, and
# whatever else reached the default meanwhile, neighbour discovery say).
read -r aud1 drop1 def1 <<<"$(in_ctrs)"
check_ge "mode audit: the default verdicts counted" 2 $((def1 - def0))
check_eq "mode audit: stats count 3 + the defaults audited, none dropped" \
	"$((3 + def1 - def0)) 0" "$((aud1 - aud0)) $((drop1 - drop0))"
check "mode enforce: set" ssfctl_ns "$S" mode enforce
udp_send "$C" "$S" 10.0.1.2 7011 2
check_t "mode enforce: dport 7011 dropped again" T_RX=0
check_eq "mode enforce: the same policy" "$show" "$(ssfctl_ns "$S" policy show | policy_body)"
load "mode audit in a policy file" "$S" <<EOF
mode audit
default in drop
EOF
check_eq "mode audit in a policy file: status says audit" audit \
	"$(sj "$S" status 'j["mode"]')"
udp_send "$C" "$S" 10.0.1.2 7014 2
check_t "mode audit in a policy file: traffic passes" T_RX=2

# --- mode off -------------------------------------------------------------------
load "mode off: load server policy" "$S" <<EOF
default in drop
rule in proto udp dport 7011 drop
rule in proto udp dport 7012 accept
EOF
show=$(ssfctl_ns "$S" policy show | policy_body)
udp_send "$C" "$S" 10.0.1.2 7011 2
check_t "mode off: enforced first" T_RX=0
check "mode off: set" ssfctl_ns "$S" mode off
check_eq "mode off: status says off" off "$(sj "$S" status 'j["mode"]')"
udp_send "$C" "$S" 10.0.1.2 7011 3
check_t "mode off: dport 7011 (drop rule) passes" T_RX=3
udp_send "$C" "$S" 10.0.1.2 7013 3
check_t "mode off: dport 7013 (default drop) passes" T_RX=3
check_rule "mode off: nothing counted (detached)" "$S" 1 2
# (a mode change moves the generation policy show prints first)
check_eq "mode off: the policy is kept (show adds the mode)" \
	"$(grep -v '^generation ' <<<"$show")" \
	"$(ssfctl_ns "$S" policy show | policy_body | grep -vx 'mode off')"
check_match "mode off: show says mode off" '^mode off$' \
	"$(ssfctl_ns "$S" policy show | policy_body)"
check "mode enforce: set again" ssfctl_ns "$S" mode enforce
check_eq "mode enforce: status says enforce" enforce \
	"$(sj "$S" status 'j["mode"]')"
udp_send "$C" "$S" 10.0.1.2 7011 3
check_t "mode enforce: dport 7011 dropped again" T_RX=0
udp_send "$C" "$S" 10.0.1.2 7012 2
check_t "mode enforce: dport 7012 accepted" T_RX=2
check_rule "mode enforce: counting again" "$S" 1 5
check_eq "mode enforce: the same policy as before off" \
	"$(grep -v '^generation ' <<<"$show")" \
	"$(ssfctl_ns "$S" policy show | policy_body)"
check "mode: flush" ssfctl_ns "$S" policy flush

# --- the end ------------------------------------------------------------------
check_eq "no objects left in the client netns" 0 "$(objects "$C")"
check_eq "no objects left in the server netns" 0 "$(objects "$S")"
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
