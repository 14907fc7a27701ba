/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_ACT_H
#define _SSF_ACT_H

#include <linux/netfilter.h>

#include "ssf_net.h"

void ssf_act_reject(struct sk_buff *skb, const struct nf_hook_state *state,
		    const struct ssf_pkt *pkt);
void ssf_act_log(struct ssf_net *sn, const struct sk_buff *skb,
		 const struct nf_hook_state *state, const struct ssf_rule *r,
		 const struct ssf_meta *meta);
void ssf_act_audit_log(struct ssf_net *sn, const struct nf_hook_state *state,
		       const struct ssf_pkt *pkt, u8 action, u32 id);

#endif /* _SSF_ACT_H */
