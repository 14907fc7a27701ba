// SPDX-License-Identifier: GPL-2.0
/*
 * Encoding and decoding of the ssf generic netlink attributes. Replies are
 * validated with libnl policies (lengths) before use; unknown attributes
 * from a newer kernel are ignored.
 */
#include <errno.h>
#include <stdlib.h>
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
};

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
	/* strings (_IIF, _OIF, _LOG_PREFIX, _COMMENT) are checked by hand */
};

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

static int ssf_put_addr(struct nl_msg *msg, u8 family, int a4, int a6,
			int aplen, const union ssf_addr *a, u8 plen)
{
	int ret;

	if (family == SSF_FAMILY_IPV4)
		ret = nla_put(msg, a4, 4, a->b);
	else
		ret = nla_put(msg, a6, 16, a->b);
	if (ret < 0)
		return ret;
	return nla_put_u8(msg, aplen, plen);
}

static int ssf_put_ports(struct nl_msg *msg, int amin, int amax, u16 min,
			 u16 max)
{
	int ret = nla_put_u16(msg, amin, min);

	if (ret < 0)
		return ret;
	return nla_put_u16(msg, amax, max);
}

static int ssf_put_range(struct nl_msg *msg, int amin, int amax, u32 min,
			 u32 max)
{
	int ret = nla_put_u32(msg, amin, min);

	if (ret < 0)
		return ret;
	return nla_put_u32(msg, amax, max);
}

/* The socket, interface, ICMP, flag and string attributes of @r. */
static int ssf_rule_put_meta(struct nl_msg *msg, const struct ssf_rule *r)
{
	int ret = 0;

	if (r->match & SSF_RM_IIF)
		ret = nla_put_string(msg, SSF_RULE_A_IIF, r->iif);
	if (!ret && (r->match & SSF_RM_OIF))
		ret = nla_put_string(msg, SSF_RULE_A_OIF, r->oif);
	if (!ret && (r->match & SSF_RM_UID))
		ret = ssf_put_range(msg, SSF_RULE_A_UID_MIN, SSF_RULE_A_UID_MAX,
				    r->uid_min, r->uid_max);
	if (!ret && (r->match & SSF_RM_GID))
		ret = ssf_put_range(msg, SSF_RULE_A_GID_MIN, SSF_RULE_A_GID_MAX,
				    r->gid_min, r->gid_max);
	if (!ret && (r->match & SSF_RM_CGROUP))
		ret = nla_put_u64(msg, SSF_RULE_A_CGROUP, r->cgroup_id);
	if (!ret && (r->match & SSF_RM_ICMP_TYPE))
		ret = nla_put_u8(msg, SSF_RULE_A_ICMP_TYPE, r->icmp_type);
	if (!ret && r->flags)
		ret = nla_put_u32(msg, SSF_RULE_A_FLAGS, r->flags);
	if (!ret && r->log_prefix[0])
		ret = nla_put_string(msg, SSF_RULE_A_LOG_PREFIX, r->log_prefix);
	if (!ret && r->comment[0])
		ret = nla_put_string(msg, SSF_RULE_A_COMMENT, r->comment);
	return ret;
}

int ssf_rule_put(struct nl_msg *msg, int type, const struct ssf_rule *r)
{
	struct nlattr *nest;
	int ret;

	nest = nla_nest_start(msg, type | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	ret = nla_put_u8(msg, SSF_RULE_A_DIR, r->dir);
	if (ret < 0)
		goto cancel;
	ret = nla_put_u8(msg, SSF_RULE_A_ACTION, r->action);
	if (ret < 0)
		goto cancel;
	if (r->family != SSF_FAMILY_ANY) {
		ret = nla_put_u8(msg, SSF_RULE_A_FAMILY, r->family);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_PROTO) {
		ret = nla_put_u8(msg, SSF_RULE_A_PROTO, r->proto);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_SRC) {
		ret = ssf_put_addr(msg, r->family, SSF_RULE_A_SRC4,
				   SSF_RULE_A_SRC6, SSF_RULE_A_SRC_PLEN,
				   &r->src, r->src_plen);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_DST) {
		ret = ssf_put_addr(msg, r->family, SSF_RULE_A_DST4,
				   SSF_RULE_A_DST6, SSF_RULE_A_DST_PLEN,
				   &r->dst, r->dst_plen);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_SPORT) {
		ret = ssf_put_ports(msg, SSF_RULE_A_SPORT_MIN,
				    SSF_RULE_A_SPORT_MAX, r->sport_min,
				    r->sport_max);
		if (ret < 0)
			goto cancel;
	}
	if (r->match & SSF_RM_DPORT) {
		ret = ssf_put_ports(msg, SSF_RULE_A_DPORT_MIN,
				    SSF_RULE_A_DPORT_MAX, r->dport_min,
				    r->dport_max);
		if (ret < 0)
			goto cancel;
	}
	ret = ssf_rule_put_meta(msg, r);
	if (ret < 0)
		goto cancel;
	return nla_nest_end(msg, nest);
cancel:
	nla_nest_cancel(msg, nest);
	return ret;
}

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

/*
 * A string attribute into @dst (@size bytes): NUL-terminated within its
 * length, and shorter than @size. False if not.
 */
static bool ssf_get_str(const struct nlattr *a, char *dst, size_t size)
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

	if (tb[SSF_RULE_A_IIF]) {
		if (!ssf_get_str(tb[SSF_RULE_A_IIF], r->iif, sizeof(r->iif)))
			return "rule with a malformed interface name";
		r->match |= SSF_RM_IIF;
	}
	if (tb[SSF_RULE_A_OIF]) {
		if (!ssf_get_str(tb[SSF_RULE_A_OIF], r->oif, sizeof(r->oif)))
			return "rule with a malformed interface name";
		r->match |= SSF_RM_OIF;
	}
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
	if (tb[SSF_RULE_A_LOG_PREFIX] &&
	    !ssf_get_str(tb[SSF_RULE_A_LOG_PREFIX], r->log_prefix,
			 sizeof(r->log_prefix)))
		return "rule with a malformed log prefix";
	if (tb[SSF_RULE_A_COMMENT] &&
	    !ssf_get_str(tb[SSF_RULE_A_COMMENT], r->comment,
			 sizeof(r->comment)))
		return "rule with a malformed comment";
	return NULL;
}

