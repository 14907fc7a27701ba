/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every line ssf writes to the kernel log about traffic or policy: rule
 * log lines (nf_log), audit lines (rules, defaults, validation checks) and
 * commit-confirm reverts.
 */
#ifndef _SSF_LOG_H
#define _SSF_LOG_H

#include <linux/netfilter.h>

#include "ssf_net.h"

/* "established" for SSF_CT_ESTABLISHED, ... */
const char *ssf_ct_state_name(u8 state);

/*
 * A rule @r with the log flag matched @skb (nf_log_packet()); the line
 * starts with the log prefix of @t, the rule's texts.
 */
void ssf_log_rule(struct ssf_net *sn, const struct sk_buff *skb,
		  const struct nf_hook_state *state, const struct ssf_rule *r,
		  const struct ssf_rule_text *t, const struct ssf_meta *meta);

/*
 * "audit: would <drop|reject> (<by>): ..." for a packet that passes only
 * because of an audit rule, audit mode or an audit check. @by is
 * "rule <id>", "default" or "check <name>"; @meta may be NULL.
 */
void ssf_log_audit(struct ssf_net *sn, const struct nf_hook_state *state,
		   const struct ssf_pkt *pkt, const struct ssf_meta *meta,
		   u8 action, const char *by);

/* A commit-confirm expired: the revert to generation @gen, or error @err. */
void ssf_log_revert(struct ssf_net *sn, int err, u64 gen);

#endif /* _SSF_LOG_H */
