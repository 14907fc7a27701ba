// SPDX-License-Identifier: GPL-2.0
/*
 * Policy parser: text -> struct ssf_rule, defaults, validate settings.
 *
 * A buffer is cut into lines and a line into words ('#' ends the line). The
 * first word names a statement (table ssf_stmts); the statement parses the
 * rest. A rule is parsed from a table of words (ssf_rule_words): each word
 * fills one slot of the rule, at most once, and may take one value. Later
 * words (iif, uid, icmp-type, log, ...) are new rows and setters; later
 * statements (mode, ...) are new rows of ssf_stmts.
 *
 * The parser gives precise messages for what only text can say (which word,
 * which value, on which line); every cross-field rule is then left to
 * ssf_rule_check(), the checker the kernel runs, so the two cannot drift.
 *
 * Pure: no I/O, no exits, no global state (fuzzable).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <arpa/inet.h>

#include "polparse.h"
#include "names.h"

struct ssf_tok {
	const char *s;
	size_t len;
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

	__SSF_SLOT_N
};

/* Slots filled by a bare word (no value) have a name for messages. */
static const char *const ssf_slot_names[__SSF_SLOT_N] = {
	[SSF_SLOT_DIR]		= "direction",
	[SSF_SLOT_ACTION]	= "action",
};

/* One rule being parsed. */
struct ssf_rctx {
	struct ssf_rule r;
	struct ssf_polerr *err;
	const struct ssf_tok *word[__SSF_SLOT_N];	/* the word per slot */
	const struct ssf_tok *value[__SSF_SLOT_N];	/* and its value */
	u8 family;		/* from "family"; SSF_FAMILY_ANY if not given */
	u8 src_family;		/* from the src address, if any */
	u8 dst_family;
};

struct ssf_rule_word {
	const char *word;
	u8 slot;		/* enum ssf_slot */
	u8 val;			/* for the setter: a value, or which end */
	const char *arg;	/* what the value is; NULL: takes none */
	int (*set)(struct ssf_rctx *c, const struct ssf_rule_word *w,
		   const struct ssf_tok *arg);
};

