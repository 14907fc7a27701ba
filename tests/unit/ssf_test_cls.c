// SPDX-License-Identifier: GPL-2.0
/*
 * The compiled classifier (module/ssf_cls.c) against the reference linear
 * matcher (module/tests/ssf_rule_ref.c) on random policies of 1 to 100,000
 * rules using every word but cgroup, and random packets near the rules or
 * anywhere: the first match must be the same rule for every packet, limits
 * included (the classifier's buckets are the GCRA of ssf_limit.h, the
 * reference's a plain token bucket; the clock is the test's).
 */
#include <stdio.h>
#include <stddef.h>

#include "ssf_test.h"
#include "ssf_cls.h"
#include "ssf_gen.h"
#include "ssf_rule_ref.h"

/* A rule as a policy holds it: the rule, then its bucket. */
struct trule {
	struct ssf_rule rule;
	struct ssf_atomic64 *bucket;
};

static u64 fake_now;

static u32 min_u32(u32 a, u32 b)
{
	return a < b ? a : b;
}

static u64 fake_clock(void)
{
	return fake_now;
}

struct tpolicy {
	struct trule *rules;
	struct ssf_rule *flat;		/* the same rules, for the reference */
	struct ssf_atomic64 *buckets;
	struct ssf_ref_bucket *ref;
	u32 n;
	struct ssf_cls cls;
};

static bool tpolicy_build(struct ssf_gen *g, struct tpolicy *t, u32 n)
{
	u32 i;

	memset(t, 0, sizeof(*t));
	t->n = n;
	t->rules = calloc(n ?: 1, sizeof(*t->rules));
	t->flat = calloc(n ?: 1, sizeof(*t->flat));
	t->buckets = calloc(n ?: 1, sizeof(*t->buckets));
	t->ref = calloc(n ?: 1, sizeof(*t->ref));
	if (!T_OK(t->rules && t->flat && t->buckets && t->ref, "memory"))
		return false;
	for (i = 0; i < n; i++) {
		/* specific rules first, wide ones at the end */
		ssf_gen_rule(g, &t->flat[i], i >= n - n / 100 - 3);
		if (!T_OK(t->flat[i].dir <= SSF_DIR_MAX,
			  "random rule %u passes the checker", i))
			return false;
		t->rules[i].rule = t->flat[i];
		t->rules[i].bucket = &t->buckets[i];
	}
	return T_EQ(ssf_cls_build(&t->cls, &t->rules[0].rule, n,
				  sizeof(t->rules[0])), 0, "built");
}

static void tpolicy_free(struct tpolicy *t)
{
	ssf_cls_release(&t->cls);
	free(t->rules);
	free(t->flat);
	free(t->buckets);
	free(t->ref);
}

/* The most trees one direction and family has. */
static u32 cls_max_trees(const struct ssf_cls *c)
{
	u32 d, f, most = 0;

	for (d = 0; d <= SSF_DIR_MAX; d++)
		for (f = 0; f < 2; f++)
			if (c->ntrees[d][f] > most)
				most = c->ntrees[d][f];
	return most;
}

/*
 * @npkt packets against a policy of @n rules: returns false after the
 * first few disagreements have been reported.
 */
