// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: creation and teardown (pernet ops), policy
 * publication, hook registration on demand, per-direction counters.
 *
 * Locking: see struct ssf_net. Every writer holds sn->lock; the policy
 * pointer is swapped with rcu_replace_pointer() under it and the old policy
 * freed after synchronize_rcu(), so a hook (which runs under
 * rcu_read_lock()) sees either the old or the new object, whole. Hooks are
 * registered only while a policy is published: a netns without an ssf
 * policy pays nothing on its packet path.
 */
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/module.h>

#include "ssf_net.h"
#include "ssf_hooks.h"
#include "ssf_txn.h"

unsigned int ssf_net_id __read_mostly;

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
 * off. The replaced policy, once no reader can see it, is handed to the
 * caller in *@oldp (NULL if there was none). On error nothing changed and
 * @p is freed.
 */
int ssf_net_publish_keep(struct ssf_net *sn, struct ssf_policy *p,
			 struct netlink_ext_ack *extack,
			 struct ssf_policy **oldp)
{
	bool attach = p->mode != SSF_MODE_OFF;
	struct ssf_policy *old;
	int ret;

	lockdep_assert_held(&sn->lock);

	ret = ssf_policy_finish(p, extack);
	if (ret)
		goto err_free;
	if (attach && !sn->hooks_on) {
		ret = ssf_hooks_register(sn->net);
		if (ret)
			goto err_free;
		sn->hooks_on = true;
	}
	sn->generation = p->generation;
	old = rcu_replace_pointer(sn->policy, p, lockdep_is_held(&sn->lock));
	if (!attach && sn->hooks_on) {
		/* waits for hooks in flight (synchronize_net) */
		ssf_hooks_unregister(sn->net);
		sn->hooks_on = false;
	}
	if (old)
		synchronize_rcu();
	*oldp = old;
	return 0;

err_free:
	ssf_policy_free(p);
	return ret;
}

/* ssf_net_publish_keep(), freeing the replaced policy. */
int ssf_net_publish(struct ssf_net *sn, struct ssf_policy *p,
		    struct netlink_ext_ack *extack)
{
	struct ssf_policy *old;
	int ret;

	ret = ssf_net_publish_keep(sn, p, extack, &old);
	if (!ret)
		ssf_policy_free(old);
	return ret;
}

/* Back to the inactive state: no policy, no hooks. */
void ssf_net_flush(struct ssf_net *sn)
{
	struct ssf_policy *old;

	lockdep_assert_held(&sn->lock);

	ssf_confirm_cancel(sn);
	old = rcu_replace_pointer(sn->policy, NULL, lockdep_is_held(&sn->lock));
	if (sn->hooks_on) {
		/* waits for hooks in flight (synchronize_net) */
		ssf_hooks_unregister(sn->net);
		sn->hooks_on = false;
	}
	sn->generation++;
	sn->next_id = 1;
	if (old) {
		synchronize_rcu();
		ssf_policy_free(old);
	}
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
	INIT_LIST_HEAD(&sn->txns);
	atomic_set(&sn->objects, 0);
	sn->next_id = 1;
	sn->net = net;
	ssf_confirm_init(sn);
	ratelimit_state_init(&sn->ev_rs, HZ, ssf_event_rate);
	ratelimit_set_flags(&sn->ev_rs, RATELIMIT_MSG_ON_RELEASE);
	atomic_set(&sn->ev_suppressed, 0);
	ratelimit_state_init(&sn->log_rs, HZ, ssf_log_rate);
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

static void __net_exit ssf_net_exit(struct net *net)
{
	struct ssf_net *sn = ssf_pernet(net);
	struct ssf_txn *t, *tmp;

	mutex_lock(&sn->lock);
	list_for_each_entry_safe(t, tmp, &sn->txns, list)
		ssf_txn_free(sn, t);
	ssf_net_flush(sn);
	mutex_unlock(&sn->lock);
	ssf_confirm_exit(sn);
	WARN_ON_ONCE(atomic_read(&sn->objects));
	free_percpu(sn->rstats);
	free_percpu(sn->stats);
	mutex_destroy(&sn->lock);
}

static struct pernet_operations ssf_net_ops = {
	.init = ssf_net_init,
	.exit = ssf_net_exit,
	.id = &ssf_net_id,
	.size = sizeof(struct ssf_net),
};

int ssf_net_init_module(void)
{
	return register_pernet_subsys(&ssf_net_ops);
}

void ssf_net_exit_module(void)
{
	unregister_pernet_subsys(&ssf_net_ops);
	WARN_ON(atomic_read(&ssf_objects_total));
}
