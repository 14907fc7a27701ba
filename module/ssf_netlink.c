// SPDX-License-Identifier: GPL-2.0
/*
 * The "ssf" generic netlink family (see uapi/linux/ssf.h for the ABI).
 *
 * Ranges and lengths are enforced by the nla_policy tables below; handlers
 * check presence and cross-attribute rules and explain every rejection
 * through extack. A failed request changes nothing.
 *
 * Locking: every command that reads or writes writer-side state takes the
 * netns' ssf_net.lock (a mutex; genetlink handlers may sleep). The rule dump
 * reads the published policy under rcu_read_lock() and flags itself
 * inconsistent (NLM_F_DUMP_INTR) when the generation moves between parts.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ssf_netlink.h"
#include "ssf_nl.h"
#include "ssf_net.h"
#include "ssf_txn.h"

static const struct nla_policy ssf_defaults_policy[SSF_DEFAULTS_A_MAX + 1] = {
	[SSF_DEFAULTS_A_IN] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
	[SSF_DEFAULTS_A_OUT] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
	[SSF_DEFAULTS_A_FWD] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
};

/* Per-command policies: an attribute a command does not take is rejected. */
static const struct nla_policy ssf_none_policy[SSF_A_MAX + 1] = {};

static const struct nla_policy ssf_rule_add_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_RULE] = NLA_POLICY_NESTED(ssf_rule_policy),
};

static const struct nla_policy ssf_rule_del_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_RULE_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy ssf_policy_add_policy[SSF_A_MAX + 1] = {
	[SSF_A_DEFAULTS] = NLA_POLICY_NESTED(ssf_defaults_policy),
	[SSF_A_MODE] = NLA_POLICY_MAX(NLA_U8, SSF_MODE_MAX),
	[SSF_A_RULES] = NLA_POLICY_NESTED_ARRAY(ssf_rule_policy),
	[SSF_A_VALIDATE] = NLA_POLICY_NESTED_ARRAY(ssf_check_policy),
	[SSF_A_IP6_EXTHDR_MAX] = NLA_POLICY_MAX(NLA_U8, SSF_IP6_EXTHDR_MAX_LIMIT),
};

static const struct nla_policy ssf_validate_set_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_VALIDATE] = NLA_POLICY_NESTED_ARRAY(ssf_check_policy),
	[SSF_A_IP6_EXTHDR_MAX] = NLA_POLICY_MAX(NLA_U8, SSF_IP6_EXTHDR_MAX_LIMIT),
};

static const struct nla_policy ssf_commit_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_COMMIT_FLAGS] = NLA_POLICY_MASK(NLA_U32, SSF_COMMIT_F_CHECK),
	[SSF_A_CONFIRM_TIMEOUT] = NLA_POLICY_RANGE(NLA_U32, 1,
						   SSF_CONFIRM_TIMEOUT_MAX),
};

static const struct nla_policy ssf_mode_set_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_MODE] = NLA_POLICY_MAX(NLA_U8, SSF_MODE_MAX),
};

/*
 * Point extack at @attr with @msg, a message that is not a literal (it
 * comes from the shared checker, whose messages are string constants).
 */
void ssf_extack_set(struct netlink_ext_ack *extack,
			   const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

int ssf_check_generation(struct ssf_net *sn, struct genl_info *info)
{
	struct nlattr *a = info->attrs[SSF_A_GENERATION];

	if (a && nla_get_u64(a) != sn->generation) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "policy changed since you read it");
		return -EBUSY;
	}
	return 0;
}

