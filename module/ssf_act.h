/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_ACT_H
#define _SSF_ACT_H

#include <linux/netfilter.h>

#include "ssf_net.h"

void ssf_act_reject(struct sk_buff *skb, const struct nf_hook_state *state,
		    const struct ssf_pkt *pkt);

#endif /* _SSF_ACT_H */
