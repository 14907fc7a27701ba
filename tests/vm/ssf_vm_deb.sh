#!/bin/bash
# tests/vm/ssf_vm_deb.sh - the Debian packages on a systemd host, as an admin
# would use them: three boots of one VM (tests/vm/run --systemd) sharing one
# overlay disk, so each boot sees what the one before installed or wrote.
#
#	tests/vm/ssf_vm_deb.sh [--kernel VER]	(default 6.12; runs make deb)
#
#   boot 1  dpkg -i both .debs (no network: not apt): DKMS builds and
#           installs ssf.ko for the running kernel; ssf.service is enabled;
#           starting it loads the shipped /etc/ssf/ssf.conf. Then a test
#           policy A goes into /etc/ssf/ssf.conf.
#   boot 2  A is active, loaded before network-pre.target was reached
#           (journal order); `systemctl reload ssf` swaps to B in one commit
#           (generation + 1); a broken file fails the reload and changes
#           nothing. Then a file broken on line 3 goes into ssf.conf.
#   boot 3  lockdown.conf is active, ssf.service failed, the journal names
#           ssf.conf:3; `apt-get remove` leaves no ssf.ko, no DKMS tree.
#
# Each boot prints TAP-style lines and "N passed, N failed"; the last line
# sums them. Exits 1 if anything failed.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)

# --- in the guest -----------------------------------------------------------

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
notok() { fail=$((fail + 1)); echo "not ok - $*"; }
# check DESC CMD...: ok if CMD succeeds.
check() { local d=$1; shift; if "$@"; then ok "$d"; else notok "$d"; return 1; fi; }
done_boot() { echo "$pass passed, $fail failed"; [ "$fail" = 0 ]; }

gen() { ssfctl -j status | grep -o '"generation": *[0-9]*' | grep -o '[0-9]*$'; }

# rules_are WORD...: the comments of the loaded rules, in order.
rules_are()
{
	local got
	got=$(ssfctl policy show | grep -o 'comment "[^"]*"' | sed 's/comment //; s/"//g' | tr '\n' ' ')
	[ "$got" = "$* " ] || { echo "# rules: $got (want: $*)"; return 1; }
}

policy()	# policy NAME: a test policy whose rules say NAME
{
	printf 'default in accept\n'
	printf 'rule in proto tcp dport 4%s drop comment "%s-1"\n' "${#1}" "$1"
	printf 'rule in proto udp dport 5%s drop comment "%s-2"\n' "${#1}" "$1"
}

