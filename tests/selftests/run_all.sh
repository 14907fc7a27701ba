#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the ssf selftest suites (as root, inside a VM: tests/vm/run), print
# each suite's TAP output, and end with the total line
# "N passed, N failed, N skipped".
#
# The suites are the Makefile's TEST_PROGS, in its order; each may run for
# the timeout in `settings`. A suite without a summary line, or one that
# exits non-zero without reporting a failure, counts one failure; so does
# an ssf_*.sh missing from TEST_PROGS, and an option of `config` that the
# running kernel's config (when readable) lacks. Exits 1 if anything failed.
#
#   SSF_SUITES="ssf_basic ssf_fwd"   run these suites of TEST_PROGS only
#   SSF_SUITES_SKIP="ssf_stress"     leave these out (each must be in TEST_PROGS)
#   SSF_SUITE_TIMEOUT=N              seconds per suite instead of `settings`'
set -u
dir=$(cd "$(dirname "$0")" && pwd)
tp=0 tf=0 ts=0
failed=

# problem WHAT WHICH: one failure outside any suite
problem() {
	echo "# $1"
	tf=$((tf + 1))
	[[ " $failed " == *" $2 "* ]] || failed="$failed $2"
}

# give_up WHAT: the runner cannot start
give_up() {
	echo "# $1"
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
}

# not the make that may have started us (tests/vm/run passes its environment)
progs=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	make -s --no-print-directory -C "$dir" emit_tests) ||
	give_up "no suite list from $dir/Makefile (make emit_tests)"
progs=${progs//selftests:/}
progs=" ${progs//$'\n'/ } "
tmo=${SSF_SUITE_TIMEOUT:-$(sed -n 's/^timeout=//p' "$dir/settings")}
[[ "$tmo" =~ ^[1-9][0-9]*$ ]] || give_up "no timeout=SECONDS in $dir/settings"

if [ -n "${SSF_SUITES:-}" ]; then
	suites=
	for s in $SSF_SUITES; do
		if [[ "$progs" == *" ${s%.sh}.sh "* ]]; then
			suites="$suites ${s%.sh}.sh"
		else
			problem "$s: not in TEST_PROGS of $dir/Makefile" "$s"
		fi
	done
else
	suites=$progs
	for f in "$dir"/ssf_*.sh; do
		f=$(basename "$f")
		[[ "$progs" == *" $f "* ]] ||
			problem "$f: not in TEST_PROGS of $dir/Makefile" "$f"
	done
fi

for s in ${SSF_SUITES_SKIP:-}; do
	if [[ "$progs" == *" ${s%.sh}.sh "* ]]; then
		suites=" $suites "
		suites=${suites// ${s%.sh}.sh / }
	else
		problem "$s (to skip): not in TEST_PROGS of $dir/Makefile" "$s"
	fi
done

kconfig=/boot/config-$(uname -r)
if [ -r "$kconfig" ]; then
	while IFS='=' read -r opt want; do
		[[ "$opt" == CONFIG_* ]] || continue
		have=$(sed -n "s/^$opt=//p" "$kconfig")
		[ "$have" = y ] || [ "$have" = "$want" ] ||
			problem "$kconfig: $opt=${have:-(not set)}, the suites need $want" config
	done < "$dir/config"
fi

log=$(mktemp /tmp/ssf-run-all.XXXXXX)
trap 'rm -f "$log"' EXIT

for s in $suites; do
	echo "# === $s"
	t0=$SECONDS
	timeout -k 10 "$tmo" "$dir/$s" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		read -r p _ f _ sk _ <<<"${line//,/}"
	else
		p=0 f=0 sk=0
	fi
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "# $s: timed out after $tmo s"
	fi
	# ksft: 0 pass, 4 skip; anything else is a failure
	if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ "$f" = 0 ]; then
		f=1
	fi
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + sk))
	[ "$f" = 0 ] || failed="$failed $s"
	echo "# === $s: exit $rc, $p passed, $f failed, $sk skipped ($((SECONDS - t0)) s)"
done

[ -z "$failed" ] || echo "# failed:$failed"
echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" = 0 ]