static void cls_run(u32 seed, u32 n, u32 npkt)
{
	u32 i, bad = 0, matched = 0, limited = 0, distinct = 0;
	u8 *hit = NULL;
	struct ssf_gen g;
	struct tpolicy t;

	t_case("classifier = reference: %u rules, %u packets", n, npkt);
	if (!T_EQ(ssf_gen_init(&g, seed), 0, "generator"))
		return;
	if (!tpolicy_build(&g, &t, n))
		goto out;
	hit = calloc(n ?: 1, 1);
	fake_now = 1000000000ULL;
	for (i = 0; i < npkt; i++) {
		const struct ssf_rule *near = n && ssf_gen_below(&g, 4) ?
			&t.flat[ssf_gen_below(&g, n)] : NULL;
		u8 dir = near && ssf_gen_below(&g, 4) ? near->dir :
			 ssf_gen_below(&g, SSF_DIR_MAX + 1);
		struct ssf_pkt p;
		struct ssf_meta m;
		s32 want, got;

		ssf_gen_packet(&g, near, &p, &m);
		fake_now += ssf_gen_below(&g, 30000000);
		want = ssf_ref_first_match_limit(t.flat, n, dir, &p, &m, t.ref,
						 fake_now);
		got = ssf_cls_first(&t.cls, t.rules, sizeof(t.rules[0]),
				    offsetof(struct trule, bucket), dir, &p,
				    &m, fake_clock);
		if (want >= 0) {
			matched++;
			limited += !!(t.flat[want].match & SSF_RM_LIMIT);
			distinct += !hit[want];
			hit[want] = 1;
		}
		if (got != want && bad++ < 5)
			T_OK(false, "packet %u (dir %u family %u): reference %d, classifier %d",
			     i, dir, p.family, want, got);
	}
	T_EQ(bad, 0, "%u packets disagree", bad);
	printf("# %u rules: %u of %u packets matched, %u rules first (%u through a limit); %u nodes, %u list entries, depth %u, at most %u trees\n",
	       n, matched, npkt, distinct, limited, t.cls.nnodes, t.cls.nlist,
	       t.cls.depth, cls_max_trees(&t.cls));
	/* big policies take more than one tree: their merge is tested too */
	if (n >= 1000)
		T_OK(cls_max_trees(&t.cls) > 1, "%u trees", cls_max_trees(&t.cls));
	/* the test means something: packets match, and many rules come first */
	if (n >= 10)
		T_OK(matched > npkt / 10 && distinct >= min_u32(n, npkt) / 20,
		     "%u of %u packets matched, %u rules first", matched, npkt,
		     distinct);
out:
	free(hit);
	tpolicy_free(&t);
	ssf_gen_release(&g);
}

SSF_TEST(cls_vs_reference)
{
	static const u32 sizes[] = { 0, 1, 2, 3, 8, 9, 10, 50, 100, 1000 };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		cls_run(100 + i, sizes[i], 20000);
	cls_run(7, 10000, 50000);
	cls_run(8, 100000, 5000);
}

/* Every rule that can match is a candidate, in order: a packet built to
 * match each rule of a policy finds it or an earlier one.
 */
SSF_TEST(cls_candidates_ordered)
{
	struct ssf_cls_cur cur;
	struct ssf_gen g;
	struct tpolicy t;
	u32 i, j, k, prev, bad = 0;

	if (!T_EQ(ssf_gen_init(&g, 42), 0, "generator"))
		return;
	if (!tpolicy_build(&g, &t, 3000))
		goto out;
	for (i = 0; i < 20000; i++) {
		u8 dir = ssf_gen_below(&g, SSF_DIR_MAX + 1);
		struct ssf_pkt p;
		struct ssf_meta m;
		bool seen[3000] = { false };

		ssf_gen_packet(&g, &t.flat[ssf_gen_below(&g, t.n)], &p, &m);
		ssf_cls_start(&t.cls, dir, &p, &cur);
		prev = 0;
		k = 0;
		while ((j = ssf_cls_next(&cur)) != U32_MAX) {
			if (k++ && j <= prev)
				bad++;		/* not in policy order */
			seen[j] = true;
			prev = j;
		}
		for (j = 0; j < t.n; j++)
			if (t.flat[j].dir == dir && !seen[j] &&
			    ssf_ref_match(&t.flat[j], &p, &m)) {
				/* allowed only behind a rule covering it */
				s32 first = ssf_ref_first_match(t.flat, j, dir,
								&p, &m);

				if (first < 0)
					bad++;
			}
	}
	T_EQ(bad, 0, "candidates in order, every reachable match among them");
out:
	tpolicy_free(&t);
	ssf_gen_release(&g);
}

/*
 * A rule whose port range is every port still does not match a packet
 * without ports (a non-first fragment): it must not end a leaf's list in
 * front of a later rule without a port match. Forty such rules, one per
 * /24 of 10.0.0.0/16, make the tree cut the source down to /24s, so that
 * the range covers a whole leaf region.
 */
