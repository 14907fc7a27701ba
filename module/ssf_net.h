/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_NET_H
#define _SSF_NET_H

#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/u64_stats_sync.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "ssf_policy.h"

enum ssf_dstat {
	SSF_DSTAT_PACKETS,
	SSF_DSTAT_ACCEPTED,
	SSF_DSTAT_DROPPED,
	SSF_DSTAT_DEFAULT,
	SSF_DSTAT_UNPARSED,
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
 * Per network namespace state.
 *
 * Locking: @lock (a mutex: writers sleep to allocate, register hooks and
 * wait for grace periods) serialises every writer and guards every field
 * but @policy's readers, @stats and @objects. @policy is published with
 * rcu_assign_pointer() under @lock and read with rcu_dereference() by the
 * hooks (which run under rcu_read_lock()) and the dumps. @stats is per-cpu;
 * @objects is atomic.
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
	struct net *net;
};

extern unsigned int ssf_net_id;
extern unsigned int ssf_max_rules;

static inline struct ssf_net *ssf_pernet(const struct net *net)
{
	return net_generic(net, ssf_net_id);
}

int ssf_net_init_module(void);
void ssf_net_exit_module(void);

/* Writers, under sn->lock. */
struct ssf_policy *ssf_net_policy(struct ssf_net *sn);
int ssf_net_publish(struct ssf_net *sn, struct ssf_policy *p);
void ssf_net_flush(struct ssf_net *sn);

void ssf_net_obj_get(struct ssf_net *sn);
void ssf_net_obj_put(struct ssf_net *sn);

void ssf_net_count(struct ssf_net *sn, u8 dir, bool dropped, bool by_default,
		   bool unparsed);
void ssf_net_count_reasons(struct ssf_net *sn, u64 tripped);
void ssf_net_rstats_read(struct ssf_net *sn, u64 *out);
void ssf_net_dstats_read(struct ssf_net *sn, u64 out[][SSF_DSTAT_NUM]);

#endif /* _SSF_NET_H */
