// SPDX-License-Identifier: GPL-2.0
/*
 * The rule words (table ssf_rule_words): each fills one slot of the rule,
 * at most once, and may take one value, which its setter parses into
 * the rule. Names (users, groups, cgroup paths) are looked up through the
 * caller's resolver.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>

#include "polparse_int.h"
#include "names.h"

/*
 * A string value into @dst (@size bytes with the NUL): a clear error when
 * it holds a NUL byte or is too long.
 */
static int ssf_set_str(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
		       const struct ssfctl_tok *arg, char *dst, size_t size)
{
	struct ssfctl_qword q;

	if (memchr(arg->s, '\0', arg->len))
		return ssf_fail(c->err, "%s %s holds a NUL byte", w->word,
				ssf_q(&q, arg));
	if (arg->len >= size)
		return ssf_fail(c->err, "%s %s is too long (%zu bytes, at most %zu)",
				w->word, ssf_q(&q, arg), arg->len, size - 1);
	memcpy(dst, arg->s, arg->len);
	dst[arg->len] = '\0';
	return 0;
}

static int ssf_set_dir(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
		       const struct ssfctl_tok *arg)
{
	(void)arg;
	c->r.dir = w->val;
	return 0;
}

static int ssf_set_action(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			  const struct ssfctl_tok *arg)
{
	(void)arg;
	c->r.action = w->val;
	return 0;
}

static int ssf_set_family(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			  const struct ssfctl_tok *arg)
{
	struct ssfctl_qword q;
	int f = ssf_family_find(arg->s, arg->len);

	(void)w;
	if (f < 0)
		return ssf_fail(c->err, "unknown family %s (expected ip or ip6)",
				ssf_q(&q, arg));
	c->family = (u8)f;
	return 0;
}

static int ssf_set_proto(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	struct ssfctl_qword q;
	int p = ssf_proto_find(arg->s, arg->len);
	u32 v;

	(void)w;
	if (p < 0) {
		if (!ssf_pol_uint(arg->s, arg->len, 255, &v))
			return ssf_fail(c->err,
					"unknown protocol %s (a name or 0-255)",
					ssf_q(&q, arg));
		p = (int)v;
	}
	c->r.proto = (u8)p;
	c->r.match |= SSF_RM_PROTO;
	return 0;
}

/*
 * "@name" after src, dst, sport or dport (@slot, enum ssf_rule_set_slot):
 * a set of the right type, declared before the rule when the file is
 * known. 1 if @arg is no set word, else 0 or -EINVAL.
 */
static int ssf_set_setword(struct ssfctl_rctx *c, const struct ssfctl_tok *arg,
			   unsigned int slot)
{
	const struct ssfctl_set_word *sw = &ssf_set_words[slot];
	const struct ssfctl_polset *ps;
	struct ssfctl_qword q;

	if (arg->quoted || !arg->len || arg->s[0] != '@')
		return 1;
	if (!ssf_set_name_ok(arg->s + 1, arg->len - 1))
		return ssf_fail(c->err, "bad set name in %s %s (1-%d letters, digits, '_', '.' or '-')",
				sw->word, ssf_q(&q, arg), SSF_SET_NAME_MAX - 1);
	memcpy(c->set[slot], arg->s + 1, arg->len - 1);
	c->set[slot][arg->len - 1] = '\0';
	if (c->pf) {
		ps = ssf_polfile_set(c->pf, c->set[slot]);
		if (!ps)
			return ssf_fail(c->err, "%s %s: no set \"%s\" is declared before this rule",
					sw->word, ssf_q(&q, arg), c->set[slot]);
		if (ps->type != sw->type)
			return ssf_fail(c->err, "%s %s: \"%s\" is %s set (line %u); %s takes %s set",
					sw->word, ssf_q(&q, arg), ps->name,
					ps->type == SSF_SET_PORT ? "a port" : "an address",
					ps->line, sw->word,
					sw->type == SSF_SET_PORT ? "a port" : "an address");
	}
	c->r.match |= sw->match;
	return 0;
}