const char *ssf_rule_get(struct nlattr *nest, struct ssf_rulex *x)
{
	struct nlattr *tb[SSF_RULE_A_MAX + 1];
	struct ssf_rule *r = &x->r;
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
	if (why)
		return why;
	if (tb[SSF_RULE_A_PACKETS])
		x->packets = nla_get_u64(tb[SSF_RULE_A_PACKETS]);
	if (tb[SSF_RULE_A_BYTES])
		x->bytes = nla_get_u64(tb[SSF_RULE_A_BYTES]);
	return NULL;
}

const char *ssf_status_get_attrs(struct nlattr **tb, struct ssf_status *st)
{
	struct nlattr *dtb[SSF_DEFAULTS_A_MAX + 1];
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

const char *ssf_stats_get_attrs(struct nlattr **tb, struct ssf_stats *s)
{
	struct nlattr *stb[SSF_STATS_A_MAX + 1];
	struct nlattr *dtb[SSF_DSTATS_A_MAX + 1];
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
static const char *ssf_check_get(struct nlattr *nest, struct ssf_check_state *s)
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

const char *ssf_checks_get_attrs(struct nlattr **tb, struct ssf_checks *c)
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

static const char *ssf_event_addr(struct nlattr *a, struct ssf_event *ev,
				  union ssf_addr *dst)
{
	int len = nla_len(a);

	if ((len != 4 && len != 16) || (ev->addr_len && ev->addr_len != len))
		return "event with a malformed address";
	ev->addr_len = (u8)len;
	memcpy(dst->b, nla_data(a), (size_t)len);
	return NULL;
}

const char *ssf_event_get(struct nlattr *nest, struct ssf_event *ev)
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
	SSF_EV_U(SSF_EVENT_A_DIR, SSF_EV_DIR, dir, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_FAMILY, SSF_EV_FAMILY, family, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_PROTO, SSF_EV_PROTO, proto, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_SPORT, SSF_EV_SPORT, sport, nla_get_u16);
	SSF_EV_U(SSF_EVENT_A_DPORT, SSF_EV_DPORT, dport, nla_get_u16);
	SSF_EV_U(SSF_EVENT_A_RULE_ID, SSF_EV_RULE, rule_id, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_UID, SSF_EV_UID, uid, nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_SUPPRESSED, SSF_EV_SUPPRESSED, suppressed,
		 nla_get_u32);
	SSF_EV_U(SSF_EVENT_A_ACTION, SSF_EV_ACTION, action, nla_get_u8);
	SSF_EV_U(SSF_EVENT_A_GENERATION, SSF_EV_GENERATION, generation,
		 nla_get_u64);
#undef SSF_EV_U
	if (tb[SSF_EVENT_A_SRC]) {
		why = ssf_event_addr(tb[SSF_EVENT_A_SRC], ev, &ev->src);
		if (why)
			return why;
		ev->has |= SSF_EV_SRC;
	}
	if (tb[SSF_EVENT_A_DST]) {
		why = ssf_event_addr(tb[SSF_EVENT_A_DST], ev, &ev->dst);
		if (why)
			return why;
		ev->has |= SSF_EV_DST;
	}
	if (tb[SSF_EVENT_A_REASON]) {
		if (!ssf_get_str(tb[SSF_EVENT_A_REASON], ev->reason,
				 sizeof(ev->reason)))
			return "event with a malformed reason";
		ev->has |= SSF_EV_REASON;
	}
	if (tb[SSF_EVENT_A_IIF]) {
		if (!ssf_get_str(tb[SSF_EVENT_A_IIF], ev->iif, sizeof(ev->iif)))
			return "event with a malformed interface name";
		ev->has |= SSF_EV_IIF;
	}
	if (tb[SSF_EVENT_A_OIF]) {
		if (!ssf_get_str(tb[SSF_EVENT_A_OIF], ev->oif, sizeof(ev->oif)))
			return "event with a malformed interface name";
		ev->has |= SSF_EV_OIF;
	}
	return NULL;
}

int ssf_rulelist_add(struct ssf_rulelist *rl, const struct ssf_rulex *x)
{
	struct ssf_rulex *v;
	size_t cap;

	if (rl->n == rl->cap) {
		cap = rl->cap ? rl->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof(*v))
			return -ENOMEM;
		v = realloc(rl->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		rl->v = v;
		rl->cap = cap;
	}
	rl->v[rl->n++] = *x;
	return 0;
}

void ssf_rulelist_free(struct ssf_rulelist *rl)
{
	free(rl->v);
	rl->v = NULL;
	rl->n = 0;
	rl->cap = 0;
}

#define SSF_NAME(x) [x] = #x

static const char *const ssf_a_names[SSF_A_MAX + 1] = {
	SSF_NAME(SSF_A_UNSPEC), SSF_NAME(SSF_A_PAD),
	SSF_NAME(SSF_A_GENERATION), SSF_NAME(SSF_A_RULE_COUNT),
	SSF_NAME(SSF_A_ACTIVE), SSF_NAME(SSF_A_DEFAULTS),
	SSF_NAME(SSF_A_OBJECTS), SSF_NAME(SSF_A_NEXT_ID),
	SSF_NAME(SSF_A_RULE), SSF_NAME(SSF_A_RULES),
	SSF_NAME(SSF_A_RULE_ID), SSF_NAME(SSF_A_STATS),
	SSF_NAME(SSF_A_VALIDATE), SSF_NAME(SSF_A_CHECK),
	SSF_NAME(SSF_A_IP6_EXTHDR_MAX), SSF_NAME(SSF_A_MODE),
	SSF_NAME(SSF_A_CONFIRM_TIMEOUT), SSF_NAME(SSF_A_CONFIRM_LEFT),
	SSF_NAME(SSF_A_COMMIT_FLAGS), SSF_NAME(SSF_A_EVENT),
	SSF_NAME(SSF_A_MAX_RULES),
};

static const char *const ssf_rule_a_names[SSF_RULE_A_MAX + 1] = {
	SSF_NAME(SSF_RULE_A_UNSPEC), SSF_NAME(SSF_RULE_A_PAD),
	SSF_NAME(SSF_RULE_A_ID), SSF_NAME(SSF_RULE_A_DIR),
	SSF_NAME(SSF_RULE_A_ACTION), SSF_NAME(SSF_RULE_A_FAMILY),
	SSF_NAME(SSF_RULE_A_PROTO), SSF_NAME(SSF_RULE_A_SRC4),
	SSF_NAME(SSF_RULE_A_SRC6), SSF_NAME(SSF_RULE_A_SRC_PLEN),
	SSF_NAME(SSF_RULE_A_DST4), SSF_NAME(SSF_RULE_A_DST6),
	SSF_NAME(SSF_RULE_A_DST_PLEN), SSF_NAME(SSF_RULE_A_SPORT_MIN),
	SSF_NAME(SSF_RULE_A_SPORT_MAX), SSF_NAME(SSF_RULE_A_DPORT_MIN),
	SSF_NAME(SSF_RULE_A_DPORT_MAX), SSF_NAME(SSF_RULE_A_PACKETS),
	SSF_NAME(SSF_RULE_A_BYTES), SSF_NAME(SSF_RULE_A_IIF),
	SSF_NAME(SSF_RULE_A_OIF), SSF_NAME(SSF_RULE_A_UID_MIN),
	SSF_NAME(SSF_RULE_A_UID_MAX), SSF_NAME(SSF_RULE_A_GID_MIN),
	SSF_NAME(SSF_RULE_A_GID_MAX), SSF_NAME(SSF_RULE_A_CGROUP),
	SSF_NAME(SSF_RULE_A_ICMP_TYPE), SSF_NAME(SSF_RULE_A_FLAGS),
	SSF_NAME(SSF_RULE_A_LOG_PREFIX), SSF_NAME(SSF_RULE_A_COMMENT),
};

static const char *const ssf_defaults_a_names[SSF_DEFAULTS_A_MAX + 1] = {
	SSF_NAME(SSF_DEFAULTS_A_UNSPEC), SSF_NAME(SSF_DEFAULTS_A_IN),
	SSF_NAME(SSF_DEFAULTS_A_OUT), SSF_NAME(SSF_DEFAULTS_A_FWD),
};

static const char *const ssf_check_a_names[SSF_CHECK_A_MAX + 1] = {
	SSF_NAME(SSF_CHECK_A_UNSPEC), SSF_NAME(SSF_CHECK_A_PAD),
	SSF_NAME(SSF_CHECK_A_NAME), SSF_NAME(SSF_CHECK_A_ACTION),
	SSF_NAME(SSF_CHECK_A_PACKETS),
};

enum ssf_nest_kind {
	SSF_NEST_TOP,		/* SSF_A_* */
	SSF_NEST_RULES,		/* children of SSF_A_RULES: SSF_A_RULE */
	SSF_NEST_RULE,		/* SSF_RULE_A_* */
	SSF_NEST_DEFAULTS,	/* SSF_DEFAULTS_A_* */
	SSF_NEST_VALIDATE,	/* children of SSF_A_VALIDATE: SSF_A_CHECK */
	SSF_NEST_CHECK,		/* SSF_CHECK_A_* */
	SSF_NEST_UNKNOWN,
};

const char *ssf_attr_name(const struct ssf_apath *p, unsigned int depth,
			  u32 type)
{
	enum ssf_nest_kind k = SSF_NEST_TOP;
	unsigned int i;
	u16 t;

	for (i = 0; i < depth && i < p->depth; i++) {
		t = p->e[i].type;
		if (k == SSF_NEST_TOP && t == SSF_A_RULES)
			k = SSF_NEST_RULES;
		else if ((k == SSF_NEST_TOP || k == SSF_NEST_RULES) &&
			 t == SSF_A_RULE)
			k = SSF_NEST_RULE;
		else if (k == SSF_NEST_TOP && t == SSF_A_DEFAULTS)
			k = SSF_NEST_DEFAULTS;
		else if (k == SSF_NEST_TOP && t == SSF_A_VALIDATE)
			k = SSF_NEST_VALIDATE;
		else if ((k == SSF_NEST_TOP || k == SSF_NEST_VALIDATE) &&
			 t == SSF_A_CHECK)
			k = SSF_NEST_CHECK;
		else
			k = SSF_NEST_UNKNOWN;
	}
	switch (k) {
	case SSF_NEST_TOP:
	case SSF_NEST_RULES:
	case SSF_NEST_VALIDATE:
		return type <= SSF_A_MAX ? ssf_a_names[type] : NULL;
	case SSF_NEST_RULE:
		return type <= SSF_RULE_A_MAX ? ssf_rule_a_names[type] : NULL;
	case SSF_NEST_DEFAULTS:
		return type <= SSF_DEFAULTS_A_MAX ?
		       ssf_defaults_a_names[type] : NULL;
	case SSF_NEST_CHECK:
		return type <= SSF_CHECK_A_MAX ? ssf_check_a_names[type] : NULL;
	default:
		return NULL;
	}
}

const char *ssf_rule_attr_word(u32 type)
{
	switch (type) {
	case SSF_RULE_A_DIR:		return "in/out/fwd";
	case SSF_RULE_A_ACTION:		return "accept/drop/reject";
	case SSF_RULE_A_FAMILY:		return "family";
	case SSF_RULE_A_PROTO:		return "proto";
	case SSF_RULE_A_SRC4:
	case SSF_RULE_A_SRC6:
	case SSF_RULE_A_SRC_PLEN:	return "src";
	case SSF_RULE_A_DST4:
	case SSF_RULE_A_DST6:
	case SSF_RULE_A_DST_PLEN:	return "dst";
	case SSF_RULE_A_SPORT_MIN:
	case SSF_RULE_A_SPORT_MAX:	return "sport";
	case SSF_RULE_A_DPORT_MIN:
	case SSF_RULE_A_DPORT_MAX:	return "dport";
	case SSF_RULE_A_IIF:		return "iif";
	case SSF_RULE_A_OIF:		return "oif";
	case SSF_RULE_A_UID_MIN:
	case SSF_RULE_A_UID_MAX:	return "uid";
	case SSF_RULE_A_GID_MIN:
	case SSF_RULE_A_GID_MAX:	return "gid";
	case SSF_RULE_A_CGROUP:		return "cgroup";
	case SSF_RULE_A_ICMP_TYPE:	return "icmp-type";
	case SSF_RULE_A_FLAGS:		return "log/audit";
	case SSF_RULE_A_LOG_PREFIX:	return "log";
	case SSF_RULE_A_COMMENT:	return "comment";
	default:			return NULL;
	}
}
