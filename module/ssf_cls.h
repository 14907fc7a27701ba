/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compiled classifier: built once per policy at commit, it takes a
 * packet to the few rules that can match it, in policy order; the
 * first of them that ssf_rule_match() (and the limit) accepts is the
 * first match of the whole policy. Shared by ssf.ko and userspace (tests
 * compare it with the reference linear matcher on random policies).
 *
 * Structure: a few decision trees per direction and family (rules of
 * family any are in both), cutting the space of five fields - source and
 * destination address (IPv6: their first 64 bits), source and destination
 * port, protocol - into equal power-of-two slices, HiCuts-style. An inner
 * node says which field and which bits of it pick the child, after the
 * bits all its rules share (a node whose rules all lie in 10.1.0.0/16
 * cuts bits 16 and on; a key outside that block meets no rule there); a
 * leaf holds the indexes of the rules whose box (the values of the five
 * fields they can match) meets the leaf's region, in policy order. A rule
 * that matches every packet of a region ends that region's list: nothing
 * after it can be a first match there. One tree holds all the rules of a
 * direction and family unless it would copy rules too often; then the
 * rules are split by which fields are wide in them (ssf_cls.c).
 *
 * A candidate is first tested on its packed key (struct ssf_cls_key: the
 * five fields, 48 bytes), the rule itself is read only when the key passes
 * and the rule has other words: interfaces, owner, ICMP type, sets, ct
 * state, IPv6 address bits past 64. The tree only ever drops rules that
 * cannot match.
 *
 * Lookup cost: per tree, five range tests (a packet outside every value
 * the tree's rules can match skips it), one step per level (a shift, a
 * mask, a load) and a scan of the leaf's keys up to the best match so far,
 * at most about SSF_CLS_LEAF of them in almost every leaf, whatever the
 * number of rules.
 * Documentation/design.rst says why this structure.
 */
#ifndef _SSF_CLS_H
#define _SSF_CLS_H

#include "ssf_rule.h"

/* The fields a tree cuts. */
enum ssf_cls_dim {
	SSF_CLS_SRC,
	SSF_CLS_DST,
	SSF_CLS_SPORT,
	SSF_CLS_DPORT,
	SSF_CLS_PROTO,
	SSF_CLS_NDIM
};

/* A leaf aims at this many rules or fewer. */
#define SSF_CLS_LEAF		16

struct ssf_cls_node {
	u64 block;		/* inner: key >> @width of every key that can
				 * match a rule below (when @width < 64)
				 */
	u32 off;		/* inner: first child in nodes[];
				 * leaf: first rule in list[]
				 */
	u32 count;		/* leaf: rules in its list */
	u8 bits;		/* inner: log2 of the children; 0: a leaf */
	u8 dim;			/* inner: enum ssf_cls_dim */
	u8 shift;		/* inner: child = (key >> shift) & mask */
	u8 width;		/* inner: the bits of the cut field below the
				 * block's: shift + bits
				 */
};

/* Trees of one direction and family: at most one per category. */
#define SSF_CLS_CATS	16

/*
 * A rule's five fields, packed, in the trees' key format (host order,
 * IPv6: the first 64 address bits): a candidate is rejected by reading
 * these 48 bytes, not the rule. SSF_CLS_K_EXACT: the rule has no other
 * word, so a key that passes is a match and the rule is not read at all.
 */
enum ssf_cls_key_flags {
	SSF_CLS_K_PORTS	= 1 << 0,	/* a port match: a packet needs ports */
	SSF_CLS_K_EXACT	= 1 << 1,	/* the key is the whole match */
	SSF_CLS_K_LIMIT	= 1 << 2,	/* SSF_RM_LIMIT: a token is needed too */
};

struct ssf_cls_key {
	u64 src, smask, dst, dmask;
	u16 sport_lo, sport_hi, dport_lo, dport_hi;
	u8 proto, pmask;
	u8 flags;		/* enum ssf_cls_key_flags */
};

/* The values of the five fields any rule of a tree can match. */
struct ssf_cls_bound {
	u64 lo[SSF_CLS_NDIM], hi[SSF_CLS_NDIM];
};

struct ssf_cls {
	struct ssf_cls_node *nodes;
	u32 nnodes, cap_nodes;
	u32 *list;		/* rule indexes, a run per leaf */
	u32 nlist, cap_list;
	struct ssf_cls_key *keys;	/* per rule */
	/*
	 * [dir][0: IPv4, 1: IPv6]: the roots of its trees, in the order of
	 * the first rule each holds (tmin): a lookup that has a match before
	 * a tree's first rule stops there.
	 */
	u32 root[SSF_DIR_MAX + 1][2][SSF_CLS_CATS];
	u32 tmin[SSF_DIR_MAX + 1][2][SSF_CLS_CATS];
	/*
	 * bound[boff[dir][fam] + tree]: a packet outside a tree's bound
	 * skips it
	 */
	struct ssf_cls_bound *bound;
	u8 boff[SSF_DIR_MAX + 1][2];
	u8 ntrees[SSF_DIR_MAX + 1][2];
	u32 depth;		/* of the deepest leaf, for reports */
	size_t mem;		/* bytes of the arrays */
};

/* The candidate lists of one packet, one per tree, merged as they go. */
struct ssf_cls_cur {
	const u32 *p[SSF_CLS_CATS], *end[SSF_CLS_CATS];
	u32 k;
};

/*
 * Build @c for the @n rules at @rules, @stride bytes apart (so that the
 * rules may sit inside bigger objects), every one checked by
 * ssf_rule_verify(). 0 or -ENOMEM; on error nothing is left to free.
 */
int ssf_cls_build(struct ssf_cls *c, const struct ssf_rule *rules, u32 n,
		  size_t stride);
void ssf_cls_release(struct ssf_cls *c);

/*
 * Start on the candidates for @pkt in direction @dir; ssf_cls_next() then
 * gives them in policy order. Every rule that matches @pkt is among them.
 */
void ssf_cls_start(const struct ssf_cls *c, u8 dir, const struct ssf_pkt *pkt,
		   struct ssf_cls_cur *cur);

/* The next candidate's rule index, or U32_MAX when there is none left. */
static inline u32 ssf_cls_next(struct ssf_cls_cur *cur)
{
	u32 best = U32_MAX, bj = 0, j;

	for (j = 0; j < cur->k; j++) {
		if (cur->p[j] < cur->end[j] && *cur->p[j] < best) {
			best = *cur->p[j];
			bj = j;
		}
	}
	if (best != U32_MAX)
		cur->p[bj]++;
	return best;
}

/*
 * The first match of a policy for @pkt in direction @dir: the index of
 * the first candidate rule ssf_rule_match() accepts and, for a rule with
 * a limit, whose bucket has a token at @clock()'s time (read once, and
 * only if a limit is reached); -1 for the default. @rules is an array of
 * objects @stride bytes apart, each beginning with its struct ssf_rule
 * and holding, @bucket_off bytes in, a pointer to its limit bucket.
 */
s32 ssf_cls_first(const struct ssf_cls *c, const void *rules, size_t stride,
		  size_t bucket_off, u8 dir, const struct ssf_pkt *pkt,
		  const struct ssf_meta *meta, u64 (*clock)(void));

#endif /* _SSF_CLS_H */
