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
#include "ssf_setobj.h"

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
		     const struct ssf_txn_rule *r)
{
	u32 max = READ_ONCE(ssf_max_rules);

	if (t->nrules >= max)
		return -E2BIG;
	if (t->nrules == t->cap) {
		u32 cap = t->cap ? min(t->cap * 2, max) : min(64U, max);
		struct ssf_txn_rule *n;

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
	u32 i;

	lockdep_assert_held(&sn->lock);
	xa_erase(&sn->txns, t->portid);
	sn->ntxns--;
	atomic_long_sub(t->mem, &sn->mem);
	for (i = 0; i < t->nsets; i++)
		kvfree(t->sets[i].elem);
	kvfree(t->sets);
	kvfree(t->rules);
	kfree(t);
	ssf_net_obj_put(sn);
}

/* A transaction replaces the policy or changes sets: the first step says. */
int ssf_txn_kind(struct ssf_txn *t, u8 kind, struct netlink_ext_ack *extack)
{
	if (t->kind == SSF_TXN_EMPTY)
		t->kind = kind;
	if (t->kind == kind)
		return 0;
	NL_SET_ERR_MSG(extack,
		       "a transaction loads a whole policy or changes sets, not both");
	return -EINVAL;
}

/* Grow the array @*arr of @*cap items of @size to hold @n. */
static int ssf_txn_grow(struct ssf_net *sn, struct ssf_txn *t, void **arr,
			u32 *cap, u32 n, size_t size, u32 max)
{
	u32 ncap;
	void *a;

	if (n <= *cap)
		return 0;
	if (n > max)
		return -E2BIG;
	ncap = *cap ? min(*cap * 2, max) : min(16U, max);
	a = kvmalloc_array(ncap, size, GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	if (*cap)
		memcpy(a, *arr, (size_t)*cap * size);
	kvfree(*arr);
	*arr = a;
	atomic_long_add((long)(ncap - *cap) * size, &sn->mem);
	t->mem += (size_t)(ncap - *cap) * size;
	*cap = ncap;
	return 0;
}

int ssf_txn_find_set(const struct ssf_txn *t, const char *name)
{
	u32 i;

	for (i = 0; i < t->nsets; i++)
		if (!strcmp(t->sets[i].name, name))
			return i;
	return -ENOENT;
}

/* A new staged set (or set change) called @name; ERR_PTR on failure. */
struct ssf_txn_set *ssf_txn_new_set(struct ssf_net *sn, struct ssf_txn *t,
				    const char *name)
{
	struct ssf_txn_set *ts;
	int ret;

	ret = ssf_txn_grow(sn, t, (void **)&t->sets, &t->sets_cap,
			   t->nsets + 1, sizeof(*t->sets), SSF_TXN_SETS_MAX);
	if (ret)
		return ERR_PTR(ret);
	ts = &t->sets[t->nsets++];
	memset(ts, 0, sizeof(*ts));
	strscpy(ts->name, name, sizeof(ts->name));
	return ts;
}

int ssf_txn_add_elem(struct ssf_net *sn, struct ssf_txn *t,
		     struct ssf_txn_set *ts, const struct ssf_elem *e)
{
	int ret;

	ret = ssf_txn_grow(sn, t, (void **)&ts->elem, &ts->cap, ts->nelem + 1,
			   sizeof(*ts->elem), READ_ONCE(ssf_max_set_elems));
	if (ret)
		return ret;
	ts->elem[ts->nelem++] = *e;
	t->nelems++;
	return 0;
}

/*
 * Staged elements carry their timeout in seconds (0: the set's default,
 * if any) in @expires: make it the time they go.
 */
static void ssf_txn_set_expiry(struct ssf_txn_set *ts, u32 timeout, u32 now)
{
	u32 i, to;

	/* once: a commit replayed after loading a module comes here again */
	if (ts->timed)
		return;
	ts->timed = true;
	for (i = 0; i < ts->nelem; i++) {
		to = ts->elem[i].expires ?: timeout;
		/* the clock counts whole seconds: never early */
		ts->elem[i].expires = to ? now + to + 1 : 0;
	}
}

/* The set objects a policy transaction declared, in order; 0 or -errno. */
static int ssf_txn_build_sets(struct ssf_net *sn, struct ssf_txn *t,
			      struct ssf_policy *p)
{
	struct ssf_set **sets;
	u32 now = ssf_set_now(), i, n;
	struct ssf_set_ver *v;
	struct ssf_elem *elem;
	int ret = 0;

	if (!t->nsets)
		return 0;
	sets = kcalloc(t->nsets, sizeof(*sets), GFP_KERNEL_ACCOUNT);
	if (!sets)
		return -ENOMEM;
	for (i = 0; i < t->nsets; i++) {
		struct ssf_txn_set *ts = &t->sets[i];

		sets[i] = ssf_set_new(sn, ts->name, ts->type, ts->timeout);
		if (!sets[i]) {
			ret = -ENOMEM;
			break;
		}
		ssf_txn_set_expiry(ts, ts->timeout, now);
		ret = ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, ts->elem,
					  ts->nelem, now,
					  READ_ONCE(ssf_max_set_elems),
					  &elem, &n);
		if (ret)
			break;
		v = ssf_set_ver_build(sn, ts->type, elem, n);
		if (!v) {
			ret = -ENOMEM;
			break;
		}
		/* not published yet: nobody reads it */
		ssf_set_ver_free(rcu_replace_pointer(sets[i]->ver, v, true));
	}
	if (ret) {
		for (i = 0; i < t->nsets; i++)
			ssf_set_put(sets[i]);
	} else {
		ret = ssf_policy_set_sets(p, sets, t->nsets);
		if (ret)
			for (i = 0; i < t->nsets; i++)
				ssf_set_put(sets[i]);
	}
	kfree(sets);
	return ret;
}

/*
 * Apply a set transaction's changes, in order, to the sets of the
 * published policy and publish each changed set's new content. Every
 * change of one set is applied to a private copy first: the set changes
 * once, whole, or not at all. @t is not freed.
 */
int ssf_txn_commit_sets(struct ssf_net *sn, struct ssf_txn *t,
			struct netlink_ext_ack *extack)
{
	struct ssf_policy *p = ssf_net_policy(sn);
	u32 max = READ_ONCE(ssf_max_set_elems);
	u32 now = ssf_set_now(), i, j, n;
	struct ssf_set_ver **vers;
	int ret = 0, idx;

	lockdep_assert_held(&sn->lock);
	if (!p || !p->nsets) {
		NL_SET_ERR_MSG(extack, "the policy has no sets");
		return -ENOENT;
	}
	/* one new content for each set of the policy a change names */
	vers = kcalloc(p->nsets, sizeof(*vers), GFP_KERNEL);
	if (!vers)
		return -ENOMEM;
	for (i = 0; i < t->nsets && !ret; i++) {
		struct ssf_txn_set *ts = &t->sets[i];
		struct ssf_set_data cur = {};
		struct ssf_elem *elem;
		struct ssf_set *s;

		idx = ssf_policy_find_set(p, ts->name);
		if (idx < 0) {
			NL_SET_ERR_MSG(extack, "the policy has no set with this name");
			ret = -ENOENT;
			break;
		}
		s = p->sets[idx];
		if (ts->type && ts->type != s->type) {
			NL_SET_ERR_MSG(extack, "an element of the wrong kind for this set");
			ret = -EINVAL;
			break;
		}
		cur = vers[idx] ? vers[idx]->d : *ssf_set_data_locked(s);
		ssf_txn_set_expiry(ts, ts->timeout ?: s->timeout, now);
		ret = ssf_set_elems_apply(&cur, ts->op, ts->elem, ts->nelem,
					  now, max, &elem, &n);
		if (ret == -E2BIG)
			NL_SET_ERR_MSG(extack,
				       "too many elements in the set (module parameter max_set_elems)");
		if (ret)
			break;
		ssf_set_ver_free(vers[idx]);
		vers[idx] = ssf_set_ver_build(sn, s->type, elem, n);
		if (!vers[idx])
			ret = -ENOMEM;
	}
	for (j = 0; j < p->nsets; j++) {
		if (!vers[j])
			continue;
		if (ret)
			ssf_set_ver_free(vers[j]);
		else
			ssf_set_publish(p->sets[j], vers[j]);
	}
	kfree(vers);
	if (ret)
		return ret;
	sn->generation++;
	ssf_sets_expiry_schedule(sn);
	return 0;
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
	for (i = 0; i < t->nrules; i++) {
		p->rules[i].rule = t->rules[i].rule;
		p->text[i] = t->rules[i].text;
	}
	ret = ssf_txn_build_sets(sn, t, p);
	if (ret)
		goto out_policy;
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