static int ssf_put_defaults(struct sk_buff *skb, const u8 *defaults)
{
	struct nlattr *nest = nla_nest_start(skb, SSF_A_DEFAULTS);

	if (!nest ||
	    nla_put_u8(skb, SSF_DEFAULTS_A_IN, defaults[SSF_DIR_IN]) ||
	    nla_put_u8(skb, SSF_DEFAULTS_A_OUT, defaults[SSF_DIR_OUT]) ||
	    nla_put_u8(skb, SSF_DEFAULTS_A_FWD, defaults[SSF_DIR_FWD]))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Allocate a reply to @info for command @cmd; NULL on failure. */
struct sk_buff *ssf_reply_new(struct genl_info *info, u8 cmd, void **hdr)
{
	struct sk_buff *msg = genlmsg_new(2 * NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &ssf_genl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int ssf_nl_status_get(struct sk_buff *skb, struct genl_info *info)
{
	static const u8 accept_all[SSF_DIR_MAX + 1];
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
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
	      ssf_put_defaults(msg, p ? p->defaults : accept_all) ||
	      nla_put_u32(msg, SSF_A_OBJECTS, atomic_read(&sn->objects)) ||
	      nla_put_u32(msg, SSF_A_NEXT_ID, sn->next_id) ||
	      nla_put_u8(msg, SSF_A_MODE, p ? p->mode : SSF_MODE_ENFORCE) ||
	      nla_put_u32(msg, SSF_A_MAX_RULES, ssf_max_rules) ||
	      (sn->confirm.pending &&
	       nla_put_u32(msg, SSF_A_CONFIRM_LEFT, ssf_confirm_left(sn)));
	mutex_unlock(&sn->lock);
	if (ret) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int ssf_reply_generation(struct genl_info *info, u8 cmd, u64 gen,
			 int id_attr, u32 id)
{
	struct sk_buff *msg;
	void *hdr;

	msg = ssf_reply_new(info, cmd, &hdr);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u64_64bit(msg, SSF_A_GENERATION, gen, SSF_A_PAD) ||
	    (id_attr && nla_put_u32(msg, id_attr, id))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Build a copy of @old with rule @skip left out (U32_MAX: none) and room
 * for @extra more rules at the end; kept rules share their counters.
 */
struct ssf_policy *ssf_policy_edit(struct ssf_net *sn,
				   const struct ssf_policy *old, u32 skip,
				   u32 extra)
{
	u32 n = old ? old->nrules : 0, i, j = 0;
	struct ssf_policy *p;

	p = ssf_policy_alloc(sn, n - (skip < n ? 1 : 0) + extra);
	if (!p)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == skip)
			continue;
		p->rules[j].rule = old->rules[i].rule;
		ssf_policy_share_ctr(&p->rules[j], &old->rules[i]);
		j++;
	}
	if (old) {
		memcpy(p->defaults, old->defaults, sizeof(p->defaults));
		p->mode = old->mode;
		p->check = old->check;
	}
	p->generation = sn->generation + 1;
	return p;
}

static int ssf_nl_rule_add(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct ssf_policy *old, *p;
	struct ssf_prule *pr;
	struct ssf_rule r;
	u64 gen;
	u32 id;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_RULE))
		return -EINVAL;
	ret = ssf_decode_rule(info->attrs[SSF_A_RULE], &r,
			      ssf_nl_userns(skb), info->extack);
	if (ret)
		return ret;

	mutex_lock(&sn->lock);
	ret = ssf_check_generation(sn, info);
	if (ret)
		goto out_unlock;
	old = ssf_net_policy(sn);
	if (old && old->nrules >= ssf_max_rules) {
		NL_SET_ERR_MSG(info->extack,
			       "rule limit reached (module parameter max_rules)");
		ret = -E2BIG;
		goto out_unlock;
	}
	p = ssf_policy_edit(sn, old, U32_MAX, 1);
	if (!p) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	pr = &p->rules[p->nrules - 1];
	pr->rule = r;
	pr->rule.id = sn->next_id;
	ret = ssf_policy_new_ctr(pr);
	if (ret) {
		ssf_policy_free(p);
		goto out_unlock;
	}
	ret = ssf_net_publish(sn, p, info->extack);
	if (ret)
		goto out_unlock;
	id = sn->next_id++;
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	return ssf_reply_generation(info, SSF_CMD_RULE_ADD, gen,
				    SSF_A_RULE_ID, id);

out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_rule_del(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct ssf_policy *old, *p;
	u32 id, i;
	u64 gen;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_RULE_ID))
		return -EINVAL;
	id = nla_get_u32(info->attrs[SSF_A_RULE_ID]);

	mutex_lock(&sn->lock);
	ret = ssf_check_generation(sn, info);
	if (ret)
		goto out_unlock;
	old = ssf_net_policy(sn);
	for (i = 0; old && i < old->nrules; i++)
		if (old->rules[i].rule.id == id)
			break;
	if (!old || i == old->nrules) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[SSF_A_RULE_ID],
				    "no rule with this id");
		ret = -ENOENT;
		goto out_unlock;
	}
	p = ssf_policy_edit(sn, old, i, 0);
	if (!p) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	ret = ssf_net_publish(sn, p, info->extack);
	if (ret)
		goto out_unlock;
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	return ssf_reply_generation(info, SSF_CMD_RULE_DEL, gen, 0, 0);

