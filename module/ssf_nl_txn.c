// SPDX-License-Identifier: GPL-2.0
/*
 * Whole-policy commands: transactions (begin, add, commit, abort), flush,
 * commit-confirm and the mode. The defaults nest (SSF_A_DEFAULTS) is
 * decoded here and encoded here for the status reply.
 *
 * Locking: every handler takes ssf_net.lock; a transaction is found by the
 * requesting socket's portid under it (ssf_txn.c).
 */
#include <net/genetlink.h>

#include "ssf_nl.h"
#include "ssf_txn.h"
#include "ssf_kmod.h"

const struct nla_policy ssf_defaults_policy[SSF_DEFAULTS_A_MAX + 1] = {
	[SSF_DEFAULTS_A_IN] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
	[SSF_DEFAULTS_A_OUT] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
	[SSF_DEFAULTS_A_FWD] = NLA_POLICY_MAX(NLA_U8, SSF_ACT_MAX),
};

static const int ssf_defaults_attr[SSF_DIR_MAX + 1] = {
	[SSF_DIR_IN] = SSF_DEFAULTS_A_IN,
	[SSF_DIR_OUT] = SSF_DEFAULTS_A_OUT,
	[SSF_DIR_FWD] = SSF_DEFAULTS_A_FWD,
};

int ssf_put_defaults(struct sk_buff *skb, const u8 *defaults)
{
	struct nlattr *nest = nla_nest_start(skb, SSF_A_DEFAULTS);
	int d;

	if (!nest)
		return -EMSGSIZE;
	for (d = 0; d <= SSF_DIR_MAX; d++)
		if (nla_put_u8(skb, ssf_defaults_attr[d], defaults[d]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int ssf_decode_defaults(const struct nlattr *nest, u8 *defaults,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[SSF_DEFAULTS_A_MAX + 1];
	int d, ret;

	ret = nla_parse_nested(tb, SSF_DEFAULTS_A_MAX, nest,
			       ssf_defaults_policy, extack);
	if (ret)
		return ret;
	for (d = 0; d <= SSF_DIR_MAX; d++)
		if (tb[ssf_defaults_attr[d]])
			defaults[d] = nla_get_u8(tb[ssf_defaults_attr[d]]);
	return 0;
}

/* The open transaction of the requesting socket, or NULL with extack set. */
static struct ssf_txn *ssf_nl_txn(struct ssf_net *sn, struct genl_info *info)
{
	struct ssf_txn *t = ssf_txn_find(sn, info->snd_portid);

	if (!t)
		NL_SET_ERR_MSG(info->extack,
			       "no open transaction on this socket (begin first)");
	return t;
}

int ssf_nl_policy_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	int ret = 0;

	struct ssf_txn *t;

	mutex_lock(&sn->lock);
	if (ssf_txn_find(sn, info->snd_portid)) {
		NL_SET_ERR_MSG(info->extack,
			       "a transaction is already open on this socket");
		ret = -EBUSY;
	} else {
		t = ssf_txn_begin(sn, info->snd_portid, info->extack);
		ret = PTR_ERR_OR_ZERO(t);
	}
	mutex_unlock(&sn->lock);
	return ret;
}

/* Stage what @info carries in @t; on error @t is left as it was. */
static int ssf_nl_txn_stage(struct ssf_net *sn, struct ssf_txn *t,
			    struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_set_names names = { .t = t };
	u8 defaults[SSF_DIR_MAX + 1];
	struct ssf_txn_rule r;
	struct nlattr *a;
	int rem, ret;

	ret = ssf_txn_kind(t, SSF_TXN_POLICY, info->extack);
	if (ret)
		return ret;
	if (info->attrs[SSF_A_DEFAULTS]) {
		memcpy(defaults, t->defaults, sizeof(defaults));
		ret = ssf_decode_defaults(info->attrs[SSF_A_DEFAULTS],
					  defaults, info->extack);
		if (ret)
			return ret;
		memcpy(t->defaults, defaults, sizeof(defaults));
	}
	if (info->attrs[SSF_A_MODE])
		t->mode = nla_get_u8(info->attrs[SSF_A_MODE]);
	if (info->attrs[SSF_A_VALIDATE] || info->attrs[SSF_A_IP6_EXTHDR_MAX]) {
		ret = ssf_decode_validate(info, &t->check);
		if (ret)
			return ret;
	}
	/* before the rules: a rule names the sets declared so far */
	if (info->attrs[SSF_A_SETS]) {
		ret = ssf_nl_stage_sets(sn, t, info);
		if (ret)
			return ret;
	}
	if (!info->attrs[SSF_A_RULES])
		return 0;
	nla_for_each_nested(a, info->attrs[SSF_A_RULES], rem) {
		ret = ssf_decode_rule(a, &r.rule, &r.text, ssf_nl_userns(skb),
				      &names, info->extack);
		if (ret)
			return ret;
		ret = ssf_txn_add_rule(sn, t, &r);
		if (ret == -E2BIG)
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "rule limit reached (module parameter max_rules)");
		if (ret)
			return ret;
	}
	return 0;
}

/* Stage defaults and rules in the socket's transaction; any error aborts it. */
int ssf_nl_policy_add(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct ssf_txn *t;
	int ret = -ENOENT;

	mutex_lock(&sn->lock);
	t = ssf_nl_txn(sn, info);
	if (t) {
		ret = ssf_nl_txn_stage(sn, t, skb, info);
		if (ret)
			ssf_txn_free(sn, t);
	}
	mutex_unlock(&sn->lock);
	return ret;
}

int ssf_nl_policy_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	u32 flags = 0, confirm = 0, missing = 0;
	bool replayed = false;
	struct sk_buff *msg;
	struct ssf_txn *t;
	struct nlattr *a;
	void *hdr;
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
	msg = ssf_reply_new(info, SSF_CMD_POLICY_COMMIT, &hdr);
	if (!msg)
		return -ENOMEM;

again:
	mutex_lock(&sn->lock);
	t = ssf_nl_txn(sn, info);
	if (!t) {
		ret = -ENOENT;
		goto out_unlock;
	}
	ret = ssf_nl_gen_expect(sn, info);
	if (ret) {
		ssf_txn_free(sn, t);
		goto out_unlock;
	}
	if (t->kind == SSF_TXN_SETS) {
		if (flags || confirm) {
			NL_SET_ERR_MSG(info->extack,
				       "set changes are committed as they are (no check, no confirm)");
			ret = -EINVAL;
		} else {
			ret = ssf_txn_commit_sets(sn, t, info->extack);
		}
		ssf_txn_free(sn, t);
		if (ret)
			goto out_unlock;
		gen = sn->generation;
		mutex_unlock(&sn->lock);
		return ssf_reply_generation_send(info, msg, hdr, gen, 0, 0);
	}
	/* frees t, but on -EAGAIN: modules to load, then commit it again */
	ret = ssf_txn_commit(sn, t, flags, confirm, info->extack, &missing);
	if (ret == -EAGAIN && replayed)
		ssf_txn_free(sn, t);
	if (ret)
		goto out_unlock;
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	return ssf_reply_generation_send(info, msg, hdr, gen, 0, 0);

out_unlock:
	mutex_unlock(&sn->lock);
	if (ssf_nl_retry(&ret, &replayed, missing, info->extack))
		goto again;
	nlmsg_free(msg);
	return ret;
}

