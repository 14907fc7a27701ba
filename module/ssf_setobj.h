/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sets as kernel objects: named, typed, referenced by the policies that
 * hold them, their content (struct ssf_set_data, ssf_set.h) published
 * with RCU and replaced whole by every change.
 */
#ifndef _SSF_SETOBJ_H
#define _SSF_SETOBJ_H

#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>

#include "ssf_set.h"

struct ssf_net;

/* One content of a set; freed after a grace period once replaced. */
struct ssf_set_ver {
	struct ssf_set_data d;
	u64 seq;			/* unique in the netns: dumps check it */
	struct ssf_net *owner;
	struct rcu_work free_work;
};

/*
 * A set. Held by every policy that has it (a copy for an edit shares it,
 * so its elements survive rule edits; a policy load makes new ones).
 *
 * Locking: @ver is replaced under ssf_net.lock and read with
 * rcu_dereference() by the packet path (ssf_meta_set()) and the dumps.
 */
struct ssf_set {
	refcount_t ref;
	u8 type;			/* enum ssf_set_type */
	u32 timeout;			/* default element timeout, s; 0: none */
	char name[SSF_SET_NAME_MAX];
	struct ssf_set_ver __rcu *ver;
	struct ssf_net *owner;
};

/* The clock of element timeouts: seconds since boot. */
u32 ssf_set_now(void);

struct ssf_set *ssf_set_new(struct ssf_net *sn, const char *name, u8 type,
			    u32 timeout);
void ssf_set_hold(struct ssf_set *s);
void ssf_set_put(struct ssf_set *s);

/* Under ssf_net.lock: the current content. */
struct ssf_set_data *ssf_set_data_locked(struct ssf_set *s);

/*
 * Build a content of type @type from @elem (from ssf_set_elems_apply(),
 * taken over, on error too). NULL on -ENOMEM.
 */
struct ssf_set_ver *ssf_set_ver_build(struct ssf_net *sn, u8 type,
				      struct ssf_elem *elem, u32 n);
void ssf_set_ver_free(struct ssf_set_ver *v);

/* Under ssf_net.lock: make @v the content of @s; the old one is released. */
void ssf_set_publish(struct ssf_set *s, struct ssf_set_ver *v);

#endif /* _SSF_SETOBJ_H */
