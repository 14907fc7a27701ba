/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A policy rule in its checked, matchable form, and the matcher. Shared by
 * ssf.ko (netlink decodes into it; hooks match with it) and userspace
 * (ssfctl builds rules with it; tests and fuzzers exercise it).
 */
#ifndef _SSF_RULE_H
#define _SSF_RULE_H

#include "ssf_pkt.h"

enum ssf_rule_match {
	SSF_RM_PROTO	= 1 << 0,
	SSF_RM_SRC	= 1 << 1,
	SSF_RM_DST	= 1 << 2,
	SSF_RM_SPORT	= 1 << 3,
	SSF_RM_DPORT	= 1 << 4,
};

struct ssf_rule {
	u32 id;
	u8 dir;			/* enum ssf_dir */
	u8 action;		/* enum ssf_action */
	u8 family;		/* enum ssf_family; SSF_FAMILY_ANY matches both */
	u8 proto;
	u32 match;		/* enum ssf_rule_match: which fields are set */
	u8 src_plen;
	u8 dst_plen;
	u16 sport_min, sport_max;
	u16 dport_min, dport_max;
	union ssf_addr src, dst;
	union ssf_addr src_mask, dst_mask;	/* derived by ssf_rule_check() */
};

/* Largest prefix length for @family (32 or 128), 0 for SSF_FAMILY_ANY. */
u8 ssf_family_max_plen(u8 family);

/*
 * Check every cross-field rule of @r and derive its masks. Returns 0, or
 * -EINVAL with *@err set to a message naming the fault. @r is modified only
 * on success (masks filled in).
 */
int ssf_rule_check(struct ssf_rule *r, const char **err);

/* True when @r matches @pkt (direction is not looked at: the caller keeps
 * one list per direction). Packets without ports never match port ranges.
 */
bool ssf_rule_match(const struct ssf_rule *r, const struct ssf_pkt *pkt);

/* Fill @mask with the network-order mask of @plen leading one bits. */
void ssf_prefix_mask(union ssf_addr *mask, u8 plen);

#endif /* _SSF_RULE_H */
