// SPDX-License-Identifier: GPL-2.0
/*
 * The policy object: allocation, copies for edits, rule counters, the
 * per-direction index, the modules its rules need, deferred freeing and
 * the first-match lookup.
 *
 * Locking: a policy is built by one writer (under ssf_net.lock) and never
 * changes after ssf_net_publish(). ssf_policy_lookup() runs on the packet
 * path under rcu_read_lock(); the counters it bumps are per-cpu. A policy
 * that was published is freed by ssf_policy_release(): after a grace
 * period, in a work item on ssf_wq (process context, so freeing may take
 * the counter pool's mutex and drop module references). Nothing waits for
 * a grace period while holding a lock.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/netlink.h>

#include "ssf_policy.h"
#include "ssf_net.h"
#include "ssf_kmod.h"
#include "ssf_setobj.h"

struct ssf_policy *ssf_policy_alloc(struct ssf_net *sn, u32 nrules)
{
	size_t size = struct_size_t(struct ssf_policy, rules, nrules);
	struct ssf_policy *p;

	p = kvzalloc(size, GFP_KERNEL_ACCOUNT);
	if (!p)
		return NULL;
	/* the texts apart: the packet path walks rules[] without them */
	if (nrules) {
		p->text = kvcalloc(nrules, sizeof(*p->text),
				   GFP_KERNEL_ACCOUNT);
		if (!p->text) {
			kvfree(p);
			return NULL;
		}
	}
	p->nrules = nrules;
	p->next_id = sn->next_id;
	p->owner = sn;
	p->mem = size + (size_t)nrules * sizeof(*p->text);
	ssf_check_cfg_init(&p->check);
	ssf_net_obj_get(sn);
	atomic_long_add(p->mem, &sn->mem);
	return p;
}

void ssf_policy_free(struct ssf_policy *p)
{
	struct ssf_net *sn;
	u32 i;

	if (!p)
		return;
	sn = p->owner;
	mutex_lock(&sn->ctrs.lock);
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].pc)
			ssf_ctr_put(&sn->ctrs, p->rules[i].ctr);
	mutex_unlock(&sn->ctrs.lock);
	for (i = 0; i < p->nsets; i++)
		ssf_set_put(p->sets[i]);
	kfree(p->sets);
	ssf_kmod_put(p->kmods);
	atomic_long_sub(p->mem, &sn->mem);
	ssf_net_obj_put(sn);
	ssf_cls_release(&p->cls);
	kvfree(p->text);
	kvfree(p);
}

static void ssf_policy_free_work(struct work_struct *work)
{
	ssf_policy_free(container_of(to_rcu_work(work), struct ssf_policy,
				     free_work));
}

void ssf_policy_release(struct ssf_policy *p)
{
	if (!p)
		return;
	INIT_RCU_WORK(&p->free_work, ssf_policy_free_work);
	queue_rcu_work(ssf_wq, &p->free_work);
}

/*
 * A copy of @old (NULL: an empty policy) with rule @skip left out (U32_MAX:
 * none) and room for @extra more rules at the end, for an edit. Kept rules
 * share their counters; defaults, mode and checks are copied; the copy
 * carries the next generation. The rules at the end have no counter yet
 * (ssf_policy_new_ctrs()).
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
	mutex_lock(&sn->ctrs.lock);
	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		p->rules[j] = old->rules[i];
		p->text[j] = old->text[i];
		ssf_ctr_hold(&sn->ctrs, p->rules[j].ctr);
		j++;
	}
	mutex_unlock(&sn->ctrs.lock);
	if (old) {
		memcpy(p->defaults, old->defaults, sizeof(p->defaults));
		p->mode = old->mode;
		p->check = old->check;
		/* the sets, with their elements, are shared */
		if (ssf_policy_set_sets(p, old->sets, old->nsets)) {
			ssf_policy_free(p);
			return NULL;
		}
		for (i = 0; i < p->nsets; i++)
			ssf_set_hold(p->sets[i]);
	}
	p->generation = sn->generation + 1;
	return p;
}

/*
 * Give @p the sets @sets[0 .. @n) in that order (the references are the
 * caller's to transfer: @p puts them when it is freed).
 */
int ssf_policy_set_sets(struct ssf_policy *p, struct ssf_set **sets, u32 n)
{
	if (!n)
		return 0;
	p->sets = kmemdup(sets, n * sizeof(*sets), GFP_KERNEL_ACCOUNT);
	if (!p->sets)
		return -ENOMEM;
	p->nsets = n;
	return 0;
}

/* The index of the set called @name, or -ENOENT. */
int ssf_policy_find_set(const struct ssf_policy *p, const char *name)
{
	u32 i;

	for (i = 0; p && i < p->nsets; i++)
		if (!strcmp(p->sets[i]->name, name))
			return i;
	return -ENOENT;
}

/*
 * Give rules[@from ..] of @p the next ids. Ids are never reused in the life
 * of a netns (events, logs and `rule del` name rules by id), so the
 * 2^32 - 1 of them can run out: then the change fails and says so. The
 * netns' counter moves on when @p is published.
 */
int ssf_policy_take_ids(struct ssf_policy *p, u32 from,
			struct netlink_ext_ack *extack)
{
	u32 n = p->nrules - from, i;

