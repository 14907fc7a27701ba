#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_owner.sh - owner matches: uid, gid and cgroup v2, on egress and ingress.
#
# Egress (`out` rules on the client): sockets created by processes running
# under setpriv as other users, or moved into a cgroup, and a real client
# (bash's /dev/udp under setpriv); the sending socket's owner decides.
# Ingress (`in` rules on the server): the listener's owner decides (a UDP
# socket, a TCP listener and the connections it accepts); a packet that
# no local socket will receive never matches an owner match. uid ranges and
# names, gid against uid, cgroup descendants, IPv4 and IPv6, rule counters.
#
#   +----------------------------+            +----------------------------+
#   | client $C                  |            | server $S                  |
#   |   veth0 10.0.1.1/24        +------------+ veth0 10.0.1.2/24          |
#   |         fd00:1::1/64       |            |       fd00:1::2/64         |
#   |   ssf: out uid/gid/cgroup  |            |   ssf: in uid/gid/cgroup   |
#   |   senders: root, 1234,     |            |   listeners: root, 1234,   |
#   |   1235, cgroups a, a/b, c  |            |   1235, cgroups a/b, c     |
#   +----------------------------+            +----------------------------+
#
# Sockets of other owners are made by ssf_probe.py (see there): a process
# under `setpriv --reuid --regid --clear-groups`, in a cgroup if asked,
# creates them and hands them over.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_probe.sh"

ssf_need_module
probe_start
cg_init
dmesg_mark

setup_ns C S
ns_link "$C" "$S" veth0 1

# --- egress: uid and gid of the sending socket ----------------------------
load "out: load uid/gid policy" "$C" <<EOF
rule out proto udp dport 7001 uid 1234 drop
rule out proto udp dport 7002 gid 2345 drop
rule out proto tcp dport 8001 uid 1000-1999 drop
rule out proto udp dport 7003 uid nobody drop
EOF
oudp "$C" 1234:1234 "$S" - 10.0.1.2 7001 3
check_t "out uid: uid 1234's datagrams dropped" T_TXERR=3 T_RX=0
oudp "$C" 1235:1234 "$S" - 10.0.1.2 7001 3
check_t "out uid: uid 1235 (same gid) passes" T_TXERR=0 T_RX=3
oudp "$C" - "$S" - 10.0.1.2 7001 2
check_t "out uid: root passes" T_TXERR=0 T_RX=2
check_rule "out uid: the rule counted uid 1234's 3" "$C" 1 3
oudp "$C" 1235:2345 "$S" - 10.0.1.2 7002 3
check_t "out gid: gid 2345 dropped" T_TXERR=3 T_RX=0
oudp "$C" 2345:1235 "$S" - 10.0.1.2 7002 3
check_t "out gid: uid 2345 with gid 1235 passes (gid, not uid)" \
	T_TXERR=0 T_RX=3
check_rule "out gid: the rule counted 3" "$C" 2 3
for u in 1000 1999; do
	otcp "$C" $u:$u "$S" - 10.0.1.2 8001 1
	check_t "out uid range 1000-1999: tcp from uid $u dropped" \
		T_CONN=0 T_ACC=0
done
for u in 999 2000; do
	otcp "$C" $u:$u "$S" - 10.0.1.2 8001 1
	check_t "out uid range 1000-1999: tcp from uid $u connects" \
		T_CONN=1 T_ACC=1
done
check_rule "out uid range: the rule counted the SYNs" "$C" 3 ">=2"
nobody=$(id -u nobody)
nogroup=$(id -g nobody)
oudp "$C" "$nobody:$nogroup" "$S" - 10.0.1.2 7003 2
check_t "out uid by name: nobody ($nobody) dropped" T_TXERR=2 T_RX=0
check_match "out uid by name: policy show prints the name back" \
	'^rule out .*uid nobody( |$)' "$(ssfctl_ns "$C" policy show)"
oudp "$C" 1234:1234 "$S" - fd00:1::2 7001 2
check_t "out uid, IPv6: uid 1234 dropped" T_TXERR=2 T_RX=0
oudp "$C" 1235:1235 "$S" - fd00:1::2 7001 2
check_t "out uid, IPv6: uid 1235 passes" T_TXERR=0 T_RX=2

# A real client: bash under setpriv, writing to /dev/udp.
client "$C" "$S" 1234:1234 udp 10.0.1.2 7001 3
check_t "out uid: setpriv'd bash as 1234: writes fail, nothing arrives" \
	T_TXERR=3 T_RX=0
client "$C" "$S" 1235:1235 udp 10.0.1.2 7001 3
check_t "out uid: setpriv'd bash as 1235: all 3 arrive" T_TXERR=0 T_RX=3
client "$C" "$S" 1235:1235 tcp 10.0.1.2 8002 1
check_t "out uid: setpriv'd bash as 1235 connects over tcp" T_ERR=ok
check_rule "out uid: rule 1 counted 3 + 2 (IPv6) + 3 (bash)" "$C" 1 8
check "out: flush" ssfctl_ns "$C" policy flush

