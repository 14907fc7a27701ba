// SPDX-License-Identifier: GPL-2.0
/*
 * Encoding a rule: struct ssfctl_rule -> an SSF_A_RULE nest (the attribute
 * tree of uapi/linux/ssf.h). Only what the rule matches on is sent; set
 * words by name.
 */
#include <netlink/errno.h>

#include "attrs.h"

static int ssf_put_addr(struct nl_msg *msg, u8 family, int a4, int a6,
			int aplen, const union ssf_addr *a, u8 plen)
{
	int ret;

	if (family == SSF_FAMILY_IPV4)
		ret = nla_put(msg, a4, 4, a->b);
	else
		ret = nla_put(msg, a6, 16, a->b);
	if (ret < 0)
		return ret;
	return nla_put_u8(msg, aplen, plen);
}

static int ssf_put_ports(struct nl_msg *msg, int amin, int amax, u16 min,
			 u16 max)
{
	int ret = nla_put_u16(msg, amin, min);

	if (ret < 0)
		return ret;
	return nla_put_u16(msg, amax, max);
}

static int ssf_put_range(struct nl_msg *msg, int amin, int amax, u32 min,
			 u32 max)
{
	int ret = nla_put_u32(msg, amin, min);

	if (ret < 0)
		return ret;
	return nla_put_u32(msg, amax, max);
}

/* The set words, ct state and limit of @cr. */
static int ssf_rule_put_state(struct nl_msg *msg, const struct ssfctl_rule *cr)
{
	const struct ssf_rule *r = &cr->r;
	int ret = 0, i;

	for (i = 0; i < SSF_RSET_NUM && !ret; i++)
		if (r->match & ssf_set_words[i].match)
			ret = nla_put_string(msg, ssf_set_words[i].attr,
					     cr->set[i]);
	if (!ret && (r->match & SSF_RM_CT))
		ret = nla_put_u32(msg, SSF_RULE_A_CT_STATE, r->ct_states);
	if (!ret && (r->match & SSF_RM_LIMIT)) {
		ret = nla_put_u32(msg, SSF_RULE_A_LIMIT_RATE, r->limit_rate);
		if (!ret)
			ret = nla_put_u8(msg, SSF_RULE_A_LIMIT_UNIT,
					 r->limit_unit);
		if (!ret)
			ret = nla_put_u32(msg, SSF_RULE_A_LIMIT_BURST,
					  r->limit_burst);
	}
	return ret;
}

/* The socket, interface, ICMP and flag attributes of @r. */
static int ssf_rule_put_meta(struct nl_msg *msg, const struct ssf_rule *r)
{
	int ret = 0;

	if (r->match & SSF_RM_IIF)
		ret = nla_put_string(msg, SSF_RULE_A_IIF, r->iif);
	if (!ret && (r->match & SSF_RM_OIF))
		ret = nla_put_string(msg, SSF_RULE_A_OIF, r->oif);
	if (!ret && (r->match & SSF_RM_UID))
		ret = ssf_put_range(msg, SSF_RULE_A_UID_MIN, SSF_RULE_A_UID_MAX,
				    r->uid_min, r->uid_max);
	if (!ret && (r->match & SSF_RM_GID))
		ret = ssf_put_range(msg, SSF_RULE_A_GID_MIN, SSF_RULE_A_GID_MAX,
				    r->gid_min, r->gid_max);
	if (!ret && (r->match & SSF_RM_CGROUP))
		ret = nla_put_u64(msg, SSF_RULE_A_CGROUP, r->cgroup_id);
	if (!ret && (r->match & SSF_RM_ICMP_TYPE))
		ret = nla_put_u8(msg, SSF_RULE_A_ICMP_TYPE, r->icmp_type);
	if (!ret && r->flags)
		ret = nla_put_u32(msg, SSF_RULE_A_FLAGS, r->flags);
	return ret;
}

/* The texts: log prefix and comment. */
static int ssf_rule_put_text(struct nl_msg *msg, const struct ssf_rule_text *t)
{
	int ret = 0;

	if (t->log_prefix[0])
		ret = nla_put_string(msg, SSF_RULE_A_LOG_PREFIX, t->log_prefix);
	if (!ret && t->comment[0])
		ret = nla_put_string(msg, SSF_RULE_A_COMMENT, t->comment);
	return ret;
}

int ssf_rule_put(struct nl_msg *msg, int type, const struct ssfctl_rule *cr)
{
	const struct ssf_rule *r = &cr->r;
	struct nlattr *nest;
	int ret;

	nest = nla_nest_start(msg, type | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	ret = nla_put_u8(msg, SSF_RULE_A_DIR, r->dir);
	if (ret < 0)
		goto cancel;
	ret = nla_put_u8(msg, SSF_RULE_A_ACTION, r->action);
	if (ret < 0)
		goto cancel;
	if (r->family != SSF_FAMILY_ANY) {
		ret = nla_put_u8(msg, SSF_RULE_A_FAMILY, r->family);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_PROTO) {
		ret = nla_put_u8(msg, SSF_RULE_A_PROTO, r->proto);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_SRC) {
		ret = ssf_put_addr(msg, r->family, SSF_RULE_A_SRC4,
				   SSF_RULE_A_SRC6, SSF_RULE_A_SRC_PLEN,
				   &r->src, r->src_plen);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_DST) {
		ret = ssf_put_addr(msg, r->family, SSF_RULE_A_DST4,
				   SSF_RULE_A_DST6, SSF_RULE_A_DST_PLEN,
				   &r->dst, r->dst_plen);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_SPORT) {
		ret = ssf_put_ports(msg, SSF_RULE_A_SPORT_MIN,
				    SSF_RULE_A_SPORT_MAX, r->sport_min,
				    r->sport_max);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_DPORT) {
		ret = ssf_put_ports(msg, SSF_RULE_A_DPORT_MIN,
				    SSF_RULE_A_DPORT_MAX, r->dport_min,
				    r->dport_max);
		if (ret < 0)
			goto cancel;
	}
	ret = ssf_rule_put_meta(msg, r);
	if (ret < 0)
		goto cancel;
	ret = ssf_rule_put_text(msg, &cr->t);
	if (ret < 0)
		goto cancel;
	ret = ssf_rule_put_state(msg, cr);
	if (ret < 0)
		goto cancel;
	return nla_nest_end(msg, nest);
cancel:
	nla_nest_cancel(msg, nest);
	return ret;
}
