// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl policy load|show|flush.
 *
 * load replaces the whole policy in one transaction: the file is parsed
 * completely first (nothing reaches the kernel if any line is wrong), then
 * STATUS_GET (generation), POLICY_BEGIN, POLICY_ADD (defaults, the validate
 * lines in file order, then the rules, in messages below 32 KiB),
 * POLICY_COMMIT with the generation read, so that a policy changed by
 * someone else in between is not overwritten blindly. Any failure aborts
 * the transaction. The transaction starts with every check at its default,
 * so a file means: defaults, then its own validate lines.
 *
 * show prints the defaults, a validate line for every check not at its
 * default, and the rules: a file that load turns back into the same policy.
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
#include "names.h"
#include "json.h"

/* A policy file larger than this is refused (65536 rules take ~6 MiB). */
#define SSF_POLICY_MAX_BYTES	(64u << 20)

/*
 * Rules per POLICY_ADD: a message is closed at 256 rules or 32 KiB, far
 * below what its buffer (64 KiB) and the u16 nla_len of SSF_A_RULES or
 * SSF_A_VALIDATE hold (one rule or check entry is < 128 bytes).
 */
#define SSF_ADD_MAX_RULES	256
#define SSF_ADD_MAX_BYTES	(32u << 10)
#define SSF_ADD_MSG_SIZE	(64u << 10)

static int ssf_read_input(const char *path, char **bufp, size_t *lenp)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t len = 0, cap = 0, n;
	char *buf = NULL, *nb;
	int err = 0;

	if (!f)
		return errno ? errno : EIO;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > SSF_POLICY_MAX_BYTES + 1)
				cap = SSF_POLICY_MAX_BYTES + 1;
			if (len == cap) {
				err = EFBIG;
				break;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				err = ENOMEM;
				break;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* Reply of POLICY_COMMIT */
struct ssf_gen_reply {
	u64 generation;
	bool got;
};

static const char *ssf_gen_reply(struct nlattr **tb, void *arg)
{
	struct ssf_gen_reply *q = arg;

	if (tb[SSF_A_GENERATION]) {
		q->generation = nla_get_u64(tb[SSF_A_GENERATION]);
		q->got = true;
	}
	return NULL;
}

/* A request without attributes; prints "<what>: ..." on failure. */
static int ssf_simple(struct ssf_nl *nl, u8 cmd, const char *what, bool quiet)
{
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, cmd, false, 0);
	if (!msg) {
		if (!quiet)
			ssf_err("%s: out of memory", what);
		return -1;
	}
	ret = ssf_nl_call(nl, msg, NULL, NULL, NULL);
	nlmsg_free(msg);
	if (ret && !quiet)
		ssf_nl_perror(nl, "%s", what);
	return ret;
}

/* Where a POLICY_ADD load is, and what the message being sent holds. */
struct ssf_load {
	const struct ssf_polfile *pf;
	const char *name;		/* the file, for messages */
	bool defaults_sent;
	bool exthdr_sent;
	size_t check;			/* next validate line to send */
	size_t rule;			/* next rule to send */
	/* the message in flight: */
	size_t check_first, nchecks;
	size_t rule_first, nrules;
	bool exthdr;
};

static bool ssf_load_done(const struct ssf_load *l)
{
	return l->defaults_sent && l->check == l->pf->nchecks &&
	       l->rule == l->pf->nrules &&
	       (l->exthdr_sent || !l->pf->has_exthdr_max);
}

