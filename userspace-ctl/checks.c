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

void ssf_checks_init(struct ssf_checks *c)
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

void ssf_print_checks_stmts(FILE *f, const struct ssf_checks *c)
{
	const struct ssfctl_check_state *s;
	enum ssf_reason r;
	size_t i;

	for (i = 0; i < c->n; i++) {
		s = &c->v[i];
		r = ssf_reason_by_name(s->name);
		/* a value above drop acts as drop, and cannot be written */
		if (r == SSF_R_NONE || !ssf_check_action_name(s->action) ||
		    s->action == ssf_reason_default(r))
			continue;
		fprintf(f, "validate %s %s\n", s->name,
			ssf_check_action_name(s->action));
	}
	if (c->has_exthdr_max && c->ip6_exthdr_max != SSF_IP6_EXTHDR_DEFAULT)
		fprintf(f, "validate ip6-exthdr-max %u\n", c->ip6_exthdr_max);
}

static int ssf_u64_width(u64 v)
{
	char num[24];

	return snprintf(num, sizeof(num), "%" PRIu64, v);
}

void ssf_print_checks_table(FILE *f, const struct ssf_checks *c)
{
	char act[SSF_CHECK_ACT_STRLEN];
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
	if (c->n) {
		fprintf(f, "%-*s  %-6s  %-7s  %*s\n", wname, "CHECK", "ACTION",
			"DEFAULT", wpk, "PACKETS");
		for (i = 0; i < c->n; i++) {
			s = &c->v[i];
			r = ssf_reason_by_name(s->name);
			fprintf(f, "%-*s  %-6s  %-7s  %*" PRIu64 "\n", wname,
				s->name, ssf_check_act_str(s->action, act,
							   sizeof(act)),
				r == SSF_R_NONE ? "?" :
				ssf_check_action_name(ssf_reason_default(r)),
				wpk, s->packets);
		}
	} else {
		fprintf(f, "no validation checks\n");
	}
	if (c->has_exthdr_max)
		fprintf(f, "\nip6-exthdr-max %u (default %u)\n",
			c->ip6_exthdr_max, SSF_IP6_EXTHDR_DEFAULT);
}

void ssf_print_reasons(FILE *f, const struct ssf_checks *c)
{
	int wname = 6, wpk = 7, n;
	size_t i;
	bool any = false;

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
	if (!any)
		return;
	fprintf(f, "\n%-*s  %*s\n", wname, "reason", wpk, "packets");
	for (i = 0; i < c->n; i++)
		if (c->v[i].packets)
			fprintf(f, "%-*s  %*" PRIu64 "\n", wname, c->v[i].name,
				wpk, c->v[i].packets);
}

void ssf_checks_json(struct ssf_json *j, const struct ssf_checks *c)
{
	const struct ssfctl_check_state *s;
	const char *name;
	size_t i;

	ssf_json_obj_open(j);
	ssf_json_key(j, "checks");
	ssf_json_obj_open(j);
	for (i = 0; i < c->n; i++) {
		s = &c->v[i];
		ssf_json_key(j, s->name);
		ssf_json_obj_open(j);
		name = ssf_check_action_name(s->action);
		if (name)
			ssf_json_kv_str(j, "action", name);
		else
			ssf_json_kv_u64(j, "action", s->action);
		ssf_json_kv_u64(j, "packets", s->packets);
		ssf_json_obj_close(j);
	}
	ssf_json_obj_close(j);
	if (c->has_exthdr_max)
		ssf_json_kv_u64(j, "ip6_exthdr_max", c->ip6_exthdr_max);
	ssf_json_obj_close(j);
}

void ssf_reasons_json(struct ssf_json *j, const struct ssf_checks *c)
{
	size_t i;

	ssf_json_obj_open(j);
	for (i = 0; i < c->n; i++)
		ssf_json_kv_u64(j, c->v[i].name, c->v[i].packets);
	ssf_json_obj_close(j);
}