static int ssf_set_addr(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			const struct ssfctl_tok *arg)
{
	char s[INET6_ADDRSTRLEN + 8];
	union ssf_addr a = { .w = { 0 } };
	struct ssfctl_qword q;
	char *slash;
	u32 plen;
	u8 fam;
	int ret;

	ret = ssf_set_setword(c, arg, w->val == 0 ? SSF_RSET_SRC : SSF_RSET_DST);
	if (ret <= 0)
		return ret;
	if (arg->len >= sizeof(s) || memchr(arg->s, '\0', arg->len))
		goto bad;
	memcpy(s, arg->s, arg->len);
	s[arg->len] = '\0';
	slash = strchr(s, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, s, a.b) == 1)
		fam = SSF_FAMILY_IPV4;
	else if (inet_pton(AF_INET6, s, a.b) == 1)
		fam = SSF_FAMILY_IPV6;
	else
		goto bad;
	plen = ssf_family_max_plen(fam);
	if (slash && !ssf_pol_uint(slash + 1, strlen(slash + 1), plen, &plen))
		return ssf_fail(c->err, "bad prefix length in %s %s (0-%u for %s)",
				w->word, ssf_q(&q, arg),
				ssf_family_max_plen(fam),
				fam == SSF_FAMILY_IPV4 ? "IPv4" : "IPv6");
	if (w->val == 0) {
		c->r.src = a;
		c->r.src_plen = (u8)plen;
		c->r.match |= SSF_RM_SRC;
		c->src_family = fam;
	} else {
		c->r.dst = a;
		c->r.dst_plen = (u8)plen;
		c->r.match |= SSF_RM_DST;
		c->dst_family = fam;
	}
	return 0;
bad:
	return ssf_fail(c->err, "bad %s address %s", w->word, ssf_q(&q, arg));
}

static int ssf_set_ports(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	struct ssfctl_qword q;
	u32 lo, hi;
	int ret;

	ret = ssf_set_setword(c, arg, w->val == 0 ? SSF_RSET_SPORT :
						   SSF_RSET_DPORT);
	if (ret <= 0)
		return ret;
	if (!ssf_tok_range(arg, 65535, &lo, &hi))
		return ssf_fail(c->err, "bad %s %s (a port 0-65535, a range p-q or a port set @name)",
				w->word, ssf_q(&q, arg));
	if (w->val == 0) {
		c->r.sport_min = (u16)lo;
		c->r.sport_max = (u16)hi;
		c->r.match |= SSF_RM_SPORT;
	} else {
		c->r.dport_min = (u16)lo;
		c->r.dport_max = (u16)hi;
		c->r.match |= SSF_RM_DPORT;
	}
	return 0;
}

static int ssf_set_ifname(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			  const struct ssfctl_tok *arg)
{
	if (!arg->len)
		return ssf_fail(c->err, "%s needs an interface name, not \"\"",
				w->word);
	if (w->val == 0) {
		c->r.match |= SSF_RM_IIF;
		return ssf_set_str(c, w, arg, c->r.iif, sizeof(c->r.iif));
	}
	c->r.match |= SSF_RM_OIF;
	return ssf_set_str(c, w, arg, c->r.oif, sizeof(c->r.oif));
}

/* uid (val 0) or gid (val 1): a number, a range, or a name to look up. */
static int ssf_set_owner(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	const char *kind = w->val == 0 ? "user" : "group";
	int (*look)(const char *name, u32 *id) = NULL;
	char name[256];
	struct ssfctl_qword q;
	u32 lo, hi;
	int ret;

	if (ssf_tok_numeric(arg)) {
		if (!ssf_tok_range(arg, UINT32_MAX, &lo, &hi))
			return ssf_fail(c->err, "bad %s %s (a number 0-4294967295, a range n-m, or a %s name)",
					w->word, ssf_q(&q, arg), kind);
	} else {
		if (!ssf_tok_cstr(arg, name, sizeof(name)) || !name[0])
			return ssf_fail(c->err, "bad %s name %s", kind,
					ssf_q(&q, arg));
		if (c->res)
			look = w->val == 0 ? c->res->user : c->res->group;
		if (!look)
			return ssf_fail(c->err, "%s names are not looked up here: give %s a number",
					kind, w->word);
		ret = look(name, &lo);
		if (ret == -ENOENT)
			return ssf_fail(c->err, "unknown %s %s", kind,
					ssf_q(&q, arg));
		if (ret)
			return ssf_fail(c->err, "look up %s %s: %s", kind,
					ssf_q(&q, arg), strerror(-ret));
		hi = lo;
	}
	if (w->val == 0) {
		c->r.uid_min = lo;
		c->r.uid_max = hi;
		c->r.match |= SSF_RM_UID;
	} else {
		c->r.gid_min = lo;
		c->r.gid_max = hi;
		c->r.match |= SSF_RM_GID;
	}
	return 0;
}

