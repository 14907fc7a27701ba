// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl status (SSF_CMD_STATUS_GET) and ssfctl mode (the mode from
 * STATUS_GET, or SSF_CMD_MODE_SET).
 */
#include <inttypes.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "names.h"
#include "json.h"

struct ssfctl_status_req {
	struct ssfctl_status *st;
	bool got;
};

static const char *ssf_status_reply(struct nlattr **tb, void *arg)
{
	struct ssfctl_status_req *q = arg;

	q->got = true;
	return ssf_status_get_attrs(tb, q->st);
}

int ssf_status_get(struct ssfctl_nl *nl, struct ssfctl_status *st)
{
	struct ssfctl_status_req q = { .st = st };
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, SSF_CMD_STATUS_GET, false, 0);
	if (!msg) {
		ssf_err("read status: out of memory");
		return -1;
	}
	ret = ssf_nl_call(nl, msg, ssf_status_reply, &q, NULL);
	nlmsg_free(msg);
	if (ret) {
		ssf_nl_perror(nl, "read status");
		return -1;
	}
	if (!q.got) {
		ssf_err("read status: the kernel sent no status");
		return -1;
	}
	return 0;
}

static const char *ssf_action_str(u8 action)
{
	const char *name = ssf_action_name(action);

	return name ? name : "?";
}

static const char *ssf_mode_str(u8 mode)
{
	const char *name = ssf_mode_name(mode);

	return name ? name : "?";
}

static void ssf_status_print_json(const struct ssfctl_status *st)
{
	struct ssf_json j;
	u8 dir;

	ssf_json_init(&j, stdout);
	ssf_json_obj_open(&j);
	ssf_json_kv_bool(&j, "active", st->active);
	ssf_json_kv_u64(&j, "generation", st->generation);
	ssf_json_kv_str(&j, "mode", ssf_mode_str(st->mode));
	if (st->has_max_rules)
		ssf_json_kv_u64(&j, "max_rules", st->max_rules);
	if (st->has_confirm_left)
		ssf_json_kv_u64(&j, "confirm_left", st->confirm_left);
	ssf_json_kv_u64(&j, "rules", st->rules);
	ssf_json_kv_u64(&j, "next_id", st->next_id);
	ssf_json_kv_u64(&j, "objects", st->objects);
	ssf_json_key(&j, "defaults");
	ssf_json_obj_open(&j);
	for (dir = 0; dir <= SSF_DIR_MAX; dir++)
		ssf_json_kv_str(&j, ssf_dir_name(dir),
				ssf_action_str(st->defaults[dir]));
	ssf_json_obj_close(&j);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
}

static void ssf_status_print(const struct ssfctl_status *st)
{
	printf("active:      %s\n", st->active ? "yes" : "no");
	printf("generation:  %" PRIu64 "\n", st->generation);
	printf("mode:        %s\n", ssf_mode_str(st->mode));
	if (st->has_confirm_left)
		printf("confirm:     %" PRIu32 " s left, then the previous policy comes back (ssfctl policy confirm keeps this one)\n",
		       st->confirm_left);
	if (st->has_max_rules)
		printf("rules:       %" PRIu32 " (at most %" PRIu32 ")\n",
		       st->rules, st->max_rules);
	else
		printf("rules:       %" PRIu32 "\n", st->rules);
	printf("next id:     %" PRIu32 "\n", st->next_id);
	printf("objects:     %" PRIu32 "\n", st->objects);
	printf("defaults:    in %s, out %s, fwd %s\n",
	       ssf_action_str(st->defaults[SSF_DIR_IN]),
	       ssf_action_str(st->defaults[SSF_DIR_OUT]),
	       ssf_action_str(st->defaults[SSF_DIR_FWD]));
}

int ssf_cmd_status(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_status st;
	struct ssfctl_nl nl;
	int ret;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ssf_nl_open(&nl))
		return 1;
	ret = ssf_status_get(&nl, &st);
	ssf_nl_close(&nl);
	if (ret)
		return 1;
	if (ctx->json)
		ssf_status_print_json(&st);
	else
		ssf_status_print(&st);
	return 0;
}

static int ssf_mode_set(struct ssfctl_ctx *ctx, u8 mode)
{
	struct nl_msg *msg;
	struct ssfctl_nl nl;
	u64 gen = 0;
	int ret = 1;

	if (ssf_nl_open(&nl))
		return 1;
	msg = ssf_nl_msg(&nl, SSF_CMD_MODE_SET, false, 0);
	if (!msg || nla_put_u8(msg, SSF_A_MODE, mode) < 0) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (ssf_nl_do(&nl, msg, &gen)) {
		ssf_nl_perror(&nl, "%s %s", ctx->what, ssf_mode_str(mode));
		goto out;
	}
	if (ctx->json)
		printf("{\"mode\":\"%s\",\"generation\":%" PRIu64 "}\n",
		       ssf_mode_str(mode), gen);
	ret = 0;
out:
	nlmsg_free(msg);
	ssf_nl_close(&nl);
	return ret;
}

int ssf_cmd_mode(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_status st;
	struct ssfctl_nl nl;
	int mode, ret;

	if (argc > 1)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[1]);
	if (argc == 1) {
		mode = ssf_mode_find(argv[0], strlen(argv[0]));
		if (mode < 0)
			return ssf_usage_err(ctx, "unknown mode \"%s\" (expected enforce, audit or off)",
					     argv[0]);
		return ssf_mode_set(ctx, (u8)mode);
	}
	if (ssf_nl_open(&nl))
		return 1;
	ret = ssf_status_get(&nl, &st);
	ssf_nl_close(&nl);
	if (ret)
		return 1;
	if (ctx->json)
		printf("{\"mode\":\"%s\"}\n", ssf_mode_str(st.mode));
	else
		printf("%s\n", ssf_mode_str(st.mode));
	return 0;
}
