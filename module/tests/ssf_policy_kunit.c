// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite ssf_policy: the policy object's bookkeeping.
 *
 *  - rule ids: handed out in order, never 0, and refused when the 2^32 - 1
 *    of a netns are used up (a counter at U32_MAX wraps to 0 = used up);
 *  - the counter pool (ssf_ctr.c): slots zeroed when handed out, shared by
 *    copies, freed with their last holder, chunks freed when empty, and
 *    the netns' memory figure back to 0 when everything is gone;
 *  - rule texts: an array apart from the rules, one per rule, counted in
 *    the policy's memory, following their rules through an edit's copy;
 *  - on-demand modules (ssf_kmod.c): references counted per module, the
 *    functions set while held and cleared with the last reference.
 *
 * A fake ssf_net holds the pool and the figures: no netns is touched.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "../ssf_net.h"
#include "../ssf_kmod.h"

static struct ssf_net *fake_net(struct kunit *test)
{
	struct ssf_net *sn = kunit_kzalloc(test, sizeof(*sn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sn);
	atomic_long_set(&sn->mem, 0);
	ssf_ctr_pool_init(&sn->ctrs, &sn->mem);
	sn->next_id = 1;
	return sn;
}

static void fake_net_done(struct kunit *test, struct ssf_net *sn)
{
	KUNIT_EXPECT_EQ(test, atomic_read(&sn->objects), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&sn->mem), 0);
	ssf_ctr_pool_destroy(&sn->ctrs);
}

static void ssf_policy_ids_in_order(struct kunit *test)
{
	struct ssf_net *sn = fake_net(test);
	struct ssf_policy *p;

	sn->next_id = 7;
	p = ssf_policy_alloc(sn, 3);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ssf_policy_take_ids(p, 1, NULL), 0);
	/* rule 0 keeps what a copy gave it; 1 and 2 get 7 and 8 */
	KUNIT_EXPECT_EQ(test, p->rules[0].rule.id, 0);
	KUNIT_EXPECT_EQ(test, p->rules[1].rule.id, 7);
	KUNIT_EXPECT_EQ(test, p->rules[2].rule.id, 8);
	KUNIT_EXPECT_EQ(test, p->next_id, 9);
	/* the netns' counter moves only when the policy is published */
	KUNIT_EXPECT_EQ(test, sn->next_id, 7);
	ssf_policy_free(p);
	fake_net_done(test, sn);
}

static void ssf_policy_ids_used_up(struct kunit *test)
{
	struct ssf_net *sn = fake_net(test);
	struct ssf_policy *p;

	sn->next_id = U32_MAX - 1;
	p = ssf_policy_alloc(sn, 3);
	KUNIT_ASSERT_NOT_NULL(test, p);
	/* three rules, two ids left: refused, nothing taken */
	KUNIT_EXPECT_EQ(test, ssf_policy_take_ids(p, 0, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, p->next_id, U32_MAX - 1);
	/* two rules: the last two ids; the counter wraps to 0, used up */
	KUNIT_EXPECT_EQ(test, ssf_policy_take_ids(p, 1, NULL), 0);
	KUNIT_EXPECT_EQ(test, p->rules[1].rule.id, U32_MAX - 1);
	KUNIT_EXPECT_EQ(test, p->rules[2].rule.id, U32_MAX);
	KUNIT_EXPECT_EQ(test, p->next_id, 0);
	KUNIT_EXPECT_EQ(test, ssf_policy_take_ids(p, 2, NULL), -ENOSPC);
	/* no id is ever 0: a rule id 0 means "the default" in events */
	KUNIT_EXPECT_EQ(test, ssf_policy_take_ids(p, 3, NULL), -ENOSPC);
	ssf_policy_free(p);
	fake_net_done(test, sn);
}

/* Packets counted on slot @slot's counter, summed over CPUs. */
static u64 slot_packets(struct ssf_net *sn, struct ssf_ctr __percpu *pc)
{
	u64 packets, bytes;

	ssf_ctr_read(pc, &packets, &bytes);
	return packets;
}

static void ssf_policy_counters_shared(struct kunit *test)
{
	struct ssf_net *sn = fake_net(test);
	struct ssf_policy *p, *q;

	p = ssf_policy_alloc(sn, 3);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, ssf_policy_new_ctrs(p, 0), 0);
	KUNIT_EXPECT_GT(test, atomic_long_read(&sn->mem), (long)p->mem);
	ssf_ctr_add(p->rules[0].pc, 100);
	ssf_ctr_add(p->rules[2].pc, 60);
	ssf_ctr_add(p->rules[2].pc, 40);

	/* an edit that drops rule 1 keeps the others' counters */
	q = ssf_policy_copy(sn, p, 1, 0);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, q->nrules, 2);
	KUNIT_EXPECT_PTR_EQ(test, q->rules[0].pc, p->rules[0].pc);
	KUNIT_EXPECT_PTR_EQ(test, q->rules[1].pc, p->rules[2].pc);
	ssf_policy_free(p);
	/* the slots live on in the copy, with what they counted */
	KUNIT_EXPECT_EQ(test, slot_packets(sn, q->rules[0].pc), 1);
	KUNIT_EXPECT_EQ(test, slot_packets(sn, q->rules[1].pc), 2);
	ssf_policy_free(q);
	/* the last holder gone: the chunk is freed, the figure is 0 */
	KUNIT_EXPECT_NULL(test, sn->ctrs.chunk[0]);
	fake_net_done(test, sn);
}