# --- ingress: the owner of the receiving socket ---------------------------
load "in: load uid/gid policy" "$S" <<EOF
rule in proto udp dport 7001 uid 1234 drop
rule in proto tcp dport 8001 uid 1234 drop
rule in proto udp dport 7002 gid 2345 drop
rule in proto udp dport 7009 uid 0-65535 drop
EOF
oudp "$C" - "$S" 1234:1234 10.0.1.2 7001 3
check_t "in uid: to uid 1234's socket dropped" T_RX=0
oudp "$C" - "$S" 1235:1234 10.0.1.2 7001 3
check_t "in uid: to uid 1235's socket delivered" T_RX=3
oudp "$C" 1234:1234 "$S" - 10.0.1.2 7001 2
check_t "in uid: the sender's uid does not count, root's socket gets it" \
	T_TXERR=0 T_RX=2
check_rule "in uid: the rule counted 3" "$S" 1 3
otcp "$C" - "$S" 1234:1234 10.0.1.2 8001 1
check_t "in uid: tcp to uid 1234's listener dropped" T_CONN=0 T_ACC=0
otcp "$C" - "$S" 1235:1235 10.0.1.2 8001 2
check_t "in uid: tcp to uid 1235's listener connects" T_CONN=2 T_ACC=2
check_rule "in uid: the tcp rule counted only the SYN to 1234" "$S" 2 ">=1"
oudp "$C" - "$S" 1235:2345 10.0.1.2 7002 3
check_t "in gid: to gid 2345's socket dropped" T_RX=0
oudp "$C" - "$S" 2345:1235 10.0.1.2 7002 3
check_t "in gid: to uid 2345 gid 1235's socket delivered" T_RX=3
udpc "$C" none 10.0.1.2 7009
check_t "in: no socket on 7009: port unreachable, the owner rule did not match" \
	T_TXERR=OK T_ERR=ECONNREFUSED
check_rule "in: the owner rule for 7009 counted nothing" "$S" 4 0
oudp "$C" - "$S" 1234:1234 fd00:1::2 7001 2
check_t "in uid, IPv6: to uid 1234's socket dropped" T_RX=0
oudp "$C" - "$S" 1235:1235 fd00:1::2 7001 2
check_t "in uid, IPv6: to uid 1235's socket delivered" T_RX=2
check "in: flush" ssfctl_ns "$S" policy flush

# --- cgroup v2, egress and ingress ------------------------------------------
cg=ssf-owner-$(ssf_rand)
cg_make "$cg" "$cg/a" "$cg/a/b" "$cg/c"
load "cgroup out: load policy" "$C" <<EOF
rule out proto udp dport 7004 cgroup /$cg/a drop
EOF
check_match "cgroup out: policy show prints the path back" \
	"^rule out .*cgroup /?(sys/fs/cgroup/)?$cg/a( |$)" \
	"$(ssfctl_ns "$C" policy show)"
oudp "$C" "0:0:$cg/a" "$S" - 10.0.1.2 7004 3
check_t "cgroup out: a socket of cgroup a dropped" T_TXERR=3 T_RX=0
oudp "$C" "1234:1234:$cg/a/b" "$S" - 10.0.1.2 7004 3
check_t "cgroup out: a socket of a/b (descendant, uid 1234) dropped" \
	T_TXERR=3 T_RX=0
oudp "$C" "0:0:$cg/c" "$S" - 10.0.1.2 7004 3
check_t "cgroup out: a socket of the sibling c passes" T_TXERR=0 T_RX=3
oudp "$C" - "$S" - 10.0.1.2 7004 2
check_t "cgroup out: a socket of the root cgroup passes" T_TXERR=0 T_RX=2
client "$C" "$S" "1235:1235:$cg/a/b" udp 10.0.1.2 7004 2
check_t "cgroup out: a bash client moved into a/b cannot send" \
	T_TXERR=2 T_RX=0
check_rule "cgroup out: the rule counted 3 + 3 + 2" "$C" 1 8
check "cgroup out: flush" ssfctl_ns "$C" policy flush

load "cgroup in: load policy" "$S" <<EOF
rule in proto udp dport 7004 cgroup /$cg/a drop
rule in proto tcp dport 8004 cgroup /$cg/a drop
EOF
oudp "$C" - "$S" "0:0:$cg/a/b" 10.0.1.2 7004 3
check_t "cgroup in: to a socket of a/b dropped" T_RX=0
oudp "$C" - "$S" "0:0:$cg/c" 10.0.1.2 7004 3
check_t "cgroup in: to a socket of c delivered" T_RX=3
otcp "$C" - "$S" "1234:1234:$cg/a" 10.0.1.2 8004 1
check_t "cgroup in: tcp to a listener of a dropped" T_CONN=0 T_ACC=0
otcp "$C" - "$S" "1234:1234:$cg/c" 10.0.1.2 8004 1
check_t "cgroup in: tcp to a listener of c connects" T_CONN=1 T_ACC=1
check_rule "cgroup in: the udp rule counted 3" "$S" 1 3
check "cgroup in: flush" ssfctl_ns "$S" policy flush
g=$(gen "$S")
check_fail "cgroup: a rule naming a missing cgroup is refused" \
	ssfctl_ns "$S" rule add in proto udp cgroup "/$cg/none" drop
check_eq "cgroup: the refused rule changed nothing" "$g" "$(gen "$S")"

# --- the end: nothing left behind -------------------------------------------
check_eq "no objects left in the client netns" 0 "$(objects "$C")"
check_eq "no objects left in the server netns" 0 "$(objects "$S")"
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
