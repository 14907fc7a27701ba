// SPDX-License-Identifier: GPL-2.0
/*
 * Policy parser: text -> struct ssf_rule, defaults, validate settings.
 *
 * A buffer is cut into lines and a line into words ('#' outside double
 * quotes ends the line; a quoted word may hold spaces, '#', \" and \\).
 * The first word names a statement (table ssf_stmts); the statement parses
 * the rest. A rule is parsed from a table of words (ssf_rule_words): each
 * word fills one slot of the rule, at most once, and may take one value.
 * Keywords are never quoted; a quoted word is always a value. Names (users,
 * groups, cgroup paths) are looked up through the caller's resolver.
 *
 * The parser gives precise messages for what only text can say (which word,
 * which value, on which line); every cross-field rule is then left to
 * ssf_rule_check(), the checker the kernel runs, so the two cannot drift.
 *
 * Pure: no I/O but the caller's resolver, no exits, no global state
 * (fuzzable).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "polparse.h"
#include "names.h"

/*
 * A word: its value (quotes removed, escapes resolved) and, for messages,
 * the text as written. A quoted word is always a value, never a keyword.
 */
struct ssf_tok {
	const char *s;
	size_t len;
	const char *raw;
	size_t rawlen;
	bool quoted;
};

/* What a rule word fills; a slot can be filled once. */
enum ssf_slot {
	SSF_SLOT_DIR,
	SSF_SLOT_ACTION,
	SSF_SLOT_FAMILY,
	SSF_SLOT_PROTO,
	SSF_SLOT_SRC,
	SSF_SLOT_DST,
	SSF_SLOT_SPORT,
	SSF_SLOT_DPORT,
	SSF_SLOT_IIF,
	SSF_SLOT_OIF,
	SSF_SLOT_UID,
	SSF_SLOT_GID,
	SSF_SLOT_CGROUP,
	SSF_SLOT_ICMP,
	SSF_SLOT_LOG,
	SSF_SLOT_AUDIT,
	SSF_SLOT_COMMENT,

	__SSF_SLOT_N
};

/* Slots filled by more than one word have a name for messages. */
static const char *const ssf_slot_names[__SSF_SLOT_N] = {
	[SSF_SLOT_DIR]		= "direction",
	[SSF_SLOT_ACTION]	= "action",
	[SSF_SLOT_CGROUP]	= "cgroup",
	[SSF_SLOT_ICMP]		= "icmp type",
};

/* One rule being parsed. */
struct ssf_rctx {
	struct ssf_rule r;
	struct ssf_polerr *err;
	const struct ssf_resolver *res;
	const struct ssf_tok *word[__SSF_SLOT_N];	/* the word per slot */
	const struct ssf_tok *value[__SSF_SLOT_N];	/* and its value */
	u8 family;		/* from "family"; SSF_FAMILY_ANY if not given */
	u8 src_family;		/* from the src address, if any */
	u8 dst_family;
	u8 icmp_family;		/* from icmp-type (ipv4), icmp6-type (ipv6) */
};

enum ssf_arg {
	SSF_ARG_NONE,
	SSF_ARG_ONE,		/* takes the next word */
	SSF_ARG_OPT,		/* takes the next word if it is quoted or is
				 * not a rule word ("log")
				 */
};

struct ssf_rule_word {
	const char *word;
	u8 slot;		/* enum ssf_slot */
	u8 val;			/* for the setter: a value, or which end */
	u8 takes;		/* enum ssf_arg */
	const char *arg;	/* what the value is, for messages */
	int (*set)(struct ssf_rctx *c, const struct ssf_rule_word *w,
		   const struct ssf_tok *arg);
};

struct ssf_pstate {
	struct ssf_polfile *pf;
	struct ssf_polerr *err;
	const struct ssf_resolver *res;
	unsigned int line;
};

struct ssf_stmt {
	const char *word;
	int (*parse)(struct ssf_pstate *st, const struct ssf_tok *w, size_t n);
};

