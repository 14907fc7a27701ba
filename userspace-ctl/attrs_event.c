// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding an event: the SSF_A_EVENT nest of an SSF_CMD_EVENT message ->
 * struct ssfctl_event; each attribute is optional and sets its has_ bit.
 */
#include <string.h>

#include "attrs.h"

static const struct nla_policy ssf_event_policy[SSF_EVENT_A_MAX + 1] = {
	[SSF_EVENT_A_TYPE]	= { .type = NLA_U8 },
	[SSF_EVENT_A_DIR]	= { .type = NLA_U8 },
	[SSF_EVENT_A_FAMILY]	= { .type = NLA_U8 },
	[SSF_EVENT_A_PROTO]	= { .type = NLA_U8 },
	[SSF_EVENT_A_SPORT]	= { .type = NLA_U16 },
	[SSF_EVENT_A_DPORT]	= { .type = NLA_U16 },
	[SSF_EVENT_A_RULE_ID]	= { .type = NLA_U32 },
	[SSF_EVENT_A_UID]	= { .type = NLA_U32 },
	[SSF_EVENT_A_SUPPRESSED] = { .type = NLA_U32 },
	[SSF_EVENT_A_ACTION]	= { .type = NLA_U8 },
	[SSF_EVENT_A_GENERATION] = { .type = NLA_U64 },
	[SSF_EVENT_A_KUID]	= { .type = NLA_U32 },
	[SSF_EVENT_A_CT_STATE]	= { .type = NLA_U32 },
};

static const char *ssf_event_addr(struct nlattr *a, struct ssfctl_event *ev,
				  union ssf_addr *dst)
{
	int len = nla_len(a);

	if ((len != 4 && len != 16) || (ev->addr_len && ev->addr_len != len))
		return "event with a malformed address";
	ev->addr_len = (u8)len;
	memcpy(dst->b, nla_data(a), (size_t)len);
	return NULL;
}

const char *ssf_event_get(struct nlattr *nest, struct ssfctl_event *ev)
{
	struct nlattr *tb[SSF_EVENT_A_MAX + 1];
	const char *why;

	memset(ev, 0, sizeof(*ev));
	if (nla_parse_nested(tb, SSF_EVENT_A_MAX, nest, ssf_event_policy) < 0)
		return "malformed event";
	if (!tb[SSF_EVENT_A_TYPE])
		return "event without a type";
	ev->type = nla_get_u8(tb[SSF_EVENT_A_TYPE]);
#define SSF_EV_U(attr, bit, field, get)				\
	do {								\
		if (tb[attr]) {						\
			ev->field = get(tb[attr]);			\
			ev->has |= bit;					\
		}							\
	} while (0)
	SSF_EV_U(SSF_EVENT_A_DIR, SSFCTL_EV_DIR, dir, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_FAMILY, SSFCTL_EV_FAMILY, family, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_PROTO, SSFCTL_EV_PROTO, proto, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_SPORT, SSFCTL_EV_SPORT, sport, nla_get_u16);
	SSF_EV_U(SSF_EVENT_A_DPORT, SSFCTL_EV_DPORT, dport, nla_get_u16);
	SSF_EV_U(SSF_EVENT_A_RULE_ID, SSFCTL_EV_RULE, rule_id, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_UID, SSFCTL_EV_UID, uid, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_KUID, SSFCTL_EV_KUID, kuid, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_CT_STATE, SSFCTL_EV_CT, ct_state, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_SUPPRESSED, SSFCTL_EV_SUPPRESSED, suppressed,
		 nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_ACTION, SSFCTL_EV_ACTION, action, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_GENERATION, SSFCTL_EV_GENERATION, generation,
		 nla_get_u64);
#undef SSF_EV_U
	if (tb[SSF_EVENT_A_SRC]) {
		why = ssf_event_addr(tb[SSF_EVENT_A_SRC], ev, &ev->src);
		if (why)
			return why;
		ev->has |= SSFCTL_EV_SRC;
	}
	if (tb[SSF_EVENT_A_DST]) {
		why = ssf_event_addr(tb[SSF_EVENT_A_DST], ev, &ev->dst);
		if (why)
			return why;
		ev->has |= SSFCTL_EV_DST;
	}
	why = ssf_attr_opt_str(tb[SSF_EVENT_A_REASON], ev->reason,
			       sizeof(ev->reason), &ev->has, SSFCTL_EV_REASON,
			       "event with a malformed reason");
	if (!why)
		why = ssf_attr_opt_str(tb[SSF_EVENT_A_IIF], ev->iif,
				       sizeof(ev->iif), &ev->has, SSFCTL_EV_IIF,
				       "event with a malformed interface name");
	if (!why)
		why = ssf_attr_opt_str(tb[SSF_EVENT_A_OIF], ev->oif,
				       sizeof(ev->oif), &ev->has, SSFCTL_EV_OIF,
				       "event with a malformed interface name");
	if (why)
		return why;
	return NULL;
}
