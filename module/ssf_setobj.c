// SPDX-License-Identifier: GPL-2.0
/*
 * Set objects (ssf_setobj.h): creation, references, content replacement.
 *
 * Locking: a set's content pointer is written under ssf_net.lock with
 * rcu_replace_pointer(); the replaced content is freed after a grace
 * period by a work item on ssf_wq, as policies are. The packet path reads
 * it with rcu_dereference() (ssf_meta_set()) and never writes anything
 * here. The last reference to a set goes with the last policy holding it,
 * itself freed after a grace period: no reader can see the set then, so
 * its content is freed at once.
 */
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "ssf_setobj.h"
#include "ssf_net.h"
#include "ssf_policy.h"

/* Numbers each content: a dump that spans a change sees it change. */
static atomic64_t ssf_set_ver_seq = ATOMIC64_INIT(0);

u32 ssf_set_now(void)
{
	return (u32)ktime_get_boottime_seconds();
}

void ssf_set_ver_free(struct ssf_set_ver *v)
{
	if (!v)
		return;
	atomic_long_sub(v->d.mem + sizeof(*v), &v->owner->mem);
	ssf_set_data_release(&v->d);
	kfree(v);
}

static void ssf_set_ver_free_work(struct work_struct *work)
{
	ssf_set_ver_free(container_of(to_rcu_work(work), struct ssf_set_ver,
				      free_work));
}

struct ssf_set_ver *ssf_set_ver_build(struct ssf_net *sn, u8 type,
				      struct ssf_elem *elem, u32 n)
{
	struct ssf_set_ver *v = kzalloc(sizeof(*v), GFP_KERNEL_ACCOUNT);

	if (!v) {
		ssf_free(elem);
		return NULL;
	}
	v->owner = sn;
	v->seq = atomic64_inc_return(&ssf_set_ver_seq);
	if (ssf_set_data_build(&v->d, type, elem, n)) {
		ssf_set_data_release(&v->d);
		kfree(v);
		return NULL;
	}
	atomic_long_add(v->d.mem + sizeof(*v), &sn->mem);
	return v;
}

struct ssf_set *ssf_set_new(struct ssf_net *sn, const char *name, u8 type,
			    u32 timeout)
{
	struct ssf_set_ver *v;
	struct ssf_elem *none;
	struct ssf_set *s;

	none = ssf_alloc_array(0, sizeof(*none));
	if (!none)
		return NULL;
	v = ssf_set_ver_build(sn, type, none, 0);
	if (!v)
		return NULL;
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s) {
		ssf_set_ver_free(v);
		return NULL;
	}
	refcount_set(&s->ref, 1);
	s->type = type;
	s->timeout = timeout;
	strscpy(s->name, name, sizeof(s->name));
	RCU_INIT_POINTER(s->ver, v);
	s->owner = sn;
	atomic_long_add(sizeof(*s), &sn->mem);
	ssf_net_obj_get(sn);
	return s;
}

void ssf_set_hold(struct ssf_set *s)
{
	refcount_inc(&s->ref);
}

void ssf_set_put(struct ssf_set *s)
{
	struct ssf_net *sn;

	if (!s || !refcount_dec_and_test(&s->ref))
		return;
	sn = s->owner;
	/* no policy holds it, and none was visible after a grace period */
	ssf_set_ver_free(rcu_dereference_protected(s->ver, 1));
	atomic_long_sub(sizeof(*s), &sn->mem);
	kfree(s);
	ssf_net_obj_put(sn);
}

struct ssf_set_data *ssf_set_data_locked(struct ssf_set *s)
{
	return &rcu_dereference_protected(s->ver,
					  lockdep_is_held(&s->owner->lock))->d;
}

void ssf_set_publish(struct ssf_set *s, struct ssf_set_ver *v)
{
	struct ssf_set_ver *old;

	old = rcu_replace_pointer(s->ver, v, lockdep_is_held(&s->owner->lock));
	INIT_RCU_WORK(&old->free_work, ssf_set_ver_free_work);
	queue_rcu_work(ssf_wq, &old->free_work);
}

const struct ssf_set_data *ssf_meta_set(const struct ssf_meta *m, u8 idx)
{
	struct ssf_set * const *sets = m->sets;

	return &rcu_dereference(sets[idx]->ver)->d;
}

/*
 * Element timeouts: a work item runs when the earliest element of the
 * published policy's sets is due and publishes each such set again
 * without its expired elements. The packet path never looks at a
 * timeout. Under sn->lock, like every set change; the netns' generation
 * moves, as for any change of a set.
 */
void ssf_sets_expiry_schedule(struct ssf_net *sn)
{
	struct ssf_policy *p = ssf_net_policy(sn);
	u64 t = ktime_get_boottime_ns();
	u32 now, next = 0, i, e, ns;

	lockdep_assert_held(&sn->lock);
	now = (u32)div_u64_rem(t, NSEC_PER_SEC, &ns);
	for (i = 0; p && i < p->nsets; i++) {
		e = ssf_set_data_locked(p->sets[i])->next_expiry;
		if (e && (!next || (s32)(e - next) < 0))
			next = e;
	}
	if (!next) {
		cancel_delayed_work(&sn->set_expiry);
		return;
	}
	/*
	 * An element with expires == next is gone at that second: run
	 * when the clock reaches it (the jiffy rounded down, so one more),
	 * not a whole number of seconds from now, which would keep it up
	 * to a second longer.
	 */
	mod_delayed_work(ssf_wq, &sn->set_expiry, (s32)(next - now) > 0 ?
			 nsecs_to_jiffies((u64)(next - now) * NSEC_PER_SEC - ns) + 1 :
			 0);
}

static void ssf_sets_expire(struct work_struct *work)
{
	struct ssf_net *sn = container_of(to_delayed_work(work),
					  struct ssf_net, set_expiry);
	struct ssf_policy *p;
	struct ssf_set_ver *v;
	struct ssf_elem *elem;
	u32 now, i, n;
	bool changed = false, failed = false;

	mutex_lock(&sn->lock);
	p = ssf_net_policy(sn);
	now = ssf_set_now();
	for (i = 0; p && i < p->nsets; i++) {
		struct ssf_set *s = p->sets[i];
		struct ssf_set_data *d = ssf_set_data_locked(s);

		if (!d->next_expiry || (s32)(d->next_expiry - now) > 0)
			continue;
		/* adding nothing keeps every element but the expired ones */
		if (ssf_set_elems_apply(d, SSF_SET_OP_ADD, NULL, 0, now,
					U32_MAX, &elem, &n)) {
			failed = true;
			continue;
		}
		v = ssf_set_ver_build(sn, s->type, elem, n);
		if (!v) {
			failed = true;
			continue;
		}
		ssf_set_publish(s, v);
		changed = true;
	}
	if (changed)
		sn->generation++;
	if (failed)	/* out of memory: try again in a second */
		mod_delayed_work(ssf_wq, &sn->set_expiry, HZ);
	else
		ssf_sets_expiry_schedule(sn);
	mutex_unlock(&sn->lock);
}

void ssf_sets_expiry_init(struct ssf_net *sn)
{
	INIT_DELAYED_WORK(&sn->set_expiry, ssf_sets_expire);
}

/* Netns exit, after the flush (which cancelled it) under the lock. */
void ssf_sets_expiry_exit(struct ssf_net *sn)
{
	cancel_delayed_work_sync(&sn->set_expiry);
}
