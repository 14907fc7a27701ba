// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl - configure ssf (Secure Socket Filter) over generic netlink.
 *
 * main.c holds the command table and the dispatcher: each level (ssfctl,
 * ssfctl rule, ...) takes --json and --help before its command word; a leaf
 * takes them anywhere among its arguments ("--" ends the options). The
 * global options, spelt as iproute2's (-j, -n <netns>, -V), come before
 * the first command word.
 */
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"

static const struct ssfctl_option ssf_monitor_opts[] = {
	{ "count", "<n>", "exit after <n> events", 0 },
	{ NULL, NULL, NULL, 0 },
};

/* ssfctl's own options, before the command; ssf_root_opt() takes them. */
enum { SSF_ROOT_NETNS, SSF_ROOT_VERSION };

static const struct ssfctl_option ssf_root_opts[] = {
	[SSF_ROOT_NETNS] = { "netns", "<name>",
			     "configure the network namespace /run/netns/<name>",
			     'n' },
	[SSF_ROOT_VERSION] = { "version", NULL, "print ssfctl's version", 'V' },
	{ NULL, NULL, NULL, 0 },
};

static const struct ssfctl_command ssf_cmds[] = {
	{ "status", ssf_cmd_status, NULL, "[--json]",
	  "show whether ssf is active, its generation, mode, defaults and counts",
	  NULL, NULL },
	{ "rule", NULL, ssf_rule_cmds, "<command> [<args>]",
	  "add, delete and list single rules", NULL, NULL },
	{ "policy", NULL, ssf_policy_cmds, "<command> [<args>]",
	  "load, check, confirm, show and flush the whole policy", NULL, NULL },
	{ "set", NULL, ssf_set_cmds, "<command> [<args>]",
	  "list, show, add, delete, flush, load and test the policy's sets",
	  NULL, NULL },
	{ "mode", ssf_cmd_mode, NULL, "[enforce|audit|off]",
	  "show or set what the policy does: enforce, only audit, or nothing",
	  "enforce  verdicts and validation actions apply (the default)\n"
	  "audit    nothing is dropped: what would be is counted, logged and\n"
	  "         reported as an audit event\n"
	  "off      the hooks are detached; the policy is kept\n", NULL },
	{ "monitor", ssf_cmd_monitor, NULL, "[--json] [--count <n>]",
	  "print drop, reject, log, audit and revert events as they happen",
	  "One line per event; with --json one JSON object per line. Ends on\n"
	  "SIGINT or SIGTERM, or after --count events.\n", ssf_monitor_opts },
	{ "stats", ssf_cmd_stats, NULL, "[--json]",
	  "show packet counters per direction, per check and per rule", NULL,
	  NULL },
	{ "validate", NULL, ssf_validate_cmds, "<command> [<args>]",
	  "show and set the packet validation checks", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};

static const struct ssfctl_command ssf_root = {
	"ssfctl", NULL, ssf_cmds,
	"[--json] [--netns <name>] [--version] <command> [<args>]",
	"configure ssf, the Secure Socket Filter",
	"With --netns, names (users, groups, cgroup paths) are still looked up\n"
	"in ssfctl's own namespaces: only its netlink socket is opened in the\n"
	"network namespace <name>, which \"ip netns exec\" would not do (it\n"
	"remounts /sys, hiding the cgroup2 hierarchy).\n", ssf_root_opts,
};

static void ssf_ctx_set(struct ssfctl_ctx *ctx, const char *path,
			const struct ssfctl_command *c)
{
	const char *sp = strchr(path, ' ');

	ctx->path = path;
	ctx->what = sp ? sp + 1 : "";
	ctx->cmd = c;
}

enum { SSF_OPT_OK, SSF_OPT_HELP, SSF_OPT_BAD };

static int ssf_opt(struct ssfctl_ctx *ctx, const char *a)
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

/* Option @o is what @a (after its "--" or "-") names, @n bytes of it. */
static bool ssf_opt_is(const struct ssfctl_option *o, const char *a, size_t n,
		       bool letter)
{
	if (letter)
		return o->letter && n == 1 && a[0] == o->letter;
	return strlen(o->name) == n && !strncmp(o->name, a, n);
}

/*
 * One of the command's own options at argv[*i] ("--name", "--name value",
 * "--name=value", or "-l value" for one with a letter): 1 if it was one
 * (*i moved past its value), 0 if not, 2 after a usage error.
 */
static int ssf_leaf_opt(struct ssfctl_ctx *ctx, const struct ssfctl_command *c,
			int argc, char **argv, int *i)
{
	const struct ssfctl_option *o;
	const char *a = argv[*i], *eq = NULL;
	bool letter;
	size_t n;
	int k;

	if (!c->opts || a[0] != '-')
		return 0;
	letter = a[1] != '-';
	a += letter ? 1 : 2;
	if (!letter)
		eq = strchr(a, '=');
	n = eq ? (size_t)(eq - a) : strlen(a);
	for (k = 0, o = c->opts; o->name && k < SSF_MAX_OPTS; o++, k++) {
		if (!ssf_opt_is(o, a, n, letter))
			continue;
		if (!o->arg) {
			if (eq)
				return ssf_usage_err(ctx, "--%s takes no value",
						     o->name);
			ctx->opt[k] = "";
		} else if (eq) {
			ctx->opt[k] = eq + 1;
		} else if (*i + 1 < argc) {
			ctx->opt[k] = argv[++*i];
		} else {
			return ssf_usage_err(ctx, "--%s needs %s", o->name,
					     o->arg);
		}
		return 1;
	}
	return 0;
}

/* Run the leaf @c with the words after its name. */
static int ssf_run_leaf(struct ssfctl_ctx *ctx, const char *path,
			const struct ssfctl_command *c, int argc, char **argv)
{
	bool help = false, opts = true;
	int i, n = 0, ret;

	ssf_ctx_set(ctx, path, c);
	/* Keep the positional words in place, in order. */
	for (i = 0; i < argc; i++) {
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
			continue;
		}
		if (opts && ssf_is_opt(argv[i])) {
			ret = ssf_leaf_opt(ctx, c, argc, argv, &i);
			if (ret == 2)
				return 2;
			if (ret)
				continue;
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

static int ssf_run(struct ssfctl_ctx *ctx, const char *path,
		   const struct ssfctl_command *group, int argc, char **argv)
{
	const struct ssfctl_command *c;
	char sub[128];
	int i, ret;

	ssf_ctx_set(ctx, path, group);
	for (i = 0; i < argc && ssf_is_opt(argv[i]); i++) {
		ret = ssf_leaf_opt(ctx, group, argc, argv, &i);
		if (ret == 2)
			return 2;
		if (ret)
			continue;
		switch (ssf_opt(ctx, argv[i])) {
		case SSF_OPT_HELP:
			ssf_print_usage(stdout, path, group, true);
			return 0;
		case SSF_OPT_BAD:
			return ssf_usage_err(ctx, "unknown option \"%s\"", argv[i]);
		}
	}
	argc -= i;
	argv += i;
	if (group == &ssf_root) {
		if (ctx->opt[SSF_ROOT_VERSION]) {
			printf("ssfctl %s\n", SSF_VERSION);
			return 0;
		}
		ctx->netns = ctx->opt[SSF_ROOT_NETNS];
		memset(ctx->opt, 0, sizeof(ctx->opt));
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
	struct ssfctl_ctx ctx = { .json = false };
	int ret;

	ret = ssf_run(&ctx, "ssfctl", &ssf_root, argc - 1, argv + 1);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		ssf_err("write output: %m");
		return 1;
	}
	return ret;
}
