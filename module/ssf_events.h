/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_EVENTS_H
#define _SSF_EVENTS_H

#include "ssf_net.h"

#define SSF_EV_NO_DIR	0xff
#define SSF_EV_NO_REASON (-1)

/* What a hook reports about one packet (SSF_CMD_EVENT, uapi/linux/ssf.h). */
struct ssf_event {
	u8 type;			/* enum ssf_event_type */
	u8 dir;				/* enum ssf_dir, or SSF_EV_NO_DIR */
	u8 action;			/* enum ssf_action */
	u32 rule_id;			/* 0: not decided by a rule */
	u8 ct_state;			/* enum ssf_ct_state bit, 0: none */
	int reason;			/* enum ssf_reason or SSF_EV_NO_REASON */
	const struct ssf_pkt *pkt;
	const struct ssf_meta *meta;	/* may be NULL */
};

bool ssf_event_wanted(struct ssf_net *sn);
void ssf_event_send(struct ssf_net *sn, const struct ssf_event *ev);
void ssf_event_revert(struct ssf_net *sn, u64 gen);

#endif /* _SSF_EVENTS_H */
