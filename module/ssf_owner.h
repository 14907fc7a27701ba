/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The owner of a packet: the local socket it comes from or goes to, and
 * the facts about it the matcher uses (struct ssf_meta). Kernel only; the
 * rules for the socket reference are at the top of ssf_owner.c and in
 * Documentation/owner.rst.
 */
#ifndef _SSF_OWNER_H
#define _SSF_OWNER_H

#include <linux/types.h>

#include "ssf_rule.h"

struct sk_buff;
struct sock;
struct nf_hook_state;

/* The socket ssf_meta_fill() used; @put: it holds a reference to drop. */
struct ssf_owner {
	struct sock *sk;
	bool put;
};

/*
 * Fill the interface and owner fields of @meta (the others are left as
 * they are) for @skb (parsed into @pkt) seen by a policy hook of direction
 * @dir: the interface names always, the owner (uid, gid, cgroup) only when
 * @need_owner and a local full socket of a user owns the packet. @meta
 * points into the socket and the devices: it is valid until
 * ssf_owner_put(@own), which the caller must call on every path, and only
 * inside the hook (RCU read side). Never sleeps.
 */
void ssf_meta_fill(struct sk_buff *skb, const struct nf_hook_state *state,
		   u8 dir, bool need_owner, const struct ssf_pkt *pkt,
		   struct ssf_meta *meta, struct ssf_owner *own);

/* Drop what ssf_meta_fill() took, if anything; idempotent. */
void ssf_owner_put(struct ssf_owner *own);

/*
 * The depth of the cgroup v2 @id (0 for the root), for a rule's
 * cgroup_level. -ENOENT with *@err set when no cgroup with that id is
 * visible from the caller's cgroup namespace. May sleep.
 */
int ssf_owner_cgroup_level(u64 id, u16 *level, const char **err);

#endif /* _SSF_OWNER_H */
