// SPDX-License-Identifier: GPL-2.0
/*
 * The validation cases (module/tests/ssf_cases_*.c) on flat buffers of
 * exactly the packet's size, so that ASan sees any read past it: every
 * case's bad packet and twin (ssf_case_check()), every cut of every
 * truncation case (ssf_case_check_trunc()), and that every reason has a
 * case. KUnit runs the same over skbs (ssf_check_kunit.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include "ssf_test.h"
#include "ssf_tutil.h"
#include "ssf_cases.h"

static enum ssf_verdict unit_run(void *priv, const struct ssf_tb *t, u32 len,
				 const struct ssf_check_ctx *ctx,
				 struct ssf_pkt *pkt, struct ssf_check_res *res)
{
	struct trun r;

	(void)priv;
	tu_run(&r, t->b, len, t->family, ctx);
	*pkt = r.pkt;
	*res = r.res;
	return r.verdict;
}

static void unit_check(void *priv, bool ok, const char *file, int line,
		       const char *fmt, va_list ap)
{
	char msg[512] = "";

	(void)priv;
	if (!ok)
		vsnprintf(msg, sizeof(msg), fmt, ap);
	t_check(ok, file, line, "%s", msg);
}

/* The unit world: its packets and configuration on the heap. */
static struct ssf_case_world *unit_world(void)
{
	static struct ssf_case_world w = {
		.run = unit_run, .check = unit_check,
	};

	if (!w.cfg) {
		w.tb[0] = malloc(sizeof(*w.tb[0]));
		w.tb[1] = malloc(sizeof(*w.tb[1]));
		w.cfg = malloc(sizeof(*w.cfg));
		if (!w.tb[0] || !w.tb[1] || !w.cfg)
			abort();
	}
	return &w;
}

SSF_TEST(reason_cases)
{
	const struct ssf_case *c;

	for (c = ssf_case_next(NULL); c; c = ssf_case_next(c)) {
		t_case("%s: %s (%s)", ssf_reason_name(c->reason), c->what,
		       c->name);
		ssf_case_check(unit_world(), c);
	}
}

SSF_TEST(truncation)
{
	unsigned int i;

	for (i = 0; i < ssf_trunc_count; i++) {
		t_case("truncation: %s", ssf_trunc_cases[i].name);
		ssf_case_check_trunc(unit_world(), &ssf_trunc_cases[i]);
	}
}

SSF_TEST(every_reason_has_a_case)
{
	ssf_case_check_coverage(unit_world());
}