out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ssf_net *sn = ssf_pernet(sock_net(skb->sk));
	const struct ssf_policy *p;
	u32 i = cb->args[0];
	int ret = 0;
	void *hdr;

	rcu_read_lock();
	p = rcu_dereference(sn->policy);
	/* generation + 1 so that a dump of "no policy" still has a seq */
	cb->seq = p ? p->generation + 1 : 1;
	for (; p && i < p->nrules; i++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &ssf_genl_family,
				  NLM_F_MULTI, SSF_CMD_RULE_GET);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_u64_64bit(skb, SSF_A_GENERATION, p->generation,
				      SSF_A_PAD) ||
		    ssf_put_rule(skb, &p->rules[i], ssf_nl_userns(cb->skb))) {
			genlmsg_cancel(skb, hdr);
			ret = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	/* a full skb ends this part; the core calls us again */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ?: skb->len;
}

static int ssf_nl_policy_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	int ret = 0;

	mutex_lock(&sn->lock);
	if (ssf_txn_find(sn, info->snd_portid)) {
		NL_SET_ERR_MSG(info->extack,
			       "a transaction is already open on this socket");
		ret = -EBUSY;
	} else if (!ssf_txn_begin(sn, info->snd_portid)) {
		ret = -ENOMEM;
	}
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_decode_defaults(const struct nlattr *nest, u8 *defaults,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SSF_DEFAULTS_A_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, SSF_DEFAULTS_A_MAX, nest,
			       ssf_defaults_policy, extack);
	if (ret)
		return ret;
	if (tb[SSF_DEFAULTS_A_IN])
		defaults[SSF_DIR_IN] = nla_get_u8(tb[SSF_DEFAULTS_A_IN]);
	if (tb[SSF_DEFAULTS_A_OUT])
		defaults[SSF_DIR_OUT] = nla_get_u8(tb[SSF_DEFAULTS_A_OUT]);
	if (tb[SSF_DEFAULTS_A_FWD])
		defaults[SSF_DIR_FWD] = nla_get_u8(tb[SSF_DEFAULTS_A_FWD]);
	return 0;
}

/* Stage defaults and rules in the socket's transaction; any error aborts it. */
static int ssf_nl_policy_add(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	u8 defaults[SSF_DIR_MAX + 1];
	struct ssf_txn *t;
	struct nlattr *a;
	struct ssf_rule r;
	int rem, ret = 0;

	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, info->snd_portid);
	if (!t) {
		NL_SET_ERR_MSG(info->extack,
			       "no open transaction on this socket (begin first)");
		ret = -ENOENT;
		goto out_unlock;
	}
	if (info->attrs[SSF_A_DEFAULTS]) {
		memcpy(defaults, t->defaults, sizeof(defaults));
		ret = ssf_decode_defaults(info->attrs[SSF_A_DEFAULTS],
					  defaults, info->extack);
		if (ret)
			goto out_abort;
		memcpy(t->defaults, defaults, sizeof(defaults));
	}
	if (info->attrs[SSF_A_MODE])
		t->mode = nla_get_u8(info->attrs[SSF_A_MODE]);
	if (info->attrs[SSF_A_VALIDATE] || info->attrs[SSF_A_IP6_EXTHDR_MAX]) {
		ret = ssf_decode_validate(info, &t->check);
		if (ret)
			goto out_abort;
	}
	if (info->attrs[SSF_A_RULES]) {
		nla_for_each_nested(a, info->attrs[SSF_A_RULES], rem) {
			ret = ssf_decode_rule(a, &r, ssf_nl_userns(skb),
					      info->extack);
			if (ret)
				goto out_abort;
			ret = ssf_txn_add_rule(t, &r);
			if (ret == -E2BIG)
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "rule limit reached (module parameter max_rules)");
			if (ret)
				goto out_abort;
		}
	}
	mutex_unlock(&sn->lock);
	return 0;

