// SPDX-License-Identifier: GPL-2.0
/*
 * Event notifications on the "events" multicast group of the ssf family.
 *
 * The packet path calls ssf_event_wanted() first: without a listener in
 * the netns it costs one bitmap test and nothing is built. Events are
 * rate-limited per netns (module parameter event_rate, per second, burst
 * the same); the next event sent carries the number suppressed before it.
 * Messages are sized to the largest event and allocated with GFP_ATOMIC
 * (hooks run in softirq or with BHs off); an event that cannot be built
 * counts as suppressed, and so does the count it was carrying. A uid is
 * sent twice: as the netns' user namespace sees it (what a container's
 * own monitor expects) and kernel-global (what the host admin sees).
 *
 * Locking: none of ours beyond the rate limiter (a trylock inside
 * __ratelimit(), never waited on) and the atomic suppressed count; the
 * genetlink core serialises multicast delivery.
 */
#include <net/genetlink.h>

#include "ssf_events.h"
#include "ssf_nl.h"

bool ssf_event_wanted(struct ssf_net *sn)
{
	return genl_has_listeners(&ssf_genl_family, sn->net,
				  SSF_MCGRP_EVENTS_ID);
}

/*
 * The largest event: every attribute at its longest. Sized, not a page
 * (NLMSG_GOODSIZE): events are built with GFP_ATOMIC on the packet path.
 */
static size_t ssf_event_size(void)
{
	return nla_total_size(0) +			/* SSF_A_EVENT */
	       nla_total_size(sizeof(u8)) * 5 +		/* type, dir, action,
							 * family, proto
							 */
	       nla_total_size(sizeof(u32)) * 5 +	/* suppressed, rule id,
							 * uid, kuid, ct state
							 */
	       nla_total_size(SSF_REASON_NAME_MAX + 1) +
	       nla_total_size(16) * 2 +			/* addresses */
	       nla_total_size(sizeof(u16)) * 2 +	/* ports */
	       nla_total_size(IFNAMSIZ) * 2 +		/* interfaces */
	       nla_total_size_64bit(sizeof(u64));	/* generation */
}

static int ssf_event_put_pkt(struct sk_buff *msg, const struct ssf_pkt *pkt)
{
	int alen = pkt->family == SSF_FAMILY_IPV4 ? 4 : 16;

	if (nla_put_u8(msg, SSF_EVENT_A_FAMILY, pkt->family) ||
	    nla_put_u8(msg, SSF_EVENT_A_PROTO, pkt->proto) ||
	    nla_put(msg, SSF_EVENT_A_SRC, alen, pkt->saddr.b) ||
	    nla_put(msg, SSF_EVENT_A_DST, alen, pkt->daddr.b))
		return -EMSGSIZE;
	if ((pkt->flags & SSF_PKT_F_PORTS) &&
	    (nla_put_u16(msg, SSF_EVENT_A_SPORT, pkt->sport) ||
	     nla_put_u16(msg, SSF_EVENT_A_DPORT, pkt->dport)))
		return -EMSGSIZE;
	return 0;
}

static int ssf_event_put_meta(struct sk_buff *msg, struct net *net,
			      const struct ssf_meta *meta)
{
	if (meta->iif && nla_put_string(msg, SSF_EVENT_A_IIF, meta->iif))
		return -EMSGSIZE;
	if (meta->oif && nla_put_string(msg, SSF_EVENT_A_OIF, meta->oif))
		return -EMSGSIZE;
	if ((meta->flags & SSF_META_OWNER) &&
	    (nla_put_u32(msg, SSF_EVENT_A_UID,
			 from_kuid_munged(net->user_ns,
					  KUIDT_INIT(meta->uid))) ||
	     nla_put_u32(msg, SSF_EVENT_A_KUID, meta->uid)))
		return -EMSGSIZE;
	return 0;
}

