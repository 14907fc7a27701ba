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
#include "json.h"
#include "resolve.h"

static const char *ssf_dump_reply(struct nlattr **tb, void *arg)
{
	struct ssfctl_rulelist *rl = arg;
	struct ssfctl_rulex x;
	const char *why;

	if (!tb[SSF_A_RULE])
		return "rule dump message without a rule";
	why = ssf_rule_get(tb[SSF_A_RULE], &x);
	if (why)
		return why;
	if (tb[SSF_A_GENERATION]) {
		x.generation = nla_get_u64(tb[SSF_A_GENERATION]);
		x.has_generation = true;
	}
	if (ssf_rulelist_add(rl, &x))
		return "out of memory";
	return NULL;
}

/* All the rules of one dump carry the generation of one policy. */
static bool ssf_rules_consistent(const struct ssfctl_rulelist *rl)
{
	size_t i;

	for (i = 1; i < rl->n; i++)
		if (rl->v[i].has_generation != rl->v[0].has_generation ||
		    rl->v[i].generation != rl->v[0].generation)
			return false;
	return true;
}

int ssf_rules_dump(struct ssfctl_nl *nl, struct ssfctl_rulelist *rl)
{
	struct nl_msg *msg;
	bool intr;
	int try, ret;

	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		rl->n = 0;
		msg = ssf_nl_msg(nl, SSF_CMD_RULE_GET, true, 0);
		if (!msg) {
			ssf_err("list rules: out of memory");
			return -1;
		}
		ret = ssf_nl_call(nl, msg, ssf_dump_reply, rl, &intr);
		nlmsg_free(msg);
		if (ret) {
			ssf_nl_perror(nl, "list rules");
			return -1;
		}
		if (!intr && ssf_rules_consistent(rl))
			return 0;
	}
	ssf_err("list rules: the policy kept changing during the dump (%d tries)",
		SSF_DUMP_TRIES);
	return -1;
}

struct ssfctl_add_reply {
	u32 id;
	bool got;
};

static const char *ssf_add_reply(struct nlattr **tb, void *arg)
{
	struct ssfctl_add_reply *q = arg;

	if (!tb[SSF_A_RULE_ID])
		return "reply without the new rule's id";
	q->id = nla_get_u32(tb[SSF_A_RULE_ID]);
	q->got = true;
	return NULL;
}

static int ssf_rule_add(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_add_reply q = { .got = false };
	const struct ssf_apath *p;
	struct ssf_polerr perr;
	struct ssf_rule r;
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

	if (ssf_nl_open(&nl))
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
	if (ssf_nl_call(&nl, msg, ssf_add_reply, &q, NULL)) {
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
	if (!q.got) {
		ssf_err("%s: the kernel did not say the new rule's id", ctx->what);
		goto out_msg;
	}
	if (ctx->json)
		printf("{\"id\":%" PRIu32 "}\n", q.id);
	else
		printf("rule %" PRIu32 " added\n", q.id);
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
	struct nl_msg *msg;
	struct ssfctl_nl nl;
	int ret = 1;
	u32 id;

	if (argc != 1)
		return ssf_usage_err(ctx, "expected one rule id");
	if (!ssf_parse_id(argv[0], &id))
		return ssf_usage_err(ctx, "bad rule id \"%s\"", argv[0]);

	if (ssf_nl_open(&nl))
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
	if (ssf_nl_call(&nl, msg, NULL, NULL, NULL)) {
		if (nl.ack.error == ENOENT && !nl.ack.msg[0])
			ssf_err("%s: no rule %" PRIu32, ctx->what, id);
		else
			ssf_nl_perror(&nl, "%s %" PRIu32, ctx->what, id);
		goto out_msg;
	}
	if (ctx->json)
		printf("{\"id\":%" PRIu32 "}\n", id);
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

static void ssf_rules_print(const struct ssfctl_rulelist *rl)
{
	int wid = 2, wpk = 7, wby = 5;
	static char text[SSF_RULE_STRLEN];
	const struct ssfctl_rulex *x;
	size_t i;

	if (!rl->n) {
		printf("no rules\n");
		return;
	}
	for (i = 0; i < rl->n; i++) {
		x = &rl->v[i];
		if (ssf_digits(x->r.id) > wid)
			wid = ssf_digits(x->r.id);
		if (ssf_digits(x->packets) > wpk)
			wpk = ssf_digits(x->packets);
		if (ssf_digits(x->bytes) > wby)
			wby = ssf_digits(x->bytes);
	}
	printf("%*s  %*s  %*s  %s\n", wid, "ID", wpk, "PACKETS", wby, "BYTES",
	       "RULE");
	for (i = 0; i < rl->n; i++) {
		x = &rl->v[i];
		ssf_rule_fmt_nm(text, sizeof(text), &x->r, &ssf_sys_namer);
		printf("%*" PRIu32 "  %*" PRIu64 "  %*" PRIu64 "  %s\n",
		       wid, x->r.id, wpk, x->packets, wby, x->bytes, text);
	}
}

/* The rules as a JSON array (shared with policy show). */
void ssf_rules_json(struct ssf_json *j, const struct ssfctl_rulelist *rl)
{
	size_t i;

	ssf_json_arr_open(j);
	for (i = 0; i < rl->n; i++) {
		ssf_json_obj_open(j);
		ssf_rule_json(j, &rl->v[i].r, &ssf_sys_namer);
		ssf_json_kv_u64(j, "packets", rl->v[i].packets);
		ssf_json_kv_u64(j, "bytes", rl->v[i].bytes);
		ssf_json_obj_close(j);
	}
	ssf_json_arr_close(j);
}

static int ssf_rule_list(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_rulelist rl = { .n = 0 };
	struct ssf_json j;
	struct ssfctl_nl nl;
	int ret;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ssf_nl_open(&nl))
		return 1;
	ret = ssf_rules_dump(&nl, &rl);
	ssf_nl_close(&nl);
	if (ret)
		goto out;
	if (ctx->json) {
		ssf_json_init(&j, stdout);
		ssf_rules_json(&j, &rl);
		ssf_json_end(&j);
	} else {
		ssf_rules_print(&rl);
	}
out:
	ssf_rulelist_free(&rl);
	return ret ? 1 : 0;
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