out_abort:
	ssf_txn_free(sn, t);
out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_policy_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct nlattr *a;
	u32 flags = 0, confirm = 0;
	struct ssf_txn *t;
	u64 gen;
	int ret;

	a = info->attrs[SSF_A_COMMIT_FLAGS];
	if (a)
		flags = nla_get_u32(a);
	a = info->attrs[SSF_A_CONFIRM_TIMEOUT];
	if (a)
		confirm = nla_get_u32(a);
	if (confirm && (flags & SSF_COMMIT_F_CHECK)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a check commits nothing to confirm");
		return -EINVAL;
	}

	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, info->snd_portid);
	if (!t) {
		NL_SET_ERR_MSG(info->extack,
			       "no open transaction on this socket (begin first)");
		ret = -ENOENT;
		goto out_unlock;
	}
	ret = ssf_check_generation(sn, info);
	if (ret) {
		ssf_txn_free(sn, t);
		goto out_unlock;
	}
	ret = ssf_txn_commit(sn, t, flags, confirm, info->extack); /* frees t */
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	if (ret)
		return ret;
	return ssf_reply_generation(info, SSF_CMD_POLICY_COMMIT, gen, 0, 0);

out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_policy_confirm(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	u64 gen;
	int ret;

	mutex_lock(&sn->lock);
	ret = ssf_confirm_keep(sn);
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	if (ret) {
		NL_SET_ERR_MSG(info->extack, "no commit is waiting for a confirm");
		return ret;
	}
	return ssf_reply_generation(info, SSF_CMD_POLICY_CONFIRM, gen, 0, 0);
}

static int ssf_nl_mode_set(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct ssf_policy *p;
	u64 gen;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_MODE))
		return -EINVAL;
	mutex_lock(&sn->lock);
	ret = ssf_check_generation(sn, info);
	if (ret)
		goto out_unlock;
	p = ssf_policy_edit(sn, ssf_net_policy(sn), U32_MAX, 0);
	if (!p) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	p->mode = nla_get_u8(info->attrs[SSF_A_MODE]);
	ret = ssf_net_publish(sn, p, info->extack);	/* frees p on error */
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	if (ret)
		return ret;
	return ssf_reply_generation(info, SSF_CMD_MODE_SET, gen, 0, 0);

out_unlock:
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_policy_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
	struct ssf_txn *t;
	int ret = 0;

	mutex_lock(&sn->lock);
	t = ssf_txn_find(sn, info->snd_portid);
	if (t) {
		ssf_txn_free(sn, t);
	} else {
		NL_SET_ERR_MSG(info->extack, "no open transaction on this socket");
		ret = -ENOENT;
	}
	mutex_unlock(&sn->lock);
	return ret;
}

static int ssf_nl_policy_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));

	mutex_lock(&sn->lock);
	ssf_net_flush(sn);
	mutex_unlock(&sn->lock);
	return 0;
}

