// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only commands: the netns' status and its counters.
 *
 * Locking: the status is read under ssf_net.lock (it reports writer-side
 * state: generation, next id, confirm); counters are per-cpu and summed
 * without a lock (ssf_net.c).
 */
#include <net/genetlink.h>

#include "ssf_nl.h"

int ssf_nl_status_get(struct sk_buff *skb, struct genl_info *info)
{
	static const u8 accept_all[SSF_DIR_MAX + 1];
	struct ssf_net *sn = ssf_nl_net(info);
	const struct ssf_policy *p;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = ssf_reply_new(info, SSF_CMD_STATUS_GET, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&sn->lock);
	p = ssf_net_policy(sn);
	ret = nla_put_u64_64bit(msg, SSF_A_GENERATION, sn->generation,
				SSF_A_PAD) ||
	      nla_put_u32(msg, SSF_A_RULE_COUNT, p ? p->nrules : 0) ||
	      nla_put_u8(msg, SSF_A_ACTIVE, sn->hooks_on) ||
	      nla_put_u8(msg, SSF_A_LOCKDOWN, sn->lockdown) ||
	      ssf_put_defaults(msg, p ? p->defaults : accept_all) ||
	      nla_put_u32(msg, SSF_A_OBJECTS, atomic_read(&sn->objects)) ||
	      nla_put_u32(msg, SSF_A_NEXT_ID, sn->next_id) ||
	      nla_put_u8(msg, SSF_A_MODE, p ? p->mode : SSF_MODE_ENFORCE) ||
	      nla_put_u32(msg, SSF_A_MAX_RULES, READ_ONCE(ssf_max_rules)) ||
	      nla_put_u64_64bit(msg, SSF_A_MEMORY, atomic_long_read(&sn->mem),
				SSF_A_PAD) ||
	      (sn->confirm.pending &&
	       nla_put_u32(msg, SSF_A_CONFIRM_LEFT, ssf_confirm_left(sn)));
	mutex_unlock(&sn->lock);
	if (ret) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ssf_reply_send(info, msg, hdr);
}

static const int ssf_dstats_attr[SSF_DSTAT_NUM] = {
	[SSF_DSTAT_PACKETS] = SSF_DSTATS_A_PACKETS,
	[SSF_DSTAT_ACCEPTED] = SSF_DSTATS_A_ACCEPTED,
	[SSF_DSTAT_DROPPED] = SSF_DSTATS_A_DROPPED,
	[SSF_DSTAT_DEFAULT] = SSF_DSTATS_A_DEFAULT,
	[SSF_DSTAT_UNPARSED] = SSF_DSTATS_A_UNPARSED,
	[SSF_DSTAT_REJECTED] = SSF_DSTATS_A_REJECTED,
	[SSF_DSTAT_AUDITED] = SSF_DSTATS_A_AUDITED,
};

static int ssf_put_dstats(struct sk_buff *skb, int attr, const u64 *v)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < SSF_DSTAT_NUM; i++)
		if (nla_put_u64_64bit(skb, ssf_dstats_attr[i], v[i],
				      SSF_DSTATS_A_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int ssf_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	static const int dir_attr[SSF_DIR_MAX + 1] = {
		[SSF_DIR_IN] = SSF_STATS_A_IN,
		[SSF_DIR_OUT] = SSF_STATS_A_OUT,
		[SSF_DIR_FWD] = SSF_STATS_A_FWD,
	};
	struct ssf_net *sn = ssf_nl_net(info);
	u64 v[SSF_DIR_MAX + 1][SSF_DSTAT_NUM];
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;
	int d;

	ssf_net_dstats_read(sn, v);
	msg = ssf_reply_new(info, SSF_CMD_STATS_GET, &hdr);
	if (!msg)
		return -ENOMEM;
	nest = nla_nest_start(msg, SSF_A_STATS);
	if (!nest)
		goto nla_failure;
	for (d = 0; d <= SSF_DIR_MAX; d++)
		if (ssf_put_dstats(msg, dir_attr[d], v[d]))
			goto nla_failure;
	nla_nest_end(msg, nest);
	if (ssf_put_validate(msg, sn))
		goto nla_failure;
	return ssf_reply_send(info, msg, hdr);

nla_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}
