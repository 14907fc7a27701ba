// SPDX-License-Identifier: GPL-2.0
/* Helpers for unit tests and fuzz targets: see ssf_tutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ssf_tutil.h"
#include "ssf_cases.h"

void tu_cfg_all(struct ssf_check_cfg *cfg, u8 action, int xmax)
{
	ssf_check_cfg_init(cfg);
	memset(cfg->action, action, sizeof(cfg->action));
	if (xmax >= 0)
		cfg->ip6_exthdr_max = xmax;
}

void tu_run(struct trun *r, const void *data, u32 len, u8 family,
	    const struct ssf_check_ctx *ctx)
{
	struct ssf_buf b;
	u8 *copy = malloc(len ? len : 1);

	if (!copy)
		abort();
	memcpy(copy, data, len);
	ssf_buf_init_flat(&b, copy, len);
	memset(r, 0xa5, sizeof(*r));	/* ssf_check() must fill it all */
	r->verdict = ssf_check(&b, family, ctx, &r->pkt, &r->res);
	r->family = family;
	free(copy);
}

void tu_run_tb(struct trun *r, const struct ssf_tb *t, u32 len,
	       const struct ssf_check_ctx *ctx)
{
	tu_run(r, t->b, len, t->family, ctx);
}

const char *tu_invariants(const struct trun *r, const struct ssf_check_cfg *cfg,
			  u32 len)
{
	return ssf_case_invariants(cfg, r->family, len, r->verdict, &r->pkt,
				   &r->res);
}

const char *tu_consistent(const struct trun *r, const struct ssf_check_cfg *cfg,
			  const struct trun *all)
{
	u64 on = 0;
	unsigned int i;

	for (i = 1; i < SSF_R_COUNT; i++)
		if (cfg->action[i] != SSF_CHK_OFF)
			on |= SSF_R_BIT(i);
	if (r->res.tripped & ~all->res.tripped)
		return "tripped a reason the all-audit run did not";
	if (r->res.verdict == SSF_VERDICT_DROP)
		return NULL;
	if (r->res.tripped != (all->res.tripped & on))
		return "a pass tripped other reasons than the all-audit run";
	if (r->res.incomplete != all->res.incomplete)
		return "a pass stopped elsewhere than the all-audit run";
	if (memcmp(&r->pkt, &all->pkt, sizeof(r->pkt)))
		return "a pass has other metadata than the all-audit run";
	return NULL;
}
