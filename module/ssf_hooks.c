// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter glue: the hook functions and their registration.
 *
 * Two kinds of hooks, IPv4 and IPv6 alike:
 *
 * validation (ssf_check(): every named check, Documentation/validation.rst)
 *   NF_INET_PRE_ROUTING  every received packet, including those that will
 *                        be forwarded, at NF_IP_PRI_CONNTRACK_DEFRAG - 1:
 *                        before nf_defrag and before the kernel reassembles
 *                        for local delivery, so fragment checks see the
 *                        fragments as they arrived
 *   NF_INET_LOCAL_OUT    every locally generated packet (raw IP_HDRINCL
 *                        sockets included), at the same priority
 * policy (first-match rules, defaults)
 *   in   NF_INET_LOCAL_IN    packets to local sockets
 *   out  NF_INET_LOCAL_OUT   packets from local sockets
 *   fwd  NF_INET_FORWARD     routed packets
 *   at NF_IP_PRI_FILTER + 1: after conntrack and the iptables/nftables
 *   filter tables at their standard priority.
 * A forwarded packet is validated once, at PRE_ROUTING; a local one at
 * PRE_ROUTING or LOCAL_OUT. A packet a host sends to itself crosses both:
 * it is validated at PRE_ROUTING only, when it arrives on the loopback
 * device, and LOCAL_OUT skips packets routed to a loopback device. Not the
 * other way round: lo also receives packets the local stack never sent
 * (AF_PACKET sockets in the netns, tc redirects from other devices), and
 * those must be validated like any received packet. The policy hooks parse
 * again (with every check off) for their metadata: the validation hooks
 * run earlier than the policy, and skb->cb belongs to the layer the packet
 * is in, so no parse result is carried between hooks.
 *
 * Ownership: a hook never frees, queues or keeps the skb; it only reads it
 * (through ssf_buf_copy()) and returns NF_ACCEPT or NF_DROP, and the
 * netfilter core disposes of a dropped skb (a reject sends a new packet
 * built from it: ssf_act.c). The policy hook may take one socket
 * reference (ssf_meta_fill(), the ingress owner lookup); it is released by
 * ssf_owner_put() on the single path out of the hook, before returning.
 *
 * Modes (the policy's): off - the hooks are unregistered (a hook that
 * still runs on another CPU, or sees an off policy before they are gone,
 * returns at once); audit - nothing is dropped:
 * drops and rejects, by rules, defaults or checks, are counted, logged and
 * reported as audit events.
 *
 * Locking: the netfilter core calls hooks under rcu_read_lock(); the policy
 * (which holds the check configuration) is read with rcu_dereference() and
 * never written here. Counters are per-cpu. A rule's texts (its own array
 * in the policy) are read only to log a packet for a rule with the log
 * flag.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>

#include "ssf_hooks.h"
#include "ssf_net.h"
#include "ssf_act.h"
#include "ssf_events.h"
#include "ssf_log.h"
#include "ssf_owner.h"

static u8 ssf_hook_family(const struct nf_hook_state *state)
{
	return state->pf == NFPROTO_IPV4 ? SSF_FAMILY_IPV4 : SSF_FAMILY_IPV6;
}

static void ssf_validate_event(struct ssf_net *sn, u8 type, u8 action,
			       int reason, const struct ssf_pkt *pkt)
{
	struct ssf_event ev = {
		.type = type,
		.dir = SSF_EV_NO_DIR,
		.action = action,
		.reason = reason,
		.pkt = pkt,
	};

	ssf_event_send(sn, &ev);
}

