// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the policy parser on any bytes. Besides not crashing,
 * every policy it accepts must print to text that parses back to the same
 * rules (the "policy show" / "policy load" round trip), and both the text
 * and the JSON printers must run on every rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polparse.h"
#include "print.h"

static bool ssf_fz_rule_eq(const struct ssf_rule *a, const struct ssf_rule *b)
{
	return a->dir == b->dir && a->action == b->action &&
	       a->family == b->family && a->match == b->match &&
	       a->proto == b->proto && a->src_plen == b->src_plen &&
	       a->dst_plen == b->dst_plen && a->sport_min == b->sport_min &&
	       a->sport_max == b->sport_max && a->dport_min == b->dport_min &&
	       a->dport_max == b->dport_max &&
	       !memcmp(&a->src, &b->src, sizeof(a->src)) &&
	       !memcmp(&a->dst, &b->dst, sizeof(a->dst));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[SSF_RULE_STRLEN];
	struct ssf_polfile pf;
	struct ssf_polerr e;
	struct ssf_json j;
	struct ssf_rule r;
	FILE *null;
	size_t i;

	if (ssf_polparse((const char *)data, size, &pf, &e)) {
		if (!e.line || !e.msg[0])
			abort();	/* every error names a line and a cause */
		return 0;
	}
	null = fopen("/dev/null", "w");
	for (i = 0; i < pf.nrules; i++) {
		ssf_rule_fmt(text, sizeof(text), &pf.rules[i].rule);
		if (ssf_polparse_rule(text, strlen(text), &r, &e) ||
		    !ssf_fz_rule_eq(&r, &pf.rules[i].rule))
			abort();
		if (null) {
			ssf_json_init(&j, null);
			ssf_json_obj_open(&j);
			ssf_rule_json(&j, &pf.rules[i].rule);
			ssf_json_obj_close(&j);
		}
	}
	if (null)
		fclose(null);
	ssf_polfile_free(&pf);
	return 0;
}