/* The kernel rejected a POLICY_ADD: say which line of the file, if it can. */
static void ssf_add_perror(const struct ssf_nl *nl, const struct ssf_load *l)
{
	const struct ssf_polfile *pf = l->pf;
	const struct ssf_apath *p = NULL;
	const char *word = NULL;
	unsigned int line;
	size_t i;

	if (nl->ack.has_off)
		p = &nl->ack.off_path;
	else if (nl->ack.has_miss_nest)
		p = &nl->ack.miss_path;
	if (p && p->depth >= 2 && p->e[0].type == SSF_A_VALIDATE &&
	    p->e[1].index < l->nchecks) {
		line = pf->checks[l->check_first + p->e[1].index].line;
		ssf_nl_perror(nl, "%s:%u: kernel rejected this validate line",
			      l->name, line);
		return;
	}
	if (p && p->depth >= 1 && p->e[0].type == SSF_A_IP6_EXTHDR_MAX &&
	    l->exthdr) {
		ssf_nl_perror(nl, "%s:%u: kernel rejected this validate line",
			      l->name, pf->exthdr_line);
		return;
	}
	if (!p || p->depth < 2 || p->e[0].type != SSF_A_RULES ||
	    p->e[1].type != SSF_A_RULE || p->e[1].index >= l->nrules) {
		ssf_nl_perror(nl, "policy load: add to the transaction");
		return;
	}
	i = l->rule_first + p->e[1].index;
	line = pf->rules[i].line;
	if (p->depth >= 3)
		word = ssf_rule_attr_word(p->e[2].type);
	if (word)
		ssf_nl_perror(nl, "%s:%u: kernel rejected \"%s\" in this rule",
			      l->name, line, word);
	else
		ssf_nl_perror(nl, "%s:%u: kernel rejected this rule", l->name,
			      line);
}

static bool ssf_msg_room(struct nl_msg *msg)
{
	return nlmsg_hdr(msg)->nlmsg_len < SSF_ADD_MAX_BYTES;
}

/* The validate lines that fit, in order, then ip6-exthdr-max. */
static int ssf_add_checks(struct nl_msg *msg, struct ssf_load *l)
{
	const struct ssf_polfile *pf = l->pf;
	struct nlattr *nest;
	size_t i = l->check;

	if (i < pf->nchecks) {
		nest = nla_nest_start(msg, SSF_A_VALIDATE | NLA_F_NESTED);
		if (!nest)
			return -1;
		for (; i < pf->nchecks && ssf_msg_room(msg); i++)
			if (ssf_check_put(msg, ssf_polcheck_name(&pf->checks[i]),
					  pf->checks[i].action) < 0)
				return -1;
		if (nla_nest_end(msg, nest) < 0)
			return -1;
	}
	l->check_first = l->check;
	l->nchecks = i - l->check;
	l->check = i;
	/* once, with the last validate lines (it does not depend on them) */
	if (i == pf->nchecks && pf->has_exthdr_max && !l->exthdr_sent) {
		if (nla_put_u8(msg, SSF_A_IP6_EXTHDR_MAX, pf->ip6_exthdr_max) < 0)
			return -1;
		l->exthdr = true;
	}
	return 0;
}

static int ssf_add_rules(struct nl_msg *msg, struct ssf_load *l)
{
	const struct ssf_polfile *pf = l->pf;
	struct nlattr *nest;
	size_t i = l->rule;

	l->rule_first = i;
	if (i < pf->nrules && ssf_msg_room(msg)) {
		nest = nla_nest_start(msg, SSF_A_RULES | NLA_F_NESTED);
		if (!nest)
			return -1;
		for (; i < pf->nrules && i - l->rule_first < SSF_ADD_MAX_RULES &&
		       ssf_msg_room(msg); i++)
			if (ssf_rule_put(msg, SSF_A_RULE, &pf->rules[i].rule) < 0)
				return -1;
		if (nla_nest_end(msg, nest) < 0)
			return -1;
	}
	l->nrules = i - l->rule_first;
	l->rule = i;
	return 0;
}

/*
 * One POLICY_ADD: the defaults (first message), the validate lines, then
 * rules, as many as fit below SSF_ADD_MAX_BYTES.
 */