__attribute__((format(printf, 2, 3)))
static int ssf_fail(struct ssf_polerr *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Bytes quoted for a message: escaped, and cut if long. */
struct ssf_qword {
	char s[72];
};

static const char *ssf_qbytes(struct ssf_qword *q, const char *s, size_t len)
{
	size_t i, o = 0;

	q->s[o++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		/* room for the longest escape plus `..."` and the NUL */
		if (o + 4 + 5 > sizeof(q->s)) {
			memcpy(q->s + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\') {
			q->s[o++] = '\\';
			q->s[o++] = c;
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(q->s + o, 5, "\\x%02x", c);
			o += 4;
		} else {
			q->s[o++] = c;
		}
	}
	q->s[o++] = '"';
	q->s[o] = '\0';
	return q->s;
}

/* A word's value, quoted for a message. */
static const char *ssf_q(struct ssf_qword *q, const struct ssf_tok *t)
{
	return ssf_qbytes(q, t->s, t->len);
}

/* A word as written (quotes included), quoted for a message. */
static const char *ssf_qraw(struct ssf_qword *q, const struct ssf_tok *t)
{
	return ssf_qbytes(q, t->raw, t->rawlen);
}

/* An unquoted word that is @s: keywords never match quoted words. */
static bool ssf_tok_is(const struct ssf_tok *t, const char *s)
{
	return !t->quoted && strlen(s) == t->len && !memcmp(t->s, s, t->len);
}

static bool ssf_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Cut @len bytes at @s into at most @max words; '#' outside quotes ends
 * the line. A double-quoted word may hold spaces and '#'; inside it \"
 * and \\ stand for " and \. Unescaped values are written to @scratch
 * (room for @len bytes). Returns the number of words, or -1 with @err set.
 */
static int ssf_words(const char *s, size_t len, struct ssf_tok *w, size_t max,
		     char *scratch, struct ssf_polerr *err)
{
	size_t i = 0, n = 0, start, o = 0;
	struct ssf_qword q;

	while (i < len && s[i] != '#') {
		if (ssf_is_space(s[i])) {
			i++;
			continue;
		}
		if (n == max)
			return ssf_fail(err, "too many words (more than %d)",
					SSF_POL_MAX_WORDS), -1;
		start = i;
		if (s[i] != '"') {
			while (i < len && !ssf_is_space(s[i]) && s[i] != '#' &&
			       s[i] != '"')
				i++;
			if (i < len && s[i] == '"')
				return ssf_fail(err, "a quote inside the word %s (quote the whole word)",
						ssf_qbytes(&q, s + start, i + 1 - start)), -1;
			w[n] = (struct ssf_tok){ .s = s + start, .len = i - start,
				.raw = s + start, .rawlen = i - start };
			n++;
			continue;
		}
		w[n] = (struct ssf_tok){ .s = scratch + o, .quoted = true,
					 .raw = s + start };
		for (i++; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\') {
				if (i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\')) {
					scratch[o++] = s[++i];
					continue;
				}
				return ssf_fail(err, "unknown escape %s in a quoted string (only \\\" and \\\\)",
						ssf_qbytes(&q, s + i, i + 1 < len ? 2 : 1)), -1;
			}
			scratch[o++] = s[i];
		}
		if (i == len)
			return ssf_fail(err, "unterminated quoted string %s",
					ssf_qbytes(&q, s + start, len - start)), -1;
		i++;
		if (i < len && !ssf_is_space(s[i]) && s[i] != '#')
			return ssf_fail(err, "no space after the quoted string %s",
					ssf_qbytes(&q, s + start, i - start)), -1;
		w[n].len = (size_t)(scratch + o - w[n].s);
		w[n].rawlen = i - start;
		n++;
	}
	return (int)n;
}

/* Decimal digits only (no sign, no spaces), value <= @max. */
static bool ssf_parse_u64(const char *s, size_t len, u64 max, u64 *out)
{
	u64 v = 0;
	size_t i;

	if (!len || len > 20)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (UINT64_MAX - (u64)(s[i] - '0')) / 10)
			return false;
		v = v * 10 + (u64)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

static bool ssf_parse_uint(const char *s, size_t len, u32 max, u32 *out)
{
	u64 v;

	if (!ssf_parse_u64(s, len, max, &v))
		return false;
	*out = (u32)v;
	return true;
}

/*
 * "n" or "n-m" of unsigned numbers <= @max into *@lo, *@hi. False if the
 * text is not of that form or a number is too large.
 */
static bool ssf_parse_range(const struct ssf_tok *t, u32 max, u32 *lo, u32 *hi)
{
	const char *dash = memchr(t->s, '-', t->len);
	size_t n = dash ? (size_t)(dash - t->s) : t->len;

	if (!ssf_parse_uint(t->s, n, max, lo))
		return false;
	*hi = *lo;
	return !dash || ssf_parse_uint(dash + 1, t->len - n - 1, max, hi);
}

/* Digits and dashes only: meant as a number or a range, not a name. */
static bool ssf_tok_numeric(const struct ssf_tok *t)
{
	size_t i;

	if (t->quoted || !t->len)
		return false;
	for (i = 0; i < t->len; i++)
		if ((t->s[i] < '0' || t->s[i] > '9') && t->s[i] != '-')
			return false;
	return true;
}

/* The word as a C string in @buf, or false if it cannot be one. */
static bool ssf_tok_cstr(const struct ssf_tok *t, char *buf, size_t size)
{
	if (t->len >= size || memchr(t->s, '\0', t->len))
		return false;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return true;
}

/*
 * A string value into @dst (@size bytes with the NUL): a clear error when
 * it holds a NUL byte or is too long.
 */
static int ssf_set_str(struct ssf_rctx *c, const struct ssf_rule_word *w,
		       const struct ssf_tok *arg, char *dst, size_t size)
{
	struct ssf_qword q;

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

static int ssf_set_dir(struct ssf_rctx *c, const struct ssf_rule_word *w,
		       const struct ssf_tok *arg)
{
	(void)arg;
	c->r.dir = w->val;
	return 0;
}

static int ssf_set_action(struct ssf_rctx *c, const struct ssf_rule_word *w,
			  const struct ssf_tok *arg)
{
	(void)arg;
	c->r.action = w->val;
	return 0;
}

static int ssf_set_family(struct ssf_rctx *c, const struct ssf_rule_word *w,
			  const struct ssf_tok *arg)
{
	struct ssf_qword q;
	int f = ssf_family_find(arg->s, arg->len);

	(void)w;
	if (f < 0)
		return ssf_fail(c->err, "unknown family %s (expected ip or ip6)",
				ssf_q(&q, arg));
	c->family = (u8)f;
	return 0;
}

static int ssf_set_proto(struct ssf_rctx *c, const struct ssf_rule_word *w,
			 const struct ssf_tok *arg)
{
	struct ssf_qword q;
	int p = ssf_proto_find(arg->s, arg->len);
	u32 v;

	(void)w;
	if (p < 0) {
		if (!ssf_parse_uint(arg->s, arg->len, 255, &v))
			return ssf_fail(c->err,
					"unknown protocol %s (a name or 0-255)",
					ssf_q(&q, arg));
		p = (int)v;
	}
	c->r.proto = (u8)p;
	c->r.match |= SSF_RM_PROTO;
	return 0;
}

static int ssf_set_addr(struct ssf_rctx *c, const struct ssf_rule_word *w,
			const struct ssf_tok *arg)
{
	char s[INET6_ADDRSTRLEN + 8];
	union ssf_addr a = { .w = { 0 } };
	struct ssf_qword q;
	char *slash;
	u32 plen;
	u8 fam;

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
	if (slash && !ssf_parse_uint(slash + 1, strlen(slash + 1), plen, &plen))
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

static int ssf_set_ports(struct ssf_rctx *c, const struct ssf_rule_word *w,
			 const struct ssf_tok *arg)
{
	const char *dash = memchr(arg->s, '-', arg->len);
	struct ssf_qword q;
	u32 lo, hi;
	size_t n;

	n = dash ? (size_t)(dash - arg->s) : arg->len;
	if (!ssf_parse_uint(arg->s, n, 65535, &lo))
		goto bad;
	hi = lo;
	if (dash && !ssf_parse_uint(dash + 1, arg->len - n - 1, 65535, &hi))
		goto bad;
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
bad:
	return ssf_fail(c->err, "bad %s %s (a port 0-65535 or a range p-q)",
			w->word, ssf_q(&q, arg));
}

static int ssf_set_ifname(struct ssf_rctx *c, const struct ssf_rule_word *w,
			  const struct ssf_tok *arg)
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
static int ssf_set_owner(struct ssf_rctx *c, const struct ssf_rule_word *w,
			 const struct ssf_tok *arg)
{
	const char *kind = w->val == 0 ? "user" : "group";
	int (*look)(const char *name, u32 *id) = NULL;
	char name[256];
	struct ssf_qword q;
	u32 lo, hi;
	int ret;

	if (ssf_tok_numeric(arg)) {
		if (!ssf_parse_range(arg, UINT32_MAX, &lo, &hi))
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
static int ssf_set_cgroup(struct ssf_rctx *c, const struct ssf_rule_word *w,
			  const struct ssf_tok *arg)
{
	char path[4096], why[SSF_POLERR_MSG / 2];
	struct ssf_qword q;
	u64 id;

	if (w->val == 1) {
		if (!ssf_parse_u64(arg->s, arg->len, UINT64_MAX, &id) || !id)
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
static int ssf_set_icmp(struct ssf_rctx *c, const struct ssf_rule_word *w,
			const struct ssf_tok *arg)
{
	int t = ssf_icmp_type_find(w->val, arg->s, arg->len);
	struct ssf_qword q;
	u32 v;

	if (t < 0) {
		if (!ssf_parse_uint(arg->s, arg->len, 255, &v))
			return ssf_fail(c->err, "unknown %s %s (a name or 0-255)",
					w->word, ssf_q(&q, arg));
		t = (int)v;
	}
	c->r.icmp_type = (u8)t;
	c->r.match |= SSF_RM_ICMP_TYPE;
	c->icmp_family = w->val;
	return 0;
}

static int ssf_set_log(struct ssf_rctx *c, const struct ssf_rule_word *w,
		       const struct ssf_tok *arg)
{
	c->r.flags |= SSF_RULE_F_LOG;
	if (!arg)
		return 0;
	return ssf_set_str(c, w, arg, c->r.log_prefix, sizeof(c->r.log_prefix));
}

static int ssf_set_audit(struct ssf_rctx *c, const struct ssf_rule_word *w,
			 const struct ssf_tok *arg)
{
	(void)w;
	(void)arg;
	c->r.flags |= SSF_RULE_F_AUDIT;
	return 0;
}

static int ssf_set_comment(struct ssf_rctx *c, const struct ssf_rule_word *w,
			   const struct ssf_tok *arg)
{
	return ssf_set_str(c, w, arg, c->r.comment, sizeof(c->r.comment));
}

#define NONE	SSF_ARG_NONE
#define ONE	SSF_ARG_ONE
static const struct ssf_rule_word ssf_rule_words[] = {
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

static const struct ssf_rule_word *ssf_rule_word_find(const struct ssf_tok *t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ssf_rule_words); i++)
		if (ssf_tok_is(t, ssf_rule_words[i].word))
			return &ssf_rule_words[i];
	return NULL;
}

static const char *ssf_fam_text(u8 fam)
{
	return fam == SSF_FAMILY_IPV4 ? "IPv4" : "IPv6";
}

static int ssf_rule_host_bits(struct ssf_rctx *c, enum ssf_slot slot,
			      const union ssf_addr *a, u8 plen)
{
	char net_s[INET6_ADDRSTRLEN];
	union ssf_addr mask, net;
	struct ssf_qword q;
	int i;

	ssf_prefix_mask(&mask, plen);
	for (i = 0; i < 4; i++)
		net.w[i] = a->w[i] & mask.w[i];
	if (!memcmp(&net, a, sizeof(net)))
		return 0;
	if (!inet_ntop(c->r.family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6,
		       net.b, net_s, sizeof(net_s)))
		net_s[0] = '\0';
	return ssf_fail(c->err, "%s %s has host bits set (the network is %s/%u)",
			slot == SSF_SLOT_SRC ? "src" : "dst",
			ssf_q(&q, c->value[slot]), net_s, plen);
}

/*
 * icmp-type implies proto icmp and family ip, icmp6-type proto icmpv6 and
 * family ip6; said otherwise, the rule is refused with the reason.
 */
static int ssf_rule_icmp(struct ssf_rctx *c)
{
	const struct ssf_tok *w = c->word[SSF_SLOT_ICMP];
	u8 want = c->icmp_family == SSF_FAMILY_IPV4 ? 1 : 58;
	struct ssf_qword q1, q2;
	char num[8];
	const char *p;

	if (c->r.family && c->r.family != c->icmp_family)
		return ssf_fail(c->err, "%s needs family %s: this rule is %s",
				ssf_q(&q1, w), ssf_family_name(c->icmp_family),
				ssf_fam_text(c->r.family));
	c->r.family = c->icmp_family;
	if (!(c->r.match & SSF_RM_PROTO)) {
		c->r.match |= SSF_RM_PROTO;
		c->r.proto = want;
	} else if (c->r.proto != want) {
		p = ssf_proto_name(c->r.proto);
		if (!p) {
			snprintf(num, sizeof(num), "%u", c->r.proto);
			p = num;
		}
		return ssf_fail(c->err, "%s needs proto %s, not %s",
				ssf_q(&q1, w), ssf_proto_name(want),
				ssf_qbytes(&q2, p, strlen(p)));
	}
	return 0;
}

/* All words seen: the checks that need the whole rule. */
static int ssf_rule_finish(struct ssf_rctx *c)
{
	struct ssf_qword q;
	const char *why;
	u8 afam;
	int ret;

	if (!c->word[SSF_SLOT_DIR])
		return ssf_fail(c->err, "missing direction (in, out or fwd)");
	if (!c->word[SSF_SLOT_ACTION])
		return ssf_fail(c->err, "missing action (accept, drop or reject)");

	if (c->src_family && c->dst_family && c->src_family != c->dst_family)
		return ssf_fail(c->err, "src is %s but dst is %s: a rule is for one family",
				ssf_fam_text(c->src_family),
				ssf_fam_text(c->dst_family));
	afam = c->src_family ? c->src_family : c->dst_family;
	if (c->family && afam && c->family != afam) {
		enum ssf_slot s = c->src_family ? SSF_SLOT_SRC : SSF_SLOT_DST;

		return ssf_fail(c->err, "family %s does not match %s %s (%s)",
				ssf_family_name(c->family),
				s == SSF_SLOT_SRC ? "src" : "dst",
				ssf_q(&q, c->value[s]), ssf_fam_text(afam));
	}
	c->r.family = c->family ? c->family : afam;
	if (c->icmp_family) {
		ret = ssf_rule_icmp(c);
		if (ret)
			return ret;
	}

	if (c->r.match & SSF_RM_SRC) {
		ret = ssf_rule_host_bits(c, SSF_SLOT_SRC, &c->r.src, c->r.src_plen);
		if (ret)
			return ret;
	}
	if (c->r.match & SSF_RM_DST) {
		ret = ssf_rule_host_bits(c, SSF_SLOT_DST, &c->r.dst, c->r.dst_plen);
		if (ret)
			return ret;
	}
	if (ssf_rule_check(&c->r, &why))
		return ssf_fail(c->err, "%s", why);
	return 0;
}

static int ssf_rule_parse(const struct ssf_tok *w, size_t n,
			  const struct ssf_resolver *res, struct ssf_rule *r,
			  struct ssf_polerr *err)
{
	const struct ssf_rule_word *kw;
	struct ssf_qword q1, q2;
	struct ssf_rctx c;
	size_t i;
	int ret;

	memset(&c, 0, sizeof(c));
	c.err = err;
	c.res = res;
	for (i = 0; i < n; i++) {
		kw = ssf_rule_word_find(&w[i]);
		if (!kw)
			return ssf_fail(err, "unknown word %s", ssf_qraw(&q1, &w[i]));
		if (c.word[kw->slot]) {
			if (!ssf_slot_names[kw->slot])
				return ssf_fail(err, "duplicate %s",
						ssf_q(&q1, &w[i]));
			return ssf_fail(err, "duplicate %s: %s after %s",
					ssf_slot_names[kw->slot],
					ssf_q(&q1, &w[i]),
					ssf_q(&q2, c.word[kw->slot]));
		}
		c.word[kw->slot] = &w[i];
		if (kw->takes == SSF_ARG_ONE) {
			if (i + 1 == n)
				return ssf_fail(err, "%s needs %s",
						ssf_q(&q1, &w[i]), kw->arg);
			c.value[kw->slot] = &w[++i];
		} else if (kw->takes == SSF_ARG_OPT && i + 1 < n &&
			   (w[i + 1].quoted || !ssf_rule_word_find(&w[i + 1]))) {
			c.value[kw->slot] = &w[++i];
		}
		ret = kw->set(&c, kw, c.value[kw->slot]);
		if (ret)
			return ret;
	}
	ret = ssf_rule_finish(&c);
	if (ret)
		return ret;
	*r = c.r;
	return 0;
}

static int ssf_polfile_add(struct ssf_polfile *pf, const struct ssf_rule *r,
			   unsigned int line)
{
	struct ssf_polrule *v;
	size_t cap;

	if (pf->nrules == pf->cap) {
		cap = pf->cap ? pf->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof(*v))
			return -ENOMEM;
		v = realloc(pf->rules, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		pf->rules = v;
		pf->cap = cap;
	}
	pf->rules[pf->nrules].rule = *r;
	pf->rules[pf->nrules].line = line;
	pf->nrules++;
	return 0;
}

/* The value a name table gives an unquoted word, or -1. */
static int ssf_tok_name(const struct ssf_tok *t,
			int (*find)(const char *s, size_t len))
{
	return t->quoted ? -1 : find(t->s, t->len);
}

static int ssf_stmt_default(struct ssf_pstate *st, const struct ssf_tok *w,
			    size_t n)
{
	struct ssf_qword q;
	int dir, act;

	if (n < 3)
		return ssf_fail(st->err, "default needs a direction and an action (default in|out|fwd accept|drop|reject)");
	dir = ssf_tok_name(&w[1], ssf_dir_find);
	if (dir < 0)
		return ssf_fail(st->err, "unknown direction %s (expected in, out or fwd)",
				ssf_qraw(&q, &w[1]));
	act = ssf_tok_name(&w[2], ssf_action_find);
	if (act < 0)
		return ssf_fail(st->err, "unknown action %s (expected accept, drop or reject)",
				ssf_qraw(&q, &w[2]));
	if (n > 3)
		return ssf_fail(st->err, "unexpected word %s after the default action",
				ssf_q(&q, &w[3]));
	if (st->pf->defaults_set & (1u << dir))
		return ssf_fail(st->err, "duplicate default for %s",
				ssf_dir_name((u8)dir));
	st->pf->defaults_set |= (u8)(1u << dir);
	st->pf->defaults[dir] = (u8)act;
	return 0;
}

static int ssf_stmt_rule(struct ssf_pstate *st, const struct ssf_tok *w,
			 size_t n)
{
	struct ssf_rule r;
	int ret;

	ret = ssf_rule_parse(w + 1, n - 1, st->res, &r, st->err);
	if (ret)
		return ret;
	ret = ssf_polfile_add(st->pf, &r, st->line);
	if (ret) {
		ssf_fail(st->err, "out of memory");
		return ret;
	}
	return 0;
}

static int ssf_polfile_add_check(struct ssf_polfile *pf, u8 reason, u8 action,
				 unsigned int line)
{
	struct ssf_polcheck *v;
	size_t cap;

	if (pf->nchecks == pf->checks_cap) {
		cap = pf->checks_cap ? pf->checks_cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof(*v))
			return -ENOMEM;
		v = realloc(pf->checks, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		pf->checks = v;
		pf->checks_cap = cap;
	}
	pf->checks[pf->nchecks].reason = reason;
	pf->checks[pf->nchecks].action = action;
	pf->checks[pf->nchecks].line = line;
	pf->nchecks++;
	return 0;
}

static int ssf_stmt_exthdr_max(struct ssf_pstate *st, const struct ssf_tok *v)
{
	struct ssf_qword q;
	u32 n;

	if (!ssf_parse_uint(v->s, v->len, SSF_IP6_EXTHDR_LIMIT, &n))
		return ssf_fail(st->err, "bad ip6-exthdr-max %s (0-%d)",
				ssf_q(&q, v), SSF_IP6_EXTHDR_LIMIT);
	if (st->pf->has_exthdr_max)
		return ssf_fail(st->err, "duplicate validate ip6-exthdr-max (first on line %u)",
				st->pf->exthdr_line);
	st->pf->has_exthdr_max = true;
	st->pf->ip6_exthdr_max = (u8)n;
	st->pf->exthdr_line = st->line;
	return 0;
}

static int ssf_stmt_validate(struct ssf_pstate *st, const struct ssf_tok *w,
			     size_t n)
{
	char name[SSF_REASON_NAME_MAX + 1];
	enum ssf_reason r = SSF_R_NONE;
	struct ssf_qword q;
	int act, ret;

	if (n < 3)
		return ssf_fail(st->err, "validate needs a check and an action (validate <check>|all drop|audit|off, or validate ip6-exthdr-max <0-%d>)",
				SSF_IP6_EXTHDR_LIMIT);
	if (n > 3)
		return ssf_fail(st->err, "unexpected word %s after the validate setting",
				ssf_q(&q, &w[3]));
	if (ssf_tok_is(&w[1], "ip6-exthdr-max"))
		return ssf_stmt_exthdr_max(st, &w[2]);
	if (!ssf_tok_is(&w[1], "all")) {
		if (ssf_tok_cstr(&w[1], name, sizeof(name)))
			r = ssf_reason_by_name(name);
		if (r == SSF_R_NONE)
			return ssf_fail(st->err, "unknown validation check %s (\"ssfctl validate show\" lists them)",
					ssf_q(&q, &w[1]));
	}
	act = -1;
	if (ssf_tok_cstr(&w[2], name, sizeof(name)))
		act = ssf_check_action_by_name(name);
	if (act < 0)
		return ssf_fail(st->err, "unknown check action %s (expected drop, audit or off)",
				ssf_q(&q, &w[2]));
	ret = ssf_polfile_add_check(st->pf, (u8)r, (u8)act, st->line);
	if (ret)
		ssf_fail(st->err, "out of memory");
	return ret;
}

static int ssf_stmt_mode(struct ssf_pstate *st, const struct ssf_tok *w,
			 size_t n)
{
	struct ssf_qword q;
	int mode;

	if (n < 2)
		return ssf_fail(st->err, "mode needs a value (mode enforce|audit|off)");
	mode = ssf_tok_name(&w[1], ssf_mode_find);
	if (mode < 0)
		return ssf_fail(st->err, "unknown mode %s (expected enforce, audit or off)",
				ssf_qraw(&q, &w[1]));
	if (n > 2)
		return ssf_fail(st->err, "unexpected word %s after the mode",
				ssf_qraw(&q, &w[2]));
	if (st->pf->has_mode)
		return ssf_fail(st->err, "duplicate mode (first on line %u)",
				st->pf->mode_line);
	st->pf->has_mode = true;
	st->pf->mode = (u8)mode;
	st->pf->mode_line = st->line;
	return 0;
}

static const struct ssf_stmt ssf_stmts[] = {
	{ "default",  ssf_stmt_default },
	{ "mode",     ssf_stmt_mode },
	{ "rule",     ssf_stmt_rule },
	{ "validate", ssf_stmt_validate },
};

const char *ssf_polcheck_name(const struct ssf_polcheck *c)
{
	return c->reason == SSF_R_NONE ? "all" : ssf_reason_name(c->reason);
}

void ssf_polfile_free(struct ssf_polfile *pf)
{
	free(pf->rules);
	pf->rules = NULL;
	pf->nrules = 0;
	pf->cap = 0;
	free(pf->checks);
	pf->checks = NULL;
	pf->nchecks = 0;
	pf->checks_cap = 0;
	pf->has_exthdr_max = false;
	pf->has_mode = false;
}

int ssf_polparse_res(const char *buf, size_t len,
		     const struct ssf_resolver *res, struct ssf_polfile *out,
		     struct ssf_polerr *err)
{
	struct ssf_tok w[SSF_POL_MAX_WORDS];
	struct ssf_pstate st = { .pf = out, .err = err, .res = res };
	const struct ssf_stmt *stmt;
	struct ssf_qword q;
	size_t pos = 0, end, i;
	char *scratch;
	const char *nl;
	int n, ret;

	memset(out, 0, sizeof(*out));
	for (i = 0; i <= SSF_DIR_MAX; i++)
		out->defaults[i] = SSF_ACT_ACCEPT;
	err->line = 0;
	err->msg[0] = '\0';
	/* unquoted values, at most as long as the text they come from */
	scratch = malloc(len ? len : 1);
	if (!scratch)
		return ssf_fail(err, "out of memory"), -ENOMEM;

	ret = 0;
	while (pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		end = nl ? (size_t)(nl - buf) : len;
		st.line++;
		n = ssf_words(buf + pos, end - pos, w, ARRAY_SIZE(w), scratch,
			      err);
		pos = nl ? end + 1 : len;
		if (n < 0) {
			ret = -EINVAL;
			goto fail;
		}
		if (n == 0)
			continue;
		stmt = NULL;
		for (i = 0; i < ARRAY_SIZE(ssf_stmts); i++)
			if (ssf_tok_is(&w[0], ssf_stmts[i].word))
				stmt = &ssf_stmts[i];
		if (!stmt) {
			ret = ssf_fail(err, "unknown statement %s (expected default, mode, rule or validate)",
				       ssf_qraw(&q, &w[0]));
			goto fail;
		}
		ret = stmt->parse(&st, w, (size_t)n);
		if (ret)
			goto fail;
	}
	free(scratch);
	return 0;
fail:
	free(scratch);
	err->line = st.line;
	ssf_polfile_free(out);
	return ret;
}

int ssf_polparse(const char *buf, size_t len, struct ssf_polfile *out,
		 struct ssf_polerr *err)
{
	return ssf_polparse_res(buf, len, NULL, out, err);
}

int ssf_polparse_rule_res(const char *buf, size_t len,
			  const struct ssf_resolver *res, struct ssf_rule *r,
			  struct ssf_polerr *err)
{
	struct ssf_tok w[SSF_POL_MAX_WORDS];
	char *scratch;
	int n, ret;

	err->line = 0;
	err->msg[0] = '\0';
	if (len && memchr(buf, '\n', len))
		return ssf_fail(err, "a rule is one line");
	scratch = malloc(len ? len : 1);
	if (!scratch)
		return ssf_fail(err, "out of memory"), -ENOMEM;
	n = ssf_words(buf, len, w, ARRAY_SIZE(w), scratch, err);
	ret = n < 0 ? -EINVAL : ssf_rule_parse(w, (size_t)n, res, r, err);
	free(scratch);
	return ret;
}

int ssf_polparse_rule(const char *buf, size_t len, struct ssf_rule *r,
		      struct ssf_polerr *err)
{
	return ssf_polparse_rule_res(buf, len, NULL, r, err);
}

/* The words whose value "rule add" takes whole from one argument. */
static bool ssf_takes_whole(const struct ssf_tok *t)
{
	return ssf_tok_is(t, "log") || ssf_tok_is(t, "comment") ||
	       ssf_tok_is(t, "cgroup");
}

int ssf_polparse_argv(int argc, char *const *argv,
		      const struct ssf_resolver *res, struct ssf_rule *r,
		      struct ssf_polerr *err)
{
	struct ssf_tok w[SSF_POL_MAX_WORDS];
	size_t n = 0, total = 0, len;
	char *scratch, *sp;
	int i, k, ret;

	err->line = 0;
	err->msg[0] = '\0';
	for (i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	scratch = malloc(total ? total : 1);
	if (!scratch)
		return ssf_fail(err, "out of memory"), -ENOMEM;
	sp = scratch;
	ret = -EINVAL;
	for (i = 0; i < argc; i++) {
		len = strlen(argv[i]);
		if (memchr(argv[i], '\n', len)) {
			ssf_fail(err, "a rule is one line");
			goto out;
		}
		if (n && ssf_takes_whole(&w[n - 1]) && argv[i][0] != '"') {
			if (n == ARRAY_SIZE(w)) {
				ssf_fail(err, "too many words (more than %d)",
					 SSF_POL_MAX_WORDS);
				goto out;
			}
			w[n++] = (struct ssf_tok){ .s = argv[i], .len = len,
				.raw = argv[i], .rawlen = len };
			continue;
		}
		k = ssf_words(argv[i], len, w + n, ARRAY_SIZE(w) - n, sp, err);
		if (k < 0)
			goto out;
		n += (size_t)k;
		sp += len;
	}
	ret = ssf_rule_parse(w, n, res, r, err);
out:
	free(scratch);
	return ret;
}