/* cgroup <path> (val 0) or cgroup-id <n> (val 1). */
static int ssf_set_cgroup(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			  const struct ssfctl_tok *arg)
{
	char path[4096], why[SSF_POLERR_MSG / 2];
	struct ssfctl_qword q;
	u64 id;

	if (w->val == 1) {
		if (!ssf_pol_u64(arg->s, arg->len, UINT64_MAX, &id) || !id)
			return ssf_fail(c->err, "bad cgroup-id %s (a cgroup's id: its directory's inode number)",
					ssf_q(&q, arg));
	} else {
		if (!ssf_tok_cstr(arg, path, sizeof(path)) || !path[0])
			return ssf_fail(c->err, "bad cgroup path %s",
					ssf_q(&q, arg));
		if (!c->res || !c->res->cgroup)
			return ssf_fail(c->err, "cgroup paths are not looked up here: use cgroup-id");
		why[0] = '\0';
		if (c->res->cgroup(path, &id, why, sizeof(why)))
			return ssf_fail(c->err, "cgroup %s: %s", ssf_q(&q, arg),
					why[0] ? why : "not found");
	}
	c->r.cgroup_id = id;
	c->r.match |= SSF_RM_CGROUP;
	return 0;
}

/* icmp-type (val ipv4) or icmp6-type (val ipv6): a name or a number. */
static int ssf_set_icmp(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			const struct ssfctl_tok *arg)
{
	int t = ssf_icmp_type_find(w->val, arg->s, arg->len);
	struct ssfctl_qword q;
	u32 v;

	if (t < 0) {
		if (!ssf_pol_uint(arg->s, arg->len, 255, &v))
			return ssf_fail(c->err, "unknown %s %s (a name or 0-255)",
					w->word, ssf_q(&q, arg));
		t = (int)v;
	}
	c->r.icmp_type = (u8)t;
	c->r.match |= SSF_RM_ICMP_TYPE;
	c->icmp_family = w->val;
	return 0;
}

/* "ct state <state>[,<state>...]": @arg is "state", the list after it. */
static int ssf_set_ct(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
		      const struct ssfctl_tok *arg)
{
	const struct ssfctl_tok *list = arg + 1;
	struct ssfctl_qword q, q2;
	size_t i = 0, n;
	const char *comma;
	int bit;

	if (!ssf_tok_is(arg, "state"))
		return ssf_fail(c->err, "%s needs state (ct state <state>[,<state>...]), not %s",
				w->word, ssf_q(&q, arg));
	if (list->quoted)
		return ssf_fail(c->err, "bad ct state %s (new, established, related, invalid or untracked, comma-separated)",
				ssf_q(&q, list));
	while (i <= list->len) {
		comma = memchr(list->s + i, ',', list->len - i);
		n = comma ? (size_t)(comma - list->s) - i : list->len - i;
		bit = ssf_ct_state_find(list->s + i, n);
		if (bit < 0)
			return ssf_fail(c->err, "unknown ct state %s in %s (new, established, related, invalid or untracked)",
					ssf_qbytes(&q, list->s + i, n),
					ssf_qraw(&q2, list));
		if (c->r.ct_states & bit)
			return ssf_fail(c->err, "ct state %s twice in %s",
					ssf_qbytes(&q, list->s + i, n),
					ssf_qraw(&q2, list));
		c->r.ct_states |= (u8)bit;
		i += n + 1;
	}
	c->r.match |= SSF_RM_CT;
	return 0;
}

/* "limit <n>/second|minute|hour" */
static int ssf_set_limit(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	const char *slash = memchr(arg->s, '/', arg->len);
	struct ssfctl_qword q;
	size_t n = slash ? (size_t)(slash - arg->s) : 0;
	int unit = -1;
	u32 rate;

	(void)w;
	if (slash && !arg->quoted)
		unit = ssf_limit_unit_find(slash + 1, arg->len - n - 1);
	if (unit < 0 || !ssf_pol_uint(arg->s, n, SSF_LIMIT_RATE_MAX, &rate) ||
	    !rate)
		return ssf_fail(c->err, "bad limit %s (<n>/second, <n>/minute or <n>/hour, n 1-%u)",
				ssf_q(&q, arg), SSF_LIMIT_RATE_MAX);
	c->r.limit_rate = rate;
	c->r.limit_unit = (u8)unit;
	if (!c->r.limit_burst)
		c->r.limit_burst = SSF_LIMIT_BURST_DEFAULT;
	c->r.match |= SSF_RM_LIMIT;
	return 0;
}

static int ssf_set_burst(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	struct ssfctl_qword q;
	u32 v;

	(void)w;
	if (!ssf_pol_uint(arg->s, arg->len, SSF_LIMIT_BURST_MAX, &v) || !v)
		return ssf_fail(c->err, "bad burst %s (1-%u packets)",
				ssf_q(&q, arg), SSF_LIMIT_BURST_MAX);
	c->r.limit_burst = v;
	return 0;
}

