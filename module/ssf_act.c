// SPDX-License-Identifier: GPL-2.0
/*
 * What a verdict does besides returning NF_DROP or NF_ACCEPT: reject
 * (tell the sender), log (through nf_log) and audit lines.
 *
 * Ownership: the hook's skb is only read here. The reject helpers build a
 * new packet from it (a TCP RST, an ICMP/ICMPv6 error) and send that; the
 * original is still dropped by the netfilter core when the hook returns
 * NF_DROP, never freed or kept by ssf.
 *
 * Locking: called from the hooks under rcu_read_lock(). Log and audit
 * lines go through the netns' log rate limiter (sn->log_rs, a trylock).
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/netfilter/nf_log.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>

#include "ssf_act.h"

/*
 * TCP gets a RST (nf_send_reset*() send none in answer to a RST), anything
 * else an ICMP/ICMPv6 port unreachable (none in answer to an ICMP error,
 * a non-first fragment or a broadcast: icmp_send() and the helpers check).
 */
void ssf_act_reject(struct sk_buff *skb, const struct nf_hook_state *state,
		    const struct ssf_pkt *pkt)
{
	bool tcp = pkt->proto == IPPROTO_TCP &&
		   (pkt->flags & SSF_PKT_F_PORTS);

	if (state->pf == NFPROTO_IPV4) {
		if (tcp)
			nf_send_reset(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach(skb, ICMP_PORT_UNREACH, state->hook);
	} else {
		if (tcp)
			nf_send_reset6(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach6(state->net, skb, ICMPV6_PORT_UNREACH,
					 state->hook);
	}
}

/*
 * A log line through nf_log (the kernel log via nf_log_syslog, or whatever
 * logger the admin bound): "<prefix> rule=<id> [uid=<uid>] " and the
 * logger's packet dump. The policy holds the logger references.
 */
void ssf_act_log(struct ssf_net *sn, const struct sk_buff *skb,
		 const struct nf_hook_state *state, const struct ssf_rule *r,
		 const struct ssf_meta *meta)
{
	struct nf_loginfo li = {
		.type = NF_LOG_TYPE_LOG,
		.u.log = { .level = LOGLEVEL_WARNING },
	};
	char uid[24] = "";

	if (!__ratelimit(&sn->log_rs))
		return;
	if (meta->flags & SSF_META_OWNER)
		snprintf(uid, sizeof(uid), " uid=%u",
			 from_kuid_munged(state->net->user_ns,
					  KUIDT_INIT(meta->uid)));
	nf_log_packet(state->net, state->pf, state->hook, skb, state->in,
		      state->out, &li, "%s%srule=%u%s ", r->log_prefix,
		      r->log_prefix[0] ? " " : "", r->id, uid);
}

/*
 * "audit: would <what> (rule <id>|default): ..." for a packet that passes
 * only because of an audit rule or audit mode (@id 0: the default).
 */
void ssf_act_audit_log(struct ssf_net *sn, const struct nf_hook_state *state,
		       const struct ssf_pkt *pkt, u8 action, u32 id)
{
	const struct net_device *dev = state->in ?: state->out;
	const char *what = action == SSF_ACT_REJECT ? "reject" : "drop";
	const char *ifname = dev ? dev->name : "?";
	char by[24] = "default";

	if (!__ratelimit(&sn->log_rs))
		return;
	if (id)
		snprintf(by, sizeof(by), "rule %u", id);
	if (pkt->family == SSF_FAMILY_IPV4)
		pr_info("audit: would %s (%s): dev %s proto %u %pI4 -> %pI4\n",
			what, by, ifname, pkt->proto, &pkt->saddr.w[0],
			&pkt->daddr.w[0]);
	else
		pr_info("audit: would %s (%s): dev %s proto %u %pI6c -> %pI6c\n",
			what, by, ifname, pkt->proto, pkt->saddr.b,
			pkt->daddr.b);
}
