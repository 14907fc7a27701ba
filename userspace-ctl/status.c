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
#include "print.h"

/* A mode by name; "?" in text when it has none. */
static void ssf_status_mode(struct ssfctl_out *o, enum ssf_print_mode mode,
			    const char *fmt, u8 v)
{
	ssf_print_name(o, mode, "mode", fmt, ssf_mode_name(v), v, "?");
}

static void ssf_status_print(struct ssfctl_out *o, const void *obj)
{
	const struct ssfctl_status *st = obj;
	static const char *const defaults[SSF_DIR_MAX + 1] = {
		[SSF_DIR_IN] = "defaults:    in %s",
		[SSF_DIR_OUT] = ", out %s",
		[SSF_DIR_FWD] = ", fwd %s\n",
	};

	ssf_print_obj_open(o, NULL);
	ssf_print_bool(o, SSF_PRINT_ANY, "active", "active:      %s\n",
		       st->active);
	ssf_print_u64(o, SSF_PRINT_ANY, "generation",
		      "generation:  %" PRIu64 "\n", st->generation);
	ssf_status_mode(o, SSF_PRINT_ANY, "mode:        %s\n", st->mode);
	if (st->has_confirm_left)
		ssf_print_u64(o, SSF_PRINT_ANY, "confirm_left",
			      "confirm:     %" PRIu64 " s left, then the previous policy comes back (ssfctl policy confirm keeps this one)\n",
			      st->confirm_left);
	ssf_print_u64(o, SSF_PRINT_ANY, "rules", "rules:       %" PRIu64,
		      st->rules);
	if (st->has_max_rules)
		ssf_print_u64(o, SSF_PRINT_ANY, "max_rules",
			      " (at most %" PRIu64 ")", st->max_rules);
	ssf_print_fp(o, "\n");
	ssf_print_u64(o, SSF_PRINT_ANY, "next_id", "next id:     %" PRIu64 "\n",
		      st->next_id);
	ssf_print_u64(o, SSF_PRINT_ANY, "objects", "objects:     %" PRIu64 "\n",
		      st->objects);
	if (st->has_memory)
		ssf_print_u64(o, SSF_PRINT_ANY, "memory",
			      "memory:      %" PRIu64 " bytes\n", st->memory);
	ssf_print_bool(o, SSF_PRINT_ANY, "lockdown", "lockdown:    %s\n",
		       st->lockdown);
	ssf_defaults_print(o, st->defaults, defaults);
	ssf_print_obj_close(o);
}

static int ssf_status_read(struct ssfctl_nl *nl, void *obj)
{
	return ssf_status_fetch(nl, obj);
}

int ssf_cmd_status(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_status), ssf_status_read, ssf_status_print,
		NULL,
	};

	return ssf_show(ctx, argc, argv, &show);
}

static int ssf_mode_set(struct ssfctl_ctx *ctx, u8 mode)
{
	struct ssfctl_nl_val gen = { .attr = SSF_A_GENERATION };
	struct ssfctl_out o;
	struct nl_msg *msg;
	struct ssfctl_nl nl;
	int ret = 1;

	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	msg = ssf_nl_msg(&nl, SSF_CMD_MODE_SET, false, 0);
	if (!msg || nla_put_u8(msg, SSF_A_MODE, mode) < 0) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (ssf_nl_do(&nl, msg, &gen)) {
		ssf_nl_perror(&nl, "%s %s", ctx->what, ssf_mode_name(mode));
		goto out;
	}
	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_status_mode(&o, SSF_PRINT_JSON, NULL, mode);
	ssf_print_u64(&o, SSF_PRINT_JSON, "generation", NULL, gen.v);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
	ret = 0;
out:
	nlmsg_free(msg);
	ssf_nl_close(&nl);
	return ret;
}

static void ssf_mode_show(struct ssfctl_out *o, const void *obj)
{
	const struct ssfctl_status *st = obj;

	ssf_print_obj_open(o, NULL);
	ssf_status_mode(o, SSF_PRINT_ANY, "%s\n", st->mode);
	ssf_print_obj_close(o);
}

int ssf_cmd_mode(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_status), ssf_status_read, ssf_mode_show,
		NULL,
	};
	int mode;

	if (argc > 1)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[1]);
	if (!argc)
		return ssf_show(ctx, argc, argv, &show);
	mode = ssf_mode_find(argv[0], strlen(argv[0]));
	if (mode < 0)
		return ssf_usage_err(ctx, "unknown mode \"%s\" (expected enforce, audit or off)",
				     argv[0]);
	return ssf_mode_set(ctx, (u8)mode);
}
