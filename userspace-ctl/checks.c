// SPDX-License-Identifier: GPL-2.0
/*
 * Validation checks: printers. A check the kernel knows but this ssfctl
 * does not (a newer module) is shown with what the kernel says, its default
 * as "?", and never printed as a policy statement this ssfctl could not
 * parse back.
 */
#include <inttypes.h>
#include <string.h>

#include "checks.h"

void ssf_checks_init(struct ssfctl_checks *c)
{
	struct ssfctl_check_state *s;
	unsigned int r;

	memset(c, 0, sizeof(*c));
	for (r = SSF_R_NONE + 1; r < SSF_R_COUNT && c->n < SSF_CHECKS_MAX; r++) {
		s = &c->v[c->n++];
		snprintf(s->name, sizeof(s->name), "%s", ssf_reason_name(r));
		s->action = (u8)ssf_reason_default(r);
	}
	c->present = true;
	c->has_exthdr_max = true;
	c->ip6_exthdr_max = SSF_IP6_EXTHDR_DEFAULT;
}

const char *ssf_check_act_str(u8 action, char *buf, size_t size)
{
	const char *name = ssf_check_action_name(action);

	if (name)
		return name;
	snprintf(buf, size, "<action %u>", action);
	return buf;
}

static int ssf_u64_width(u64 v)
{
	char num[24];

	return snprintf(num, sizeof(num), "%" PRIu64, v);
}

/* A policy statement reproduces @s: known, a named action, not its default. */
static bool ssf_check_stmt(const struct ssfctl_check_state *s)
{
	enum ssf_reason r = ssf_reason_by_name(s->name);

	/* a value above drop acts as drop, and cannot be written */
	return r != SSF_R_NONE && ssf_check_action_name(s->action) &&
	       s->action != ssf_reason_default(r);
}

void ssf_checks_print(struct ssfctl_out *o, const char *key,
		      const struct ssfctl_checks *c, enum ssfctl_checks_text how)
{
	char act[SSF_CHECK_ACT_STRLEN], namefmt[16], pkfmt[24];
	bool table = how == SSFCTL_CHECKS_TABLE, text;
	const struct ssfctl_check_state *s;
	int wname = 5, wpk = 7, n;
	enum ssf_reason r;
	size_t i;

	for (i = 0; i < c->n; i++) {
		n = (int)strlen(c->v[i].name);
		if (n > wname)
			wname = n;
		n = ssf_u64_width(c->v[i].packets);
		if (n > wpk)
			wpk = n;
	}
	snprintf(namefmt, sizeof(namefmt), table ? "%%-%ds" : "validate %%s ",
		 wname);
	snprintf(pkfmt, sizeof(pkfmt), "  %%%d" PRIu64 "\n", wpk);
	ssf_print_obj_open(o, key);
	if (table && c->n)
		ssf_print_fp(o, "%-*s  %-6s  %-7s  %*s\n", wname, "CHECK",
			     "ACTION", "DEFAULT", wpk, "PACKETS");
	else if (table)
		ssf_print_fp(o, "no validation checks\n");
	ssf_print_obj_open(o, "checks");
	for (i = 0; i < c->n; i++) {
		s = &c->v[i];
		r = ssf_reason_by_name(s->name);
		text = table || ssf_check_stmt(s);
		ssf_print_obj_open(o, s->name);
		if (text)
			ssf_print_str(o, SSF_PRINT_FP, NULL, namefmt, s->name);
		ssf_print_name(o, text ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			       "action", table ? "  %-6s" : "%s\n",
			       ssf_check_action_name(s->action), s->action,
			       ssf_check_act_str(s->action, act, sizeof(act)));
		if (table)
			ssf_print_fp(o, "  %-7s", r == SSF_R_NONE ? "?" :
				     ssf_check_action_name(ssf_reason_default(r)));
		ssf_print_u64(o, table ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			      "packets", pkfmt, s->packets);
		ssf_print_obj_close(o);
	}
	ssf_print_obj_close(o);
	if (c->has_exthdr_max) {
		text = table || c->ip6_exthdr_max != SSF_IP6_EXTHDR_DEFAULT;
		ssf_print_u64(o, text ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			      "ip6_exthdr_max", table ? "\nip6-exthdr-max %" PRIu64 :
			      "validate ip6-exthdr-max %" PRIu64 "\n",
			      c->ip6_exthdr_max);
		if (table)
			ssf_print_fp(o, " (default %u)\n", SSF_IP6_EXTHDR_DEFAULT);
	}
	ssf_print_obj_close(o);
}

void ssf_print_checks_stmts(FILE *f, const struct ssfctl_checks *c)
{
	struct ssfctl_out o;

	ssf_out_init(&o, f, false);
	ssf_checks_print(&o, NULL, c, SSFCTL_CHECKS_STMTS);
}

void ssf_reasons_print(struct ssfctl_out *o, const char *key,
		       const struct ssfctl_checks *c)
{
	int wname = 6, wpk = 7, n;
	char namefmt[16], pkfmt[24];
	bool any = false;
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (!c->v[i].packets)
			continue;
		any = true;
		n = (int)strlen(c->v[i].name);
		if (n > wname)
			wname = n;
		n = ssf_u64_width(c->v[i].packets);
		if (n > wpk)
			wpk = n;
	}
	snprintf(namefmt, sizeof(namefmt), "%%-%ds", wname);
	snprintf(pkfmt, sizeof(pkfmt), "  %%%d" PRIu64 "\n", wpk);
	ssf_print_obj_open(o, key);
	if (any)
		ssf_print_fp(o, "\n%-*s  %*s\n", wname, "reason", wpk, "packets");
	for (i = 0; i < c->n; i++) {
		if (c->v[i].packets)
			ssf_print_str(o, SSF_PRINT_FP, NULL, namefmt,
				      c->v[i].name);
		ssf_print_u64(o, c->v[i].packets ? SSF_PRINT_ANY : SSF_PRINT_JSON,
			      c->v[i].name, pkfmt, c->v[i].packets);
	}
	ssf_print_obj_close(o);
}
