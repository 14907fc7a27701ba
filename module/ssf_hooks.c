// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter glue: the hook function and its registration.
 *
 * Hooks and priorities (IPv4 and IPv6 alike):
 *   in   NF_INET_LOCAL_IN    packets to local sockets, after reassembly (v4)
 *   out  NF_INET_LOCAL_OUT   packets from local sockets
 *   fwd  NF_INET_FORWARD     routed packets
 * all at NF_IP_PRI_FILTER + 1: after conntrack and the iptables/nftables
 * filter tables at their default priority, so ssf has the last word among
 * filters that run at standard priorities.
 *
 * Ownership: the hook never frees, queues or keeps the skb; it only reads
 * it (through ssf_buf_copy()) and returns NF_ACCEPT or NF_DROP, and the
 * netfilter core disposes of a dropped skb.
 *
 * Locking: the netfilter core calls hooks under rcu_read_lock(); the policy
 * is read with rcu_dereference() and never written here. Counters are
 * per-cpu.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>

#include "ssf_hooks.h"
#include "ssf_net.h"

static unsigned int ssf_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct ssf_net *sn = ssf_pernet(state->net);
	u8 dir = (u8)(unsigned long)priv;
	const struct ssf_policy *pol;
	const struct ssf_prule *pr;
	enum ssf_parse_result res;
	struct ssf_pkt pkt;
	struct ssf_buf b;
	u8 action;

	pol = rcu_dereference(sn->policy);
	if (unlikely(!pol))
		return NF_ACCEPT;

	ssf_buf_init_skb(&b, skb);
	res = ssf_parse(&b, state->pf == NFPROTO_IPV4 ? SSF_FAMILY_IPV4 :
			SSF_FAMILY_IPV6, &pkt);

	/*
	 * A packet that does not parse fully is still matched on what was
	 * parsed (its addresses), so a malformed transport header cannot
	 * evade an address rule; port rules never match it.
	 */
	pr = ssf_policy_lookup(pol, dir, &pkt);
	if (pr) {
		action = pr->rule.action;
		ssf_policy_count(pr, skb->len);
	} else {
		action = pol->defaults[dir];
	}
	ssf_net_count(sn, dir, action == SSF_ACT_DROP, !pr,
		      res != SSF_PARSE_OK);
	return action == SSF_ACT_DROP ? NF_DROP : NF_ACCEPT;
}

#define SSF_HOOK_OPS(_pf, _hooknum, _dir)			\
	{							\
		.hook = ssf_hook,				\
		.pf = (_pf),					\
		.hooknum = (_hooknum),				\
		.priority = NF_IP_PRI_FILTER + 1,		\
		.priv = (void *)(unsigned long)(_dir),		\
	}

static const struct nf_hook_ops ssf_hook_ops[] = {
	SSF_HOOK_OPS(NFPROTO_IPV4, NF_INET_LOCAL_IN, SSF_DIR_IN),
	SSF_HOOK_OPS(NFPROTO_IPV4, NF_INET_LOCAL_OUT, SSF_DIR_OUT),
	SSF_HOOK_OPS(NFPROTO_IPV4, NF_INET_FORWARD, SSF_DIR_FWD),
	SSF_HOOK_OPS(NFPROTO_IPV6, NF_INET_LOCAL_IN, SSF_DIR_IN),
	SSF_HOOK_OPS(NFPROTO_IPV6, NF_INET_LOCAL_OUT, SSF_DIR_OUT),
	SSF_HOOK_OPS(NFPROTO_IPV6, NF_INET_FORWARD, SSF_DIR_FWD),
};

int ssf_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, ssf_hook_ops,
				     ARRAY_SIZE(ssf_hook_ops));
}

void ssf_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, ssf_hook_ops, ARRAY_SIZE(ssf_hook_ops));
}
