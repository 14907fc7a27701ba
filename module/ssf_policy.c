// SPDX-License-Identifier: GPL-2.0
/*
 * The policy object: allocation, per-rule counters, per-direction index,
 * first-match lookup.
 *
 * Locking: a policy is built by one writer (under ssf_net.lock) and never
 * changes after ssf_net_publish(). ssf_policy_lookup() and
 * ssf_policy_count() run on the packet path under rcu_read_lock(); the
 * counters they bump are per-cpu. ssf_policy_free() runs after a grace
 * period, when no reader can see the object.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/overflow.h>

#include "ssf_policy.h"
#include "ssf_net.h"

struct ssf_policy *ssf_policy_alloc(struct ssf_net *sn, u32 nrules)
{
	struct ssf_policy *p;

	p = kvzalloc(struct_size(p, rules, nrules), GFP_KERNEL_ACCOUNT);
	if (!p)
		return NULL;
	if (nrules) {
		p->index = kvcalloc(nrules, sizeof(*p->index),
				    GFP_KERNEL_ACCOUNT);
		if (!p->index) {
			kvfree(p);
			return NULL;
		}
	}
	p->nrules = nrules;
	p->owner = sn;
	ssf_check_cfg_init(&p->check);
	ssf_net_obj_get(sn);
	return p;
}

static void ssf_ctr_put(struct ssf_rule_ctr *ctr)
{
	if (ctr && refcount_dec_and_test(&ctr->ref)) {
		free_percpu(ctr->pcpu);
		kfree(ctr);
	}
}

/* Frees @p and drops its counter references. No reader may still see it. */
void ssf_policy_free(struct ssf_policy *p)
{
	u32 i;

	if (!p)
		return;
	for (i = 0; i < p->nrules; i++)
		ssf_ctr_put(p->rules[i].ctr);
	ssf_net_obj_put(p->owner);
	kvfree(p->index);
	kvfree(p);
}

int ssf_policy_new_ctr(struct ssf_prule *pr)
{
	struct ssf_rule_ctr *ctr;
	int cpu;

	ctr = kzalloc(sizeof(*ctr), GFP_KERNEL_ACCOUNT);
	if (!ctr)
		return -ENOMEM;
	ctr->pcpu = alloc_percpu_gfp(struct ssf_pcpu_ctr, GFP_KERNEL_ACCOUNT);
	if (!ctr->pcpu) {
		kfree(ctr);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(ctr->pcpu, cpu)->syncp);
	refcount_set(&ctr->ref, 1);
	pr->ctr = ctr;
	return 0;
}

void ssf_policy_share_ctr(struct ssf_prule *dst, const struct ssf_prule *src)
{
	refcount_inc(&src->ctr->ref);
	dst->ctr = src->ctr;
}

/* Build the per-direction index once, at commit time, not per packet. */
void ssf_policy_index(struct ssf_policy *p)
{
	u32 i, pos = 0;
	u8 d;

	for (d = 0; d <= SSF_DIR_MAX; d++) {
		p->bydir[d] = p->index + pos;
		p->ndir[d] = 0;
		for (i = 0; i < p->nrules; i++) {
			if (p->rules[i].rule.dir != d)
				continue;
			p->index[pos++] = &p->rules[i];
			p->ndir[d]++;
		}
	}
}

const struct ssf_prule *ssf_policy_lookup(const struct ssf_policy *p, u8 dir,
					  const struct ssf_pkt *pkt)
{
	struct ssf_prule * const *rules = p->bydir[dir];
	u32 i, n = p->ndir[dir];

	for (i = 0; i < n; i++)
		if (ssf_rule_match(&rules[i]->rule, pkt))
			return rules[i];
	return NULL;
}

void ssf_policy_count(const struct ssf_prule *pr, u32 bytes)
{
	struct ssf_pcpu_ctr *c;
	unsigned long flags;

	c = get_cpu_ptr(pr->ctr->pcpu);
	flags = u64_stats_update_begin_irqsave(&c->syncp);
	u64_stats_inc(&c->packets);
	u64_stats_add(&c->bytes, bytes);
	u64_stats_update_end_irqrestore(&c->syncp, flags);
	put_cpu_ptr(pr->ctr->pcpu);
}

void ssf_policy_read_ctr(const struct ssf_rule_ctr *ctr, u64 *packets,
			 u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct ssf_pcpu_ctr *c = per_cpu_ptr(ctr->pcpu, cpu);
		unsigned int start;
		u64 pk, by;

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			pk = u64_stats_read(&c->packets);
			by = u64_stats_read(&c->bytes);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		*packets += pk;
		*bytes += by;
	}
}
