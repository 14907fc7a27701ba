// SPDX-License-Identifier: GPL-2.0
/*
 * Reading rules: an SSF_A_RULE nest of a reply -> struct ssfctl_rulex,
 * validated with a libnl policy (lengths) and by hand (strings, pairs of
 * attributes); unknown attributes from a newer kernel are ignored. The
 * list the rules of a dump are collected in, and the dump.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "array.h"
#include "attrs.h"

static const struct nla_policy ssf_rule_policy[SSF_RULE_A_MAX + 1] = {
	[SSF_RULE_A_ID]		= { .type = NLA_U32 },
	[SSF_RULE_A_DIR]	= { .type = NLA_U8 },
	[SSF_RULE_A_ACTION]	= { .type = NLA_U8 },
	[SSF_RULE_A_FAMILY]	= { .type = NLA_U8 },
	[SSF_RULE_A_PROTO]	= { .type = NLA_U8 },
	[SSF_RULE_A_SRC4]	= { .minlen = 4, .maxlen = 4 },
	[SSF_RULE_A_SRC6]	= { .minlen = 16, .maxlen = 16 },
	[SSF_RULE_A_SRC_PLEN]	= { .type = NLA_U8 },
	[SSF_RULE_A_DST4]	= { .minlen = 4, .maxlen = 4 },
	[SSF_RULE_A_DST6]	= { .minlen = 16, .maxlen = 16 },
	[SSF_RULE_A_DST_PLEN]	= { .type = NLA_U8 },
	[SSF_RULE_A_SPORT_MIN]	= { .type = NLA_U16 },
	[SSF_RULE_A_SPORT_MAX]	= { .type = NLA_U16 },
	[SSF_RULE_A_DPORT_MIN]	= { .type = NLA_U16 },
	[SSF_RULE_A_DPORT_MAX]	= { .type = NLA_U16 },
	[SSF_RULE_A_PACKETS]	= { .type = NLA_U64 },
	[SSF_RULE_A_BYTES]	= { .type = NLA_U64 },
	[SSF_RULE_A_UID_MIN]	= { .type = NLA_U32 },
	[SSF_RULE_A_UID_MAX]	= { .type = NLA_U32 },
	[SSF_RULE_A_GID_MIN]	= { .type = NLA_U32 },
	[SSF_RULE_A_GID_MAX]	= { .type = NLA_U32 },
	[SSF_RULE_A_CGROUP]	= { .type = NLA_U64 },
	[SSF_RULE_A_ICMP_TYPE]	= { .type = NLA_U8 },
	[SSF_RULE_A_FLAGS]	= { .type = NLA_U32 },
	[SSF_RULE_A_CT_STATE]	= { .type = NLA_U32 },
	[SSF_RULE_A_LIMIT_RATE]	= { .type = NLA_U32 },
	[SSF_RULE_A_LIMIT_UNIT]	= { .type = NLA_U8 },
	[SSF_RULE_A_LIMIT_BURST] = { .type = NLA_U32 },
	/*
	 * strings (_IIF, _OIF, _LOG_PREFIX, _COMMENT, _*_SET) are checked by
	 * hand
	 */
};

static const char *ssf_get_addr(struct nlattr **tb, int a4, int a6, int aplen,
				union ssf_addr *a, u8 *plen)
{
	if (!tb[aplen])
		return "rule address without a prefix length";
	if (tb[a4] && tb[a6])
		return "rule with an IPv4 and an IPv6 address for one end";
	if (tb[a4])
		memcpy(a->b, nla_data(tb[a4]), 4);
	else
		memcpy(a->b, nla_data(tb[a6]), 16);
	*plen = nla_get_u8(tb[aplen]);
	return NULL;
}

static const char *ssf_get_range(struct nlattr **tb, int amin, int amax,
				 u32 *min, u32 *max)
{
	if (!tb[amin] || !tb[amax])
		return "rule with half an id range";
	*min = nla_get_u32(tb[amin]);
	*max = nla_get_u32(tb[amax]);
	return NULL;
}

