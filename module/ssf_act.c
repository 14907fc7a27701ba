// SPDX-License-Identifier: GPL-2.0
/*
 * What a reject verdict does besides returning NF_DROP: tell the sender.
 * (Log and audit lines: ssf_log.c.)
 *
 * Ownership: the hook's skb is only read here. The reject helpers build a
 * new packet from it (a TCP RST, an ICMP/ICMPv6 error) and send that; the
 * original is still dropped by the netfilter core when the hook returns
 * NF_DROP, never freed or kept by ssf.
 *
 * Locking: called from the hooks under rcu_read_lock(). The nf_reject
 * functions are called through ssf_kmod_ops: the policy the hook runs
 * holds their modules (ssf_kmod.c).
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>

#include "ssf_act.h"
#include "ssf_kmod.h"

/*
 * TCP gets a RST (nf_send_reset*() send none in answer to a RST), anything
 * else an ICMP/ICMPv6 port unreachable (none in answer to an ICMP error,
 * a non-first fragment or a broadcast: icmp_send() and the helpers check).
 */
void ssf_act_reject(struct sk_buff *skb, const struct nf_hook_state *state,
		    const struct ssf_pkt *pkt)
{
	const struct ssf_kmod_ops *o = &ssf_kmod_ops;
	bool tcp = pkt->proto == IPPROTO_TCP &&
		   (pkt->flags & SSF_PKT_F_PORTS);
	typeof(ssf_kmod_ops.send_reset) reset;
	typeof(ssf_kmod_ops.send_unreach) unreach;
	typeof(ssf_kmod_ops.send_reset6) reset6;
	typeof(ssf_kmod_ops.send_unreach6) unreach6;

	if (state->pf == NFPROTO_IPV4) {
		reset = READ_ONCE(o->send_reset);
		unreach = READ_ONCE(o->send_unreach);
		if (WARN_ON_ONCE(!reset || !unreach))
			return;
		if (tcp)
			reset(state->net, state->sk, skb, state->hook);
		else
			unreach(skb, ICMP_PORT_UNREACH, state->hook);
	} else {
		reset6 = READ_ONCE(o->send_reset6);
		unreach6 = READ_ONCE(o->send_unreach6);
		if (WARN_ON_ONCE(!reset6 || !unreach6))
			return;
		if (tcp)
			reset6(state->net, state->sk, skb, state->hook);
		else
			unreach6(state->net, skb, ICMPV6_PORT_UNREACH,
				 state->hook);
	}
}
