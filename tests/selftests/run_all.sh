#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run every ssf selftest suite (as root, inside a VM: tests/vm/run), print
# each suite's TAP output, and end with the total line
# "N passed, N failed, N skipped". A suite without a summary line, or one
# that exits non-zero without reporting a failure, counts one failure.
# Exits 1 if anything failed.
#
#   SSF_SUITES="ssf_basic ssf_fwd"   run a subset
#   SSF_SUITE_TIMEOUT=600            seconds per suite
set -u
dir=$(cd "$(dirname "$0")" && pwd)
suites=${SSF_SUITES:-ssf_load ssf_policy ssf_perm ssf_basic ssf_fwd ssf_netns ssf_validate ssf_owner ssf_actions ssf_txn ssf_events ssf_rmmod}
tp=0 tf=0 ts=0
failed=
log=$(mktemp /tmp/ssf-run-all.XXXXXX)
trap 'rm -f "$log"' EXIT

for s in $suites; do
	echo "# === $s"
	t0=$SECONDS
	timeout -k 10 "${SSF_SUITE_TIMEOUT:-600}" "$dir/$s.sh" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		read -r p _ f _ sk _ <<<"${line//,/}"
	else
		p=0 f=0 sk=0
	fi
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "# $s: timed out after ${SSF_SUITE_TIMEOUT:-600} s"
	fi
	# ksft: 0 pass, 4 skip; anything else is a failure
	if [ "$rc" != 0 ] && [ "$rc" != 4 ] && [ "$f" = 0 ]; then
		f=1
	fi
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + sk))
	[ "$f" = 0 ] || failed="$failed $s"
	echo "# === $s: exit $rc, $p passed, $f failed, $sk skipped ($((SECONDS - t0)) s)"
done

[ -z "$failed" ] || echo "# failed suites:$failed"
echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" = 0 ]
