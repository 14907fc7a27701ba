// SPDX-License-Identifier: GPL-2.0
/*
 * Policy transactions: a whole new policy is staged in a transaction owned
 * by one netlink socket and published in one step by the commit.
 *
 * Ownership: a transaction belongs to its netns' list from begin until
 * commit, abort, a failed step or the close of its socket (netlink
 * NETLINK_URELEASE notifier), each of which frees it exactly once.
 *
 * Locking: every function here runs under ssf_net.lock (asserted), the
 * notifier takes it itself; may sleep.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <net/netlink.h>

#include "ssf_txn.h"
#include "ssf_net.h"

struct ssf_txn *ssf_txn_find(struct ssf_net *sn, u32 portid)
{
	struct ssf_txn *t;

	lockdep_assert_held(&sn->lock);
	list_for_each_entry(t, &sn->txns, list)
		if (t->portid == portid)
			return t;
	return NULL;
}

struct ssf_txn *ssf_txn_begin(struct ssf_net *sn, u32 portid)
{
	struct ssf_txn *t;

	lockdep_assert_held(&sn->lock);
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return NULL;
	t->portid = portid;
	/* defaults not given in the transaction are accept (zero) */
	ssf_check_cfg_init(&t->check);
	list_add_tail(&t->list, &sn->txns);
	ssf_net_obj_get(sn);
	return t;
}

int ssf_txn_add_rule(struct ssf_txn *t, const struct ssf_rule *r)
{
	if (t->nrules >= ssf_max_rules)
		return -E2BIG;
	if (t->nrules == t->cap) {
		u32 cap = t->cap ? min(t->cap * 2, ssf_max_rules) : 64;
		struct ssf_rule *n;

		n = kvmalloc_array(cap, sizeof(*n), GFP_KERNEL_ACCOUNT);
		if (!n)
			return -ENOMEM;
		if (t->nrules)
			memcpy(n, t->rules, t->nrules * sizeof(*n));
		kvfree(t->rules);
		t->rules = n;
		t->cap = cap;
	}
	t->rules[t->nrules++] = *r;
	return 0;
}

void ssf_txn_free(struct ssf_net *sn, struct ssf_txn *t)
{
	lockdep_assert_held(&sn->lock);
	list_del(&t->list);
	kvfree(t->rules);
	kfree(t);
	ssf_net_obj_put(sn);
}

/*
 * Build the policy staged in @t and publish it - with a restore point when
 * @confirm (seconds) is not 0 - or, with SSF_COMMIT_F_CHECK in @flags,
 * build it the same way and free it. @t is freed whatever the outcome; on
 * error (or a check) the active policy is untouched.
 */
int ssf_txn_commit(struct ssf_net *sn, struct ssf_txn *t, u32 flags,
		   u32 confirm, struct netlink_ext_ack *extack)
{
	struct ssf_policy *p;
	u32 i;
	int ret;

	lockdep_assert_held(&sn->lock);
	p = ssf_policy_alloc(sn, t->nrules);
	if (!p) {
		ret = -ENOMEM;
		goto out_txn;
	}
	for (i = 0; i < t->nrules; i++) {
		p->rules[i].rule = t->rules[i];
		p->rules[i].rule.id = i + 1;
		ret = ssf_policy_new_ctr(&p->rules[i]);
		if (ret)
			goto out_policy;
	}
	memcpy(p->defaults, t->defaults, sizeof(p->defaults));
	p->mode = t->mode;
	p->check = t->check;
	p->generation = sn->generation + 1;
	if (flags & SSF_COMMIT_F_CHECK) {
		ret = ssf_policy_finish(p, extack);
		goto out_policy;
	}
	if (confirm)
		ret = ssf_confirm_publish(sn, p, confirm, extack);
	else
		ret = ssf_net_publish(sn, p, extack);	/* frees p on error */
	if (!ret)
		sn->next_id = t->nrules + 1;
	goto out_txn;

out_policy:
	ssf_policy_free(p);
out_txn:
	ssf_txn_free(sn, t);
	return ret;
}

void ssf_txn_release_portid(struct ssf_net *sn, u32 portid)
{
	struct ssf_txn *t;

	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, portid);
	if (t)
		ssf_txn_free(sn, t);
	mutex_unlock(&sn->lock);
}

/* A transaction dies with the socket that opened it. */
static int ssf_txn_netlink_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	ssf_txn_release_portid(ssf_pernet(n->net), n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block ssf_txn_notifier = {
	.notifier_call = ssf_txn_netlink_event,
};

int ssf_txn_init_module(void)
{
	return netlink_register_notifier(&ssf_txn_notifier);
}

void ssf_txn_exit_module(void)
{
	netlink_unregister_notifier(&ssf_txn_notifier);
}