static void ssf_policy_texts_follow_rules(struct kunit *test)
{
	struct ssf_net *sn = fake_net(test);
	struct ssf_policy *p, *q;
	u32 i;

	p = ssf_policy_alloc(sn, 3);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, p->text);
	KUNIT_ASSERT_EQ(test, ssf_policy_new_ctrs(p, 0), 0);
	KUNIT_EXPECT_EQ(test, p->mem, struct_size(p, rules, 3) +
			3 * sizeof(struct ssf_rule_text));
	for (i = 0; i < 3; i++) {
		p->rules[i].rule.id = 10 + i;
		snprintf(p->text[i].comment, sizeof(p->text[i].comment),
			 "rule %u", 10 + i);
		KUNIT_EXPECT_PTR_EQ(test, ssf_policy_text(p, &p->rules[i]),
				    (const struct ssf_rule_text *)&p->text[i]);
	}
	strscpy(p->text[2].log_prefix, "two: ", sizeof(p->text[2].log_prefix));

	/* an edit that drops rule 1 and appends one */
	q = ssf_policy_copy(sn, p, 1, 1);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, q->nrules, 3);
	KUNIT_EXPECT_EQ(test, q->rules[1].rule.id, 12);
	KUNIT_EXPECT_STREQ(test, ssf_policy_text(q, &q->rules[0])->comment,
			   "rule 10");
	KUNIT_EXPECT_STREQ(test, ssf_policy_text(q, &q->rules[1])->comment,
			   "rule 12");
	KUNIT_EXPECT_STREQ(test, ssf_policy_text(q, &q->rules[1])->log_prefix,
			   "two: ");
	KUNIT_EXPECT_STREQ(test, ssf_policy_text(q, &q->rules[2])->comment, "");
	ssf_policy_free(p);
	ssf_policy_free(q);

	/* no rules, no texts */
	p = ssf_policy_alloc(sn, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, p->text);
	ssf_policy_free(p);
	fake_net_done(test, sn);
}

