// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl stats: SSF_CMD_STATS_GET (per-direction and per-reason counters)
 * and a rule dump (per-rule counters). The per-direction counters are
 * listed in one table, so that a new one is printed by the same code in
 * both forms.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "names.h"
#include "json.h"
#include "checks.h"

static const struct ssfctl_name ssf_dstats_names[] = {
	{ "packets",  SSF_DSTATS_A_PACKETS },
	{ "accepted", SSF_DSTATS_A_ACCEPTED },
	{ "dropped",  SSF_DSTATS_A_DROPPED },
	{ "default",  SSF_DSTATS_A_DEFAULT },
	{ "unparsed", SSF_DSTATS_A_UNPARSED },
	{ "rejected", SSF_DSTATS_A_REJECTED },
	{ "audited",  SSF_DSTATS_A_AUDITED },
};

/* What stats prints: the counters, and the rules' from a dump. */
struct ssfctl_stats_all {
	struct ssfctl_stats s;
	struct ssfctl_rulelist rl;
};

static void ssf_stats_print(struct ssfctl_out *o, const void *obj)
{
	const struct ssfctl_stats_all *all = obj;
	const struct ssfctl_stats *s = &all->s;
	char fmt[ARRAY_SIZE(ssf_dstats_names)][16], num[24];
	size_t k;
	int w, n;
	u8 dir;

	ssf_print_obj_open(o, NULL);
	ssf_print_fp(o, "%-4s", "dir");
	for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++) {
		w = (int)strlen(ssf_dstats_names[k].name);
		for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
			n = snprintf(num, sizeof(num), "%" PRIu64,
				     s->dir[dir].v[ssf_dstats_names[k].val]);
			if (n > w)
				w = n;
		}
		snprintf(fmt[k], sizeof(fmt[k]), "  %%%d" PRIu64, w);
		ssf_print_fp(o, "  %*s", w, ssf_dstats_names[k].name);
	}
	ssf_print_fp(o, "\n");
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		ssf_print_obj_open(o, ssf_dir_name(dir));
		ssf_print_fp(o, "%-4s", ssf_dir_name(dir));
		for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++)
			ssf_print_u64(o, SSF_PRINT_ANY, ssf_dstats_names[k].name,
				      fmt[k],
				      s->dir[dir].v[ssf_dstats_names[k].val]);
		ssf_print_fp(o, "\n");
		ssf_print_obj_close(o);
	}
	/* every reason in JSON, zeros included: scripts look names up */
	ssf_reasons_print(o, "reasons", &s->checks);
	ssf_rules_print(o, "rules", &all->rl, SSFCTL_RULES_COUNTERS, NULL);
	ssf_print_obj_close(o);
}

static int ssf_stats_read(struct ssfctl_nl *nl, void *obj)
{
	struct ssfctl_stats_all *all = obj;

	return ssf_stats_fetch(nl, &all->s) || ssf_rules_fetch(nl, &all->rl) ?
	       -1 : 0;
}

static void ssf_stats_done(void *obj)
{
	struct ssfctl_stats_all *all = obj;

	ssf_rulelist_free(&all->rl);
}

int ssf_cmd_stats(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_stats_all), ssf_stats_read,
		ssf_stats_print, ssf_stats_done,
	};

	return ssf_show(ctx, argc, argv, &show);
}
