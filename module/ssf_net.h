/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_NET_H
#define _SSF_NET_H

#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/u64_stats_sync.h>
#include <linux/ratelimit.h>
#include <linux/workqueue.h>
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
 * none was published, restoring means flushing) and the id counter that
 * went with it. Under ssf_net.lock.
 */
struct ssf_confirm {
	bool pending;
	struct ssf_policy *restore;
	u32 restore_next_id;
	unsigned long deadline;		/* jiffies */
	struct delayed_work work;
};

/*
 * Per network namespace state.
 *
 * Locking: @lock (a mutex: writers sleep to allocate, register hooks and
 * wait for grace periods) serialises every writer and guards every field
 * but @policy's readers, @stats and @objects. @policy is published with
 * rcu_assign_pointer() under @lock and read with rcu_dereference() by the
 * hooks (which run under rcu_read_lock()) and the dumps. @stats is per-cpu;
 * @objects and @ev_suppressed are atomic. The packet path's only shared
 * writable state is the two rate limiters (@ev_rs, @log_rs: a trylock,
 * never waited on), touched only by packets that are logged or reported.
 */
struct ssf_net {
	struct mutex lock;
	struct ssf_policy __rcu *policy;	/* NULL: inactive */
	bool hooks_on;
	u64 generation;
	u32 next_id;
	struct list_head txns;			/* struct ssf_txn, by portid */
	struct ssf_pcpu_dstats __percpu *stats;
	struct ssf_pcpu_rstats __percpu *rstats;	/* by enum ssf_reason */
	atomic_t objects;			/* live policies + transactions */
	struct ssf_confirm confirm;
	struct ratelimit_state ev_rs;		/* events */
	atomic_t ev_suppressed;			/* events lost to @ev_rs */
	struct ratelimit_state log_rs;		/* log and audit lines */
	struct net *net;
};

extern unsigned int ssf_net_id;
extern unsigned int ssf_max_rules;
extern unsigned int ssf_event_rate;
extern unsigned int ssf_log_rate;

static inline struct ssf_net *ssf_pernet(const struct net *net)
{
	return net_generic(net, ssf_net_id);
}

int ssf_net_init_module(void);
void ssf_net_exit_module(void);

/* Writers, under sn->lock. */
struct ssf_policy *ssf_net_policy(struct ssf_net *sn);
int ssf_net_publish(struct ssf_net *sn, struct ssf_policy *p,
		    struct netlink_ext_ack *extack);
int ssf_net_publish_keep(struct ssf_net *sn, struct ssf_policy *p,
			 struct netlink_ext_ack *extack,
			 struct ssf_policy **oldp);
void ssf_net_flush(struct ssf_net *sn);

/* ssf_confirm.c, writers under sn->lock */
int ssf_confirm_publish(struct ssf_net *sn, struct ssf_policy *p,
			u32 seconds, struct netlink_ext_ack *extack);
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