static int ssf_put_dstats(struct sk_buff *skb, int attr, const u64 *v)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_PACKETS, v[SSF_DSTAT_PACKETS],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_ACCEPTED, v[SSF_DSTAT_ACCEPTED],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_DROPPED, v[SSF_DSTAT_DROPPED],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_DEFAULT, v[SSF_DSTAT_DEFAULT],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_UNPARSED, v[SSF_DSTAT_UNPARSED],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_REJECTED, v[SSF_DSTAT_REJECTED],
			      SSF_DSTATS_A_PAD) ||
	    nla_put_u64_64bit(skb, SSF_DSTATS_A_AUDITED, v[SSF_DSTAT_AUDITED],
			      SSF_DSTATS_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int ssf_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	static const int dir_attr[SSF_DIR_MAX + 1] = {
		[SSF_DIR_IN] = SSF_STATS_A_IN,
		[SSF_DIR_OUT] = SSF_STATS_A_OUT,
		[SSF_DIR_FWD] = SSF_STATS_A_FWD,
	};
	struct ssf_net *sn = ssf_pernet(genl_info_net(info));
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
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

#define SSF_OP(_cmd, _doit, _policy)					\
	{								\
		.cmd = (_cmd),						\
		.doit = (_doit),					\
		.policy = (_policy),					\
		.maxattr = ARRAY_SIZE(_policy) - 1,			\
		.flags = GENL_UNS_ADMIN_PERM,				\
	}

static const struct genl_ops ssf_genl_ops[] = {
	SSF_OP(SSF_CMD_STATUS_GET, ssf_nl_status_get, ssf_none_policy),
	SSF_OP(SSF_CMD_RULE_ADD, ssf_nl_rule_add, ssf_rule_add_policy),
	SSF_OP(SSF_CMD_RULE_DEL, ssf_nl_rule_del, ssf_rule_del_policy),
	{
		.cmd = SSF_CMD_RULE_GET,
		.dumpit = ssf_nl_rule_dump,
		.policy = ssf_none_policy,
		.maxattr = ARRAY_SIZE(ssf_none_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	SSF_OP(SSF_CMD_POLICY_BEGIN, ssf_nl_policy_begin, ssf_none_policy),
	SSF_OP(SSF_CMD_POLICY_ADD, ssf_nl_policy_add, ssf_policy_add_policy),
	SSF_OP(SSF_CMD_POLICY_COMMIT, ssf_nl_policy_commit, ssf_commit_policy),
	SSF_OP(SSF_CMD_POLICY_ABORT, ssf_nl_policy_abort, ssf_none_policy),
	SSF_OP(SSF_CMD_POLICY_FLUSH, ssf_nl_policy_flush, ssf_none_policy),
	SSF_OP(SSF_CMD_STATS_GET, ssf_nl_stats_get, ssf_none_policy),
	SSF_OP(SSF_CMD_VALIDATE_GET, ssf_nl_validate_get, ssf_none_policy),
	SSF_OP(SSF_CMD_VALIDATE_SET, ssf_nl_validate_set,
	       ssf_validate_set_policy),
	SSF_OP(SSF_CMD_POLICY_CONFIRM, ssf_nl_policy_confirm, ssf_none_policy),
	SSF_OP(SSF_CMD_MODE_SET, ssf_nl_mode_set, ssf_mode_set_policy),
};

/* Events tell who talks to whom: joining needs CAP_NET_ADMIN in the netns. */
static const struct genl_multicast_group ssf_mcgrps[] = {
	[SSF_MCGRP_EVENTS_ID] = {
		.name = SSF_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family ssf_genl_family __ro_after_init = {
	.name = SSF_GENL_NAME,
	.version = SSF_GENL_VERSION,
	.maxattr = SSF_A_MAX,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = ssf_genl_ops,
	.n_ops = ARRAY_SIZE(ssf_genl_ops),
	.mcgrps = ssf_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ssf_mcgrps),
	.resv_start_op = SSF_CMD_MAX + 1,
};

int ssf_genl_init(void)
{
	return genl_register_family(&ssf_genl_family);
}

void ssf_genl_exit(void)
{
	genl_unregister_family(&ssf_genl_family);
}
