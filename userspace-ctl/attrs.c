// SPDX-License-Identifier: GPL-2.0
/*
 * Encoding and decoding of the ssf generic netlink attributes but rules
 * (attrs_rule_put.c, attrs_rule_get.c) and events (attrs_event.c): the
 * defaults, status, counters and validation checks. Replies are
 * validated with libnl policies (lengths) before use; unknown attributes
 * from a newer kernel are ignored.
 */
#include <string.h>
#include <netlink/errno.h>

#include "attrs.h"

/*
 * Nests (SSF_A_DEFAULTS, _RULE, _RULES, _STATS, _VALIDATE) have no entry: libnl's
 * NLA_NESTED would reject an empty nest, and an empty nest is still valid.
 */
const struct nla_policy ssf_a_policy[SSF_A_MAX + 1] = {
	[SSF_A_GENERATION]	= { .type = NLA_U64 },
	[SSF_A_RULE_COUNT]	= { .type = NLA_U32 },
	[SSF_A_ACTIVE]		= { .type = NLA_U8 },
	[SSF_A_OBJECTS]		= { .type = NLA_U32 },
	[SSF_A_NEXT_ID]		= { .type = NLA_U32 },
	[SSF_A_RULE_ID]		= { .type = NLA_U32 },
	[SSF_A_IP6_EXTHDR_MAX]	= { .type = NLA_U8 },
	[SSF_A_MODE]		= { .type = NLA_U8 },
	[SSF_A_CONFIRM_TIMEOUT]	= { .type = NLA_U32 },
	[SSF_A_CONFIRM_LEFT]	= { .type = NLA_U32 },
	[SSF_A_COMMIT_FLAGS]	= { .type = NLA_U32 },
	[SSF_A_MAX_RULES]	= { .type = NLA_U32 },
	[SSF_A_MEMORY]		= { .type = NLA_U64 },
	[SSF_A_LOCKDOWN]	= { .type = NLA_U8 },
	[SSF_A_SET_MATCH]	= { .type = NLA_U8 },
};

static const struct nla_policy ssf_defaults_policy[SSF_DEFAULTS_A_MAX + 1] = {
	[SSF_DEFAULTS_A_IN]	= { .type = NLA_U8 },
	[SSF_DEFAULTS_A_OUT]	= { .type = NLA_U8 },
	[SSF_DEFAULTS_A_FWD]	= { .type = NLA_U8 },
};

static const struct nla_policy ssf_dstats_policy[SSF_DSTATS_A_MAX + 1] = {
	[SSF_DSTATS_A_PACKETS]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_ACCEPTED]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_DROPPED]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_DEFAULT]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_UNPARSED]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_REJECTED]	= { .type = NLA_U64 },
	[SSF_DSTATS_A_AUDITED]	= { .type = NLA_U64 },
};

/* SSF_CHECK_A_NAME is checked by hand: a NUL-terminated name that fits. */
static const struct nla_policy ssf_check_policy[SSF_CHECK_A_MAX + 1] = {
	[SSF_CHECK_A_ACTION]	= { .type = NLA_U8 },
	[SSF_CHECK_A_PACKETS]	= { .type = NLA_U64 },
};

/* Direction <-> its attribute in the defaults and stats nests. */
static const u16 ssf_defaults_attr[SSF_DIR_MAX + 1] = {
	[SSF_DIR_IN]	= SSF_DEFAULTS_A_IN,
	[SSF_DIR_OUT]	= SSF_DEFAULTS_A_OUT,
	[SSF_DIR_FWD]	= SSF_DEFAULTS_A_FWD,
};

static const u16 ssf_stats_attr[SSF_DIR_MAX + 1] = {
	[SSF_DIR_IN]	= SSF_STATS_A_IN,
	[SSF_DIR_OUT]	= SSF_STATS_A_OUT,
	[SSF_DIR_FWD]	= SSF_STATS_A_FWD,
};

