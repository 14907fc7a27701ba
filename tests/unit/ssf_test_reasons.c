// SPDX-License-Identifier: GPL-2.0
/*
 * For every reason: packets that trip it, each with a well-formed twin
 * built by the same function that does not (rows in ssf_test_r_*.c). Each
 * row is checked with every action audit (exactly the expected reasons
 * trip), with only its reason on drop (dropped for that reason), with its
 * reason off (not recorded), with the defaults, and its twin with every
 * action drop (passes).
 */
#include <stdlib.h>
#include "ssf_test.h"
#include "ssf_test_reasons.h"

static const struct rcases *all_rows[] = {
	&ssf_rcases_ip4, &ssf_rcases_ip6, &ssf_rcases_l4,
};

static void names(const char *what, u64 got, u64 want)
{
	char g[512], w[512];

	T_OK(got == want, "%s: tripped %s, expected %s", what,
	     tu_names(got, g, sizeof(g)), tu_names(want, w, sizeof(w)));
}

static void run_case(const struct rcase *rc)
{
	u8 r = rc->reason;
	u64 bit = SSF_R_BIT(r);
	struct ssf_check_cfg cfg;
	struct ssf_check_ctx bctx = { 0 }, gctx = { 0 };
	struct tb *bad = malloc(sizeof(*bad)), *good = malloc(sizeof(*good));
	int xmax = rc->xmax == -1 ? 0 : rc->xmax ? rc->xmax : -1;
	struct trun res;
	const char *err;

	t_case("%s: %s", ssf_reason_name(r), rc->what);
	rc->build(bad, true, &bctx);
	rc->build(good, false, &gctx);

	/* every action audit: exactly the expected reasons */
	tu_cfg_all(&cfg, SSF_CHK_AUDIT, xmax);
	bctx.cfg = &cfg;
	tu_run_tb(&res, bad, bad->len, &bctx);
	names("all audit", res.res.tripped, bit | rc->also);
	T_EQ(res.verdict, SSF_VERDICT_PASS, "all audit passes");
	err = tu_invariants(&res, &cfg, bad->len);
	T_OK(!err, "invariant: %s", err);

	/* only this reason on drop: dropped for it */
	tu_cfg_all(&cfg, SSF_CHK_OFF, xmax);
	cfg.action[r] = SSF_CHK_DROP;
	tu_run_tb(&res, bad, bad->len, &bctx);
	T_EQ(res.verdict, SSF_VERDICT_DROP, "dropped when only %s drops",
	     ssf_reason_name(r));
	T_EQ(res.res.reason, r, "reason");
	names("only it on drop", res.res.tripped, bit);

	/* this reason off, the rest audit: not recorded, rest unchanged */
	tu_cfg_all(&cfg, SSF_CHK_AUDIT, xmax);
	cfg.action[r] = SSF_CHK_OFF;
	tu_run_tb(&res, bad, bad->len, &bctx);
	T_EQ(res.verdict, SSF_VERDICT_PASS, "off passes");
	names("it off", res.res.tripped, rc->also);

	/* defaults: drop or audit as the table says */
	ssf_check_cfg_init(&cfg);
	if (xmax >= 0)
		cfg.ip6_exthdr_max = xmax;
	tu_run_tb(&res, bad, bad->len, &bctx);
	T_OK(res.res.tripped & (bit | rc->also), "defaults: %s recorded",
	     ssf_reason_name(r));
	if (!rc->also)
		T_EQ(res.verdict, ssf_reason_default(r) == SSF_CHK_DROP ?
		     SSF_VERDICT_DROP : SSF_VERDICT_PASS, "default verdict");

	/* the twin: nothing trips, passes with every action drop */
	tu_cfg_all(&cfg, SSF_CHK_AUDIT, xmax);
	gctx.cfg = &cfg;
	tu_run_tb(&res, good, good->len, &gctx);
	names("twin, all audit", res.res.tripped, rc->twin_also);
	tu_cfg_all(&cfg, SSF_CHK_DROP, xmax);
	cfg.action[r] = SSF_CHK_DROP;
	if (rc->twin_also) {
		unsigned int i;

		for (i = 1; i < SSF_R_COUNT; i++)
			if (rc->twin_also & SSF_R_BIT(i))
				cfg.action[i] = SSF_CHK_AUDIT;
	}
	tu_run_tb(&res, good, good->len, &gctx);
	T_EQ(res.verdict, SSF_VERDICT_PASS, "twin passes with all drop");
	T_EQ(res.res.incomplete, SSF_R_NONE, "twin parsed to the end");
	err = tu_invariants(&res, &cfg, good->len);
	T_OK(!err, "twin invariant: %s", err);

	free(bad);
	free(good);
}

SSF_TEST(reason_cases)
{
	unsigned int i, j;

	for (i = 0; i < sizeof(all_rows) / sizeof(all_rows[0]); i++)
		for (j = 0; j < all_rows[i]->n; j++)
			run_case(&all_rows[i]->rows[j]);
}

SSF_TEST(every_reason_has_a_case)
{
	unsigned int r, i, j, n;

	for (r = 1; r < SSF_R_COUNT; r++) {
		n = 0;
		for (i = 0; i < sizeof(all_rows) / sizeof(all_rows[0]); i++)
			for (j = 0; j < all_rows[i]->n; j++)
				n += all_rows[i]->rows[j].reason == r;
		T_OK(n > 0, "no case trips %s", ssf_reason_name(r));
	}
}
