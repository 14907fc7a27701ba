#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_load.sh - loading, unloading and autoloading ssf.ko.
#
# insmod registers the "ssf" generic netlink family (genl and ssfctl see
# it); rmmod with no state and with a policy in a netns; the max_rules
# parameter; autoload: with ssf.ko installed under /lib/modules (the VM's
# root is a throwaway overlay) `ssfctl status` loads it through the
# family's module alias. Everything installed is removed again.
#
# On a bare kernel (this suite runs first after boot): ssf.ko depends on
# no module, a plain insmod works, and a policy with reject, log and owner
# rules loads the helper modules it needs and lets them go when flushed;
# one that cannot be loaded fails the commit with a message. lockdown=1:
# the peer's packets to the initial netns are dropped until its first
# policy, loopback always works.
#
#   +-------------------------+  ld0     ld0  +--------------------+
#   | init netns ($I)         +---------------+ $P  10.77.0.2      |
#   |   insmod/rmmod, status  |  10.77.0.1    |   the peer         |
#   +-------------------------+               +--------------------+
#   +--------------------+
#   | $N                 |
#   |   a policy, rmmod  |
#   +--------------------+
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "must run as root"
[ -e /proc/modules ] || skip_all "kernel without module support; run in tests/vm/run"
[ -x "$SSFCTL" ] || bail "no ssfctl at $SSFCTL (make ssfctl)"
[ -f "$SSF_KO" ] || bail "no module at $SSF_KO (make modules-all)"
ssf_helper_start

# Autoload needs ssf.ko in the module index, but `depmod -a` over the
# distribution's ~4000 modules takes minutes in a TCG VM: the test indexes
# a tree holding only ssf.ko, bind-mounted over /lib/modules/$(uname -r)
# (the VM's root is a throwaway overlay; nothing else runs meanwhile).
moddir=/lib/modules/$(uname -r)
mounted=0
was_loaded=0
load_cleanup() {
	if [ "$mounted" = 1 ]; then
		ssf_loaded && rmmod ssf 2>/dev/null
		umount "$moddir"
	fi
	if [ "$was_loaded" = 1 ] && ! ssf_loaded; then
		ssf_load
	elif [ "$was_loaded" = 0 ] && ssf_loaded; then
		rmmod ssf
	fi
}
ssf_cleanup_hooks+=(load_cleanup)

if ssf_loaded; then
	was_loaded=1
	rmmod ssf || bail "ssf is loaded and in use: cannot start unloaded"
fi
dmesg_mark

# --- not loaded -------------------------------------------------------------
tmp_file err
"$SSFCTL" status >/dev/null 2>"$err"
check_eq "not loaded: ssfctl status exits 1" 1 $?
check_match "not loaded: ssfctl says the module is not loaded" \
	'^ssfctl: .*not loaded' "$(cat "$err")"
check_fail "not loaded: no genl family ssf" genl ctrl get name ssf

# --- insmod / rmmod -----------------------------------------------------------
check "insmod" ssf_load
check "module listed" test -d /sys/module/ssf
check "genl family ssf registered" genl ctrl get name ssf
check_match "genl family ssf: version 1" 'Version: 0x1[^0-9a-f]' \
	"$(genl ctrl get name ssf 2>&1)"
check_eq "ssfctl status works: inactive, 0 rules" "false 0" \
	"$(sj - status '(j["active"], j["rules"])')"
check_eq "max_rules parameter defaults to 65536" 65536 \
	"$(cat /sys/module/ssf/parameters/max_rules 2>&1)"
check_match "ssf.ko carries the genl family alias" \
	'net-pf-16-proto-16-family-ssf' "$(modinfo -F alias "$SSF_KO")"
check_match "dmesg: loaded" 'ssf: loaded' "$(dmesg | tail -n +$((ssf_dmesg_lines + 1)))"
check "rmmod with no state" ssf_unload
check "module gone" bash -c '! test -d /sys/module/ssf'
check_fail "family gone after rmmod" genl ctrl get name ssf
check_fail "ssfctl fails after rmmod" "$SSFCTL" status

check "insmod max_rules=2" ssf_load max_rules=2
check_eq "max_rules parameter is 2" 2 "$(cat /sys/module/ssf/parameters/max_rules 2>&1)"
setup_ns N
check_fail "max_rules=2: a 3-rule policy is refused" ssfctl_ns "$N" policy load - <<EOF
rule in proto tcp dport 1 accept
rule in proto tcp dport 2 accept
rule in proto tcp dport 3 accept
EOF
check "max_rules=2: a 2-rule policy loads" ssfctl_ns "$N" policy load - <<EOF
rule in proto tcp dport 1 accept
rule in proto tcp dport 2 accept
EOF
check "rmmod with a policy in a netns" ssf_unload
check "insmod again" ssf_load
check_eq "the netns starts clean after reload" "false 0" \
	"$(sj "$N" status '(j["active"], j["rules"])')"
check "rmmod" ssf_unload

