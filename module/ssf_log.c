// SPDX-License-Identifier: GPL-2.0
/*
 * One path for every kernel log line ssf writes, so that no tenant can
 * flood the host's log: a line is written only when
 *  - the netns is the initial one or net.netfilter.nf_log_all_netns is 1
 *    (the rule iptables' LOG and nftables' log follow: a container's
 *    traffic is not logged to the host unless the host admin asks), and
 *  - the netns' own rate limit (module parameter log_rate, lines a
 *    second) allows it. The kernel's shared net_ratelimit() budget is not
 *    used, so one netns cannot silence another's warnings.
 * Owner uids are printed as kernel-global ids (what the host admin reading
 * the log sees in /proc), and also as the netns' user namespace sees them
 * when that differs.
 *
 * Locking: the rate limiter is a trylock, never waited on. Called from
 * the hooks under rcu_read_lock() and from process context.
 */
#include <linux/netdevice.h>
#include <linux/uidgid.h>
#include <net/netfilter/nf_log.h>

#include "ssf_log.h"

static bool ssf_log_ok(struct ssf_net *sn)
{
	if (!net_eq(sn->net, &init_net) && !READ_ONCE(sysctl_nf_log_all_netns))
		return false;
	return __ratelimit(&sn->log_rs);
}

/* " uid=<kernel uid>[ nsuid=<uid in the netns' user namespace>]" */
static void ssf_log_uid(char *buf, size_t size, struct net *net,
			const struct ssf_meta *meta)
{
	struct user_namespace *ns = net->user_ns;
	u32 nsuid;

	buf[0] = '\0';
	if (!meta || !(meta->flags & SSF_META_OWNER))
		return;
	nsuid = from_kuid_munged(ns, KUIDT_INIT(meta->uid));
	if (ns == &init_user_ns || nsuid == meta->uid)
		snprintf(buf, size, " uid=%u", meta->uid);
	else
		snprintf(buf, size, " uid=%u nsuid=%u", meta->uid, nsuid);
}

const char *ssf_ct_state_name(u8 state)
{
	switch (state) {
	case SSF_CT_NEW:
		return "new";
	case SSF_CT_ESTABLISHED:
		return "established";
	case SSF_CT_RELATED:
		return "related";
	case SSF_CT_INVALID:
		return "invalid";
	case SSF_CT_UNTRACKED:
		return "untracked";
	}
	return "?";
}

void ssf_log_rule(struct ssf_net *sn, const struct sk_buff *skb,
		  const struct nf_hook_state *state, const struct ssf_rule *r,
		  const struct ssf_rule_text *t, const struct ssf_meta *meta)
{
	struct nf_loginfo li = {
		.type = NF_LOG_TYPE_LOG,
		.u.log = { .level = LOGLEVEL_WARNING },
	};
	char uid[40];

	if (!ssf_log_ok(sn))
		return;
	ssf_log_uid(uid, sizeof(uid), state->net, meta);
	nf_log_packet(state->net, state->pf, state->hook, skb, state->in,
		      state->out, &li, "%s%srule=%u%s%s%s ", t->log_prefix,
		      t->log_prefix[0] ? " " : "", r->id, uid,
		      r->match & SSF_RM_CT ? " ct=" : "",
		      r->match & SSF_RM_CT ? ssf_ct_state_name(meta->ct_state) :
		      "");
}

void ssf_log_audit(struct ssf_net *sn, const struct nf_hook_state *state,
		   const struct ssf_pkt *pkt, const struct ssf_meta *meta,
		   u8 action, const char *by)
{
	const struct net_device *dev = state->in ?: state->out;
	const char *what = action == SSF_ACT_REJECT ? "reject" : "drop";
	const char *ifname = dev ? dev->name : "?";
	char uid[40];

	if (!ssf_log_ok(sn))
		return;
	ssf_log_uid(uid, sizeof(uid), state->net, meta);
	if (pkt->family == SSF_FAMILY_IPV4)
		pr_info("audit: would %s (%s): dev %s proto %u %pI4 -> %pI4%s\n",
			what, by, ifname, pkt->proto, &pkt->saddr.w[0],
			&pkt->daddr.w[0], uid);
	else
		pr_info("audit: would %s (%s): dev %s proto %u %pI6c -> %pI6c%s\n",
			what, by, ifname, pkt->proto, pkt->saddr.b,
			pkt->daddr.b, uid);
}

void ssf_log_revert(struct ssf_net *sn, int err, u64 gen)
{
	if (!ssf_log_ok(sn))
		return;
	if (err)
		pr_err("commit not confirmed in time, but restoring the previous policy failed (%d); the unconfirmed policy stays\n",
		       err);
	else
		pr_info("commit not confirmed in time: previous policy restored (generation %llu)\n",
			gen);
}