int ssf_defaults_put(struct nl_msg *msg, const u8 defaults[SSF_DIR_MAX + 1])
{
	struct nlattr *nest;
	int ret = 0;
	u8 dir;

	nest = nla_nest_start(msg, SSF_A_DEFAULTS | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		ret = nla_put_u8(msg, ssf_defaults_attr[dir], defaults[dir]);
		if (ret < 0) {
			nla_nest_cancel(msg, nest);
			return ret;
		}
	}
	return nla_nest_end(msg, nest);
}

int ssf_check_put(struct nl_msg *msg, const char *name, u8 action)
{
	struct nlattr *nest;
	int ret;

	nest = nla_nest_start(msg, SSF_A_CHECK | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	ret = nla_put_string(msg, SSF_CHECK_A_NAME, name);
	if (ret < 0)
		goto cancel;
	ret = nla_put_u8(msg, SSF_CHECK_A_ACTION, action);
	if (ret < 0)
		goto cancel;
	return nla_nest_end(msg, nest);
cancel:
	nla_nest_cancel(msg, nest);
	return ret;
}

/*
 * A string attribute into @dst (@size bytes): NUL-terminated within its
 * length, and shorter than @size. False if not.
 */
bool ssf_attr_get_str(const struct nlattr *a, char *dst, size_t size)
{
	const char *s = nla_data(a);
	int len = nla_len(a);
	size_t n;

	if (len < 1)
		return false;
	n = strnlen(s, (size_t)len);
	if (n == (size_t)len || n >= size)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

const char *ssf_attr_opt_str(const struct nlattr *a, char *dst, size_t size,
			     u32 *has, u32 bit, const char *why)
{
	if (!a)
		return NULL;
	if (!ssf_attr_get_str(a, dst, size))
		return why;
	*has |= bit;
	return NULL;
}

const char *ssf_status_parse(struct nlattr **tb, void *obj)
{
	struct nlattr *dtb[SSF_DEFAULTS_A_MAX + 1];
	struct ssfctl_status *st = obj;
	u8 dir;

	memset(st, 0, sizeof(*st));
	for (dir = 0; dir <= SSF_DIR_MAX; dir++)
		st->defaults[dir] = SSF_ACT_ACCEPT;
	if (!tb[SSF_A_GENERATION])
		return "status without a generation";
	st->generation = nla_get_u64(tb[SSF_A_GENERATION]);
	if (tb[SSF_A_RULE_COUNT])
		st->rules = nla_get_u32(tb[SSF_A_RULE_COUNT]);
	if (tb[SSF_A_ACTIVE])
		st->active = nla_get_u8(tb[SSF_A_ACTIVE]);
	if (tb[SSF_A_OBJECTS])
		st->objects = nla_get_u32(tb[SSF_A_OBJECTS]);
	if (tb[SSF_A_NEXT_ID])
		st->next_id = nla_get_u32(tb[SSF_A_NEXT_ID]);
	if (tb[SSF_A_MODE])
		st->mode = nla_get_u8(tb[SSF_A_MODE]);
	if (tb[SSF_A_MAX_RULES]) {
		st->max_rules = nla_get_u32(tb[SSF_A_MAX_RULES]);
		st->has_max_rules = true;
	}
	if (tb[SSF_A_CONFIRM_LEFT]) {
		st->confirm_left = nla_get_u32(tb[SSF_A_CONFIRM_LEFT]);
		st->has_confirm_left = true;
	}
	if (tb[SSF_A_MEMORY]) {
		st->memory = nla_get_u64(tb[SSF_A_MEMORY]);
		st->has_memory = true;
	}
	if (tb[SSF_A_LOCKDOWN])
		st->lockdown = nla_get_u8(tb[SSF_A_LOCKDOWN]);
	if (tb[SSF_A_DEFAULTS]) {
		if (nla_parse_nested(dtb, SSF_DEFAULTS_A_MAX, tb[SSF_A_DEFAULTS],
				     ssf_defaults_policy) < 0)
			return "malformed defaults";
		for (dir = 0; dir <= SSF_DIR_MAX; dir++)
			if (dtb[ssf_defaults_attr[dir]])
				st->defaults[dir] =
					nla_get_u8(dtb[ssf_defaults_attr[dir]]);
	}
	return NULL;
}

const char *ssf_stats_parse(struct nlattr **tb, void *obj)
{
	struct nlattr *stb[SSF_STATS_A_MAX + 1];
	struct nlattr *dtb[SSF_DSTATS_A_MAX + 1];
	struct ssfctl_stats *s = obj;
	struct nlattr *d;
	u8 dir;
	int t;

	memset(s, 0, sizeof(*s));
	if (!tb[SSF_A_STATS])
		return "stats reply without counters";
	if (nla_parse_nested(stb, SSF_STATS_A_MAX, tb[SSF_A_STATS], NULL) < 0)
		return "malformed counters";
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		d = stb[ssf_stats_attr[dir]];
		if (!d)
			continue;
		if (nla_parse_nested(dtb, SSF_DSTATS_A_MAX, d,
				     ssf_dstats_policy) < 0)
			return "malformed counters";
		s->dir[dir].present = true;
		for (t = 0; t <= SSF_DSTATS_A_MAX; t++)
			if (t != SSF_DSTATS_A_PAD && dtb[t] &&
			    nla_len(dtb[t]) >= 8)
				s->dir[dir].v[t] = nla_get_u64(dtb[t]);
	}
	return ssf_checks_get_attrs(tb, &s->checks);
}

/* One SSF_A_CHECK nest into @s. */
static const char *ssf_check_get(struct nlattr *nest, struct ssfctl_check_state *s)
{
	struct nlattr *tb[SSF_CHECK_A_MAX + 1];
	struct nlattr *name;
	int len;

	if (nla_parse_nested(tb, SSF_CHECK_A_MAX, nest, ssf_check_policy) < 0)
		return "malformed validation check";
	name = tb[SSF_CHECK_A_NAME];
	if (!name || !tb[SSF_CHECK_A_ACTION])
		return "validation check without a name or an action";
	len = nla_len(name);
	if (len < 2 || len > (int)sizeof(s->name) ||
	    strnlen(nla_data(name), (size_t)len) != (size_t)len - 1)
		return "validation check with a malformed name";
	memcpy(s->name, nla_data(name), (size_t)len);
	s->action = nla_get_u8(tb[SSF_CHECK_A_ACTION]);
	s->packets = tb[SSF_CHECK_A_PACKETS] ?
		     nla_get_u64(tb[SSF_CHECK_A_PACKETS]) : 0;
	return NULL;
}

const char *ssf_checks_get_attrs(struct nlattr **tb, struct ssfctl_checks *c)
{
	struct nlattr *a;
	const char *why;
	int rem;

	memset(c, 0, sizeof(*c));
	if (tb[SSF_A_IP6_EXTHDR_MAX]) {
		c->ip6_exthdr_max = nla_get_u8(tb[SSF_A_IP6_EXTHDR_MAX]);
		c->has_exthdr_max = true;
	}
	if (!tb[SSF_A_VALIDATE])
		return NULL;
	c->present = true;
	nla_for_each_nested(a, tb[SSF_A_VALIDATE], rem) {
		if (nla_type(a) != SSF_A_CHECK)
			continue;
		if (c->n == SSF_CHECKS_MAX)
			return "too many validation checks";
		why = ssf_check_get(a, &c->v[c->n]);
		if (why)
			return why;
		c->n++;
	}
	return NULL;
}

const char *ssf_checks_parse(struct nlattr **tb, void *obj)
{
	struct ssfctl_checks *c = obj;
	const char *why;

	why = ssf_checks_get_attrs(tb, c);
	if (!why && !c->present)
		why = "reply without validation checks";
	return why;
}
