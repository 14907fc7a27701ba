/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_NET_H
#define _SSF_NET_H

#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/u64_stats_sync.h>
#include <linux/ratelimit.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "ssf_policy.h"

enum ssf_dstat {
	SSF_DSTAT_PACKETS,
	SSF_DSTAT_ACCEPTED,
	SSF_DSTAT_DROPPED,
	SSF_DSTAT_DEFAULT,
	SSF_DSTAT_UNPARSED,
	SSF_DSTAT_REJECTED,
	SSF_DSTAT_AUDITED,
	SSF_DSTAT_NUM
};

struct ssf_pcpu_dstats {
	u64_stats_t ctr[SSF_DIR_MAX + 1][SSF_DSTAT_NUM];
	struct u64_stats_sync syncp;
};

struct ssf_pcpu_rstats {
	u64_stats_t ctr[SSF_R_COUNT];
	struct u64_stats_sync syncp;
};

/*
 * A pending commit-confirm (ssf_confirm.c): the policy to restore (NULL:
 * none was published, restoring means flushing) and when. Under
 * ssf_net.lock.
 */
struct ssf_confirm {
	bool pending;
	struct ssf_policy *restore;
	unsigned long deadline;		/* jiffies */
	struct delayed_work work;
};

/*
 * Per network namespace state.
 *
 * Locking: @lock (a mutex: writers sleep to allocate and register hooks;
 * none waits for a grace period) serialises every writer and guards every
 * field but @policy's readers, @txns' lookups, @stats, @objects and @mem.
 * @policy is published with rcu_replace_pointer() under @lock and read
 * with rcu_dereference() by the hooks (which run under rcu_read_lock())
 * and the dumps. @txns is changed under @lock; the socket-release notifier
 * looks a portid up in it without @lock (the xarray's own locking), so
 * closing a socket that has no transaction never waits for a writer.
 * @stats is per-cpu; @objects, @mem and @ev_suppressed are atomic. @ctrs
 * has its own mutex (ssf_ctr.h), taken inside @lock. On the packet path,
 * besides per-cpu counters, only the rate limiters (@ev_rs, @log_rs: a
 * trylock, never waited on) are written, by packets that are logged or
 * reported, and socket reference counts by the ingress owner lookup.
 */
struct ssf_net {
	struct mutex lock;
	struct ssf_policy __rcu *policy;	/* NULL: inactive */
	bool hooks_on;
	bool lockdown;				/* lockdown hooks registered */
	bool ct_held;				/* nf_ct_netns_get() taken: the
						 * published policy has ct rules
						 */
	u64 generation;
	u32 next_id;				/* never reused; 0 is no rule */
	struct xarray txns;			/* struct ssf_txn, by portid */
	u32 ntxns;
	struct ssf_ctr_pool ctrs;		/* rule counters */
	struct ssf_pcpu_dstats __percpu *stats;
	struct ssf_pcpu_rstats __percpu *rstats;	/* by enum ssf_reason */
	atomic_t objects;			/* live policies + transactions */
	atomic_long_t mem;			/* bytes of policies, counters,
						 * transactions
						 */
	struct ssf_confirm confirm;
	struct delayed_work set_expiry;		/* drops timed-out elements */
	struct ratelimit_state ev_rs;		/* events */
	atomic_t ev_suppressed;			/* events lost to @ev_rs */
	struct ratelimit_state log_rs;		/* log and audit lines */
	struct net *net;
};

extern unsigned int ssf_net_id;
extern struct workqueue_struct *ssf_wq;
extern unsigned int ssf_max_rules;
extern unsigned int ssf_max_set_elems;
extern unsigned int ssf_event_rate;
extern unsigned int ssf_log_rate;
extern bool ssf_lockdown;

static inline struct ssf_net *ssf_pernet(const struct net *net)
{
	return net_generic(net, ssf_net_id);
}

int ssf_net_init_module(void);
int ssf_net_lockdown(void);
void ssf_net_exit_module(void);

/* Writers, under sn->lock. */
struct ssf_policy *ssf_net_policy(struct ssf_net *sn);
int ssf_net_publish(struct ssf_net *sn, struct ssf_policy *p,
		    struct netlink_ext_ack *extack, u32 *missing);
int ssf_net_publish_keep(struct ssf_net *sn, struct ssf_policy *p,
			 struct netlink_ext_ack *extack, u32 *missing,
			 struct ssf_policy **oldp);
void ssf_net_flush(struct ssf_net *sn);

/* ssf_setobj.c: element timeouts of the published policy's sets */
void ssf_sets_expiry_init(struct ssf_net *sn);
void ssf_sets_expiry_schedule(struct ssf_net *sn);
void ssf_sets_expiry_exit(struct ssf_net *sn);

/* ssf_confirm.c, writers under sn->lock */
int ssf_confirm_publish(struct ssf_net *sn, struct ssf_policy *p,
			u32 seconds, struct netlink_ext_ack *extack,
			u32 *missing);
int ssf_confirm_keep(struct ssf_net *sn);
void ssf_confirm_cancel(struct ssf_net *sn);
u32 ssf_confirm_left(struct ssf_net *sn);
void ssf_confirm_init(struct ssf_net *sn);
void ssf_confirm_exit(struct ssf_net *sn);

void ssf_net_obj_get(struct ssf_net *sn);
void ssf_net_obj_put(struct ssf_net *sn);

/* Verdict of the policy hook, for the per-direction counters. */
enum ssf_outcome {
	SSF_OUT_ACCEPTED,
	SSF_OUT_DROPPED,
	SSF_OUT_REJECTED,	/* dropped, sender told */
	SSF_OUT_AUDITED,	/* would have been dropped or rejected */
};

void ssf_net_count(struct ssf_net *sn, u8 dir, enum ssf_outcome out,
		   bool by_default, bool unparsed);
void ssf_net_count_reasons(struct ssf_net *sn, u64 tripped);
void ssf_net_rstats_read(struct ssf_net *sn, u64 *out);
void ssf_net_dstats_read(struct ssf_net *sn, u64 out[][SSF_DSTAT_NUM]);

#endif /* _SSF_NET_H */
