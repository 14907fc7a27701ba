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
#include <linux/netlink.h>
#include <linux/kmod.h>
#include <net/netfilter/nf_log.h>

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
	if (p->loggers) {
		nf_logger_put(NFPROTO_IPV4, NF_LOG_TYPE_LOG);
		nf_logger_put(NFPROTO_IPV6, NF_LOG_TYPE_LOG);
	}
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

static void ssf_policy_share_ctr(struct ssf_prule *dst,
				 const struct ssf_prule *src)
{
	refcount_inc(&src->ctr->ref);
	dst->ctr = src->ctr;
}

/*
 * A copy of @old (NULL: an empty policy) with rule @skip left out (U32_MAX:
 * none) and room for @extra more rules at the end, for an edit. Kept rules
 * share their counters; defaults, mode and checks are copied; the copy
 * carries the next generation.
 */
struct ssf_policy *ssf_policy_copy(struct ssf_net *sn,
				   const struct ssf_policy *old, u32 skip,
				   u32 extra)
{
	u32 n = old ? old->nrules : 0, i, j = 0;
	struct ssf_policy *p;

	p = ssf_policy_alloc(sn, n - (skip < n ? 1 : 0) + extra);
	if (!p)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		p->rules[j].rule = old->rules[i].rule;
		ssf_policy_share_ctr(&p->rules[j], &old->rules[i]);
		j++;
	}
	if (old) {
		memcpy(p->defaults, old->defaults, sizeof(p->defaults));
		p->mode = old->mode;
		p->check = old->check;
	}
	p->generation = sn->generation + 1;
	return p;
}

/* Build the per-direction index once, at commit time, not per packet. */
void ssf_policy_index(struct ssf_policy *p)
{
	u32 i, pos = 0;
	u8 d;

	p->owner_dirs = 0;
	for (d = 0; d <= SSF_DIR_MAX; d++) {
		p->bydir[d] = p->index + pos;
		p->ndir[d] = 0;
		for (i = 0; i < p->nrules; i++) {
			if (p->rules[i].rule.dir != d)
				continue;
			p->index[pos++] = &p->rules[i];
			p->ndir[d]++;
			if (p->rules[i].rule.match & SSF_RM_OWNER)
				p->owner_dirs |= BIT(d);
		}
	}
}

/*
 * Take an nf_log logger reference per family (loading nf_log_syslog if
 * needed) when a rule logs, so nf_log_packet() has somewhere to go.
 */
static int ssf_logger_get(int pf)
{
	int ret = nf_logger_find_get(pf, NF_LOG_TYPE_LOG);

	if (ret != -ENOENT)
		return ret;
	/* the alias nf_log_syslog declares (MODULE_ALIAS_NF_LOGGER) */
	request_module("nf-logger-%u-%u", pf, NF_LOG_TYPE_LOG);
	return nf_logger_find_get(pf, NF_LOG_TYPE_LOG);
}

static int ssf_policy_get_loggers(struct ssf_policy *p,
				  struct netlink_ext_ack *extack)
{
	int ret;

	ret = ssf_logger_get(NFPROTO_IPV4);
	if (ret)
		goto err;
	ret = ssf_logger_get(NFPROTO_IPV6);
	if (ret) {
		nf_logger_put(NFPROTO_IPV4, NF_LOG_TYPE_LOG);
		goto err;
	}
	p->loggers = true;
	return 0;
err:
	NL_SET_ERR_MSG(extack,
		       "log rules need an nf_log logger (module nf_log_syslog)");
	return ret;
}

/*
 * The last step of building any policy (commit, check, edit, mode or
 * validation change, a restore): index it and take what its rules need
 * (once). On error the caller frees @p.
 */
int ssf_policy_finish(struct ssf_policy *p, struct netlink_ext_ack *extack)
{
	u32 i;

	ssf_policy_index(p);
	for (i = 0; i < p->nrules && !p->loggers; i++)
		if (p->rules[i].rule.flags & SSF_RULE_F_LOG)
			return ssf_policy_get_loggers(p, extack);
	return 0;
}

const struct ssf_prule *ssf_policy_lookup(const struct ssf_policy *p, u8 dir,
					  const struct ssf_pkt *pkt,
					  const struct ssf_meta *meta)
{
	struct ssf_prule * const *rules = p->bydir[dir];
	u32 i, n = p->ndir[dir];

	for (i = 0; i < n; i++)
		if (ssf_rule_match(&rules[i]->rule, pkt, meta))
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