/* An event message being built, and the suppressed count it carries. */
struct ssf_ev_msg {
	struct sk_buff *skb;
	void *hdr;
	struct nlattr *nest;
	u32 carried;
};

/*
 * An event that cannot be sent: freed, and counted as suppressed together
 * with the count it was carrying (so no suppressed event is ever lost).
 */
static void ssf_event_lost(struct ssf_net *sn, struct ssf_ev_msg *m)
{
	nlmsg_free(m->skb);
	atomic_add(m->carried + 1, &sn->ev_suppressed);
}

/* Start an event message; false (and one more suppressed) on failure. */
static bool ssf_event_new(struct ssf_net *sn, struct ssf_ev_msg *m, u8 type)
{
	m->carried = 0;
	m->skb = genlmsg_new(ssf_event_size(), GFP_ATOMIC);
	if (!m->skb) {
		atomic_inc(&sn->ev_suppressed);
		return false;
	}
	m->carried = atomic_xchg(&sn->ev_suppressed, 0);
	m->hdr = genlmsg_put(m->skb, 0, 0, &ssf_genl_family, 0,
			     SSF_CMD_EVENT);
	if (!m->hdr)
		goto lost;
	m->nest = nla_nest_start(m->skb, SSF_A_EVENT);
	if (!m->nest || nla_put_u8(m->skb, SSF_EVENT_A_TYPE, type) ||
	    nla_put_u32(m->skb, SSF_EVENT_A_SUPPRESSED, m->carried))
		goto lost;
	return true;

lost:
	ssf_event_lost(sn, m);
	return false;
}

static void ssf_event_end(struct ssf_net *sn, struct ssf_ev_msg *m)
{
	nla_nest_end(m->skb, m->nest);
	genlmsg_end(m->skb, m->hdr);
	genlmsg_multicast_netns(&ssf_genl_family, sn->net, m->skb, 0,
				SSF_MCGRP_EVENTS_ID, GFP_ATOMIC);
}

void ssf_event_send(struct ssf_net *sn, const struct ssf_event *ev)
{
	struct ssf_ev_msg m;
	struct sk_buff *msg;

	if (!ssf_event_wanted(sn))
		return;
	if (!__ratelimit(&sn->ev_rs)) {
		atomic_inc(&sn->ev_suppressed);
		return;
	}
	if (!ssf_event_new(sn, &m, ev->type))
		return;
	msg = m.skb;
	if ((ev->dir != SSF_EV_NO_DIR &&
	     nla_put_u8(msg, SSF_EVENT_A_DIR, ev->dir)) ||
	    nla_put_u8(msg, SSF_EVENT_A_ACTION, ev->action) ||
	    (ev->rule_id && nla_put_u32(msg, SSF_EVENT_A_RULE_ID, ev->rule_id)) ||
	    (ev->ct_state &&
	     nla_put_u32(msg, SSF_EVENT_A_CT_STATE, ev->ct_state)) ||
	    (ev->reason != SSF_EV_NO_REASON &&
	     nla_put_string(msg, SSF_EVENT_A_REASON,
			    ssf_reason_name(ev->reason))) ||
	    ssf_event_put_pkt(msg, ev->pkt) ||
	    (ev->meta && ssf_event_put_meta(msg, sn->net, ev->meta))) {
		ssf_event_lost(sn, &m);
		return;
	}
	ssf_event_end(sn, &m);
}

/* Not rate-limited: one per expired commit-confirm. Process context. */
void ssf_event_revert(struct ssf_net *sn, u64 gen)
{
	struct ssf_ev_msg m;

	if (!ssf_event_wanted(sn))
		return;
	if (!ssf_event_new(sn, &m, SSF_EVENT_REVERT))
		return;
	if (nla_put_u64_64bit(m.skb, SSF_EVENT_A_GENERATION, gen,
			      SSF_EVENT_A_PAD)) {
		ssf_event_lost(sn, &m);
		return;
	}
	ssf_event_end(sn, &m);
}