SSF_TEST(cls_port_range_never_covers)
{
	struct trule rules[41];
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV4, .proto = 6 };
	struct ssf_meta m = {};
	struct ssf_cls c;
	const char *err;
	u32 i;

	memset(rules, 0, sizeof(rules));
	for (i = 0; i < 41; i++) {
		struct ssf_rule *r = &rules[i].rule;

		r->action = i < 40 ? SSF_ACT_ACCEPT : SSF_ACT_DROP;
		r->family = SSF_FAMILY_IPV4;
		r->match = SSF_RM_PROTO | SSF_RM_SRC;
		r->proto = 6;
		r->src.w[0] = cpu_to_be32(0x0a000000 | (i < 40 ? i : 6) << 8);
		r->src_plen = 24;
		if (i < 40) {
			r->match |= SSF_RM_DPORT;
			r->dport_max = 65535;
		}
		T_EQ(ssf_rule_verify(r, &err), 0, "rule %u", i);
	}
	if (!T_EQ(ssf_cls_build(&c, &rules[0].rule, 41, sizeof(rules[0])), 0,
		  "built"))
		return;
	T_OK(c.depth > 1, "the tree cut (depth %u)", c.depth);
	p.saddr.w[0] = cpu_to_be32(0x0a000607);
	T_EQ(ssf_cls_first(&c, rules, sizeof(rules[0]),
			   offsetof(struct trule, bucket), SSF_DIR_IN, &p, &m,
			   fake_clock), 40, "a fragment skips to the last rule");
	p.flags = SSF_PKT_F_PORTS;
	p.dport = 80;
	T_EQ(ssf_cls_first(&c, rules, sizeof(rules[0]),
			   offsetof(struct trule, bucket), SSF_DIR_IN, &p, &m,
			   fake_clock), 6, "a packet with ports takes 10.0.6.0/24's");
	ssf_cls_release(&c);
}

/*
 * A packet outside every value a tree's rules can match skips the tree:
 * no leaf, no candidate. One inside the bound reaches a leaf.
 */
SSF_TEST(cls_bound_skips_tree)
{
	struct trule rules[100];
	struct ssf_pkt p = { .family = SSF_FAMILY_IPV4, .proto = 17,
			     .flags = SSF_PKT_F_PORTS, .sport = 9, .dport = 9 };
	struct ssf_cls_cur cur;
	struct ssf_meta m = {};
	struct ssf_cls c;
	const char *err;
	u32 i;

	memset(rules, 0, sizeof(rules));
	for (i = 0; i < 100; i++) {
		struct ssf_rule *r = &rules[i].rule;

		r->action = SSF_ACT_DROP;
		r->family = SSF_FAMILY_IPV4;
		r->match = SSF_RM_PROTO | SSF_RM_SRC | SSF_RM_DPORT;
		r->proto = i & 1 ? 17 : 6;
		r->src.w[0] = cpu_to_be32(0x0a000000 | i << 8);
		r->src_plen = 24;
		r->dport_min = r->dport_max = 1000 + i;
		T_EQ(ssf_rule_verify(r, &err), 0, "rule %u", i);
	}
	if (!T_EQ(ssf_cls_build(&c, &rules[0].rule, 100, sizeof(rules[0])), 0,
		  "built"))
		return;
	p.saddr.w[0] = cpu_to_be32(0xc6120001);	/* 198.18.0.1 */
	ssf_cls_start(&c, SSF_DIR_IN, &p, &cur);
	T_EQ(cur.k, 0, "198.18.0.1 is outside 10.0.0.0/17: no tree walked");
	p.saddr.w[0] = cpu_to_be32(0x0a000301);	/* 10.0.3.1 */
	p.dport = 1003;
	ssf_cls_start(&c, SSF_DIR_IN, &p, &cur);
	T_OK(cur.k > 0, "10.0.3.1 to port 1003 reaches a leaf");
	T_EQ(ssf_cls_first(&c, rules, sizeof(rules[0]),
			   offsetof(struct trule, bucket), SSF_DIR_IN, &p, &m,
			   fake_clock), 3, "and matches rule 3");
	p.dport = 999;
	ssf_cls_start(&c, SSF_DIR_IN, &p, &cur);
	T_EQ(cur.k, 0, "port 999 is below every rule's: no tree walked");
	ssf_cls_release(&c);
}
