/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference rule matcher: what each match of a rule means, said one
 * field at a time, with no masks, no early exits and no ordering trick.
 * It is the oracle that ssf_rule_match(), ssf_policy_lookup() and any
 * faster classifier are tested against: KUnit (ssf_rule, ssf_owner) and
 * the userspace unit tests (tests/unit/ssf_test_rule.c). It compiles in
 * both worlds (ssf_types.h), like the code it judges.
 *
 * It reads only the fields a rule sets: it needs no ssf_rule_check()
 * (prefixes are compared bit by bit from src_plen/dst_plen, not through
 * the derived masks). The one thing it does not restate is cgroup
 * ancestry, which belongs to the world: it asks ssf_meta_cgroup_under(),
 * the kernel's (ssf_owner.c, tested on its own by ssf_owner) or the unit
 * tests' (a table of ancestors).
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
 */
int ssf_ref_first_match(const struct ssf_rule *rules, unsigned int n, u8 dir,
			const struct ssf_pkt *pkt, const struct ssf_meta *meta);

#endif /* _SSF_RULE_REF_H */
