// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_cls: the compiled classifier (ssf_cls.c) against the
 * reference linear matcher (ssf_rule_ref.c) on random policies (ssf_gen.c)
 * of 1 to 10,000 rules using every word but cgroup, with limits, in the
 * kernel's world (its allocator, its sort, KASAN watching): the first
 * match of every packet must be the same rule. The same test runs in
 * userspace at up to 100,000 rules (tests/unit/ssf_test_cls.c).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/mm.h>

#include "../ssf_cls.h"
#include "../ssf_setobj.h"
#include "ssf_gen.h"
#include "ssf_rule_ref.h"

struct cls_rule {
	struct ssf_rule rule;
	struct ssf_atomic64 *bucket;
};

static u64 cls_now;

static u64 cls_clock(void)
{
	return cls_now;
}

/* The kernel's sets around the generator's contents, for ssf_meta_set(). */
struct cls_sets {
	struct ssf_set set[SSF_GEN_SETS];
	struct ssf_set_ver ver[SSF_GEN_SETS];
	struct ssf_set *table[SSF_GEN_SETS];
};

static void cls_sets_wrap(struct cls_sets *k, struct ssf_gen *g)
{
	int i;

	for (i = 0; i < SSF_GEN_SETS; i++) {
		k->ver[i].d = g->set[i];	/* shares its arrays */
		RCU_INIT_POINTER(k->set[i].ver, &k->ver[i]);
		k->table[i] = &k->set[i];
	}
	g->meta_sets = k->table;
}

static void cls_run(struct kunit *test, u32 seed, u32 n, u32 npkt)
{
	struct cls_sets *ksets = kunit_kzalloc(test, sizeof(*ksets),
					       GFP_KERNEL);
	struct ssf_ref_bucket *ref = kvcalloc(n ?: 1, sizeof(*ref), GFP_KERNEL);
	struct ssf_rule *flat = kvcalloc(n ?: 1, sizeof(*flat), GFP_KERNEL);
	struct cls_rule *rules = kvcalloc(n ?: 1, sizeof(*rules), GFP_KERNEL);
	struct ssf_atomic64 *buckets = kvcalloc(n ?: 1, sizeof(*buckets),
						GFP_KERNEL);
	u32 i, bad = 0, matched = 0;
	struct ssf_cls cls;
	struct ssf_gen g;

	KUNIT_ASSERT_TRUE(test, ref && flat && rules && buckets && ksets);
	KUNIT_ASSERT_EQ(test, ssf_gen_init(&g, seed), 0);
	cls_sets_wrap(ksets, &g);
	for (i = 0; i < n; i++) {
		ssf_gen_rule(&g, &flat[i], i >= n - n / 100 - 3);
		KUNIT_ASSERT_LE(test, flat[i].dir, SSF_DIR_MAX);
		rules[i].rule = flat[i];
		rules[i].bucket = &buckets[i];
	}
	KUNIT_ASSERT_EQ(test, ssf_cls_build(&cls, &rules[0].rule, n,
					    sizeof(rules[0])), 0);
	cls_now = 1000000000ULL;
	for (i = 0; i < npkt; i++) {
		const struct ssf_rule *near = n && ssf_gen_below(&g, 4) ?
			&flat[ssf_gen_below(&g, n)] : NULL;
		u8 dir = near && ssf_gen_below(&g, 4) ? near->dir :
			 ssf_gen_below(&g, SSF_DIR_MAX + 1);
		struct ssf_pkt p;
		struct ssf_meta m;
		s32 want, got;

		ssf_gen_packet(&g, near, &p, &m);
		cls_now += ssf_gen_below(&g, 30000000);
		rcu_read_lock();	/* sets are read as on the packet path */
		want = ssf_ref_first_match_limit(flat, n, dir, &p, &m, ref,
						 cls_now);
		got = ssf_cls_first(&cls, rules, sizeof(rules[0]),
				    offsetof(struct cls_rule, bucket), dir,
				    &p, &m, cls_clock);
		rcu_read_unlock();
		matched += want >= 0;
		if (got != want && bad++ < 5)
			KUNIT_FAIL(test, "%u rules, packet %u: reference %d, classifier %d",
				   n, i, want, got);
	}
	kunit_info(test, "%u rules: %u of %u packets matched; %u nodes, depth %u\n",
		   n, matched, npkt, cls.nnodes, cls.depth);
	KUNIT_EXPECT_EQ(test, bad, 0);
	if (n >= 10)
		KUNIT_EXPECT_GT(test, matched, npkt / 10);
	ssf_cls_release(&cls);
	ssf_gen_release(&g);
	kvfree(buckets);
	kvfree(rules);
	kvfree(flat);
	kvfree(ref);
}

static void ssf_cls_small(struct kunit *test)
{
	u32 n;

	for (n = 0; n <= 12; n++)
		cls_run(test, 200 + n, n, 2000);
}

static void ssf_cls_100(struct kunit *test)
{
	cls_run(test, 3, 100, 20000);
}

static void ssf_cls_1000(struct kunit *test)
{
	cls_run(test, 4, 1000, 20000);
}

static void ssf_cls_10000(struct kunit *test)
{
	cls_run(test, 5, 10000, 20000);
}

static struct kunit_case ssf_cls_cases[] = {
	KUNIT_CASE(ssf_cls_small),
	KUNIT_CASE(ssf_cls_100),
	KUNIT_CASE(ssf_cls_1000),
	KUNIT_CASE_SLOW(ssf_cls_10000),
	{}
};

static struct kunit_suite ssf_cls_suite = {
	.name = "ssf_cls",
	.test_cases = ssf_cls_cases,
};

kunit_test_suite(ssf_cls_suite);
