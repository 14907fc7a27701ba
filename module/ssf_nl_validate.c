// SPDX-License-Identifier: GPL-2.0
/*
 * Validation-check configuration over netlink: SSF_CMD_VALIDATE_GET/SET and
 * the SSF_A_VALIDATE attribute that POLICY_ADD and STATS_GET share.
 *
 * Locking: the check configuration is part of the policy object, so a
 * change publishes a new policy under ssf_net.lock like any other edit;
 * readers see the old or the new configuration, whole.
 */
#include <linux/build_bug.h>

#include "ssf_nl.h"

const struct nla_policy ssf_check_policy[SSF_CHECK_A_MAX + 1] = {
	[SSF_CHECK_A_NAME] = { .type = NLA_NUL_STRING,
			       .len = SSF_CHECK_NAME_MAX - 1 },
	[SSF_CHECK_A_ACTION] = NLA_POLICY_MAX(NLA_U8, SSF_CHECK_MAX),
	[SSF_CHECK_A_PACKETS] = { .type = NLA_REJECT,
				  .reject_message = "counters are kept by the kernel" },
};

static void ssf_nl_validate_build_checks(void)
{
	BUILD_BUG_ON((int)SSF_CHECK_OFF != (int)SSF_CHK_OFF);
	BUILD_BUG_ON((int)SSF_CHECK_AUDIT != (int)SSF_CHK_AUDIT);
	BUILD_BUG_ON((int)SSF_CHECK_DROP != (int)SSF_CHK_DROP);
	BUILD_BUG_ON(SSF_REASON_NAME_MAX + 1 > SSF_CHECK_NAME_MAX);
	BUILD_BUG_ON(SSF_IP6_EXTHDR_MAX_LIMIT != SSF_IP6_EXTHDR_LIMIT);
	BUILD_BUG_ON(SSF_R_COUNT > 64);
}

/*
 * Apply SSF_A_VALIDATE (in order) and SSF_A_IP6_EXTHDR_MAX of @info to a
 * copy of @cfg; write it back only if every entry is valid.
 */
int ssf_decode_validate(struct genl_info *info, struct ssf_check_cfg *cfg)
{
	struct nlattr *tb[SSF_CHECK_A_MAX + 1];
	struct ssf_check_cfg c = *cfg;
	const struct nlattr *a;
	int rem, ret;

	ssf_nl_validate_build_checks();
	if (info->attrs[SSF_A_VALIDATE]) {
		nla_for_each_nested(a, info->attrs[SSF_A_VALIDATE], rem) {
			const char *name;
			unsigned int r;
			u8 act;

			ret = nla_parse_nested(tb, SSF_CHECK_A_MAX, a,
					       ssf_check_policy, info->extack);
			if (ret)
				return ret;
			if (NL_REQ_ATTR_CHECK(info->extack, a, tb,
					      SSF_CHECK_A_NAME) ||
			    NL_REQ_ATTR_CHECK(info->extack, a, tb,
					      SSF_CHECK_A_ACTION)) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "a check setting needs a name and an action");
				return -EINVAL;
			}
			name = nla_data(tb[SSF_CHECK_A_NAME]);
			act = nla_get_u8(tb[SSF_CHECK_A_ACTION]);
			if (!strcmp(name, "all")) {
				for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++)
					c.action[r] = act;
				continue;
			}
			r = ssf_reason_by_name(name);
			if (r == SSF_R_NONE) {
				NL_SET_ERR_MSG_ATTR(info->extack,
						    tb[SSF_CHECK_A_NAME],
						    "unknown validation check name");
				return -EINVAL;
			}
			c.action[r] = act;
		}
	}
	if (info->attrs[SSF_A_IP6_EXTHDR_MAX])
		c.ip6_exthdr_max = nla_get_u8(info->attrs[SSF_A_IP6_EXTHDR_MAX]);
	*cfg = c;
	return 0;
}

/*
 * Put SSF_A_VALIDATE (every check: name, action, packets) and
 * SSF_A_IP6_EXTHDR_MAX. The actions are those of the published policy, or
 * the defaults when the netns has none.
 */
int ssf_put_validate(struct sk_buff *skb, struct ssf_net *sn)
{
	u64 counts[SSF_R_COUNT];
	struct ssf_check_cfg cfg;
	const struct ssf_policy *p;
	struct nlattr *nest, *chk;
	unsigned int r;

	rcu_read_lock();
	p = rcu_dereference(sn->policy);
	if (p)
		cfg = p->check;
	else
		ssf_check_cfg_init(&cfg);
	rcu_read_unlock();
	ssf_net_rstats_read(sn, counts);

	nest = nla_nest_start(skb, SSF_A_VALIDATE);
	if (!nest)
		return -EMSGSIZE;
	for (r = SSF_R_NONE + 1; r < SSF_R_COUNT; r++) {
		chk = nla_nest_start(skb, SSF_A_CHECK);
		if (!chk ||
		    nla_put_string(skb, SSF_CHECK_A_NAME, ssf_reason_name(r)) ||
		    nla_put_u8(skb, SSF_CHECK_A_ACTION,
			       min_t(u8, cfg.action[r], SSF_CHECK_DROP)) ||
		    nla_put_u64_64bit(skb, SSF_CHECK_A_PACKETS, counts[r],
				      SSF_CHECK_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, chk);
	}
	nla_nest_end(skb, nest);
	if (nla_put_u8(skb, SSF_A_IP6_EXTHDR_MAX, cfg.ip6_exthdr_max))
		return -EMSGSIZE;
	return 0;
}

int ssf_nl_validate_get(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = ssf_reply_new(info, SSF_CMD_VALIDATE_GET, &hdr);
	if (!msg)
		return -ENOMEM;
	if (ssf_put_validate(msg, sn)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ssf_reply_send(info, msg, hdr);
}

static int ssf_validate_build(struct ssf_net *sn, struct ssf_policy *p,
			      struct genl_info *info, struct ssf_edit *e)
{
	return ssf_decode_validate(info, &p->check);
}

/* SSF_CMD_VALIDATE_SET: a copy of the policy with other check settings. */
int ssf_nl_validate_set(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_edit e = {
		.cmd = SSF_CMD_VALIDATE_SET,
		.build = ssf_validate_build,
	};

	if (!info->attrs[SSF_A_VALIDATE] && !info->attrs[SSF_A_IP6_EXTHDR_MAX]) {
		NL_SET_ERR_MSG(info->extack, "nothing to set");
		return -EINVAL;
	}
	return ssf_nl_edit(info, &e);
}
