// SPDX-License-Identifier: GPL-2.0
/*
 * The statements of a policy file (table ssf_stmts): generation, default,
 * mode, set (polparse_set.c), rule and validate, each parsing the words of
 * its line into the struct ssfctl_polfile.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "polparse_int.h"
#include "names.h"
#include "array.h"

struct ssfctl_stmt {
	const char *word;
	int (*parse)(struct ssfctl_pstate *st, const struct ssfctl_tok *w, size_t n);
};

static int ssf_polfile_add(struct ssfctl_polfile *pf, const struct ssfctl_rule *r,
			   unsigned int line)
{
	struct ssfctl_polrule *v;

	v = ssf_array_room(pf->rules, &pf->cap, pf->nrules, sizeof(*v));
	if (!v)
		return -ENOMEM;
	pf->rules = v;
	pf->rules[pf->nrules].rule = *r;
	pf->rules[pf->nrules].line = line;
	pf->nrules++;
	return 0;
}

/* The value a name table gives an unquoted word, or -1. */
static int ssf_tok_name(const struct ssfctl_tok *t,
			int (*find)(const char *s, size_t len))
{
	return t->quoted ? -1 : find(t->s, t->len);
}

static int ssf_stmt_default(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			    size_t n)
{
	struct ssfctl_qword q;
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

static int ssf_stmt_rule(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			 size_t n)
{
	struct ssfctl_rule r;
	int ret;

	ret = ssf_pol_rule(w + 1, n - 1, st->res, st->pf, &r, st->err);
	if (ret)
		return ret;
	ret = ssf_polfile_add(st->pf, &r, st->line);
	if (ret) {
		ssf_fail(st->err, "out of memory");
		return ret;
	}
	return 0;
}

static int ssf_polfile_add_check(struct ssfctl_polfile *pf, u8 reason, u8 action,
				 unsigned int line)
{
	struct ssfctl_polcheck *v;

	v = ssf_array_room(pf->checks, &pf->checks_cap, pf->nchecks,
			   sizeof(*v));
	if (!v)
		return -ENOMEM;
	pf->checks = v;
	pf->checks[pf->nchecks].reason = reason;
	pf->checks[pf->nchecks].action = action;
	pf->checks[pf->nchecks].line = line;
	pf->nchecks++;
	return 0;
}

static int ssf_stmt_exthdr_max(struct ssfctl_pstate *st, const struct ssfctl_tok *v)
{
	struct ssfctl_qword q;
	u32 n;

	if (!ssf_pol_uint(v->s, v->len, SSF_IP6_EXTHDR_LIMIT, &n))
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

static int ssf_stmt_validate(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			     size_t n)
{
	char name[SSF_REASON_NAME_MAX + 1];
	enum ssf_reason r = SSF_R_NONE;
	struct ssfctl_qword q;
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

static int ssf_stmt_mode(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			 size_t n)
{
	struct ssfctl_qword q;
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

static const struct ssfctl_stmt ssf_stmts[] = {
	{ "generation", ssf_stmt_generation },
	{ "default",  ssf_stmt_default },
	{ "mode",     ssf_stmt_mode },
	{ "set",      ssf_stmt_set },
	{ "rule",     ssf_stmt_rule },
	{ "validate", ssf_stmt_validate },
};

int ssf_pol_stmt(struct ssfctl_pstate *st, const struct ssfctl_tok *w, size_t n)
{
	struct ssfctl_qword q;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ssf_stmts); i++)
		if (ssf_tok_is(&w[0], ssf_stmts[i].word))
			return ssf_stmts[i].parse(st, w, n);
	return ssf_fail(st->err, "unknown statement %s (expected generation, default, mode, set, rule or validate)",
			ssf_qraw(&q, &w[0]));
}