static const char *ssf_rule_get_meta(struct nlattr **tb, struct ssf_rule *r)
{
	const char *why;

	why = ssf_attr_opt_str(tb[SSF_RULE_A_IIF], r->iif, sizeof(r->iif),
			       &r->match, SSF_RM_IIF,
			       "rule with a malformed interface name");
	if (!why)
		why = ssf_attr_opt_str(tb[SSF_RULE_A_OIF], r->oif,
				       sizeof(r->oif), &r->match, SSF_RM_OIF,
				       "rule with a malformed interface name");
	if (why)
		return why;
	if (tb[SSF_RULE_A_UID_MIN] || tb[SSF_RULE_A_UID_MAX]) {
		why = ssf_get_range(tb, SSF_RULE_A_UID_MIN, SSF_RULE_A_UID_MAX,
				    &r->uid_min, &r->uid_max);
		if (why)
			return why;
		r->match |= SSF_RM_UID;
	}
	if (tb[SSF_RULE_A_GID_MIN] || tb[SSF_RULE_A_GID_MAX]) {
		why = ssf_get_range(tb, SSF_RULE_A_GID_MIN, SSF_RULE_A_GID_MAX,
				    &r->gid_min, &r->gid_max);
		if (why)
			return why;
		r->match |= SSF_RM_GID;
	}
	if (tb[SSF_RULE_A_CGROUP]) {
		r->cgroup_id = nla_get_u64(tb[SSF_RULE_A_CGROUP]);
		r->match |= SSF_RM_CGROUP;
	}
	if (tb[SSF_RULE_A_ICMP_TYPE]) {
		r->icmp_type = nla_get_u8(tb[SSF_RULE_A_ICMP_TYPE]);
		r->match |= SSF_RM_ICMP_TYPE;
	}
	if (tb[SSF_RULE_A_FLAGS])
		r->flags = nla_get_u32(tb[SSF_RULE_A_FLAGS]);
	return NULL;
}

/* The texts: log prefix and comment (@r's flags are not changed). */
static const char *ssf_rule_get_text(struct nlattr **tb, struct ssf_rule *r,
				     struct ssf_rule_text *t)
{
	const char *why;

	why = ssf_attr_opt_str(tb[SSF_RULE_A_LOG_PREFIX], t->log_prefix,
			       sizeof(t->log_prefix), &r->flags, 0,
			       "rule with a malformed log prefix");
	if (!why)
		why = ssf_attr_opt_str(tb[SSF_RULE_A_COMMENT], t->comment,
				       sizeof(t->comment), &r->flags, 0,
				       "rule with a malformed comment");
	return why;
}

/* The set words, ct state and limit. */
static const char *ssf_rule_get_state(struct nlattr **tb, struct ssfctl_rule *cr)
{
	struct ssf_rule *r = &cr->r;
	const char *why;
	int i;

	for (i = 0; i < SSF_RSET_NUM; i++) {
		why = ssf_attr_opt_str(tb[ssf_set_words[i].attr], cr->set[i],
				       sizeof(cr->set[i]), &r->match,
				       ssf_set_words[i].match,
				       "rule with a malformed set name");
		if (why)
			return why;
	}
	if (tb[SSF_RULE_A_CT_STATE]) {
		r->ct_states = (u8)nla_get_u32(tb[SSF_RULE_A_CT_STATE]);
		r->match |= SSF_RM_CT;
	}
	if (tb[SSF_RULE_A_LIMIT_RATE] || tb[SSF_RULE_A_LIMIT_UNIT] ||
	    tb[SSF_RULE_A_LIMIT_BURST]) {
		if (!tb[SSF_RULE_A_LIMIT_RATE] || !tb[SSF_RULE_A_LIMIT_UNIT] ||
		    !tb[SSF_RULE_A_LIMIT_BURST])
			return "rule with part of a limit";
		r->limit_rate = nla_get_u32(tb[SSF_RULE_A_LIMIT_RATE]);
		r->limit_unit = nla_get_u8(tb[SSF_RULE_A_LIMIT_UNIT]);
		r->limit_burst = nla_get_u32(tb[SSF_RULE_A_LIMIT_BURST]);
		r->match |= SSF_RM_LIMIT;
	}
	return NULL;
}