static unsigned int ssf_validate_hook(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	struct ssf_net *sn = ssf_pernet(state->net);
	const struct net_device *dev = state->in ?: state->out;
	const struct ssf_policy *pol;
	struct ssf_check_res res;
	struct ssf_check_ctx ctx;
	struct ssf_pkt pkt;
	struct ssf_buf b;
	bool drop;
	u64 audits;

	pol = rcu_dereference(sn->policy);
	if (unlikely(!pol || pol->mode == SSF_MODE_OFF))
		return NF_ACCEPT;
	/* to this host: validated when it arrives on lo (PRE_ROUTING) */
	if (state->hook == NF_INET_LOCAL_OUT && state->out &&
	    (state->out->flags & IFF_LOOPBACK))
		return NF_ACCEPT;

	ctx.cfg = &pol->check;
	ctx.path = (unsigned long)priv;
	ctx.loopback = (dev && (dev->flags & IFF_LOOPBACK)) ||
		       skb->pkt_type == PACKET_LOOPBACK;
	ctx.gso = skb_is_gso(skb);
	ssf_buf_init_skb(&b, skb);
	ssf_check(&b, ssf_hook_family(state), &ctx, &pkt, &res);
	if (likely(!res.tripped))
		return NF_ACCEPT;

	ssf_net_count_reasons(sn, res.tripped);
	drop = res.verdict == SSF_VERDICT_DROP;
	audits = res.tripped & ~SSF_R_BIT(res.reason);
	if (drop && pol->mode == SSF_MODE_AUDIT) {
		/* audit mode: nothing is dropped, the drop is reported */
		audits |= SSF_R_BIT(res.reason);
		drop = false;
	}
	if (audits) {
		char by[8 + SSF_REASON_NAME_MAX];

		snprintf(by, sizeof(by), "check %s",
			 ssf_reason_name(__ffs64(audits)));
		ssf_log_audit(sn, state, &pkt, NULL, SSF_ACT_DROP, by);
		ssf_validate_event(sn, SSF_EVENT_AUDIT,
				   SSF_ACT_ACCEPT, __ffs64(audits), &pkt);
	}
	if (drop)
		ssf_validate_event(sn, SSF_EVENT_DROP, SSF_ACT_DROP,
				   res.reason, &pkt);
	return drop ? NF_DROP : NF_ACCEPT;
}

/*
 * The packet's connection tracking state, for ct state matches: what
 * conntrack attached to the skb (nf_ct_get() only reads it). A packet
 * conntrack did not attach anything to is invalid, unless it was marked
 * untracked.
 */
static u8 ssf_ct_state(const struct sk_buff *skb)
{
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);

	if (ct) {
		switch (ctinfo) {
		case IP_CT_NEW:
			return SSF_CT_NEW;
		case IP_CT_ESTABLISHED:
		case IP_CT_ESTABLISHED_REPLY:
			return SSF_CT_ESTABLISHED;
		case IP_CT_RELATED:
		case IP_CT_RELATED_REPLY:
			return SSF_CT_RELATED;
		default:
			break;
		}
	}
	return ctinfo == IP_CT_UNTRACKED ? SSF_CT_UNTRACKED : SSF_CT_INVALID;
}

static void ssf_policy_event(struct ssf_net *sn, u8 type, u8 dir, u8 action,
			     const struct ssf_prule *pr,
			     const struct ssf_pkt *pkt,
			     const struct ssf_meta *meta)
{
	struct ssf_event ev = {
		.type = type,
		.dir = dir,
		.action = action,
		.rule_id = pr ? pr->rule.id : 0,
		.ct_state = pr && (pr->rule.match & SSF_RM_CT) ?
			    meta->ct_state : 0,
		.reason = SSF_EV_NO_REASON,
		.pkt = pkt,
		.meta = meta,
	};

	ssf_event_send(sn, &ev);
}

/*
 * Carry out @action for a packet @pr (NULL: the default) decided, in
 * @mode. Returns the outcome for the counters.
 */
static enum ssf_outcome ssf_policy_act(struct ssf_net *sn,
				       const struct ssf_policy *pol,
				       struct sk_buff *skb,
				       const struct nf_hook_state *state,
				       u8 dir, u8 action,
				       const struct ssf_prule *pr,
				       const struct ssf_pkt *pkt,
				       struct ssf_meta *meta,
				       struct ssf_owner *own)
{
	u32 flags = pr ? pr->rule.flags : 0;

