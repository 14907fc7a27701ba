// SPDX-License-Identifier: GPL-2.0
/*
 * The "ssf" generic netlink family (see uapi/linux/ssf.h for the ABI): the
 * per-command attribute policies, the op table, reply helpers and the
 * skeleton every edit of the published policy goes through. The handlers
 * live with their object: ssf_nl_rule.c, ssf_nl_txn.c, ssf_nl_stats.c,
 * ssf_nl_validate.c.
 *
 * Ranges and lengths are enforced by the nla_policy tables; handlers check
 * presence and cross-attribute rules and explain every rejection through
 * extack. A failed request changes nothing.
 *
 * Locking: the family has parallel_ops, so the genetlink core takes no lock
 * of its own around the handlers. Every command that reads or writes
 * writer-side state takes the netns' ssf_net.lock (a mutex; handlers may
 * sleep) and none holds it while loading a module or waiting for a grace
 * period. The rule dump reads the published policy under rcu_read_lock()
 * and flags itself inconsistent (NLM_F_DUMP_INTR) when the generation
 * moves between parts.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ssf_netlink.h"
#include "ssf_nl.h"
#include "ssf_net.h"
#include "ssf_kmod.h"

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
	[SSF_A_SETS] = NLA_POLICY_NESTED_ARRAY(ssf_set_policy),
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

const struct nla_policy ssf_set_policy_one[SSF_A_MAX + 1] = {
	[SSF_A_SET] = NLA_POLICY_NESTED(ssf_set_policy),
};

static const struct nla_policy ssf_mode_set_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION] = { .type = NLA_U64 },
	[SSF_A_MODE] = NLA_POLICY_MAX(NLA_U8, SSF_MODE_MAX),
};

/*
 * Point extack at @attr with @msg, a message that is not a literal (it
 * comes from the shared rule checker, whose messages are string constants).
 */
void ssf_extack_set(struct netlink_ext_ack *extack,
		    const struct nlattr *attr, const char *msg)
{
	if (extack) {
		extack->_msg = msg;
		extack->bad_attr = attr;
	}
}

/*
 * The generation a request was based on (SSF_A_GENERATION, optional) must
 * still be the netns' one: -EBUSY otherwise. Under sn->lock.
 */
int ssf_nl_gen_expect(struct ssf_net *sn, struct genl_info *info)
{
	struct nlattr *a = info->attrs[SSF_A_GENERATION];

	lockdep_assert_held(&sn->lock);
	if (a && nla_get_u64(a) != sn->generation) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "policy changed since you read it");
		return -EBUSY;
	}
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

/* Finish and send a reply built by ssf_reply_new(); consumes @msg. */
int ssf_reply_send(struct genl_info *info, struct sk_buff *msg, void *hdr)
{
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Put the generation (and @id as @id_attr when @id_attr is set) into a
 * reply from ssf_reply_new() and send it. Cannot fail for want of room:
 * a reply is allocated before the change it reports is published, so that
 * a published change is never reported as failed.
 */
int ssf_reply_generation_send(struct genl_info *info, struct sk_buff *msg,
			      void *hdr, u64 gen, int id_attr, u32 id)
{
	if (nla_put_u64_64bit(msg, SSF_A_GENERATION, gen, SSF_A_PAD) ||
	    (id_attr && nla_put_u32(msg, id_attr, id))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return ssf_reply_send(info, msg, hdr);
}

/*
 * After a commit failed and the lock was dropped: true on its first
 * -EAGAIN, once the modules it missed were requested (the caller runs the
 * commit again); a second -EAGAIN becomes -ENOENT naming what could not be
 * loaded.
 */
bool ssf_nl_retry(int *ret, bool *replayed, u32 missing,
		  struct netlink_ext_ack *extack)
{
	if (*ret != -EAGAIN)
		return false;
	if (!*replayed) {
		ssf_kmod_request(missing);
		*replayed = true;
		return true;
	}
	ssf_extack_set(extack, NULL, ssf_kmod_errmsg(missing));
	*ret = -ENOENT;
	return false;
}

/*
 * The skeleton of every edit of the published policy: lock, generation
 * check, copy, change, publish, reply with the new generation. When the
 * new policy needs a module that is not loaded, the lock is dropped, the
 * module loaded and the whole edit done again, once.
 */
int ssf_nl_edit(struct genl_info *info, struct ssf_edit *e)
{
	struct ssf_net *sn = ssf_nl_net(info);
	struct ssf_policy *old, *p;
	bool replayed = false;
	struct sk_buff *msg;
	u32 missing = 0;
	void *hdr;
	u64 gen;
	int ret;

	msg = ssf_reply_new(info, e->cmd, &hdr);
	if (!msg)
		return -ENOMEM;
again:
	mutex_lock(&sn->lock);
	ret = ssf_nl_gen_expect(sn, info);
	if (ret)
		goto out_unlock;
	old = ssf_net_policy(sn);
	e->skip = U32_MAX;
	e->extra = 0;
	if (e->prepare) {
		ret = e->prepare(sn, old, info, e);
		if (ret)
			goto out_unlock;
	}
	p = ssf_policy_copy(sn, old, e->skip, e->extra);
	if (!p) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	ret = e->build(sn, p, info, e);
	if (ret) {
		ssf_policy_free(p);
		goto out_unlock;
	}
	ret = ssf_net_publish(sn, p, info->extack, &missing); /* frees p on error */
	if (ret)
		goto out_unlock;
	gen = sn->generation;
	mutex_unlock(&sn->lock);
	return ssf_reply_generation_send(info, msg, hdr, gen,
					 e->reply_id ? SSF_A_RULE_ID : 0,
					 e->reply_id);

out_unlock:
	mutex_unlock(&sn->lock);
	if (ssf_nl_retry(&ret, &replayed, missing, info->extack))
		goto again;
	nlmsg_free(msg);
	return ret;
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
	{
		.cmd = SSF_CMD_SET_GET,
		.dumpit = ssf_nl_set_dump,
		.policy = ssf_set_policy_one,
		.maxattr = ARRAY_SIZE(ssf_set_policy_one) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	SSF_OP(SSF_CMD_SET_CHANGE, ssf_nl_set_change, ssf_set_policy_one),
	SSF_OP(SSF_CMD_SET_TEST, ssf_nl_set_test, ssf_set_policy_one),
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
	/*
	 * Handlers serialise on their netns' ssf_net.lock, not on the
	 * genetlink core's global mutex: an ssf request (a commit of many
	 * rules, loading a module) must never make every other genetlink
	 * user of the host (iw, ethtool, NetworkManager, wg) wait.
	 */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = ssf_genl_ops,
	.n_ops = ARRAY_SIZE(ssf_genl_ops),
	.mcgrps = ssf_mcgrps,
	.n_mcgrps = ARRAY_SIZE(ssf_mcgrps),
	.resv_start_op = SSF_CMD_MAX + 1,
};

int __init ssf_genl_init(void)
{
	return genl_register_family(&ssf_genl_family);
}

void __exit ssf_genl_exit(void)
{
	genl_unregister_family(&ssf_genl_family);
}
