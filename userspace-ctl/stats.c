// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl stats: SSF_CMD_STATS_GET (per-direction and per-reason counters)
 * and a rule dump (per-rule counters). The counters are listed in one table so that new
 * ones (and new groups of them) are printed by the same code in both the
 * human and the JSON form.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "names.h"
#include "json.h"

static const struct ssfctl_name ssf_dstats_names[] = {
	{ "packets",  SSF_DSTATS_A_PACKETS },
	{ "accepted", SSF_DSTATS_A_ACCEPTED },
	{ "dropped",  SSF_DSTATS_A_DROPPED },
	{ "default",  SSF_DSTATS_A_DEFAULT },
	{ "unparsed", SSF_DSTATS_A_UNPARSED },
	{ "rejected", SSF_DSTATS_A_REJECTED },
	{ "audited",  SSF_DSTATS_A_AUDITED },
};

struct ssfctl_stats_req {
	struct ssfctl_stats *s;
	bool got;
};

static const char *ssf_stats_reply(struct nlattr **tb, void *arg)
{
	struct ssfctl_stats_req *q = arg;

	q->got = true;
	return ssf_stats_get_attrs(tb, q->s);
}

static int ssf_stats_get(struct ssfctl_nl *nl, struct ssfctl_stats *s)
{
	struct ssfctl_stats_req q = { .s = s };
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, SSF_CMD_STATS_GET, false, 0);
	if (!msg) {
		ssf_err("read counters: out of memory");
		return -1;
	}
	ret = ssf_nl_call(nl, msg, ssf_stats_reply, &q, NULL);
	nlmsg_free(msg);
	if (ret) {
		ssf_nl_perror(nl, "read counters");
		return -1;
	}
	if (!q.got) {
		ssf_err("read counters: the kernel sent no counters");
		return -1;
	}
	return 0;
}

static void ssf_stats_print_json(const struct ssfctl_stats *s,
				 const struct ssfctl_rulelist *rl)
{
	struct ssf_json j;
	size_t i, k;
	u8 dir;

	ssf_json_init(&j, stdout);
	ssf_json_obj_open(&j);
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		ssf_json_key(&j, ssf_dir_name(dir));
		ssf_json_obj_open(&j);
		for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++)
			ssf_json_kv_u64(&j, ssf_dstats_names[k].name,
					s->dir[dir].v[ssf_dstats_names[k].val]);
		ssf_json_obj_close(&j);
	}
	/* every reason, zeros included: scripts look names up */
	ssf_json_key(&j, "reasons");
	ssf_reasons_json(&j, &s->checks);
	ssf_json_key(&j, "rules");
	ssf_json_arr_open(&j);
	for (i = 0; i < rl->n; i++) {
		ssf_json_obj_open(&j);
		ssf_json_kv_u64(&j, "id", rl->v[i].r.id);
		ssf_json_kv_u64(&j, "packets", rl->v[i].packets);
		ssf_json_kv_u64(&j, "bytes", rl->v[i].bytes);
		ssf_json_obj_close(&j);
	}
	ssf_json_arr_close(&j);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
}

static void ssf_stats_print(const struct ssfctl_stats *s,
			    const struct ssfctl_rulelist *rl)
{
	int w[ARRAY_SIZE(ssf_dstats_names)], wid = 4, wpk = 7, n;
	char num[24];
	size_t i, k;
	u8 dir;

	for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++) {
		w[k] = (int)strlen(ssf_dstats_names[k].name);
		for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
			n = snprintf(num, sizeof(num), "%" PRIu64,
				     s->dir[dir].v[ssf_dstats_names[k].val]);
			if (n > w[k])
				w[k] = n;
		}
	}
	printf("%-4s", "dir");
	for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++)
		printf("  %*s", w[k], ssf_dstats_names[k].name);
	printf("\n");
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		printf("%-4s", ssf_dir_name(dir));
		for (k = 0; k < ARRAY_SIZE(ssf_dstats_names); k++)
			printf("  %*" PRIu64, w[k],
			       s->dir[dir].v[ssf_dstats_names[k].val]);
		printf("\n");
	}
	ssf_print_reasons(stdout, &s->checks);
	if (!rl->n)
		return;
	for (i = 0; i < rl->n; i++) {
		n = snprintf(num, sizeof(num), "%" PRIu32, rl->v[i].r.id);
		if (n > wid)
			wid = n;
		n = snprintf(num, sizeof(num), "%" PRIu64, rl->v[i].packets);
		if (n > wpk)
			wpk = n;
	}
	printf("\n%*s  %*s  %s\n", wid, "rule", wpk, "packets", "bytes");
	for (i = 0; i < rl->n; i++)
		printf("%*" PRIu32 "  %*" PRIu64 "  %" PRIu64 "\n", wid,
		       rl->v[i].r.id, wpk, rl->v[i].packets, rl->v[i].bytes);
}

int ssf_cmd_stats(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_rulelist rl = { .n = 0 };
	struct ssfctl_stats *s;
	struct ssfctl_nl nl;
	int ret = 1;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	s = malloc(sizeof(*s));
	if (!s) {
		ssf_err("%s: out of memory", ctx->what);
		return 1;
	}
	if (ssf_nl_open(&nl))
		goto out_free;
	if (ssf_stats_get(&nl, s) || ssf_rules_dump(&nl, &rl))
		goto out;
	if (ctx->json)
		ssf_stats_print_json(s, &rl);
	else
		ssf_stats_print(s, &rl);
	ret = 0;
out:
	ssf_nl_close(&nl);
	ssf_rulelist_free(&rl);
out_free:
	free(s);
	return ret;
}