static int ssf_add_batch(struct ssf_nl *nl, struct ssf_load *l)
{
	struct ssf_load next = *l;
	struct nl_msg *msg;
	int ret = -1;

	msg = ssf_nl_msg(nl, SSF_CMD_POLICY_ADD, false, SSF_ADD_MSG_SIZE);
	if (!msg) {
		ssf_err("policy load: out of memory");
		return -1;
	}
	next.nchecks = 0;
	next.nrules = 0;
	next.exthdr = false;
	if (!next.defaults_sent && ssf_defaults_put(msg, l->pf->defaults) < 0)
		goto full;
	next.defaults_sent = true;
	if (ssf_add_checks(msg, &next))
		goto full;
	if (next.check == l->pf->nchecks && ssf_add_rules(msg, &next))
		goto full;
	if (ssf_nl_call(nl, msg, NULL, NULL, NULL)) {
		ssf_add_perror(nl, &next);
		goto out;
	}
	next.exthdr_sent = next.exthdr_sent || next.exthdr;
	*l = next;
	ret = 0;
	goto out;
full:
	ssf_err("policy load: a message overflowed");
out:
	nlmsg_free(msg);
	return ret;
}

static int ssf_commit(struct ssf_nl *nl, u64 generation, u64 *new_gen)
{
	struct ssf_gen_reply q = { .got = false };
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, SSF_CMD_POLICY_COMMIT, false, 0);
	if (!msg) {
		ssf_err("policy load: out of memory");
		return -1;
	}
	if (nla_put_u64(msg, SSF_A_GENERATION, generation) < 0) {
		ssf_err("policy load: out of memory");
		nlmsg_free(msg);
		return -1;
	}
	ret = ssf_nl_call(nl, msg, ssf_gen_reply, &q, NULL);
	nlmsg_free(msg);
	if (ret) {
		ssf_nl_perror(nl, "policy load: commit");
		return -1;
	}
	*new_gen = q.got ? q.generation : generation + 1;
	return 0;
}

static int ssf_policy_load(struct ssf_ctx *ctx, int argc, char **argv)
{
	struct ssf_polfile pf;
	struct ssf_polerr perr;
	struct ssf_status st;
	struct ssf_load l;
	struct ssf_nl nl;
	const char *name;
	size_t len = 0;
	char *buf = NULL;
	u64 gen;
	int ret;

	if (argc != 1)
		return ssf_usage_err(ctx, "expected one file name (- for stdin)");
	name = strcmp(argv[0], "-") ? argv[0] : "<stdin>";
	ret = ssf_read_input(argv[0], &buf, &len);
	if (ret) {
		if (ret == EFBIG)
			ssf_err("%s: read %s: larger than %u MiB", ctx->what,
				name, SSF_POLICY_MAX_BYTES >> 20);
		else
			ssf_err("%s: read %s: %s", ctx->what, name, strerror(ret));
		return 1;
	}
	ret = ssf_polparse(buf, len, &pf, &perr);
	free(buf);
	if (ret) {
		if (perr.line)
			ssf_err("%s:%u: %s", name, perr.line, perr.msg);
		else
			ssf_err("%s: %s", name, perr.msg);
		return 1;
	}

	ret = 1;
	if (ssf_nl_open(&nl))
		goto out;
	if (ssf_status_get(&nl, &st))
		goto out_nl;
	if (ssf_simple(&nl, SSF_CMD_POLICY_BEGIN, "policy load: begin transaction",
		       false))
		goto out_nl;
	memset(&l, 0, sizeof(l));
	l.pf = &pf;
	l.name = name;
	do {
		if (ssf_add_batch(&nl, &l))
			goto abort;
	} while (!ssf_load_done(&l));
	if (ssf_commit(&nl, st.generation, &gen))
		goto abort;
	if (ctx->json)
		printf("{\"rules\":%zu,\"generation\":%" PRIu64 "}\n",
		       pf.nrules, gen);
	else
		printf("policy loaded: %zu rules, generation %" PRIu64 "\n",
		       pf.nrules, gen);
	ret = 0;
	goto out_nl;
abort:
	/* The kernel may have dropped the transaction already; quietly. */
	ssf_simple(&nl, SSF_CMD_POLICY_ABORT, "policy load: abort", true);
out_nl:
	ssf_nl_close(&nl);
out:
	ssf_polfile_free(&pf);
	return ret;
}

