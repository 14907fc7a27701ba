#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_perm.sh - who may talk to ssf.
#
# Every operation, reads included, needs CAP_NET_ADMIN in the user
# namespace that owns the network namespace. A non-root user (nobody, no
# capabilities) gets EPERM from every ssfctl subcommand, in a netns with a
# policy and in the init netns, and the policy is unchanged. Root of a new
# user namespace manages the network namespace it created (load, add,
# list, stats, flush) and nothing else: its policy does not show in other
# netns, and it gets EPERM in the init netns.
#
#   init userns
#   +-------------------------------------------------------------+
#   |  init netns           $N (policy by root)                   |
#   |  nobody: EPERM        nobody: EPERM                         |
#   |                                                             |
#   |  new userns (unshare -Ur) -> root inside                    |
#   |  +--------------------------------------------+             |
#   |  |  new netns (unshare -n): manages its own   |             |
#   |  |  init netns (unshare -U only): EPERM       |             |
#   |  +--------------------------------------------+             |
#   +-------------------------------------------------------------+
source "$(dirname "$0")/lib.sh"

ssf_need_module
setup_ns N
tmp_file pol
tmp_file err
tmp_file before
tmp_file init_before
tmp_file uout
tmp_file fifo
chmod 755 "$ssf_tmpdir"

cat >"$pol" <<'EOF'
default in drop
rule in proto tcp dport 22 accept
rule out proto udp dport 53 accept
EOF
chmod 644 "$pol"
check "root loads a policy in the policy netns" ssfctl_ns "$N" policy load "$pol"
ssfctl_ns "$N" policy show >"$before"
gen_n=$(sj "$N" status 'j["generation"]')
"$SSFCTL" policy show >"$init_before" 2>&1
gen_init=$("$SSFCTL" status --json 2>&1)

nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"
}

# eperm WHERE CMD...: ssfctl CMD as nobody must fail with EPERM.
eperm() {
	local where=$1 rc label="policy netns"
	shift
	[ "$where" != init ] || label="init netns"
	if [ "$where" = init ]; then
		nobody "$SSFCTL" "$@" >/dev/null 2>"$err" </dev/null
	else
		ip netns exec "$where" setpriv --reuid=65534 --regid=65534 \
			--clear-groups --inh-caps=-all \
			"$SSFCTL" "$@" >/dev/null 2>"$err" <"$pol"
	fi
	rc=$?
	if [ $rc = 1 ] && grep -q 'not permitted' "$err"; then
		ok "nobody in $label: ssfctl ${*//$ssf_tmpdir\//} -> EPERM"
	else
		fail "nobody in $label: ssfctl ${*//$ssf_tmpdir\//} -> EPERM" \
			"exit $rc: $(head -n 3 "$err")"
	fi
}

for where in "$N" init; do
	eperm "$where" status
	eperm "$where" status --json
	eperm "$where" rule list
	eperm "$where" rule list --json
	eperm "$where" rule add in proto tcp dport 1 drop
	eperm "$where" rule del 1
	eperm "$where" policy load "$pol"
	eperm "$where" policy load -
	eperm "$where" policy show
	eperm "$where" policy flush
	eperm "$where" stats
	eperm "$where" stats --json
done
check "policy netns: policy unchanged after nobody's attempts" \
	cmp "$before" <(ssfctl_ns "$N" policy show)
check_eq "policy netns: generation unchanged" "$gen_n" "$(sj "$N" status 'j["generation"]')"
check "init netns: policy unchanged" \
	cmp "$init_before" <("$SSFCTL" policy show 2>&1)
check_eq "init netns: status unchanged" "$gen_init" "$("$SSFCTL" status --json 2>&1)"

# --- root in a user namespace ---------------------------------------------
# Prefer an unprivileged user creating it (the container case); fall back
# to root creating it (same capabilities inside) if that is restricted.
userns=
if nobody unshare -Urn true 2>/dev/null; then
	userns="nobody unshare -Urn"
	usersolo="nobody unshare -Ur"
	diag "user namespaces created by nobody (unprivileged)"
elif unshare -Urn true 2>/dev/null; then
	userns="unshare -Urn"
	usersolo="unshare -Ur"
	diag "unprivileged user namespaces are restricted; root creates them"
fi

if [ -z "$userns" ]; then
	skip "root in a user namespace" "unshare -U is not permitted here"
else
	$usersolo "$SSFCTL" status 2>"$err" >/dev/null
	rc=$?
	if [ $rc = 1 ] && grep -q 'not permitted' "$err"; then
		ok "userns root in the init netns: EPERM"
	else
		fail "userns root in the init netns: EPERM" "exit $rc: $(cat "$err")"
	fi

	mkfifo -m 600 "$fifo"
	exec 9<>"$fifo"	# a writer, so that opening the reader does not block
	inner="set -e
	'$SSFCTL' policy load '$pol'
	'$SSFCTL' rule add in proto udp dport 9 drop
	'$SSFCTL' rule list >/dev/null
	'$SSFCTL' stats >/dev/null
	echo STATUS \$('$SSFCTL' status --json)
	echo READY
	read -r go
	'$SSFCTL' policy flush
	'$SSFCTL' status --json
	echo DONE"
	# Not through bg: an asynchronous command inside a function would get
	# /dev/null, not the function's redirected stdin.
	# shellcheck disable=SC2086 # $userns is a command line
	$userns sh -c "$inner" <"$fifo" >"$uout" 2>&1 7>&- 8>&- 9>&- &
	upid=$!
	ssf_pids+=("$upid")
	if busywait 20000 grep -q '^READY' "$uout"; then
		ok "userns root: load, add, list, stats in its own netns"
		st=$(grep '^STATUS ' "$uout")
		[[ "$st" =~ \"rules\":([0-9]+) ]] && n=${BASH_REMATCH[1]} || n=
		[[ "$st" =~ \"active\":(true|false) ]] && a=${BASH_REMATCH[1]} || a=
		check_eq "userns root: its status shows 3 rules, active" "3 true" "$n $a"
		check "userns policy is not in the policy netns" \
			cmp "$before" <(ssfctl_ns "$N" policy show)
		check "userns policy is not in the init netns" \
			cmp "$init_before" <("$SSFCTL" policy show 2>&1)
		check_eq "init netns status unchanged" "$gen_init" \
			"$("$SSFCTL" status --json 2>&1)"
	else
		fail "userns root: load, add, list, stats in its own netns" \
			"$(cat "$uout")"
	fi
	echo go >&9
	exec 9>&-
	wait "$upid"
	check_eq "userns root: flush, exit 0" "0 DONE" "$? $(tail -n 1 "$uout")"
fi

ksft_done
