/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference rule matcher: what each match of a rule means, said one
 * field at a time, with no masks, no early exits and no ordering trick.
 * It is the oracle that ssf_rule_match(), ssf_policy_lookup() and any
 * faster classifier are tested against: KUnit (ssf_rule, ssf_owner) and
 * the userspace unit tests (tests/unit/ssf_test_rule.c). It compiles in
 * both worlds (ssf_types.h), like the code it judges.
 *
 * It reads only the fields a rule sets: it needs no ssf_rule_verify()
 * (prefixes are compared bit by bit from src_plen/dst_plen, not through
 * the derived masks). A set word is answered from the set's list of
 * elements, one element after the other, never from its lookup
 * structures; a limit by a token bucket counted in nanoseconds of credit
 * (struct ssf_ref_bucket), not by ssf_limit.h's arrival times. The one
 * thing it does not restate is cgroup ancestry, which belongs to the
 * world: it asks ssf_meta_cgroup_under(), the kernel's (ssf_owner.c,
 * tested on its own by ssf_owner) or the unit tests' (a table of
 * ancestors); and it reaches a rule's set through the world's
 * ssf_meta_set().
 */
#ifndef _SSF_RULE_REF_H
#define _SSF_RULE_REF_H

#include "ssf_rule.h"

/* Bit @i (0: the most significant bit of byte 0) of @a. */
bool ssf_ref_addr_bit(const union ssf_addr *a, unsigned int i);

/* True when rule @r matches the packet @pkt with @meta (rule direction
 * not looked at, as ssf_rule_match()).
 */
bool ssf_ref_match(const struct ssf_rule *r, const struct ssf_pkt *pkt,
		   const struct ssf_meta *meta);

/*
 * First match in order: the index of the first of @rules[0..@n) whose
 * direction is @dir and that matches, or -1 (the policy's default).
 * Rules with a limit never match (see ssf_ref_first_match_limit()).
 */
int ssf_ref_first_match(const struct ssf_rule *rules, unsigned int n, u8 dir,
			const struct ssf_pkt *pkt, const struct ssf_meta *meta);

/*
 * A token bucket as the words say it: up to burst tokens, one more every
 * unit/rate, one taken by each packet it lets through; kept as credit in
 * nanoseconds (a token is worth unit/rate of them). Zeroed: not used yet,
 * which is full.
 */
struct ssf_ref_bucket {
	bool used;
	u64 credit;		/* ns of credit, at most burst tokens' worth */
	u64 last;		/* when credit was last brought up to date */
};

/* Take a token from @b for rule @r at time @now (ns); false when empty. */
bool ssf_ref_limit(struct ssf_ref_bucket *b, const struct ssf_rule *r,
		   u64 now);

/*
 * First match in order with limits: a rule with a limit matches only if
 * its bucket (@buckets[i]) has a token left at @now, and a packet over the
 * limit goes on to the next rule.
 */
int ssf_ref_first_match_limit(const struct ssf_rule *rules, unsigned int n,
			      u8 dir, const struct ssf_pkt *pkt,
			      const struct ssf_meta *meta,
			      struct ssf_ref_bucket *buckets, u64 now);

#endif /* _SSF_RULE_REF_H */
