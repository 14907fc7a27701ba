/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interface between the files of the "ssf" genetlink family:
 * ssf_netlink.c (family, op table, reply helpers, the edit skeleton) and
 * one file per object: ssf_nl_rule.c, ssf_nl_txn.c, ssf_nl_stats.c,
 * ssf_nl_validate.c.
 */
#ifndef _SSF_NL_H
#define _SSF_NL_H

#include <net/genetlink.h>
#include <net/sock.h>

#include "ssf_net.h"

extern struct genl_family ssf_genl_family;
extern const struct nla_policy ssf_check_policy[SSF_CHECK_A_MAX + 1];
extern const struct nla_policy ssf_rule_policy[SSF_RULE_A_MAX + 1];
extern const struct nla_policy ssf_defaults_policy[SSF_DEFAULTS_A_MAX + 1];
extern const struct nla_policy ssf_set_policy[SSF_SET_A_MAX + 1];
extern const struct nla_policy ssf_set_policy_one[SSF_A_MAX + 1];

struct ssf_txn;

/* Index of SSF_MCGRP_EVENTS in the family's multicast groups. */
#define SSF_MCGRP_EVENTS_ID	0

/* The user namespace ids in a request or dump are read and shown in. */
static inline struct user_namespace *ssf_nl_userns(const struct sk_buff *skb)
{
	return sk_user_ns(NETLINK_CB(skb).sk);
}

static inline struct ssf_net *ssf_nl_net(struct genl_info *info)
{
	return ssf_pernet(genl_info_net(info));
}

/*
 * Where the set names of a rule are looked up: the sets a policy
 * transaction declared (@t), or those of the published policy (@p).
 */
struct ssf_set_names {
	const struct ssf_txn *t;
	const struct ssf_policy *p;
};

/* ssf_netlink.c: reply helpers */
void ssf_extack_set(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *msg);
int ssf_nl_gen_expect(struct ssf_net *sn, struct genl_info *info);
bool ssf_nl_retry(int *ret, bool *replayed, u32 missing,
		  struct netlink_ext_ack *extack);
struct sk_buff *ssf_reply_new(struct genl_info *info, u8 cmd, void **hdr);
int ssf_reply_send(struct genl_info *info, struct sk_buff *msg, void *hdr);
int ssf_reply_generation_send(struct genl_info *info, struct sk_buff *msg,
			      void *hdr, u64 gen, int id_attr, u32 id);

/*
 * One edit of the published policy (ssf_nl_edit()), under sn->lock:
 * @prepare (optional) looks at the published policy @old (NULL: none) and
 * may refuse the edit or set @skip and @extra (U32_MAX and 0 unless it
 * does); the edit then copies @old
 * (rules shared with their counters, defaults, mode, checks) leaving out
 * rule @skip and making room for @extra rules at the end, and @build
 * changes the copy. A non-zero return from either abandons the edit with
 * that error. @build may set @reply_id, sent back as SSF_A_RULE_ID. Both
 * may run twice for one request (ssf_nl_edit() replays an edit that had to
 * wait for a module to load), each time on the then published policy.
 */
struct ssf_edit {
	u8 cmd;
	struct sk_buff *skb;		/* the request */
	u32 skip;			/* index of a rule to leave out, or U32_MAX */
	u32 extra;
	int (*prepare)(struct ssf_net *sn, const struct ssf_policy *old,
		       struct genl_info *info, struct ssf_edit *e);
	int (*build)(struct ssf_net *sn, struct ssf_policy *p,
		     struct genl_info *info, struct ssf_edit *e);
	void *arg;
	u32 reply_id;
};
int ssf_nl_edit(struct genl_info *info, struct ssf_edit *e);

/* ssf_nl_rule.c */
int ssf_decode_rule(const struct nlattr *nest, struct ssf_rule *r,
		    struct ssf_rule_text *t, struct user_namespace *ns,
		    const struct ssf_set_names *names,
		    struct netlink_ext_ack *extack);
int ssf_nl_rule_add(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_rule_del(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_rule_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* ssf_nl_txn.c: transactions, commit-confirm, mode, flush */
int ssf_put_defaults(struct sk_buff *skb, const u8 *defaults);
int ssf_nl_policy_begin(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_policy_add(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_policy_commit(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_policy_abort(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_policy_flush(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_policy_confirm(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_mode_set(struct sk_buff *skb, struct genl_info *info);

/* ssf_nl_set.c */
int ssf_nl_stage_sets(struct ssf_net *sn, struct ssf_txn *t,
		      struct genl_info *info);
int ssf_nl_set_change(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_set_dump(struct sk_buff *skb, struct netlink_callback *cb);
int ssf_nl_set_test(struct sk_buff *skb, struct genl_info *info);

/* ssf_nl_stats.c */
int ssf_nl_status_get(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_stats_get(struct sk_buff *skb, struct genl_info *info);

/* ssf_nl_validate.c */
int ssf_decode_validate(struct genl_info *info, struct ssf_check_cfg *cfg);
int ssf_put_validate(struct sk_buff *skb, struct ssf_net *sn);
int ssf_nl_validate_get(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_validate_set(struct sk_buff *skb, struct genl_info *info);

#endif /* _SSF_NL_H */