static int ssf_set_log(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
		       const struct ssfctl_tok *arg)
{
	c->r.flags |= SSF_RULE_F_LOG;
	if (!arg)
		return 0;
	return ssf_set_str(c, w, arg, c->t.log_prefix, sizeof(c->t.log_prefix));
}

static int ssf_set_audit(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			 const struct ssfctl_tok *arg)
{
	(void)w;
	(void)arg;
	c->r.flags |= SSF_RULE_F_AUDIT;
	return 0;
}

static int ssf_set_comment(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
			   const struct ssfctl_tok *arg)
{
	return ssf_set_str(c, w, arg, c->t.comment, sizeof(c->t.comment));
}

#define NONE	SSF_ARG_NONE
#define ONE	SSF_ARG_ONE
static const struct ssfctl_rule_word ssf_rule_words[] = {
	{ "in",      SSF_SLOT_DIR,    SSF_DIR_IN,  NONE, NULL, ssf_set_dir },
	{ "out",     SSF_SLOT_DIR,    SSF_DIR_OUT, NONE, NULL, ssf_set_dir },
	{ "fwd",     SSF_SLOT_DIR,    SSF_DIR_FWD, NONE, NULL, ssf_set_dir },
	{ "family",  SSF_SLOT_FAMILY, 0, ONE, "a family (ip or ip6)",
	  ssf_set_family },
	{ "proto",   SSF_SLOT_PROTO,  0, ONE, "a protocol", ssf_set_proto },
	{ "src",     SSF_SLOT_SRC,    0, ONE, "an address or prefix",
	  ssf_set_addr },
	{ "dst",     SSF_SLOT_DST,    1, ONE, "an address or prefix",
	  ssf_set_addr },
	{ "sport",   SSF_SLOT_SPORT,  0, ONE, "a port or port range",
	  ssf_set_ports },
	{ "dport",   SSF_SLOT_DPORT,  1, ONE, "a port or port range",
	  ssf_set_ports },
	{ "iif",     SSF_SLOT_IIF,    0, ONE, "an interface name",
	  ssf_set_ifname },
	{ "oif",     SSF_SLOT_OIF,    1, ONE, "an interface name",
	  ssf_set_ifname },
	{ "uid",     SSF_SLOT_UID,    0, ONE, "a uid, uid range or user name",
	  ssf_set_owner },
	{ "gid",     SSF_SLOT_GID,    1, ONE, "a gid, gid range or group name",
	  ssf_set_owner },
	{ "cgroup",  SSF_SLOT_CGROUP, 0, ONE, "a cgroup path", ssf_set_cgroup },
	{ "cgroup-id", SSF_SLOT_CGROUP, 1, ONE, "a cgroup id", ssf_set_cgroup },
	{ "icmp-type", SSF_SLOT_ICMP, SSF_FAMILY_IPV4, ONE,
	  "an ICMP type (a name or 0-255)", ssf_set_icmp },
	{ "icmp6-type", SSF_SLOT_ICMP, SSF_FAMILY_IPV6, ONE,
	  "an ICMPv6 type (a name or 0-255)", ssf_set_icmp },
	{ "ct",      SSF_SLOT_CT,     0, SSF_ARG_TWO,
	  "state and a list of states (ct state <state>[,<state>...])",
	  ssf_set_ct },
	{ "limit",   SSF_SLOT_LIMIT,  0, ONE, "a rate (<n>/second|minute|hour)",
	  ssf_set_limit },
	{ "burst",   SSF_SLOT_BURST,  0, ONE, "a number of packets",
	  ssf_set_burst },
	{ "accept",  SSF_SLOT_ACTION, SSF_ACT_ACCEPT, NONE, NULL,
	  ssf_set_action },
	{ "drop",    SSF_SLOT_ACTION, SSF_ACT_DROP, NONE, NULL, ssf_set_action },
	{ "reject",  SSF_SLOT_ACTION, SSF_ACT_REJECT, NONE, NULL,
	  ssf_set_action },
	{ "log",     SSF_SLOT_LOG,    0, SSF_ARG_OPT, "a prefix", ssf_set_log },
	{ "audit",   SSF_SLOT_AUDIT,  0, NONE, NULL, ssf_set_audit },
	{ "comment", SSF_SLOT_COMMENT, 0, ONE, "a text", ssf_set_comment },
};
#undef NONE
#undef ONE

const struct ssfctl_rule_word *ssf_pol_word_find(const struct ssfctl_tok *t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ssf_rule_words); i++)
		if (ssf_tok_is(t, ssf_rule_words[i].word))
			return &ssf_rule_words[i];
	return NULL;
}
