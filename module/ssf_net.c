// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: creation and teardown (pernet ops), policy
 * publication, hook registration on demand, rule ids, per-direction
 * counters.
 *
 * Locking: see struct ssf_net. Every writer holds sn->lock; the policy
 * pointer is swapped with rcu_replace_pointer() under it and the old policy
 * released (ssf_policy_release(): freed after a grace period, without
 * anyone waiting for it), so a hook (which runs under rcu_read_lock()) sees
 * either the old or the new object, whole. Hooks are registered only while
 * a policy is published: a netns without an ssf policy pays nothing on its
 * packet path.
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/module.h>

#include "ssf_net.h"
#include "ssf_hooks.h"
#include "ssf_txn.h"
#include "ssf_kmod.h"

unsigned int ssf_net_id __read_mostly;

/* Frees released policies (process context, after a grace period). */
struct workqueue_struct *ssf_wq __read_mostly;

/* Every live object of every netns, for the leak check at module exit. */
static atomic_t ssf_objects_total = ATOMIC_INIT(0);

void ssf_net_obj_get(struct ssf_net *sn)
{
	atomic_inc(&sn->objects);
	atomic_inc(&ssf_objects_total);
}

void ssf_net_obj_put(struct ssf_net *sn)
{
	atomic_dec(&sn->objects);
	atomic_dec(&ssf_objects_total);
}

struct ssf_policy *ssf_net_policy(struct ssf_net *sn)
{
	return rcu_dereference_protected(sn->policy, lockdep_is_held(&sn->lock));
}

/*
 * Finish @p (ssf_policy_finish()) and publish it (it must carry the next
 * generation) as the policy of @sn. Hooks are attached unless its mode is
 * off. The replaced policy is handed to the caller in *@oldp (NULL if
 * there was none): readers may still see it until a grace period ends, so
 * it may only be released (ssf_policy_release()) or copied, never changed.
 * On error nothing changed and @p is freed; -EAGAIN (with *@missing) means
 * modules must be loaded first (ssf_kmod.h).
 */
/*
 * Connection tracking in the netns, for as long as the published policy
 * has ct rules (as nft_ct does): a netns without them pays nothing. The
 * functions come from nf_conntrack, held by the policy that needs it or,
 * when it is dropped, by the policy being replaced (freed only later).
 */
static int ssf_net_ct_get(struct ssf_net *sn, struct netlink_ext_ack *extack)
{
	int ret;

	if (sn->ct_held)
		return 0;
	ret = READ_ONCE(ssf_kmod_ops.ct_netns_get)(sn->net, NFPROTO_INET);
	if (ret) {
		NL_SET_ERR_MSG(extack,
			       "connection tracking could not be enabled in this network namespace");
		return ret;
	}
	sn->ct_held = true;
	return 0;
}

static void ssf_net_ct_put(struct ssf_net *sn)
{
	if (!sn->ct_held)
		return;
	READ_ONCE(ssf_kmod_ops.ct_netns_put)(sn->net, NFPROTO_INET);
	sn->ct_held = false;
}

int ssf_net_publish_keep(struct ssf_net *sn, struct ssf_policy *p,
			 struct netlink_ext_ack *extack, u32 *missing,
			 struct ssf_policy **oldp)
{
	bool attach = p->mode != SSF_MODE_OFF;
	int ret;

	lockdep_assert_held(&sn->lock);

	ret = ssf_policy_finish(p, extack, missing);
	if (ret)
		goto err_free;
	if (p->ct) {
		ret = ssf_net_ct_get(sn, extack);
		if (ret)
			goto err_free;
	}
	if (attach && !sn->hooks_on) {
		ret = ssf_hooks_register(sn->net);
		if (ret)
			goto err_free;
		sn->hooks_on = true;
	}
	sn->generation = p->generation;
	sn->next_id = p->next_id;
	*oldp = rcu_replace_pointer(sn->policy, p, lockdep_is_held(&sn->lock));
	if (sn->lockdown) {
		/* the first policy is in place: it decides from now on */
		ssf_hooks_lockdown_unregister(sn->net);
		sn->lockdown = false;
	}
	if (!attach && sn->hooks_on) {
		/* a hook still running holds the old or the new policy: both
		 * are freed only after a grace period
		 */
		ssf_hooks_unregister(sn->net);
		sn->hooks_on = false;
	}
	if (!p->ct)
		ssf_net_ct_put(sn);
	ssf_sets_expiry_schedule(sn);
	return 0;

err_free:
	ssf_policy_free(p);
	return ret;
}