# --- autoload -------------------------------------------------------------------
tmp_file modroot
modtree=$modroot$moddir
mkdir -p "$modtree/extra"
cp "$SSF_KO" "$modtree/extra/ssf.ko"
cp "$moddir"/modules.builtin* "$modtree/" 2>/dev/null
check "depmod of a tree with only ssf.ko" depmod -b "$modroot" -a "$(uname -r)"
if mount --bind "$modtree" "$moddir" 2>/dev/null; then
	mounted=1
	check "the index maps the family alias to ssf" \
		modprobe -n -q net-pf-16-proto-16-family-ssf
	check "autoload: ssfctl status succeeds with the module unloaded" \
		"$SSFCTL" status
	check "autoload: the module is loaded now" test -d /sys/module/ssf
	check "modprobe -r ssf" modprobe -r ssf
	check "autoload: a netns operation loads it too" ssfctl_ns "$N" rule list
	check "rmmod after autoload" ssf_unload
	umount "$moddir" && mounted=0
else
	fail "autoload: bind-mount a module tree on $moddir" "mount failed"
fi

# --- a bare kernel -------------------------------------------------------------
helpers="nf_reject_ipv4 nf_reject_ipv6 nf_socket_ipv4 nf_socket_ipv6"
check_eq "ssf.ko depends on no other module" "" "$(modinfo -F depends "$SSF_KO")"
for m in $helpers; do
	[ ! -d /sys/module/$m ] || rmmod $m 2>/dev/null
done
check_eq "the helper modules are not loaded" "" \
	"$(for m in $helpers; do [ ! -d /sys/module/$m ] || echo $m; done)"
check "insmod on a bare kernel" ssf_load
check "a policy with reject, log and owner rules loads" \
	ssfctl_ns "$N" policy load - <<EOF
rule in proto tcp dport 9 reject
rule in proto udp dport 9 drop log "bare"
rule in proto udp dport 10 uid 0 accept
EOF
check_eq "... and the kernel loaded what it needs" "" \
	"$(for m in $helpers nf_log_syslog; do [ -d /sys/module/$m ] || echo $m; done)"
check "flush" ssfctl_ns "$N" policy flush
# freed after a grace period, by a work item: the references go then
check "the flushed policy lets nf_reject_ipv4 go" \
	busywait 10000 rmmod nf_reject_ipv4
check "... and nf_socket_ipv6" busywait 10000 rmmod nf_socket_ipv6

modprobe_path=/proc/sys/kernel/modprobe
old_modprobe=$(cat $modprobe_path)
# shellcheck disable=SC2317 # a cleanup hook
restore_modprobe() { echo "$old_modprobe" >$modprobe_path; }
ssf_cleanup_hooks+=(restore_modprobe)
echo /bin/false >$modprobe_path
ssfctl_ns "$N" policy load - >/dev/null 2>"$err" <<EOF
rule in proto tcp dport 9 reject
EOF
check_eq "a helper that cannot be loaded: the load fails (exit 1)" 1 $?
check_match "... saying which" 'reject needs kernel modules nf_reject_ipv4' \
	"$(cat "$err")"
check_eq "... and nothing changed" "false 0" \
	"$(sj "$N" status '(j["active"], j["rules"])')"
restore_modprobe
check "rmmod" ssf_unload

# --- lockdown=1 -----------------------------------------------------------------
I=ssf-init-$(ssf_rand)
ip netns attach "$I" 1 || bail "ip netns attach $I 1"
# shellcheck disable=SC2317 # a cleanup hook
forget_init() { ip netns delete "$I"; }
ssf_cleanup_hooks+=(forget_init)
setup_ns P
veth_connect "$I" ld0 "$P" ld0
addr_add "$I" ld0 10.77.0.1/24
addr_add "$P" ld0 10.77.0.2/24
neigh_pin "$I" ld0 "$P" ld0
check "insmod lockdown=1" ssf_load lockdown=1
check_eq "status --json: lockdown true" true "$(sj - status 'j["lockdown"]')"
udp_send "$P" "$I" 10.77.0.1 7100 3
check_t "lockdown: the peer's datagrams are dropped" T_RX=0
ping_send "$P" 10.77.0.1 2
check_t "lockdown: so are its pings" T_RX=0
# loopback has no ARP for the helper's barrier; ping waits for its replies
check "lockdown: loopback works (ping 127.0.0.1)" ping -q -c 2 -W 5 127.0.0.1
check "lockdown: loopback works (ping ::1)" ping -q -6 -c 2 -W 5 ::1
check "the first policy of the initial netns" "$SSFCTL" policy load - <<EOF
default in accept
EOF
check_eq "status --json: lockdown false" false "$(sj - status 'j["lockdown"]')"
udp_send "$P" "$I" 10.77.0.1 7100 3
check_t "after the policy: delivered" T_RX=3
check "flush in the initial netns" "$SSFCTL" policy flush
udp_send "$P" "$I" 10.77.0.1 7100 1
check_t "lockdown does not come back after a flush" T_RX=1
check "rmmod after lockdown" ssf_unload

check_eq "no kernel warning" "" "$(dmesg_splats)"
ksft_done
