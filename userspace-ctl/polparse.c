// SPDX-License-Identifier: GPL-2.0
/*
 * Policy parser: text -> sets, rules, defaults, validate settings.
 *
 * A buffer is cut into lines and a line into words ('#' outside double
 * quotes ends the line; a quoted word may hold spaces, '#', \" and \\).
 * The first word names a statement (table ssf_stmts); the statement parses
 * the rest. A rule is parsed from a table of words (ssf_rule_words): each
 * word fills one slot of the rule, at most once, and may take one value.
 * Keywords are never quoted; a quoted word is always a value. Names (users,
 * groups, cgroup paths) are looked up through the caller's resolver.
 *
 * The files: polparse_tok.c (words, quoting, numbers), polparse_words.c
 * (the rule words), polparse_rule.c (a rule from words, and the one-rule
 * entry points), polparse_stmt.c (the statements), this one (a whole file).
 *
 * The parser gives precise messages for what only text can say (which word,
 * which value, on which line); every cross-field rule is then left to
 * ssf_rule_verify(), the checker the kernel runs, so the two cannot drift.
 *
 * Pure: no I/O but the caller's resolver, no exits, no global state
 * (fuzzable).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "polparse_int.h"

const char *ssf_polcheck_name(const struct ssfctl_polcheck *c)
{
	return c->reason == SSF_R_NONE ? "all" : ssf_reason_name(c->reason);
}

void ssf_polfile_free(struct ssfctl_polfile *pf)
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
	pf->has_generation = false;
	ssf_polsets_free(pf);
}

int ssf_polparse_res(const char *buf, size_t len,
		     const struct ssfctl_resolver *res, struct ssfctl_polfile *out,
		     struct ssfctl_polerr *err)
{
	struct ssfctl_tok w[SSF_POL_MAX_WORDS];
	struct ssfctl_pstate st = { .pf = out, .err = err, .res = res };
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
		n = ssf_pol_words(buf + pos, end - pos, w, ARRAY_SIZE(w),
				  scratch, err);
		pos = nl ? end + 1 : len;
		if (n < 0) {
			ret = -EINVAL;
			goto fail;
		}
		if (n == 0)
			continue;
		ret = ssf_pol_stmt(&st, w, (size_t)n);
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

int ssf_polparse(const char *buf, size_t len, struct ssfctl_polfile *out,
		 struct ssfctl_polerr *err)
{
	return ssf_polparse_res(buf, len, NULL, out, err);
}