	/*
	 * A packet that will be logged or reported names its sender's uid
	 * on out even when no rule needed the owner: the sender is skb->sk,
	 * borrowed, so this takes no reference (ssf_owner.c). On in, the uid
	 * is known only when the direction has owner matches: no socket
	 * lookup per dropped packet.
	 */
	if (dir == SSF_DIR_OUT && !(meta->flags & SSF_META_OWNER) &&
	    ((flags & SSF_RULE_F_LOG) || action != SSF_ACT_ACCEPT))
		ssf_meta_fill(skb, state, dir, true, pkt, meta, own);

	if (flags & SSF_RULE_F_LOG) {
		ssf_log_rule(sn, skb, state, &pr->rule,
			     ssf_policy_text(pol, pr), meta);
		ssf_policy_event(sn, SSF_EVENT_LOG, dir, action, pr, pkt, meta);
	}
	if (action == SSF_ACT_ACCEPT)
		return SSF_OUT_ACCEPTED;
	if ((flags & SSF_RULE_F_AUDIT) || pol->mode == SSF_MODE_AUDIT) {
		char by[16] = "default";

		if (pr)
			snprintf(by, sizeof(by), "rule %u", pr->rule.id);
		ssf_log_audit(sn, state, pkt, meta, action, by);
		ssf_policy_event(sn, SSF_EVENT_AUDIT, dir, action, pr, pkt,
				 meta);
		return SSF_OUT_AUDITED;
	}
	if (action == SSF_ACT_REJECT) {
		ssf_act_reject(skb, state, pkt);
		ssf_policy_event(sn, SSF_EVENT_REJECT, dir, action, pr, pkt,
				 meta);
		return SSF_OUT_REJECTED;
	}
	ssf_policy_event(sn, SSF_EVENT_DROP, dir, action, pr, pkt, meta);
	return SSF_OUT_DROPPED;
}

static unsigned int ssf_policy_hook(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	struct ssf_net *sn = ssf_pernet(state->net);
	u8 dir = (u8)(unsigned long)priv;
	const struct ssf_policy *pol;
	const struct ssf_prule *pr;
	enum ssf_parse_result res;
	enum ssf_outcome out;
	struct ssf_owner own;
	struct ssf_meta meta;
	struct ssf_pkt pkt;
	struct ssf_buf b;
	u8 action;

	pol = rcu_dereference(sn->policy);
	if (unlikely(!pol || pol->mode == SSF_MODE_OFF))
		return NF_ACCEPT;

	ssf_buf_init_skb(&b, skb);
	res = ssf_parse(&b, ssf_hook_family(state), &pkt);
	meta.sets = pol->sets;
	meta.ct_state = pol->ct ? ssf_ct_state(skb) : 0;
	/* takes a socket reference only when a rule needs the owner */
	ssf_meta_fill(skb, state, dir, pol->owner_dirs & BIT(dir), &pkt,
		      &meta, &own);

	/*
	 * A packet that does not parse fully (its malformation's check is
	 * off or audit) is still matched on what was parsed, so a broken
	 * transport header cannot evade an address rule; port rules never
	 * match it.
	 */
	pr = ssf_policy_lookup(pol, dir, &pkt, &meta);
	if (pr) {
		action = pr->rule.action;
		ssf_ctr_add(pr->pc, skb->len);
	} else {
		action = pol->defaults[dir];
	}
	out = ssf_policy_act(sn, pol, skb, state, dir, action, pr, &pkt,
			     &meta, &own);
	ssf_owner_put(&own);	/* every path: the reference ends here */

	ssf_net_count(sn, dir, out, !pr, res != SSF_PARSE_OK);
	return out == SSF_OUT_DROPPED || out == SSF_OUT_REJECTED ?
	       NF_DROP : NF_ACCEPT;
}

