/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_POLICY_H
#define _SSF_POLICY_H

#include <linux/types.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/u64_stats_sync.h>

#include "ssf_rule.h"
#include "ssf_check.h"

struct ssf_net;
struct netlink_ext_ack;

/* Per-cpu packet/byte counter of one rule. */
struct ssf_pcpu_ctr {
	u64_stats_t packets;
	u64_stats_t bytes;
	struct u64_stats_sync syncp;
};

/*
 * A rule's counters outlive the policy object that holds the rule: a rule
 * add or delete builds a new policy that shares the counters of every rule
 * it keeps. Refcounted; freed when the last policy referring to it is freed.
 */
struct ssf_rule_ctr {
	refcount_t ref;
	struct ssf_pcpu_ctr __percpu *pcpu;
};

struct ssf_prule {
	struct ssf_rule rule;
	struct ssf_rule_ctr *ctr;
};

/*
 * The policy: immutable once published. Readers (hooks, dumps) access it
 * under RCU; writers build a new one, swap the pointer under ssf_net.lock
 * and free the old one after a grace period.
 */
struct ssf_policy {
	u64 generation;
	u32 nrules;
	u8 defaults[SSF_DIR_MAX + 1];
	u8 mode;			/* enum ssf_mode */
	u8 owner_dirs;			/* BIT(dir): a rule of dir has an
					 * owner match (look the socket up)
					 */
	bool loggers;			/* holds nf_logger refs (log rules) */
	struct ssf_check_cfg check;	/* validation actions and limits */
	/* rules of direction d, in policy order: bydir[d][0 .. ndir[d]) */
	struct ssf_prule **bydir[SSF_DIR_MAX + 1];
	u32 ndir[SSF_DIR_MAX + 1];
	struct ssf_prule **index;	/* storage behind bydir */
	struct ssf_net *owner;		/* for object accounting */
	struct ssf_prule rules[];	/* policy order */
};

struct ssf_policy *ssf_policy_alloc(struct ssf_net *sn, u32 nrules);
void ssf_policy_free(struct ssf_policy *p);
int ssf_policy_new_ctr(struct ssf_prule *pr);
struct ssf_policy *ssf_policy_copy(struct ssf_net *sn,
				   const struct ssf_policy *old, u32 skip,
				   u32 extra);
void ssf_policy_index(struct ssf_policy *p);
int ssf_policy_finish(struct ssf_policy *p, struct netlink_ext_ack *extack);
void ssf_policy_read_ctr(const struct ssf_rule_ctr *ctr, u64 *packets,
			 u64 *bytes);

/*
 * First-match evaluation for direction @dir. Returns the matching rule, or
 * NULL when the default applies. Caller holds rcu_read_lock().
 */
const struct ssf_prule *ssf_policy_lookup(const struct ssf_policy *p, u8 dir,
					  const struct ssf_pkt *pkt,
					  const struct ssf_meta *meta);

void ssf_policy_count(const struct ssf_prule *pr, u32 bytes);

#endif /* _SSF_POLICY_H */
