// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the policy parser on any bytes. Besides not crashing,
 * every policy it accepts must print to text that parses back to the same
 * rules (set words, ct state and limit included), the same check settings
 * and the same set elements (the "policy show" / "policy load" round
 * trip), and both the text and the JSON printers must run on every rule.
 * An error leaves nothing allocated behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polparse.h"
#include "print.h"
#include "checks.h"
#include "setprint.h"

static bool ssf_fz_rule_eq(const struct ssfctl_rule *ca,
			   const struct ssfctl_rule *cb)
{
	const struct ssf_rule *a = &ca->r, *b = &cb->r;
	int i;

	for (i = 0; i < SSF_RSET_NUM; i++)
		if ((a->match & ssf_set_words[i].match) &&
		    strcmp(ca->set[i], cb->set[i]))
			return false;
	return a->ct_states == b->ct_states &&
	       a->limit_rate == b->limit_rate &&
	       a->limit_unit == b->limit_unit &&
	       a->limit_burst == b->limit_burst &&
	       a->dir == b->dir && a->action == b->action &&
	       a->family == b->family && a->match == b->match &&
	       a->proto == b->proto && a->src_plen == b->src_plen &&
	       a->dst_plen == b->dst_plen && a->sport_min == b->sport_min &&
	       a->sport_max == b->sport_max && a->dport_min == b->dport_min &&
	       a->dport_max == b->dport_max &&
	       !memcmp(&a->src, &b->src, sizeof(a->src)) &&
	       !memcmp(&a->dst, &b->dst, sizeof(a->dst)) &&
	       !strcmp(a->iif, b->iif) && !strcmp(a->oif, b->oif) &&
	       a->uid_min == b->uid_min && a->uid_max == b->uid_max &&
	       a->gid_min == b->gid_min && a->gid_max == b->gid_max &&
	       a->cgroup_id == b->cgroup_id && a->icmp_type == b->icmp_type &&
	       a->flags == b->flags &&
	       !strcmp(ca->t.log_prefix, cb->t.log_prefix) &&
	       !strcmp(ca->t.comment, cb->t.comment);
}

/* The kernel's view of a load: the defaults, then the lines in order. */
static void ssf_fz_apply(struct ssfctl_checks *c, const struct ssfctl_polfile *pf)
{
	size_t i, k;

	ssf_checks_init(c);
	for (i = 0; i < pf->nchecks; i++)
		for (k = 0; k < c->n; k++)
			if (pf->checks[i].reason == SSF_R_NONE ||
			    !strcmp(c->v[k].name,
				    ssf_reason_name(pf->checks[i].reason)))
				c->v[k].action = pf->checks[i].action;
	if (pf->has_exthdr_max)
		c->ip6_exthdr_max = pf->ip6_exthdr_max;
}

/* checks -> "validate" lines -> checks: the same settings. */
static void ssf_fz_checks(const struct ssfctl_polfile *pf)
{
	static struct ssfctl_checks a, b;
	struct ssfctl_polfile back;
	struct ssfctl_polerr e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ssf_fz_apply(&a, pf);
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	ssf_print_checks_stmts(f, &a);
	fclose(f);
	if (ssf_polparse(buf, len, &back, &e))
		abort();
	ssf_fz_apply(&b, &back);
	if (back.nrules || memcmp(&a, &b, sizeof(a)))
		abort();
	ssf_polfile_free(&back);
	free(buf);
}

/* mode -> "mode" line -> mode: the same (no line means enforce). */
static void ssf_fz_mode(const struct ssfctl_polfile *pf)
{
	u8 mode = pf->has_mode ? pf->mode : SSF_MODE_ENFORCE;
	struct ssfctl_polfile back;
	struct ssfctl_polerr e;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	if (!f)
		return;
	ssf_print_mode(f, mode);
	fclose(f);
	if (ssf_polparse(buf, len, &back, &e))
		abort();
	if ((back.has_mode ? back.mode : SSF_MODE_ENFORCE) != mode)
		abort();
	ssf_polfile_free(&back);
	free(buf);
}

/* Every element -> its word -> the same element. */
static void ssf_fz_elems(const struct ssfctl_polfile *pf)
{
	char s[SSF_ELEM_STRLEN];
	struct ssfctl_polerr e;
	struct ssf_elem el;
	size_t i, k;

	for (i = 0; i < pf->nsets; i++) {
		for (k = 0; k < pf->sets[i].nelems; k++) {
			el = pf->sets[i].elems[k].e;
			el.expires = 0;
			ssf_elem_fmt(s, sizeof(s), &el);
			if (ssf_elem_parse(pf->sets[i].type, s, strlen(s), &el, &e))
				abort();
			el.expires = pf->sets[i].elems[k].e.expires;
			if (memcmp(&el, &pf->sets[i].elems[k].e, sizeof(el)))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[SSF_RULE_STRLEN];
	struct ssfctl_polfile pf;
	struct ssfctl_polerr e;
	struct ssfctl_json j;
	struct ssfctl_rule r;
	FILE *null;
	size_t i;

	if (ssf_polparse((const char *)data, size, &pf, &e)) {
		if (!e.line || !e.msg[0])
			abort();	/* every error names a line and a cause */
		if (pf.rules || pf.checks || pf.nrules || pf.nchecks ||
		    pf.sets || pf.nsets)
			abort();
		return 0;
	}
	ssf_fz_checks(&pf);
	ssf_fz_mode(&pf);
	ssf_fz_elems(&pf);
	null = fopen("/dev/null", "w");
	for (i = 0; i < pf.nrules; i++) {
		ssf_rule_fmt(text, sizeof(text), &pf.rules[i].rule);
		if (ssf_polparse_rule(text, strlen(text), &r, &e) ||
		    !ssf_fz_rule_eq(&r, &pf.rules[i].rule))
			abort();
		if (null) {
			ssf_json_init(&j, null);
			ssf_json_obj_open(&j);
			ssf_rule_json(&j, &pf.rules[i].rule, NULL);
			ssf_json_obj_close(&j);
		}
	}
	if (null)
		fclose(null);
	ssf_polfile_free(&pf);
	return 0;
}