/*
 * Defaults, checks and rules of one generation: retried if a change raced
 * in. VALIDATE_GET carries no generation; a change after STATUS_GET moves
 * the generation the dump (or the second STATUS_GET) sees.
 */
static int ssf_policy_read(struct ssf_nl *nl, struct ssf_status *st,
			   struct ssf_checks *c, struct ssf_rulelist *rl)
{
	struct ssf_status st2;
	int try;

	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		if (ssf_status_get(nl, st) || ssf_checks_fetch(nl, c) ||
		    ssf_rules_dump(nl, rl))
			return -1;
		if (rl->n) {
			if (!rl->v[0].has_generation ||
			    rl->v[0].generation == st->generation)
				return 0;
			continue;
		}
		if (ssf_status_get(nl, &st2))
			return -1;
		if (st2.generation == st->generation)
			return 0;
	}
	ssf_err("policy show: the policy kept changing (%d tries)",
		SSF_DUMP_TRIES);
	return -1;
}

static void ssf_policy_json(const struct ssf_status *st,
			    const struct ssf_checks *c,
			    const struct ssf_rulelist *rl)
{
	struct ssf_json j;
	const char *a;
	u8 dir;

	ssf_json_init(&j, stdout);
	ssf_json_obj_open(&j);
	ssf_json_kv_u64(&j, "generation", st->generation);
	ssf_json_key(&j, "defaults");
	ssf_json_obj_open(&j);
	for (dir = 0; dir <= SSF_DIR_MAX; dir++) {
		a = ssf_action_name(st->defaults[dir]);
		ssf_json_kv_str(&j, ssf_dir_name(dir), a ? a : "?");
	}
	ssf_json_obj_close(&j);
	ssf_json_key(&j, "validate");
	ssf_checks_json(&j, c);
	ssf_json_key(&j, "rules");
	ssf_rules_json(&j, rl);
	ssf_json_obj_close(&j);
	ssf_json_end(&j);
}

static int ssf_policy_show(struct ssf_ctx *ctx, int argc, char **argv)
{
	struct ssf_rulelist rl = { .n = 0 };
	struct ssf_checks *c;
	struct ssf_status st;
	struct ssf_nl nl;
	size_t i;
	int ret = 1;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	c = malloc(sizeof(*c));
	if (!c) {
		ssf_err("%s: out of memory", ctx->what);
		return 1;
	}
	if (ssf_nl_open(&nl))
		goto out;
	ret = ssf_policy_read(&nl, &st, c, &rl);
	ssf_nl_close(&nl);
	if (ret)
		goto out;
	if (ctx->json) {
		ssf_policy_json(&st, c, &rl);
	} else {
		ssf_print_defaults(stdout, st.defaults);
		ssf_print_checks_stmts(stdout, c);
		for (i = 0; i < rl.n; i++)
			ssf_print_rule_stmt(stdout, &rl.v[i].r);
	}
out:
	free(c);
	ssf_rulelist_free(&rl);
	return ret ? 1 : 0;
}

static int ssf_policy_flush(struct ssf_ctx *ctx, int argc, char **argv)
{
	struct ssf_nl nl;
	int ret;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ssf_nl_open(&nl))
		return 1;
	ret = ssf_simple(&nl, SSF_CMD_POLICY_FLUSH, ctx->what, false);
	ssf_nl_close(&nl);
	return ret ? 1 : 0;
}

const struct ssf_command ssf_policy_cmds[] = {
	{ "load", ssf_policy_load, NULL, "<file|->",
	  "replace the whole policy with a file's, atomically",
	  SSF_POLPARSE_FILE_HELP "\n" SSF_POLPARSE_GRAMMAR
	  "\nThe whole file is checked before anything is sent; errors name\n"
	  "the file and line.\n" },
	{ "show", ssf_policy_show, NULL, "[--json]",
	  "print the policy as a file that policy load accepts",
	  "Prints the defaults, a validate line for each check whose action is\n"
	  "not its default, and the rules in order.\n" },
	{ "flush", ssf_policy_flush, NULL, "",
	  "remove every rule; defaults to accept, checks to their defaults",
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};
