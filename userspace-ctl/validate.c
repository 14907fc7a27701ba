// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl validate show|set: SSF_CMD_VALIDATE_GET and _VALIDATE_SET.
 *
 * Names are checked here, with the kernel's own table (module/ssf_reason.c),
 * before anything is sent; the kernel checks them again.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "checks.h"
#include "json.h"

static int ssf_validate_read(struct ssfctl_nl *nl, void *obj)
{
	return ssf_checks_fetch(nl, obj);
}

static void ssf_validate_print(struct ssfctl_out *o, const void *obj)
{
	ssf_checks_print(o, NULL, obj, SSFCTL_CHECKS_TABLE);
}

static int ssf_validate_show(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_checks), ssf_validate_read,
		ssf_validate_print, NULL,
	};

	return ssf_show(ctx, argc, argv, &show);
}

/* What "validate set" sets. */
struct ssfctl_vset {
	const char *name;	/* a check, "all", or NULL: ip6-exthdr-max */
	u8 value;		/* enum ssf_check_act, or the limit */
};

/* The words into @v: 0, or the usage error's exit status. */
static int ssf_vset_parse(struct ssfctl_ctx *ctx, char **argv, struct ssfctl_vset *v)
{
	unsigned long n;
	char *end;
	int act;

	if (!strcmp(argv[0], "ip6-exthdr-max")) {
		n = strtoul(argv[1], &end, 10);
		if (argv[1][0] < '0' || argv[1][0] > '9' || *end ||
		    n > SSF_IP6_EXTHDR_LIMIT)
			return ssf_usage_err(ctx, "bad ip6-exthdr-max \"%s\" (0-%d)",
					     argv[1], SSF_IP6_EXTHDR_LIMIT);
		v->name = NULL;
		v->value = (u8)n;
		return 0;
	}
	if (strcmp(argv[0], "all") && ssf_reason_by_name(argv[0]) == SSF_R_NONE)
		return ssf_usage_err(ctx, "unknown validation check \"%s\" (\"ssfctl validate show\" lists them)",
				     argv[0]);
	act = ssf_check_action_by_name(argv[1]);
	if (act < 0)
		return ssf_usage_err(ctx, "unknown check action \"%s\" (expected drop, audit or off)",
				     argv[1]);
	v->name = argv[0];
	v->value = (u8)act;
	return 0;
}

/* SSF_A_VALIDATE with one SSF_A_CHECK, or SSF_A_IP6_EXTHDR_MAX. */
static int ssf_vset_put(struct nl_msg *msg, const struct ssfctl_vset *v)
{
	struct nlattr *nest;
	int ret;

	if (!v->name)
		return nla_put_u8(msg, SSF_A_IP6_EXTHDR_MAX, v->value);
	nest = nla_nest_start(msg, SSF_A_VALIDATE | NLA_F_NESTED);
	if (!nest)
		return -NLE_NOMEM;
	ret = ssf_check_put(msg, v->name, v->value);
	if (ret < 0)
		return ret;
	return nla_nest_end(msg, nest);
}

static int ssf_validate_set(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_nl_val gen = { .attr = SSF_A_GENERATION, .need = true };
	struct nl_msg *msg;
	struct ssfctl_vset v = { .name = NULL };
	struct ssfctl_nl nl;
	int ret;

	if (argc != 2)
		return ssf_usage_err(ctx, "expected a check (or all) and an action, or ip6-exthdr-max and a number");
	ret = ssf_vset_parse(ctx, argv, &v);
	if (ret)
		return ret;

	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	ret = 1;
	msg = ssf_nl_msg(&nl, SSF_CMD_VALIDATE_SET, false, 0);
	if (!msg) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (ssf_vset_put(msg, &v) < 0) {
		ssf_err("%s: out of memory", ctx->what);
		goto out_msg;
	}
	if (ssf_nl_do(&nl, msg, &gen)) {
		ssf_nl_perror(&nl, "%s %s %s", ctx->what, argv[0], argv[1]);
		goto out_msg;
	}
	ssf_print_result(ctx, "generation", NULL, gen.v);
	ret = 0;
out_msg:
	nlmsg_free(msg);
out:
	ssf_nl_close(&nl);
	return ret;
}

const struct ssfctl_command ssf_validate_cmds[] = {
	{ "show", ssf_validate_show, NULL, "[--json]",
	  "list every check with its action, default and packet counter",
	  "Documentation/validation.rst says what each check catches.\n", NULL },
	{ "set", ssf_validate_set, NULL,
	  "<check>|all drop|audit|off | ip6-exthdr-max <0-64>",
	  "set a check's action (all: every check), or the IPv6 header limit",
	  "Actions: drop (count and drop the packet), audit (count, log\n"
	  "rate-limited, let it pass), off (neither).\n"
	  "ip6-exthdr-max: the most IPv6 extension headers a packet may carry\n"
	  "(default 8); more trips ip6-exthdr-too-many.\n"
	  "The change is published at once, as a new policy generation. To make\n"
	  "it part of a policy file, write the same words after \"validate\".\n",
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
