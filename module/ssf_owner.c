// SPDX-License-Identifier: GPL-2.0
/*
 * The packet's owner: which local socket a packet belongs to, and its
 * uid, gid and cgroup, for the owner matches (uid, gid, cgroup) of the
 * rules. The kernel side of struct ssf_meta (ssf_rule.h).
 *
 * Which socket:
 *   out  skb->sk, the sender, mapped with sk_to_full_sk() (a SYN-ACK
 *        carries the request minisock: its listener owns it)
 *   in   skb->sk when early demux set it, otherwise the socket the stack
 *        will deliver to, looked up as xt_socket and nft_socket do
 *        (nf_sk_lookup_slow_v4/v6(); TCP and UDP, ICMP errors by the
 *        packet they quote). Never for a fragment: IPv6 LOCAL_IN runs
 *        before reassembly (unless conntrack's defrag is on), and the
 *        lookup would read a non-first fragment's payload - or, for a
 *        fragment without ports, the IPv6 header - as ports, so anyone
 *        could have a packet attributed to any socket. IPv4 fragments are
 *        reassembled before LOCAL_IN; the same rule applies to both. A
 *        fragment has no owner on in.
 *   fwd  none: a forwarded packet has no local owner
 * A socket of another netns is ignored. Only a full socket
 * (sk_fullsock(), so no time-wait or request minisock) that is not a
 * kernel socket (sk_kern_sock) has an owner; any other packet gets no
 * SSF_META_OWNER and never matches an owner match.
 *
 * Socket references - who takes, who releases:
 *   - skb->sk is borrowed. The skb holds the socket (a write-memory
 *     charge on out, the early-demux reference on in), the hook does not
 *     free or keep the skb, and the netfilter core runs the hook under
 *     rcu_read_lock(): the socket outlives the hook. No reference is taken
 *     and none is released.
 *   - the ingress lookup returns a referenced socket (full, request or
 *     time-wait). ssf_meta_fill() records it in struct ssf_owner with
 *     .put = true, and ssf_owner_put() releases it with sock_gen_put(),
 *     which handles all three kinds. The hook calls ssf_owner_put() on its
 *     one path out, after the last use of the meta (ssf_hooks.c).
 *   - what struct ssf_meta points to (device names, the socket's cgroup)
 *     lives as long as the device (RCU) and the socket (which pins its
 *     cgroup): it must not be used after ssf_owner_put() or outside the
 *     hook.
 * Nothing here ever takes a reference that ssf_owner_put() does not drop,
 * and ssf_owner_put() on an owner that holds nothing does nothing.
 *
 * Locking: called from netfilter hooks (softirq on input, process context
 * on output) under rcu_read_lock(); never sleeps, except
 * ssf_owner_cgroup_level(), which runs in the netlink handler. The file of
 * a socket (for gid) is read under read_lock_bh(&sk->sk_callback_lock),
 * as xt_owner does: sock_orphan() clears sk->sk_socket under that lock's
 * write side.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/inet_sock.h>
#include <net/sock.h>

#include "ssf_owner.h"
#include "ssf_kmod.h"

/*
 * The referenced socket that will receive @skb, or NULL. The lookup
 * functions are reached through ssf_kmod_ops: a policy with owner matches
 * on in holds nf_socket_ipv4/6 (ssf_kmod.c).
 */
static struct sock *ssf_owner_lookup(struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	typeof(ssf_kmod_ops.sk_lookup_v4) v4;
	typeof(ssf_kmod_ops.sk_lookup_v6) v6;

	if (!state->in)
		return NULL;
	switch (state->pf) {
	case NFPROTO_IPV4:
		v4 = READ_ONCE(ssf_kmod_ops.sk_lookup_v4);
		return v4 ? v4(state->net, skb, state->in) : NULL;
	case NFPROTO_IPV6:
		v6 = READ_ONCE(ssf_kmod_ops.sk_lookup_v6);
		return v6 ? v6(state->net, skb, state->in) : NULL;
	}
	return NULL;
}

/* Read the owner of @sk (any kind of socket, or NULL) into @meta. */
static void ssf_owner_read(struct sock *sk, struct ssf_meta *meta)
{
	const struct file *filp;

	sk = sk_to_full_sk(sk);
	if (!sk || !sk_fullsock(sk) || sk->sk_kern_sock)
		return;
	meta->uid = __kuid_val(sk->sk_uid);
	meta->cgroup = sock_cgroup_ptr(&sk->sk_cgrp_data);
	meta->flags |= SSF_META_OWNER;

	/* no file yet (an accepted child before accept()): uid and cgroup only */
	read_lock_bh(&sk->sk_callback_lock);
	filp = sk->sk_socket ? sk->sk_socket->file : NULL;
	if (filp) {
		meta->gid = __kgid_val(filp->f_cred->fsgid);
		meta->flags |= SSF_META_GID;
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

void ssf_meta_fill(struct sk_buff *skb, const struct nf_hook_state *state,
		   u8 dir, bool need_owner, const struct ssf_pkt *pkt,
		   struct ssf_meta *meta, struct ssf_owner *own)
{
	struct sock *sk;

	/* the interface and owner fields: the rest is the caller's */
	meta->iif = state->in ? state->in->name : NULL;
	meta->oif = state->out ? state->out->name : NULL;
	meta->flags = 0;
	meta->uid = 0;
	meta->gid = 0;
	meta->cgroup = NULL;
	own->sk = NULL;
	own->put = false;
	if (!need_owner || dir == SSF_DIR_FWD)
		return;

	sk = skb->sk;
	if (sk && !net_eq(sock_net(sk), state->net))
		sk = NULL;
	if (sk) {
		own->sk = sk;			/* borrowed from the skb */
	} else if (dir == SSF_DIR_IN && !(pkt->flags & SSF_PKT_F_FRAG)) {
		sk = ssf_owner_lookup(skb, state);
		own->sk = sk;
		own->put = sk != NULL;		/* referenced by the lookup */
	}
	ssf_owner_read(sk, meta);
}

void ssf_owner_put(struct ssf_owner *own)
{
	if (own->put)
		sock_gen_put(own->sk);
	own->sk = NULL;
	own->put = false;
}

bool ssf_meta_cgroup_under(const struct ssf_meta *m, u64 id, u16 level)
{
	struct cgroup *anc;

	if (!(m->flags & SSF_META_OWNER) || !m->cgroup)
		return false;
	/* cgroup_ancestor() only reads: its argument just is not const */
	anc = cgroup_ancestor((struct cgroup *)m->cgroup, level);
	return anc && cgroup_id(anc) == id;
}

int ssf_owner_cgroup_level(u64 id, u16 *level, const char **err)
{
	struct cgroup *cgrp;

	/* an ERR_PTR since 6.1; NULL on older kernels */
	cgrp = cgroup_get_from_id(id);
	if (IS_ERR_OR_NULL(cgrp)) {
		*err = "no cgroup with that id";
		return -ENOENT;
	}
	*level = cgrp->level;
	cgroup_put(cgrp);
	return 0;
}