const char *ssf_rule_get(struct nlattr *nest, struct ssfctl_rulex *x)
{
	struct nlattr *tb[SSF_RULE_A_MAX + 1];
	struct ssf_rule *r = &x->r.r;
	const char *why;

	memset(x, 0, sizeof(*x));
	if (nla_parse_nested(tb, SSF_RULE_A_MAX, nest, ssf_rule_policy) < 0)
		return "malformed rule";
	if (!tb[SSF_RULE_A_DIR] || !tb[SSF_RULE_A_ACTION])
		return "rule without a direction or an action";
	r->dir = nla_get_u8(tb[SSF_RULE_A_DIR]);
	r->action = nla_get_u8(tb[SSF_RULE_A_ACTION]);
	if (tb[SSF_RULE_A_ID])
		r->id = nla_get_u32(tb[SSF_RULE_A_ID]);
	if (tb[SSF_RULE_A_FAMILY])
		r->family = nla_get_u8(tb[SSF_RULE_A_FAMILY]);
	if (tb[SSF_RULE_A_PROTO]) {
		r->proto = nla_get_u8(tb[SSF_RULE_A_PROTO]);
		r->match |= SSF_RM_PROTO;
	}
	if (tb[SSF_RULE_A_SRC4] || tb[SSF_RULE_A_SRC6]) {
		why = ssf_get_addr(tb, SSF_RULE_A_SRC4, SSF_RULE_A_SRC6,
				   SSF_RULE_A_SRC_PLEN, &r->src, &r->src_plen);
		if (why)
			return why;
		r->match |= SSF_RM_SRC;
	}
	if (tb[SSF_RULE_A_DST4] || tb[SSF_RULE_A_DST6]) {
		why = ssf_get_addr(tb, SSF_RULE_A_DST4, SSF_RULE_A_DST6,
				   SSF_RULE_A_DST_PLEN, &r->dst, &r->dst_plen);
		if (why)
			return why;
		r->match |= SSF_RM_DST;
	}
	if (tb[SSF_RULE_A_SPORT_MIN] || tb[SSF_RULE_A_SPORT_MAX]) {
		if (!tb[SSF_RULE_A_SPORT_MIN] || !tb[SSF_RULE_A_SPORT_MAX])
			return "rule with half a source port range";
		r->sport_min = nla_get_u16(tb[SSF_RULE_A_SPORT_MIN]);
		r->sport_max = nla_get_u16(tb[SSF_RULE_A_SPORT_MAX]);
		r->match |= SSF_RM_SPORT;
	}
	if (tb[SSF_RULE_A_DPORT_MIN] || tb[SSF_RULE_A_DPORT_MAX]) {
		if (!tb[SSF_RULE_A_DPORT_MIN] || !tb[SSF_RULE_A_DPORT_MAX])
			return "rule with half a destination port range";
		r->dport_min = nla_get_u16(tb[SSF_RULE_A_DPORT_MIN]);
		r->dport_max = nla_get_u16(tb[SSF_RULE_A_DPORT_MAX]);
		r->match |= SSF_RM_DPORT;
	}
	why = ssf_rule_get_meta(tb, r);
	if (!why)
		why = ssf_rule_get_text(tb, r, &x->r.t);
	if (!why)
		why = ssf_rule_get_state(tb, &x->r);
	if (why)
		return why;
	if (tb[SSF_RULE_A_PACKETS])
		x->packets = nla_get_u64(tb[SSF_RULE_A_PACKETS]);
	if (tb[SSF_RULE_A_BYTES])
		x->bytes = nla_get_u64(tb[SSF_RULE_A_BYTES]);
	return NULL;
}

int ssf_rulelist_add(struct ssfctl_rulelist *rl, const struct ssfctl_rulex *x)
{
	struct ssfctl_rulex *v;

	v = ssf_array_room(rl->v, &rl->cap, rl->n, sizeof(*v));
	if (!v)
		return -ENOMEM;
	rl->v = v;
	rl->v[rl->n++] = *x;
	return 0;
}

void ssf_rulelist_free(struct ssfctl_rulelist *rl)
{
	free(rl->v);
	rl->v = NULL;
	rl->n = 0;
	rl->cap = 0;
}

const char *ssf_rules_parse(struct nlattr **tb, void *obj)
{
	struct ssfctl_rulelist *rl = obj;
	struct ssfctl_rulex x;
	const char *why;

	if (!tb[SSF_A_RULE])
		return "rule dump message without a rule";
	why = ssf_rule_get(tb[SSF_A_RULE], &x);
	if (why)
		return why;
	if (tb[SSF_A_GENERATION]) {
		x.generation = nla_get_u64(tb[SSF_A_GENERATION]);
		x.has_generation = true;
	}
	if (ssf_rulelist_add(rl, &x))
		return "out of memory";
	return NULL;
}

/* All the rules of one dump carry the generation of one policy. */
static bool ssf_rules_consistent(const struct ssfctl_rulelist *rl)
{
	size_t i;

	for (i = 1; i < rl->n; i++)
		if (rl->v[i].has_generation != rl->v[0].has_generation ||
		    rl->v[i].generation != rl->v[0].generation)
			return false;
	return true;
}

int ssf_rules_fetch(struct ssfctl_nl *nl, struct ssfctl_rulelist *rl)
{
	bool intr;
	int try;

	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		rl->n = 0;
		if (ssf_nl_get(nl, SSF_CMD_RULE_GET, true, "list rules",
			       ssf_rules_parse, rl, &intr))
			return -1;
		if (!intr && ssf_rules_consistent(rl))
			return 0;
	}
	ssf_err("list rules: the policy kept changing during the dump (%d tries)",
		SSF_DUMP_TRIES);
	return -1;
}