/* ssf_net_publish_keep(), releasing the replaced policy. */
int ssf_net_publish(struct ssf_net *sn, struct ssf_policy *p,
		    struct netlink_ext_ack *extack, u32 *missing)
{
	struct ssf_policy *old;
	int ret;

	ret = ssf_net_publish_keep(sn, p, extack, missing, &old);
	if (!ret)
		ssf_policy_release(old);
	return ret;
}

/* Back to the inactive state: no policy, no hooks. Rule ids go on. */
void ssf_net_flush(struct ssf_net *sn)
{
	struct ssf_policy *old;

	lockdep_assert_held(&sn->lock);

	ssf_confirm_cancel(sn);
	old = rcu_replace_pointer(sn->policy, NULL, lockdep_is_held(&sn->lock));
	if (sn->hooks_on) {
		ssf_hooks_unregister(sn->net);
		sn->hooks_on = false;
	}
	sn->generation++;
	ssf_net_ct_put(sn);
	ssf_sets_expiry_schedule(sn);
	ssf_policy_release(old);
}

void ssf_net_count(struct ssf_net *sn, u8 dir, enum ssf_outcome out,
		   bool by_default, bool unparsed)
{
	bool dropped = out == SSF_OUT_DROPPED || out == SSF_OUT_REJECTED;
	struct ssf_pcpu_dstats *s;
	unsigned long flags;

	s = get_cpu_ptr(sn->stats);
	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->ctr[dir][SSF_DSTAT_PACKETS]);
	u64_stats_inc(&s->ctr[dir][dropped ? SSF_DSTAT_DROPPED :
					     SSF_DSTAT_ACCEPTED]);
	if (out == SSF_OUT_REJECTED)
		u64_stats_inc(&s->ctr[dir][SSF_DSTAT_REJECTED]);
	else if (out == SSF_OUT_AUDITED)
		u64_stats_inc(&s->ctr[dir][SSF_DSTAT_AUDITED]);
	if (by_default)
		u64_stats_inc(&s->ctr[dir][SSF_DSTAT_DEFAULT]);
	if (unparsed)
		u64_stats_inc(&s->ctr[dir][SSF_DSTAT_UNPARSED]);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(sn->stats);
}

/* Count one packet for every reason in @tripped (SSF_R_BIT() bitmap). */
void ssf_net_count_reasons(struct ssf_net *sn, u64 tripped)
{
	struct ssf_pcpu_rstats *s;
	unsigned long flags;

	s = get_cpu_ptr(sn->rstats);
	flags = u64_stats_update_begin_irqsave(&s->syncp);
	while (tripped) {
		unsigned int r = __ffs64(tripped);

		tripped &= tripped - 1;
		if (r < SSF_R_COUNT)
			u64_stats_inc(&s->ctr[r]);
	}
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(sn->rstats);
}

