/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_POLICY_H
#define _SSF_POLICY_H

#include <linux/types.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>

#include "ssf_ctr.h"
#include "ssf_cls.h"

#include "ssf_rule.h"
#include "ssf_check.h"

struct ssf_net;
struct netlink_ext_ack;

/* A rule of a published policy, and its counter (ssf_ctr.h). */
struct ssf_prule {
	struct ssf_rule rule;
	struct ssf_ctr __percpu *pc;	/* the counter of slot @ctr */
	struct ssf_atomic64 *bucket;	/* the limit state of slot @ctr */
	u32 ctr;			/* slot in the netns' counter pool */
};

struct ssf_set;

/*
 * The policy: immutable once published. Readers (hooks, dumps) access it
 * under RCU; writers build a new one, swap the pointer under ssf_net.lock
 * and release the old one (ssf_policy_release()), which frees it after a
 * grace period.
 */
struct ssf_policy {
	u64 generation;
	u32 next_id;			/* ssf_net.next_id once published */
	u32 nrules;
	u8 defaults[SSF_DIR_MAX + 1];
	u8 mode;			/* enum ssf_mode */
	u8 owner_dirs;			/* BIT(dir): a rule of dir has an
					 * owner match (look the socket up)
					 */
	u32 kmods;			/* SSF_KMOD_BIT()s held (ssf_kmod.h) */
	bool ct;			/* a rule matches on ct state */
	u32 nsets;
	struct ssf_set **sets;		/* held; rules name them by index */
	struct ssf_check_cfg check;	/* validation actions and limits */
	struct ssf_cls cls;		/* the classifier over @rules */
	struct ssf_net *owner;		/* for object accounting */
	size_t mem;			/* bytes of this object (classifier
					 * included once built)
					 */
	struct rcu_work free_work;
	/*
	 * The texts of the rules, text[i] for rules[i]: an allocation of
	 * their own so that the packet path walks rules[] without them. The
	 * hooks read one only to log a packet for a rule with
	 * SSF_RULE_F_LOG (ssf_policy_text()).
	 */
	struct ssf_rule_text *text;
	struct ssf_prule rules[];	/* policy order */
};

struct ssf_policy *ssf_policy_alloc(struct ssf_net *sn, u32 nrules);
struct ssf_policy *ssf_policy_copy(struct ssf_net *sn,
				   const struct ssf_policy *old, u32 skip,
				   u32 extra);
int ssf_policy_new_ctrs(struct ssf_policy *p, u32 from);
int ssf_policy_set_sets(struct ssf_policy *p, struct ssf_set **sets, u32 n);
int ssf_policy_find_set(const struct ssf_policy *p, const char *name);
int ssf_policy_take_ids(struct ssf_policy *p, u32 from,
			struct netlink_ext_ack *extack);
int ssf_policy_index(struct ssf_policy *p);
int ssf_policy_finish(struct ssf_policy *p, struct netlink_ext_ack *extack,
		      u32 *missing);
/* Free @p now: it was never published. */
void ssf_policy_free(struct ssf_policy *p);
/* Free @p once no reader can see it (after a grace period, in a work item). */
void ssf_policy_release(struct ssf_policy *p);

/* The texts of @pr, a rule of @p. */
static inline const struct ssf_rule_text *
ssf_policy_text(const struct ssf_policy *p, const struct ssf_prule *pr)
{
	return &p->text[pr - p->rules];
}

/*
 * First-match evaluation for direction @dir. Returns the matching rule, or
 * NULL when the default applies. Caller holds rcu_read_lock().
 */
const struct ssf_prule *ssf_policy_lookup(const struct ssf_policy *p, u8 dir,
					  const struct ssf_pkt *pkt,
					  const struct ssf_meta *meta);

#endif /* _SSF_POLICY_H */
