/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interface between the files of the "ssf" genetlink family. */
#ifndef _SSF_NL_H
#define _SSF_NL_H

#include <net/genetlink.h>
#include <net/sock.h>

#include "ssf_net.h"

extern struct genl_family ssf_genl_family;
extern const struct nla_policy ssf_check_policy[SSF_CHECK_A_MAX + 1];
extern const struct nla_policy ssf_rule_policy[SSF_RULE_A_MAX + 1];

/* Index of SSF_MCGRP_EVENTS in the family's multicast groups. */
#define SSF_MCGRP_EVENTS_ID	0

/* The user namespace ids in a request or dump are read and shown in. */
static inline struct user_namespace *ssf_nl_userns(const struct sk_buff *skb)
{
	return sk_user_ns(NETLINK_CB(skb).sk);
}

void ssf_extack_set(struct netlink_ext_ack *extack, const struct nlattr *attr,
		    const char *msg);
int ssf_check_generation(struct ssf_net *sn, struct genl_info *info);
struct sk_buff *ssf_reply_new(struct genl_info *info, u8 cmd, void **hdr);
int ssf_reply_generation(struct genl_info *info, u8 cmd, u64 gen,
			 int id_attr, u32 id);
struct ssf_policy *ssf_policy_edit(struct ssf_net *sn,
				   const struct ssf_policy *old, u32 skip,
				   u32 extra);

/* ssf_nl_rule.c */
int ssf_decode_rule(const struct nlattr *nest, struct ssf_rule *r,
		    struct user_namespace *ns, struct netlink_ext_ack *extack);
int ssf_put_rule(struct sk_buff *skb, const struct ssf_prule *pr,
		 struct user_namespace *ns);

/* ssf_nl_validate.c */
int ssf_decode_validate(struct genl_info *info, struct ssf_check_cfg *cfg);
int ssf_put_validate(struct sk_buff *skb, struct ssf_net *sn);
int ssf_nl_validate_get(struct sk_buff *skb, struct genl_info *info);
int ssf_nl_validate_set(struct sk_buff *skb, struct genl_info *info);

#endif /* _SSF_NL_H */
