#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ssf_nlfuzz.sh - the ssf genetlink family under a fuzzer.
#
# ssf_nlfuzz.py learns the family's ops and attribute policies from the
# kernel (CTRL_CMD_GETPOLICY) and sends valid, boundary, mutated,
# truncated, wrongly typed and wrongly nested messages (and broken
# headers) to every command, in batches, closing its socket now and then
# with a transaction open or replies unread. Senders run at once: one
# alone in each of four namespaces, each of which also checks, for a
# sample of rejected requests sent alone, that the published policy
# (generation, status, rules, checks, sets) did not change; and two
# sharing a fifth namespace, whose transactions, commits and confirm
# windows interleave. Afterwards: every sender ended cleanly, the figures
# add up, each namespace is back to zero objects and zero bytes once
# flushed, the module's reference count is zero once the namespaces are
# gone, and the kernel reported nothing.
#
#   SSF_NLFUZZ_COUNT=N   messages in all (default 30000, what the CI
#                        budget holds on two kernels: about 1.5 minutes
#                        in a TCG guest on an idle 2-core host; TCG fuzzes
#                        160 to 400 messages a second, so
#                        SSF_NLFUZZ_COUNT=1000000 takes 45 to 100 minutes)
#   SSF_NLFUZZ_SEED=N    first seed (default: random, printed)
#
#   +----------+ +----------+ +----------+ +----------+ +---------------+
#   | $A       | | $B       | | $C       | | $D       | | $S            |
#   | 1 sender | | 1 sender | | 1 sender | | 1 sender | | 2 senders     |
#   | +checks  | | +checks  | | +checks  | | +checks  | | (no checks)   |
#   +----------+ +----------+ +----------+ +----------+ +---------------+
source "$(dirname "$0")/lib.sh"

COUNT=${SSF_NLFUZZ_COUNT:-30000}
SEED=${SSF_NLFUZZ_SEED:-$((RANDOM * 32768 + RANDOM))}
FUZZ=$SSF_SELFTESTS/ssf_nlfuzz.py
CHECK_EVERY=10		# batches between two sampled rejected requests

ssf_need_module
dmesg_mark
diag "messages: $COUNT, seed: $SEED"

setup_ns A B C D S
senders=("$A" "$B" "$C" "$D" "$S" "$S")

# The generator must know the family, or it fuzzes nothing: every op of
# the uapi header, the rule policy's attributes among the policies.
tmp_file learnt
"$SSF_PY" "$FUZZ" policy >"$learnt" 2>&1
check_eq "the kernel's policies: every command" 17 "$(grep -c '^op ' "$learnt")"
check_ge "the kernel's policies: attributes learnt" 60 \
	"$(grep -c '^policy ' "$learnt")"

per=$(((COUNT + ${#senders[@]} - 1) / ${#senders[@]}))
pids=()
start=${EPOCHREALTIME/./}
for i in "${!senders[@]}"; do
	chk=$CHECK_EVERY
	[ "$i" -lt 4 ] || chk=0
	"$SSF_PY" "$FUZZ" fuzz "${senders[$i]}" "$per" $((SEED + i)) $chk \
		>"$ssf_tmpdir/fuzz.$i" 2>&1 7>&- 8>&- &
	pids+=($!)
	ssf_pids+=($!)
done
rcs=
for p in "${pids[@]}"; do
	wait "$p"
	rcs="$rcs$?"
done
secs=$(((${EPOCHREALTIME/./} - start) / 1000000))

check_eq "every sender ended cleanly" "${rcs//?/0}" "$rcs"
for i in "${!senders[@]}"; do
	grep -q '^fuzz sent=' "$ssf_tmpdir/fuzz.$i" ||
		{ diag "sender $i:"; sed 's/^/#   /' "$ssf_tmpdir/fuzz.$i" | head -20; }
done
check_eq "no rejected request changed the policy" "" \
	"$(grep -h '^CHANGED' "$ssf_tmpdir"/fuzz.* | cut -c 1-300)"

# The senders' figures, summed.
tmp_file sums
grep -h '^fuzz sent=' "$ssf_tmpdir"/fuzz.* | awk '{
	for (i = 2; i <= NF; i++) {
		split($i, kv, "=")
		if (kv[1] == "errnos") {
			n = split(kv[2], es, ",")
			for (j = 1; j <= n; j++) {
				split(es[j], ev, ":")
				err[ev[1]] += ev[2]
			}
		} else {
			sum[kv[1]] += kv[2]
			if (!(kv[1] in seen)) { seen[kv[1]] = 1; order[++k] = kv[1] }
		}
	}
} END {
	for (i = 1; i <= k; i++)
		printf "%s=%d ", order[i], sum[order[i]]
	printf "\n"
	for (e in err)
		printf "%s=%d ", e, err[e]
	printf "\n"
}' >"$sums"
figures=$(sed -n 1p "$sums")
diag "figures: $figures"
diag "rejections by errno: $(sed -n 2p "$sums")"
diag "time: ${secs}s for $COUNT messages ($((COUNT / (secs ? secs : 1))) a second)"
fig() {
	grep -oE "(^| )$1=[0-9]+" <<<"$figures" | cut -d= -f2
}
check_ge "messages sent" "$COUNT" "$(fig sent)"
for k in valid boundary mutated truncated wrongtype wrongnest badhdr; do
	check_ge "messages of kind $k" 1 "$(fig $k)"
done
check_ge "requests rejected" $((COUNT / 4)) "$(fig rejected)"
check_ge "requests accepted" 100 "$(fig ok)"
check_ge "sockets closed mid-stream" 10 "$(fig closes)"
check_ge "rejected requests checked against the policy" 4 "$(fig checked)"

# Every sender is gone: nothing of theirs may be left.
tmp_file settled
"$SSF_PY" "$FUZZ" settle "$A" "$B" "$C" "$D" "$S" >"$settled" 2>&1
sed 's/^/# /' "$settled"
check_eq "every netns: zero objects, zero bytes once flushed" 5 \
	"$(grep -c 'objects=0 memory=0 active=0$' "$settled")"
check "ssfctl agrees for the shared netns" \
	test "$(sj "$S" status '(j["objects"], j["memory"], j["rules"])')" = "0 0 0"
cleanup_ns "$A" "$B" "$C" "$D" "$S"
check "no reference to the module left" \
	busywait 5000 test "$(cat /sys/module/ssf/refcnt)" = 0
check_eq "no kernel warning" "" "$(dmesg_splats)"

ksft_done
