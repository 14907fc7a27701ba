// SPDX-License-Identifier: GPL-2.0
/*
 * Policy transactions: a whole new policy is staged in a transaction owned
 * by one netlink socket and published in one step by the commit.
 *
 * Ownership: a transaction belongs to its netns' table (by portid) from
 * begin until commit, abort, a failed step or the close of its socket
 * (netlink NETLINK_URELEASE notifier), each of which frees it exactly
 * once. A netns holds at most SSF_TXN_MAX open transactions, each of at
 * most max_rules rules; their memory is charged to the opener's memory
 * cgroup and counted in the netns' memory figure.
 *
 * Locking: every function here runs under ssf_net.lock (asserted), except
 * the notifier: it looks the closing socket's portid up without the lock
 * (most genetlink sockets that close never opened a transaction, and they
 * must not wait behind a writer) and takes the lock only to free one.
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
	lockdep_assert_held(&sn->lock);
	return xa_load(&sn->txns, portid);
}

struct ssf_txn *ssf_txn_begin(struct ssf_net *sn, u32 portid,
			      struct netlink_ext_ack *extack)
{
	struct ssf_txn *t;

	lockdep_assert_held(&sn->lock);
	if (sn->ntxns >= SSF_TXN_MAX) {
		NL_SET_ERR_MSG(extack,
			       "too many open transactions in this network namespace");
		return ERR_PTR(-EBUSY);
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->portid = portid;
	/* defaults not given in the transaction are accept (zero) */
	ssf_check_cfg_init(&t->check);
	if (xa_insert(&sn->txns, portid, t, GFP_KERNEL_ACCOUNT)) {
		kfree(t);
		return ERR_PTR(-ENOMEM);
	}
	sn->ntxns++;
	t->mem = sizeof(*t);
	atomic_long_add(t->mem, &sn->mem);
	ssf_net_obj_get(sn);
	return t;
}

int ssf_txn_add_rule(struct ssf_net *sn, struct ssf_txn *t,
		     const struct ssf_rule *r)
{
	u32 max = READ_ONCE(ssf_max_rules);

	if (t->nrules >= max)
		return -E2BIG;
	if (t->nrules == t->cap) {
		u32 cap = t->cap ? min(t->cap * 2, max) : min(64U, max);
		struct ssf_rule *n;

		n = kvmalloc_array(cap, sizeof(*n), GFP_KERNEL_ACCOUNT);
		if (!n)
			return -ENOMEM;
		if (t->nrules)
			memcpy(n, t->rules, t->nrules * sizeof(*n));
		kvfree(t->rules);
		t->rules = n;
		atomic_long_add((long)(cap - t->cap) * sizeof(*n), &sn->mem);
		t->mem += (size_t)(cap - t->cap) * sizeof(*n);
		t->cap = cap;
	}
	t->rules[t->nrules++] = *r;
	return 0;
}

void ssf_txn_free(struct ssf_net *sn, struct ssf_txn *t)
{
	lockdep_assert_held(&sn->lock);
	xa_erase(&sn->txns, t->portid);
	sn->ntxns--;
	atomic_long_sub(t->mem, &sn->mem);
	kvfree(t->rules);
	kfree(t);
	ssf_net_obj_put(sn);
}

void ssf_txn_free_all(struct ssf_net *sn)
{
	struct ssf_txn *t;
	unsigned long i;

	lockdep_assert_held(&sn->lock);
	xa_for_each(&sn->txns, i, t)
		ssf_txn_free(sn, t);
}

/*
 * Build the policy staged in @t and publish it - with a restore point when
 * @confirm (seconds) is not 0 - or, with SSF_COMMIT_F_CHECK in @flags,
 * build it the same way and free it. @t is freed whatever the outcome but
 * -EAGAIN (modules to load first, *@missing; ssf_kmod.h), after which the
 * caller commits it again. On error (or a check) the active policy is
 * untouched.
 */
int ssf_txn_commit(struct ssf_net *sn, struct ssf_txn *t, u32 flags,
		   u32 confirm, struct netlink_ext_ack *extack, u32 *missing)
{
	struct ssf_policy *p;
	u32 i;
	int ret;

	lockdep_assert_held(&sn->lock);
	*missing = 0;
	/* max_rules may have been lowered since the rules were staged */
	if (t->nrules > READ_ONCE(ssf_max_rules)) {
		NL_SET_ERR_MSG(extack,
			       "rule limit reached (module parameter max_rules)");
		ret = -E2BIG;
		goto out_txn;
	}
	p = ssf_policy_alloc(sn, t->nrules);
	if (!p) {
		ret = -ENOMEM;
		goto out_txn;
	}
	for (i = 0; i < t->nrules; i++)
		p->rules[i].rule = t->rules[i];
	memcpy(p->defaults, t->defaults, sizeof(p->defaults));
	p->mode = t->mode;
	p->check = t->check;
	p->generation = sn->generation + 1;
	if (flags & SSF_COMMIT_F_CHECK) {
		ret = ssf_policy_finish(p, extack, missing);
		goto out_policy;
	}
	ret = ssf_policy_take_ids(p, 0, extack) ?:
	      ssf_policy_new_ctrs(p, 0);
	if (ret)
		goto out_policy;
	if (confirm)
		ret = ssf_confirm_publish(sn, p, confirm, extack, missing);
	else
		ret = ssf_net_publish(sn, p, extack, missing);
	/* both free p on error */
	goto out_txn;

out_policy:
	ssf_policy_free(p);
out_txn:
	if (ret != -EAGAIN)
		ssf_txn_free(sn, t);
	return ret;
}

/* A transaction dies with the socket that opened it. */
static int ssf_txn_netlink_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct ssf_net *sn;
	struct ssf_txn *t;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	sn = ssf_pernet(n->net);
	if (!xa_load(&sn->txns, n->portid))
		return NOTIFY_DONE;
	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, n->portid);
	if (t)
		ssf_txn_free(sn, t);
	mutex_unlock(&sn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block ssf_txn_notifier = {
	.notifier_call = ssf_txn_netlink_event,
};

int __init ssf_txn_init_module(void)
{
	return netlink_register_notifier(&ssf_txn_notifier);
}

void ssf_txn_exit_module(void)
{
	netlink_unregister_notifier(&ssf_txn_notifier);
}