/*
 * Lockdown (module parameter lockdown=1): from module load until the first
 * policy is published in the initial netns, nothing reaches a local socket
 * or is forwarded unless it arrives on a loopback device. It closes the
 * window at boot between ssf loading and its policy arriving; the hooks
 * exist only in the initial netns and only until then (ssf_net.c).
 */
static unsigned int ssf_lockdown_hook(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	if (state->in && (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	return NF_DROP;
}

#define SSF_HOOK_OPS(_fn, _pf, _hooknum, _prio, _priv)		\
	{							\
		.hook = (_fn),					\
		.pf = (_pf),					\
		.hooknum = (_hooknum),				\
		.priority = (_prio),				\
		.priv = (void *)(unsigned long)(_priv),		\
	}

#define SSF_VALIDATE_OPS(_pf, _hooknum, _path)				\
	SSF_HOOK_OPS(ssf_validate_hook, _pf, _hooknum,			\
		     NF_IP_PRI_CONNTRACK_DEFRAG - 1, _path)
#define SSF_POLICY_OPS(_pf, _hooknum, _dir)				\
	SSF_HOOK_OPS(ssf_policy_hook, _pf, _hooknum,			\
		     NF_IP_PRI_FILTER + 1, _dir)

static const struct nf_hook_ops ssf_hook_ops[] = {
	SSF_VALIDATE_OPS(NFPROTO_IPV4, NF_INET_PRE_ROUTING, SSF_PATH_INGRESS),
	SSF_VALIDATE_OPS(NFPROTO_IPV4, NF_INET_LOCAL_OUT, SSF_PATH_LOCAL_OUT),
	SSF_VALIDATE_OPS(NFPROTO_IPV6, NF_INET_PRE_ROUTING, SSF_PATH_INGRESS),
	SSF_VALIDATE_OPS(NFPROTO_IPV6, NF_INET_LOCAL_OUT, SSF_PATH_LOCAL_OUT),
	SSF_POLICY_OPS(NFPROTO_IPV4, NF_INET_LOCAL_IN, SSF_DIR_IN),
	SSF_POLICY_OPS(NFPROTO_IPV4, NF_INET_LOCAL_OUT, SSF_DIR_OUT),
	SSF_POLICY_OPS(NFPROTO_IPV4, NF_INET_FORWARD, SSF_DIR_FWD),
	SSF_POLICY_OPS(NFPROTO_IPV6, NF_INET_LOCAL_IN, SSF_DIR_IN),
	SSF_POLICY_OPS(NFPROTO_IPV6, NF_INET_LOCAL_OUT, SSF_DIR_OUT),
	SSF_POLICY_OPS(NFPROTO_IPV6, NF_INET_FORWARD, SSF_DIR_FWD),
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

#define SSF_LOCKDOWN_OPS(_pf, _hooknum)					\
	SSF_HOOK_OPS(ssf_lockdown_hook, _pf, _hooknum,			\
		     NF_IP_PRI_FILTER + 1, 0)

static const struct nf_hook_ops ssf_lockdown_ops[] = {
	SSF_LOCKDOWN_OPS(NFPROTO_IPV4, NF_INET_LOCAL_IN),
	SSF_LOCKDOWN_OPS(NFPROTO_IPV4, NF_INET_FORWARD),
	SSF_LOCKDOWN_OPS(NFPROTO_IPV6, NF_INET_LOCAL_IN),
	SSF_LOCKDOWN_OPS(NFPROTO_IPV6, NF_INET_FORWARD),
};

int ssf_hooks_lockdown_register(struct net *net)
{
	return nf_register_net_hooks(net, ssf_lockdown_ops,
				     ARRAY_SIZE(ssf_lockdown_ops));
}

void ssf_hooks_lockdown_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, ssf_lockdown_ops,
				ARRAY_SIZE(ssf_lockdown_ops));
}