static void ssf_policy_counters_reused_zeroed(struct kunit *test)
{
	struct ssf_net *sn = fake_net(test);
	struct ssf_ctr __percpu *pc;
	u32 a, b, c;

	mutex_lock(&sn->ctrs.lock);
	KUNIT_ASSERT_EQ(test, ssf_ctr_new(&sn->ctrs, &a), 0);
	KUNIT_ASSERT_EQ(test, ssf_ctr_new(&sn->ctrs, &b), 0);
	KUNIT_EXPECT_NE(test, a, b);
	pc = ssf_ctr_ptr(&sn->ctrs, a);
	mutex_unlock(&sn->ctrs.lock);
	ssf_ctr_add(pc, 10);
	KUNIT_EXPECT_EQ(test, slot_packets(sn, pc), 1);

	mutex_lock(&sn->ctrs.lock);
	ssf_ctr_hold(&sn->ctrs, a);
	ssf_ctr_put(&sn->ctrs, a);	/* still held once */
	KUNIT_EXPECT_EQ(test, slot_packets(sn, pc), 1);
	ssf_ctr_put(&sn->ctrs, a);	/* free, but b keeps the chunk */
	KUNIT_ASSERT_EQ(test, ssf_ctr_new(&sn->ctrs, &c), 0);
	KUNIT_EXPECT_EQ(test, c, a);	/* the lowest free slot */
	pc = ssf_ctr_ptr(&sn->ctrs, c);
	mutex_unlock(&sn->ctrs.lock);
	/* a reused slot starts from zero */
	KUNIT_EXPECT_EQ(test, slot_packets(sn, pc), 0);

	mutex_lock(&sn->ctrs.lock);
	ssf_ctr_put(&sn->ctrs, b);
	ssf_ctr_put(&sn->ctrs, c);
	mutex_unlock(&sn->ctrs.lock);
	fake_net_done(test, sn);
}

static void ssf_policy_counters_chunks(struct kunit *test)
{
	const u32 n = 2 * SSF_CTR_CHUNK + 3;
	struct ssf_net *sn = fake_net(test);
	struct ssf_policy *p;
	u32 i;

	p = ssf_policy_alloc(sn, n);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, ssf_policy_new_ctrs(p, 0), 0);
	/* every rule its own slot; three chunks */
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_EQ(test, p->rules[i].ctr, p->rules[i - 1].ctr + 1);
	KUNIT_EXPECT_NOT_NULL(test, sn->ctrs.chunk[2]);
	ssf_policy_free(p);
	for (i = 0; i < sn->ctrs.nchunk; i++)
		KUNIT_EXPECT_NULL(test, sn->ctrs.chunk[i]);
	fake_net_done(test, sn);
}

static void ssf_policy_kmod_refs(struct kunit *test)
{
	u32 reject4 = SSF_KMOD_BIT(SSF_KMOD_REJECT4), missing;

	/* nothing holds nf_reject_ipv4 at first */
	KUNIT_EXPECT_NULL(test, READ_ONCE(ssf_kmod_ops.send_reset));
	KUNIT_ASSERT_EQ(test, ssf_kmod_get(reject4, &missing), 0);
	KUNIT_EXPECT_EQ(test, missing, 0);
	KUNIT_EXPECT_NOT_NULL(test, READ_ONCE(ssf_kmod_ops.send_reset));
	KUNIT_EXPECT_NOT_NULL(test, READ_ONCE(ssf_kmod_ops.send_unreach));
	KUNIT_ASSERT_EQ(test, ssf_kmod_get(reject4, &missing), 0);
	ssf_kmod_put(reject4);
	/* one holder left */
	KUNIT_EXPECT_NOT_NULL(test, READ_ONCE(ssf_kmod_ops.send_reset));
	ssf_kmod_put(reject4);
	KUNIT_EXPECT_NULL(test, READ_ONCE(ssf_kmod_ops.send_reset));
	KUNIT_EXPECT_NULL(test, READ_ONCE(ssf_kmod_ops.send_unreach));
}

static struct kunit_case ssf_policy_cases[] = {
	KUNIT_CASE(ssf_policy_ids_in_order),
	KUNIT_CASE(ssf_policy_ids_used_up),
	KUNIT_CASE(ssf_policy_counters_shared),
	KUNIT_CASE(ssf_policy_counters_reused_zeroed),
	KUNIT_CASE(ssf_policy_counters_chunks),
	KUNIT_CASE(ssf_policy_texts_follow_rules),
	KUNIT_CASE(ssf_policy_kmod_refs),
	{}
};

static struct kunit_suite ssf_policy_suite = {
	.name = "ssf_policy",
	.test_cases = ssf_policy_cases,
};

kunit_test_suite(ssf_policy_suite);