struct ssf_pstate {
	struct ssf_polfile *pf;
	struct ssf_polerr *err;
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

/* A word quoted for a message: escaped, and cut if long. */
struct ssf_qword {
	char s[72];
};

static const char *ssf_q(struct ssf_qword *q, const struct ssf_tok *t)
{
	size_t i, o = 0;

	q->s[o++] = '"';
	for (i = 0; i < t->len; i++) {
		unsigned char c = t->s[i];

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

static bool ssf_tok_is(const struct ssf_tok *t, const char *s)
{
	return strlen(s) == t->len && !memcmp(t->s, s, t->len);
}

static bool ssf_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Cut @len bytes at @s into at most @max words; -1 if there are more. */
static int ssf_words(const char *s, size_t len, struct ssf_tok *w, size_t max)
{
	size_t i = 0, n = 0, start;

	while (i < len && s[i] != '#') {
		if (ssf_is_space(s[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !ssf_is_space(s[i]) && s[i] != '#')
			i++;
		if (n == max)
			return -1;
		w[n].s = s + start;
		w[n].len = i - start;
		n++;
	}
	return (int)n;
}

/* Decimal digits only (no sign, no spaces), value <= @max. */
static bool ssf_parse_uint(const char *s, size_t len, u32 max, u32 *out)
{
	u64 v = 0;
	size_t i;

	if (!len || len > 10)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (u64)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = (u32)v;
	return true;
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

static const struct ssf_rule_word ssf_rule_words[] = {
	{ "in",      SSF_SLOT_DIR,    SSF_DIR_IN,     NULL, ssf_set_dir },
	{ "out",     SSF_SLOT_DIR,    SSF_DIR_OUT,    NULL, ssf_set_dir },
	{ "fwd",     SSF_SLOT_DIR,    SSF_DIR_FWD,    NULL, ssf_set_dir },
	{ "family",  SSF_SLOT_FAMILY, 0, "a family (ip or ip6)", ssf_set_family },
	{ "proto",   SSF_SLOT_PROTO,  0, "a protocol", ssf_set_proto },
	{ "src",     SSF_SLOT_SRC,    0, "an address or prefix", ssf_set_addr },
	{ "dst",     SSF_SLOT_DST,    1, "an address or prefix", ssf_set_addr },
	{ "sport",   SSF_SLOT_SPORT,  0, "a port or port range", ssf_set_ports },
	{ "dport",   SSF_SLOT_DPORT,  1, "a port or port range", ssf_set_ports },
	{ "accept",  SSF_SLOT_ACTION, SSF_ACT_ACCEPT, NULL, ssf_set_action },
	{ "drop",    SSF_SLOT_ACTION, SSF_ACT_DROP,   NULL, ssf_set_action },
};

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
		return ssf_fail(c->err, "missing action (accept or drop)");

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
			  struct ssf_rule *r, struct ssf_polerr *err)
{
	const struct ssf_rule_word *kw;
	struct ssf_qword q1, q2;
	struct ssf_rctx c;
	size_t i;
	int ret;

	memset(&c, 0, sizeof(c));
	c.err = err;
	for (i = 0; i < n; i++) {
		kw = ssf_rule_word_find(&w[i]);
		if (!kw)
			return ssf_fail(err, "unknown word %s", ssf_q(&q1, &w[i]));
		if (c.word[kw->slot]) {
			if (kw->arg)
				return ssf_fail(err, "duplicate %s",
						ssf_q(&q1, &w[i]));
			return ssf_fail(err, "duplicate %s: %s after %s",
					ssf_slot_names[kw->slot],
					ssf_q(&q1, &w[i]),
					ssf_q(&q2, c.word[kw->slot]));
		}
		c.word[kw->slot] = &w[i];
		if (kw->arg) {
			if (i + 1 == n)
				return ssf_fail(err, "%s needs %s",
						ssf_q(&q1, &w[i]), kw->arg);
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

static int ssf_stmt_default(struct ssf_pstate *st, const struct ssf_tok *w,
			    size_t n)
{
	struct ssf_qword q;
	int dir, act;

	if (n < 3)
		return ssf_fail(st->err, "default needs a direction and an action (default in|out|fwd accept|drop)");
	dir = ssf_dir_find(w[1].s, w[1].len);
	if (dir < 0)
		return ssf_fail(st->err, "unknown direction %s (expected in, out or fwd)",
				ssf_q(&q, &w[1]));
	act = ssf_action_find(w[2].s, w[2].len);
	if (act < 0)
		return ssf_fail(st->err, "unknown action %s (expected accept or drop)",
				ssf_q(&q, &w[2]));
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

	ret = ssf_rule_parse(w + 1, n - 1, &r, st->err);
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

/* The word as a C string in @buf, or false if it cannot be a name. */
static bool ssf_tok_cstr(const struct ssf_tok *t, char *buf, size_t size)
{
	if (t->len >= size || memchr(t->s, '\0', t->len))
		return false;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return true;
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

static const struct ssf_stmt ssf_stmts[] = {
	{ "default",  ssf_stmt_default },
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
}

int ssf_polparse(const char *buf, size_t len, struct ssf_polfile *out,
		 struct ssf_polerr *err)
{
	struct ssf_tok w[SSF_POL_MAX_WORDS];
	struct ssf_pstate st = { .pf = out, .err = err };
	const struct ssf_stmt *stmt;
	struct ssf_qword q;
	size_t pos = 0, end, i;
	const char *nl;
	int n, ret;

	memset(out, 0, sizeof(*out));
	for (i = 0; i <= SSF_DIR_MAX; i++)
		out->defaults[i] = SSF_ACT_ACCEPT;
	err->line = 0;
	err->msg[0] = '\0';

	while (pos < len) {
		nl = memchr(buf + pos, '\n', len - pos);
		end = nl ? (size_t)(nl - buf) : len;
		st.line++;
		n = ssf_words(buf + pos, end - pos, w, ARRAY_SIZE(w));
		pos = nl ? end + 1 : len;
		if (n < 0) {
			ret = ssf_fail(err, "too many words (more than %d)",
				       SSF_POL_MAX_WORDS);
			goto fail;
		}
		if (n == 0)
			continue;
		stmt = NULL;
		for (i = 0; i < ARRAY_SIZE(ssf_stmts); i++)
			if (ssf_tok_is(&w[0], ssf_stmts[i].word))
				stmt = &ssf_stmts[i];
		if (!stmt) {
			ret = ssf_fail(err, "unknown statement %s (expected default, rule or validate)",
				       ssf_q(&q, &w[0]));
			goto fail;
		}
		ret = stmt->parse(&st, w, (size_t)n);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	err->line = st.line;
	ssf_polfile_free(out);
	return ret;
}

int ssf_polparse_rule(const char *buf, size_t len, struct ssf_rule *r,
		      struct ssf_polerr *err)
{
	struct ssf_tok w[SSF_POL_MAX_WORDS];
	int n;

	err->line = 0;
	err->msg[0] = '\0';
	if (len && memchr(buf, '\n', len))
		return ssf_fail(err, "a rule is one line");
	n = ssf_words(buf, len, w, ARRAY_SIZE(w));
	if (n < 0)
		return ssf_fail(err, "too many words (more than %d)",
				SSF_POL_MAX_WORDS);
	return ssf_rule_parse(w, (size_t)n, r, err);
}