/* Sum the per-reason counters into @out[SSF_R_COUNT]. */
void ssf_net_rstats_read(struct ssf_net *sn, u64 *out)
{
	int cpu, r;

	memset(out, 0, sizeof(u64) * SSF_R_COUNT);
	for_each_possible_cpu(cpu) {
		const struct ssf_pcpu_rstats *s = per_cpu_ptr(sn->rstats, cpu);
		u64 v[SSF_R_COUNT];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (r = 0; r < SSF_R_COUNT; r++)
				v[r] = u64_stats_read(&s->ctr[r]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (r = 0; r < SSF_R_COUNT; r++)
			out[r] += v[r];
	}
}

void ssf_net_dstats_read(struct ssf_net *sn, u64 out[][SSF_DSTAT_NUM])
{
	int cpu, d, i;

	memset(out, 0, sizeof(u64) * (SSF_DIR_MAX + 1) * SSF_DSTAT_NUM);
	for_each_possible_cpu(cpu) {
		const struct ssf_pcpu_dstats *s = per_cpu_ptr(sn->stats, cpu);
		u64 v[SSF_DIR_MAX + 1][SSF_DSTAT_NUM];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (d = 0; d <= SSF_DIR_MAX; d++)
				for (i = 0; i < SSF_DSTAT_NUM; i++)
					v[d][i] = u64_stats_read(&s->ctr[d][i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (d = 0; d <= SSF_DIR_MAX; d++)
			for (i = 0; i < SSF_DSTAT_NUM; i++)
				out[d][i] += v[d][i];
	}
}

static int __net_init ssf_net_init(struct net *net)
{
	struct ssf_net *sn = ssf_pernet(net);
	int cpu;

	mutex_init(&sn->lock);
	RCU_INIT_POINTER(sn->policy, NULL);
	sn->hooks_on = false;
	sn->lockdown = false;
	sn->ct_held = false;
	xa_init(&sn->txns);
	sn->ntxns = 0;
	atomic_set(&sn->objects, 0);
	atomic_long_set(&sn->mem, 0);
	ssf_ctr_pool_init(&sn->ctrs, &sn->mem);
	sn->next_id = 1;
	sn->net = net;
	ssf_confirm_init(sn);
	ssf_sets_expiry_init(sn);
	ratelimit_state_init(&sn->ev_rs, HZ, READ_ONCE(ssf_event_rate));
	ratelimit_set_flags(&sn->ev_rs, RATELIMIT_MSG_ON_RELEASE);
	atomic_set(&sn->ev_suppressed, 0);
	ratelimit_state_init(&sn->log_rs, HZ, READ_ONCE(ssf_log_rate));
	ratelimit_set_flags(&sn->log_rs, RATELIMIT_MSG_ON_RELEASE);
	sn->stats = alloc_percpu_gfp(struct ssf_pcpu_dstats, GFP_KERNEL);
	if (!sn->stats)
		return -ENOMEM;
	sn->rstats = alloc_percpu_gfp(struct ssf_pcpu_rstats, GFP_KERNEL);
	if (!sn->rstats) {
		free_percpu(sn->stats);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		u64_stats_init(&per_cpu_ptr(sn->stats, cpu)->syncp);
		u64_stats_init(&per_cpu_ptr(sn->rstats, cpu)->syncp);
	}
	return 0;
}

/*
 * Module parameter lockdown: drop what comes in to the initial netns (but
 * on loopback) until its first policy is published (ssf_hooks.c).
 */
int __init ssf_net_lockdown(void)
{
	struct ssf_net *sn = ssf_pernet(&init_net);
	int ret;

	mutex_lock(&sn->lock);
	ret = ssf_hooks_lockdown_register(&init_net);
	sn->lockdown = !ret;
	mutex_unlock(&sn->lock);
	return ret;
}

/*
 * Before any subsystem's exit: give connection tracking back while it is
 * whole (nf_conntrack may have come after ssf and exit before it).
 */
static void __net_exit ssf_net_pre_exit(struct net *net)
{
	struct ssf_net *sn = ssf_pernet(net);

	mutex_lock(&sn->lock);
	ssf_net_ct_put(sn);
	mutex_unlock(&sn->lock);
}

/* Drop every transaction, the policy and any restore point. */
static void __net_exit ssf_net_exit(struct net *net)
{
	struct ssf_net *sn = ssf_pernet(net);

	mutex_lock(&sn->lock);
	if (sn->lockdown) {
		ssf_hooks_lockdown_unregister(net);
		sn->lockdown = false;
	}
	ssf_txn_free_all(sn);
	ssf_net_flush(sn);
	mutex_unlock(&sn->lock);
	ssf_confirm_exit(sn);
	ssf_sets_expiry_exit(sn);
}

/*
 * Released policies are freed after a grace period by work items that
 * still use their netns' ssf_net: wait for them once per batch of exiting
 * namespaces, then check that nothing is left.
 */
static void __net_exit ssf_net_exit_batch(struct list_head *net_exit_list)
{
	struct net *net;

	rcu_barrier();
	flush_workqueue(ssf_wq);
	list_for_each_entry(net, net_exit_list, exit_list) {
		struct ssf_net *sn = ssf_pernet(net);

		WARN_ON_ONCE(atomic_read(&sn->objects));
		WARN_ON_ONCE(atomic_long_read(&sn->mem));
		ssf_ctr_pool_destroy(&sn->ctrs);
		xa_destroy(&sn->txns);
		free_percpu(sn->rstats);
		free_percpu(sn->stats);
		mutex_destroy(&sn->lock);
	}
}

static struct pernet_operations ssf_net_ops = {
	.init = ssf_net_init,
	.pre_exit = ssf_net_pre_exit,
	.exit = ssf_net_exit,
	.exit_batch = ssf_net_exit_batch,
	.id = &ssf_net_id,
	.size = sizeof(struct ssf_net),
};

int __init ssf_net_init_module(void)
{
	int ret;

	ssf_wq = alloc_workqueue("ssf", 0, 0);
	if (!ssf_wq)
		return -ENOMEM;
	ret = register_pernet_subsys(&ssf_net_ops);
	if (ret)
		destroy_workqueue(ssf_wq);
	return ret;
}

void ssf_net_exit_module(void)
{
	unregister_pernet_subsys(&ssf_net_ops);
	rcu_barrier();
	destroy_workqueue(ssf_wq);
	WARN_ON(atomic_read(&ssf_objects_total));
}