	if (!p->next_id || n > U32_MAX - p->next_id + 1) {
		NL_SET_ERR_MSG(extack,
			       "the rule ids of this network namespace are used up (a new namespace starts afresh)");
		return -ENOSPC;
	}
	for (i = from; i < p->nrules; i++)
		p->rules[i].rule.id = p->next_id++;	/* 0 after U32_MAX */
	return 0;
}

/* Give rules[@from ..] of @p new, zeroed counters. */
int ssf_policy_new_ctrs(struct ssf_policy *p, u32 from)
{
	struct ssf_ctr_pool *pool = &p->owner->ctrs;
	int ret = 0;
	u32 i;

	mutex_lock(&pool->lock);
	for (i = from; i < p->nrules; i++) {
		ret = ssf_ctr_new(pool, &p->rules[i].ctr);
		if (ret)
			break;
		p->rules[i].pc = ssf_ctr_ptr(pool, p->rules[i].ctr);
		p->rules[i].bucket = ssf_ctr_bucket(pool, p->rules[i].ctr);
	}
	mutex_unlock(&pool->lock);
	return ret;
}

/*
 * What the packet path needs, built once at commit and never per packet:
 * the classifier, and which directions look up the owner socket and
 * whether any rule needs the connection tracking state.
 */
int ssf_policy_index(struct ssf_policy *p)
{
	size_t before = p->cls.mem;
	u32 i;
	int ret;

	p->owner_dirs = 0;
	p->ct = false;
	for (i = 0; i < p->nrules; i++) {
		const struct ssf_rule *r = &p->rules[i].rule;

		if (r->match & SSF_RM_OWNER)
			p->owner_dirs |= BIT(r->dir);
		if (r->match & SSF_RM_CT)
			p->ct = true;
	}
	ssf_cls_release(&p->cls);
	ret = ssf_cls_build(&p->cls, &p->rules[0].rule, p->nrules,
			    sizeof(p->rules[0]));
	p->mem += p->cls.mem - before;
	if (p->owner)
		atomic_long_add((long)(p->cls.mem - before), &p->owner->mem);
	return ret;
}

/* The modules of @fam's families (SSF_FAMILY_ANY: both). */
static u32 ssf_kmod_pair(u8 family, enum ssf_kmod_id v4, enum ssf_kmod_id v6)
{
	return (family != SSF_FAMILY_IPV6 ? SSF_KMOD_BIT(v4) : 0) |
	       (family != SSF_FAMILY_IPV4 ? SSF_KMOD_BIT(v6) : 0);
}

/* Which on-demand modules (ssf_kmod.c) the rules and defaults of @p use. */
static u32 ssf_policy_kmods(const struct ssf_policy *p)
{
	u32 need = 0, i;
	u8 d;

	for (d = 0; d <= SSF_DIR_MAX; d++)
		if (p->defaults[d] == SSF_ACT_REJECT)
			need |= ssf_kmod_pair(SSF_FAMILY_ANY, SSF_KMOD_REJECT4,
					      SSF_KMOD_REJECT6);
	for (i = 0; i < p->nrules; i++) {
		const struct ssf_rule *r = &p->rules[i].rule;

		if (r->action == SSF_ACT_REJECT)
			need |= ssf_kmod_pair(r->family, SSF_KMOD_REJECT4,
					      SSF_KMOD_REJECT6);
		if (r->flags & SSF_RULE_F_LOG)
			need |= ssf_kmod_pair(r->family, SSF_KMOD_LOG4,
					      SSF_KMOD_LOG6);
		if ((r->match & SSF_RM_OWNER) && r->dir == SSF_DIR_IN)
			need |= ssf_kmod_pair(r->family, SSF_KMOD_SOCKET4,
					      SSF_KMOD_SOCKET6);
		if (r->match & SSF_RM_CT)
			need |= SSF_KMOD_BIT(SSF_KMOD_CONNTRACK);
	}
	return need;
}

/*
 * The last step of building any policy (commit, check, edit, mode or
 * validation change, a restore): index it and take the modules its rules
 * need. -EAGAIN with *@missing set when some are not loaded: the caller
 * loads them with no lock held (ssf_kmod_request()) and builds again. On
 * error the caller frees @p.
 */
int ssf_policy_finish(struct ssf_policy *p, struct netlink_ext_ack *extack,
		      u32 *missing)
{
	u32 need = ssf_policy_kmods(p);
	int ret;

	*missing = 0;
	ret = ssf_policy_index(p);
	if (ret)
		return ret;
	if (p->kmods == need)
		return 0;
	ret = ssf_kmod_get(need & ~p->kmods, missing);
	if (ret)
		return ret;
	p->kmods |= need;
	return 0;
}

/* The first match: ssf_cls_first() over the policy's rules. */
const struct ssf_prule *ssf_policy_lookup(const struct ssf_policy *p, u8 dir,
					  const struct ssf_pkt *pkt,
					  const struct ssf_meta *meta)
{
	s32 i;

	BUILD_BUG_ON(offsetof(struct ssf_prule, rule));
	i = ssf_cls_first(&p->cls, p->rules, sizeof(p->rules[0]),
			  offsetof(struct ssf_prule, bucket), dir, pkt, meta,
			  ktime_get_ns);
	return i < 0 ? NULL : &p->rules[i];
}
