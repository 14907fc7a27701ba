// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl rule add|del|list: SSF_CMD_RULE_ADD, _RULE_DEL, _RULE_GET (dump).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "polparse.h"
#include "print.h"
#include "resolve.h"

static int ssf_rule_add(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_nl_val id = { .attr = SSF_A_RULE_ID };
	const struct ssfctl_apath *p;
	struct ssfctl_polerr perr;
	struct ssfctl_rule r;
	struct nl_msg *msg;
	struct ssfctl_nl nl;
	const char *word;
	int ret;

	if (!argc)
		return ssf_usage_err(ctx, "missing rule words (see --help)");
	ret = ssf_polparse_argv(argc, argv, &ssf_sys_resolver, &r, &perr);
	if (ret) {
		ssf_err("%s: %s", ctx->what, perr.msg);
		return 1;
	}

	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	ret = 1;
	msg = ssf_nl_msg(&nl, SSF_CMD_RULE_ADD, false, 0);
	if (!msg) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (ssf_rule_put(msg, SSF_A_RULE, &r) < 0) {
		ssf_err("%s: rule does not fit in a message", ctx->what);
		goto out_msg;
	}
	if (ssf_nl_do(&nl, msg, &id)) {
		/* name the word whose attribute the kernel pointed at */
		p = &nl.ack.off_path;
		word = NULL;
		if (nl.ack.has_off && p->depth >= 2 && p->e[0].type == SSF_A_RULE)
			word = ssf_rule_attr_word(p->e[1].type);
		if (word)
			ssf_nl_perror(&nl, "%s: kernel rejected \"%s\"",
				      ctx->what, word);
		else
			ssf_nl_perror(&nl, "%s", ctx->what);
		goto out_msg;
	}
	if (!id.got) {
		ssf_err("%s: the kernel did not say the new rule's id", ctx->what);
		goto out_msg;
	}
	ssf_print_result(ctx, "id", "rule %" PRIu64 " added\n", id.v);
	ret = 0;
out_msg:
	nlmsg_free(msg);
out:
	ssf_nl_close(&nl);
	return ret;
}

static bool ssf_parse_id(const char *s, u32 *id)
{
	unsigned long long v;
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > UINT32_MAX)
		return false;
	*id = (u32)v;
	return true;
}

static int ssf_rule_del(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	char hint[64];
	struct nl_msg *msg;
	struct ssfctl_nl nl;
	int ret = 1;
	u32 id;

	if (argc != 1)
		return ssf_usage_err(ctx, "expected one rule id");
	if (!ssf_parse_id(argv[0], &id))
		return ssf_usage_err(ctx, "bad rule id \"%s\"", argv[0]);

	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	msg = ssf_nl_msg(&nl, SSF_CMD_RULE_DEL, false, 0);
	if (!msg) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (nla_put_u32(msg, SSF_A_RULE_ID, id) < 0) {
		ssf_err("%s: out of memory", ctx->what);
		goto out_msg;
	}
	if (ssf_nl_do(&nl, msg, NULL)) {
		snprintf(hint, sizeof(hint), "%s: no rule %" PRIu32, ctx->what,
			 id);
		ssf_nl_perror_hint(&nl, ENOENT, hint, "%s %" PRIu32, ctx->what,
				   id);
		goto out_msg;
	}
	ssf_print_result(ctx, "id", NULL, id);
	ret = 0;
out_msg:
	nlmsg_free(msg);
out:
	ssf_nl_close(&nl);
	return ret;
}

static int ssf_digits(u64 v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

void ssf_rules_print(struct ssfctl_out *o, const char *key,
		     const struct ssfctl_rulelist *rl, enum ssfctl_rules_text how,
		     const struct ssfctl_namer *nm)
{
	int wid = how == SSFCTL_RULES_TABLE ? 2 : 4, wpk = 7, wby = 5;
	char fid[16], fpk[16], fby[16];
	struct ssfctl_rule_cols cols = { .words = true };
	const struct ssfctl_rulex *x;
	size_t i;

	for (i = 0; i < rl->n; i++) {
		x = &rl->v[i];
		if (ssf_digits(x->r.r.id) > wid)
			wid = ssf_digits(x->r.r.id);
		if (ssf_digits(x->packets) > wpk)
			wpk = ssf_digits(x->packets);
		if (ssf_digits(x->bytes) > wby)
			wby = ssf_digits(x->bytes);
	}
	snprintf(fid, sizeof(fid), "%%%d" PRIu64 "  ", wid);
	snprintf(fpk, sizeof(fpk), "%%%d" PRIu64 "  ", wpk);
	snprintf(fby, sizeof(fby), "%%%d" PRIu64 "  ", wby);
	switch (how) {
	case SSFCTL_RULES_TABLE:
		cols = (struct ssfctl_rule_cols){ fid, fpk, fby, "%s\n", true };
		if (rl->n)
			ssf_print_fp(o, "%*s  %*s  %*s  %s\n", wid, "ID", wpk,
				     "PACKETS", wby, "BYTES", "RULE");
		else
			ssf_print_fp(o, "no rules\n");
		break;
	case SSFCTL_RULES_STMTS:
		cols.text = "rule %s\n";
		break;
	case SSFCTL_RULES_COUNTERS:
		cols = (struct ssfctl_rule_cols){ fid, fpk, "%" PRIu64 "\n",
						  NULL, false };
		if (rl->n)
			ssf_print_fp(o, "\n%*s  %*s  %s\n", wid, "rule", wpk,
				     "packets", "bytes");
		break;
	}
	ssf_print_arr_open(o, key);
	for (i = 0; i < rl->n; i++) {
		x = &rl->v[i];
		ssf_print_obj_open(o, NULL);
		ssf_rule_print(o, &x->r, (const u64[]){ x->packets, x->bytes },
			       nm, &cols);
		ssf_print_obj_close(o);
	}
	ssf_print_arr_close(o);
}

static int ssf_rule_list_read(struct ssfctl_nl *nl, void *obj)
{
	return ssf_rules_fetch(nl, obj);
}

static void ssf_rule_list_print(struct ssfctl_out *o, const void *obj)
{
	ssf_rules_print(o, NULL, obj, SSFCTL_RULES_TABLE, &ssf_sys_namer);
}

static void ssf_rule_list_done(void *obj)
{
	ssf_rulelist_free(obj);
}

static int ssf_rule_list(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_rulelist), ssf_rule_list_read,
		ssf_rule_list_print, ssf_rule_list_done,
	};

	return ssf_show(ctx, argc, argv, &show);
}

const struct ssfctl_command ssf_rule_cmds[] = {
	{ "add", ssf_rule_add, NULL, "<rule words>",
	  "append a rule to the policy and print its id",
	  SSF_POLPARSE_GRAMMAR
	  "\nExamples:\n"
	  "  ssfctl rule add in proto tcp dport 22 accept\n"
	  "  ssfctl rule add out uid www-data proto tcp dport 25 reject log 'no mail'\n"
	  "  ssfctl rule add 'out cgroup /system.slice/app.service drop comment \"x y\"'\n"
	  "The argument after log, comment or cgroup is taken whole.\n", NULL },
	{ "del", ssf_rule_del, NULL, "<id>",
	  "delete the rule with this id", NULL, NULL },
	{ "list", ssf_rule_list, NULL, "[--json]",
	  "list the rules in order, with their counters", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