int ssf_nl_policy_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct ssf_txn *t;
	int ret = -ENOENT;

	mutex_lock(&sn->lock);
	t = ssf_nl_txn(sn, info);
	if (t) {
		ssf_txn_free(sn, t);
		ret = 0;
	}
	mutex_unlock(&sn->lock);
	return ret;
}

int ssf_nl_policy_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);

	mutex_lock(&sn->lock);
	ssf_net_flush(sn);
	mutex_unlock(&sn->lock);
	return 0;
}

int ssf_nl_policy_confirm(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct sk_buff *msg;
	void *hdr;
	u64 gen;
	int ret;

	msg = ssf_reply_new(info, SSF_CMD_POLICY_CONFIRM, &hdr);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&sn->lock);
	ret = ssf_confirm_keep(sn);
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	if (ret) {
		nlmsg_free(msg);
		NL_SET_ERR_MSG(info->extack, "no commit is waiting for a confirm");
		return ret;
	}
	return ssf_reply_generation_send(info, msg, hdr, gen, 0, 0);
}

static int ssf_mode_build(struct ssf_net *sn, struct ssf_policy *p,
			  struct genl_info *info, struct ssf_edit *e)
{
	p->mode = nla_get_u8(info->attrs[SSF_A_MODE]);
	return 0;
}

/* SSF_CMD_MODE_SET: a copy of the policy in another mode. */
int ssf_nl_mode_set(struct sk_buff *skb, struct genl_info *info)
{
	struct ssf_edit e = {
		.cmd = SSF_CMD_MODE_SET,
		.build = ssf_mode_build,
	};

	if (GENL_REQ_ATTR_CHECK(info, SSF_A_MODE))
		return -EINVAL;
	return ssf_nl_edit(info, &e);
}
