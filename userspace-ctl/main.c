// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl - configure ssf (Secure Socket Filter) over generic netlink.
 *
 * main.c holds the command table and the dispatcher: each level (ssfctl,
 * ssfctl rule, ...) takes --json and --help before its command word; a leaf
 * takes them anywhere among its arguments ("--" ends the options).
 */
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"

static const struct ssf_command ssf_cmds[] = {
	{ "status", ssf_cmd_status, NULL, "[--json]",
	  "show whether ssf is active, its generation, defaults and counts",
	  NULL },
	{ "rule", NULL, ssf_rule_cmds, "<command> [<args>]",
	  "add, delete and list single rules", NULL },
	{ "policy", NULL, ssf_policy_cmds, "<command> [<args>]",
	  "load, show and flush the whole policy", NULL },
	{ "stats", ssf_cmd_stats, NULL, "[--json]",
	  "show packet counters per direction, per check and per rule", NULL },
	{ "validate", NULL, ssf_validate_cmds, "<command> [<args>]",
	  "show and set the packet validation checks", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct ssf_command ssf_root = {
	"ssfctl", NULL, ssf_cmds, "[--json] <command> [<args>]",
	"configure ssf, the Secure Socket Filter", NULL,
};

static void ssf_ctx_set(struct ssf_ctx *ctx, const char *path,
			const struct ssf_command *c)
{
	const char *sp = strchr(path, ' ');

	ctx->path = path;
	ctx->what = sp ? sp + 1 : "";
	ctx->cmd = c;
}

enum { SSF_OPT_OK, SSF_OPT_HELP, SSF_OPT_BAD };

static int ssf_opt(struct ssf_ctx *ctx, const char *a)
{
	if (!strcmp(a, "--json") || !strcmp(a, "-j")) {
		ctx->json = true;
		return SSF_OPT_OK;
	}
	if (!strcmp(a, "--help") || !strcmp(a, "-h"))
		return SSF_OPT_HELP;
	return SSF_OPT_BAD;
}

static bool ssf_is_opt(const char *a)
{
	return a[0] == '-' && a[1] != '\0';
}

/* Run the leaf @c with the words after its name. */
static int ssf_run_leaf(struct ssf_ctx *ctx, const char *path,
			const struct ssf_command *c, int argc, char **argv)
{
	bool help = false, opts = true;
	int i, n = 0;

	ssf_ctx_set(ctx, path, c);
	/* Keep the positional words in place, in order. */
	for (i = 0; i < argc; i++) {
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
			continue;
		}
		if (opts && ssf_is_opt(argv[i])) {
			switch (ssf_opt(ctx, argv[i])) {
			case SSF_OPT_HELP:
				help = true;
				continue;
			case SSF_OPT_BAD:
				return ssf_usage_err(ctx, "unknown option \"%s\"",
						     argv[i]);
			default:
				continue;
			}
		}
		argv[n++] = argv[i];
	}
	if (help) {
		ssf_print_usage(stdout, path, c, true);
		return 0;
	}
	return c->fn(ctx, n, argv);
}

static int ssf_run(struct ssf_ctx *ctx, const char *path,
		   const struct ssf_command *group, int argc, char **argv)
{
	const struct ssf_command *c;
	char sub[128];

	ssf_ctx_set(ctx, path, group);
	for (; argc && ssf_is_opt(argv[0]); argc--, argv++) {
		switch (ssf_opt(ctx, argv[0])) {
		case SSF_OPT_HELP:
			ssf_print_usage(stdout, path, group, true);
			return 0;
		case SSF_OPT_BAD:
			return ssf_usage_err(ctx, "unknown option \"%s\"", argv[0]);
		}
	}
	if (!argc)
		return ssf_usage_err(ctx, "missing command (see --help)");
	if (!strcmp(argv[0], "help")) {
		ssf_print_usage(stdout, path, group, true);
		return 0;
	}
	for (c = group->sub; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			break;
	if (!c->name)
		return ssf_usage_err(ctx, "unknown command \"%s\" (see --help)",
				     argv[0]);
	snprintf(sub, sizeof(sub), "%s %s", path, c->name);
	if (c->sub)
		return ssf_run(ctx, sub, c, argc - 1, argv + 1);
	return ssf_run_leaf(ctx, sub, c, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	struct ssf_ctx ctx = { .json = false };
	int ret;

	ret = ssf_run(&ctx, "ssfctl", &ssf_root, argc - 1, argv + 1);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		ssf_err("write output: %m");
		return 1;
	}
	return ret;
}