guest_boot1()
{
	local kver deb=$1
	kver=$(uname -r)
	echo "# boot 1: install ($kver)"
	check "dpkg -i ssf-dkms ssfctl" dpkg -i "$deb"/ssf-dkms_*_all.deb "$deb"/ssfctl_*.deb
	check "dkms: ssf installed for $kver" \
		sh -c "dkms status ssf -k '$kver' | grep -q ': installed'" ||
		tail -n 30 /var/lib/dkms/ssf/*/build/make.log 2>/dev/null
	check "modinfo finds the DKMS ssf.ko" \
		sh -c "modinfo -n ssf | grep -q '^/lib/modules/$kver/updates/dkms/ssf.ko'"
	for f in /usr/sbin/ssfctl /lib/systemd/system/ssf.service \
		 /etc/ssf/ssf.conf /etc/ssf/lockdown.conf \
		 /etc/modules-load.d/ssf.conf /etc/modprobe.d/ssf.conf \
		 /usr/share/bash-completion/completions/ssfctl; do
		check "installed $f" test -e "$f"
	done
	check "man pages ssfctl(8) ssf.conf(5) ssf(4)" \
		sh -c 'man -w 8 ssfctl && man -w 5 ssf.conf && man -w 4 ssf' >/dev/null
	check "ssf.service enabled" systemctl -q is-enabled ssf.service
	check "the shipped ssf.conf loads (systemctl start ssf)" systemctl start ssf.service
	check "ssf.service active" systemctl -q is-active ssf.service
	check "ssf active with the shipped policy" \
		sh -c 'ssfctl status | grep -q "^active: *yes"'
	policy A > /etc/ssf/ssf.conf
	done_boot
}

guest_boot2()
{
	local g j
	echo "# boot 2: the policy at boot, reload"
	check "ssf.service active" systemctl -q is-active ssf.service
	check "policy A loaded at boot" rules_are A-1 A-2
	# The journal is in time order: ssf-policy's line comes before the
	# target's.
	j=$(journalctl -b -o cat)
	check "A loaded before network-pre.target was reached (journal)" \
		awk '/^ssf: loaded \/etc\/ssf\/ssf.conf/ { l = NR }
		     /^Reached target network-pre.target/ && !r { r = NR }
		     END { exit !(l && r && l < r) }' <<<"$j"
	check "no lockdown (status)" sh -c '! ssfctl -j status | grep -q "\"lockdown\": *true"'
	g=$(gen)
	policy BB > /etc/ssf/ssf.conf
	check "systemctl reload ssf" systemctl reload ssf.service
	check "policy B after the reload" rules_are BB-1 BB-2
	check "one commit: generation $g -> $((g + 1))" test "$(gen)" = $((g + 1))
	printf 'default in accept\nrule in proto tcp dport 1 drop\nrule in nonsense\n' \
		> /etc/ssf/ssf.conf
	check "a broken file fails the reload" sh -c '! systemctl reload ssf.service'
	check "... and leaves B (generation $((g + 1)))" \
		sh -c "test \"\$(ssfctl -j status | grep -o '\"generation\": *[0-9]*' | grep -o '[0-9]*\$')\" = $((g + 1))"
	check "... and ssf.service active" systemctl -q is-active ssf.service
	done_boot
}

guest_boot3()
{
	local kver
	kver=$(uname -r)
	echo "# boot 3: a broken ssf.conf at boot, removal"
	check "ssf.service failed" systemctl -q is-failed ssf.service
	check "lockdown.conf active" rules_are "lockdown: loopback"
	check "the journal names ssf.conf:3" \
		sh -c 'journalctl -b -u ssf.service -o cat | grep -q "/etc/ssf/ssf.conf:3: "'
	check "the journal says lockdown.conf was loaded" \
		sh -c 'journalctl -b -u ssf.service -o cat | grep -q "lockdown.conf active"'
	ssfctl policy flush >/dev/null
	modprobe -r ssf
	check "apt-get remove ssf-dkms ssfctl" \
		apt-get remove -y -q ssf-dkms ssfctl >/dev/null
	check "no ssf.ko left" \
		sh -c "! find /lib/modules/$kver -name 'ssf.ko*' | grep -q ."
	check "no DKMS tree left" sh -c '! test -e /var/lib/dkms/ssf && ! test -e /usr/src/ssf-*'
	check "modinfo ssf fails" sh -c '! modinfo ssf >/dev/null 2>&1'
	check "ssfctl gone" sh -c '! test -e /usr/sbin/ssfctl'
	done_boot
}

if [ "${1:-}" = --guest ]; then
	shift
	case "$1" in
	1) guest_boot1 "$2" ;;
	2) guest_boot2 ;;
	3) guest_boot3 ;;
	*) echo "ssf_vm_deb: bad boot $1" >&2; exit 2 ;;
	esac
	exit
fi

# --- on the host ------------------------------------------------------------

kernel=6.12
[ "${1:-}" = --kernel ] && kernel=$2
cd "$top" || exit 1
scripts/build-deb >/dev/null || { echo "not ok - make deb"; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ssf-vm-deb.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
tp=0 tf=0
for b in 1 2 3; do
	t0=$SECONDS
	# boot 1 compiles ssf.ko in the guest, under TCG: minutes
	tmo=900
	[ "$b" = 1 ] && tmo=2400
	tests/vm/run --systemd --disk "$work/disk.img" --kernel "$kernel" \
		--timeout "$tmo" -- "$here/ssf_vm_deb.sh" --guest "$b" "$top/build/deb" \
		> "$work/boot$b.log" 2>&1
	rc=$?
	cat "$work/boot$b.log"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/boot$b.log" | tail -n 1)
	p=$(grep -oE '^[0-9]+' <<<"$line") f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
	[ -n "$line" ] || p=0 f=1
	[ "$rc" = 0 ] || [ "$f" != 0 ] || f=1
	tp=$((tp + p)) tf=$((tf + f))
	echo "# boot $b: $p passed, $f failed ($((SECONDS - t0)) s)"
	[ "$f" = 0 ] || break
done
echo "$tp passed, $tf failed"
[ "$tf" = 0 ]
