// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl policy load|check|confirm|show|flush.
 *
 * load replaces the whole policy in one transaction: the file is parsed
 * completely first (nothing reaches the kernel if any line is wrong), then
 * STATUS_GET (generation), POLICY_BEGIN, POLICY_ADD (defaults and mode,
 * the validate lines in file order, the sets - each declaration, then its
 * elements - and then the rules, which may name only sets declared before
 * them; as many messages below 32 KiB as it takes), POLICY_COMMIT with the
 * file's "generation" if it has one, else the generation read, so that a
 * policy changed by someone else in between (a set's elements included)
 * is not overwritten blindly. Any failure aborts the transaction. The
 * transaction starts with every check at its default and in mode enforce,
 * so a file means: defaults, then its own validate and mode lines.
 * load --confirm adds SSF_A_CONFIRM_TIMEOUT to the commit; check sends the
 * same transaction with SSF_COMMIT_F_CHECK, so the kernel validates it as a
 * commit would and keeps nothing.
 *
 * show prints the generation, the defaults, the mode unless enforce, a
 * validate line for every check not at its default, the sets with their
 * elements and the rules (names where they resolve): a file that load
 * turns back into the same policy, and refuses to load over a policy
 * changed since.
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
#include "resolve.h"

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

/* Where a POLICY_ADD load is, and what the message being sent holds. */
struct ssfctl_load {
	const struct ssfctl_polfile *pf;
	const char *name;		/* the file, for messages */
	const char *what;		/* "policy load", for messages */
	bool defaults_sent;
	bool exthdr_sent;
	size_t check;			/* next validate line to send */
	size_t set;			/* set being sent */
	size_t elem;			/* its next element */
	bool declared;			/* its declaration went out */
	size_t rule;			/* next rule to send */
	/* the message in flight: */
	size_t check_first, nchecks;
	size_t rule_first, nrules;
	bool exthdr;
	size_t nsets;			/* SSF_A_SET entries, each: */
	struct {
		size_t set;		/* the set */
		size_t elem;		/* its first element in the entry */
	} sets[SSF_SETS_MAX];
};

static bool ssf_load_done(const struct ssfctl_load *l)
{
	return l->defaults_sent && l->check == l->pf->nchecks &&
	       l->set == l->pf->nsets && l->rule == l->pf->nrules &&
	       (l->exthdr_sent || !l->pf->has_exthdr_max);
}

/* The kernel rejected an entry of SSF_A_SETS: its set or element line. */
static void ssf_add_set_perror(const struct ssfctl_nl *nl,
			       const struct ssfctl_load *l,
			       const struct ssfctl_apath *p)
{
	const struct ssfctl_polset *ps = &l->pf->sets[l->sets[p->e[1].index].set];
	size_t j = l->sets[p->e[1].index].elem;

	if (p->depth >= 4 && p->e[2].type == SSF_SET_A_ELEMS &&
	    j + p->e[3].index < ps->nelems) {
		ssf_nl_perror(nl, "%s:%u: kernel rejected this element of set %s",
			      l->name, ps->elems[j + p->e[3].index].line,
			      ps->name);
		return;
	}
	ssf_nl_perror(nl, "%s:%u: kernel rejected set %s", l->name, ps->line,
		      ps->name);
}

/* The kernel rejected a POLICY_ADD: say which line of the file, if it can. */
static void ssf_add_perror(const struct ssfctl_nl *nl, const struct ssfctl_load *l)
{
	const struct ssfctl_polfile *pf = l->pf;
	const struct ssfctl_apath *p = NULL;
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
	if (p && p->depth >= 2 && p->e[0].type == SSF_A_SETS &&
	    p->e[1].index < l->nsets) {
		ssf_add_set_perror(nl, l, p);
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
		ssf_nl_perror(nl, "%s: add to the transaction", l->what);
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
static int ssf_add_checks(struct nl_msg *msg, struct ssfctl_load *l)
{
	const struct ssfctl_polfile *pf = l->pf;
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

/* One SSF_A_SET entry: the set's declaration, then elements that fit. */
static int ssf_add_set(struct nl_msg *msg, struct ssfctl_load *l)
{
	const struct ssfctl_polset *ps = &l->pf->sets[l->set];
	struct nlattr *nest, *elems;

	nest = nla_nest_start(msg, SSF_A_SET | NLA_F_NESTED);
	if (!nest || nla_put_string(msg, SSF_SET_A_NAME, ps->name) < 0)
		return -1;
	if (!l->declared &&
	    (nla_put_u8(msg, SSF_SET_A_TYPE, ps->type) < 0 ||
	     (ps->timeout &&
	      nla_put_u32(msg, SSF_SET_A_TIMEOUT, ps->timeout) < 0)))
		return -1;
	l->sets[l->nsets].set = l->set;
	l->sets[l->nsets++].elem = l->elem;
	l->declared = true;
	if (l->elem < ps->nelems) {
		elems = nla_nest_start(msg, SSF_SET_A_ELEMS | NLA_F_NESTED);
		if (!elems)
			return -1;
		for (; l->elem < ps->nelems && ssf_msg_room(msg); l->elem++)
			if (ssf_elem_put(msg, &ps->elems[l->elem].e,
					 ps->elems[l->elem].e.expires) < 0)
				return -1;
		if (nla_nest_end(msg, elems) < 0)
			return -1;
	}
	if (nla_nest_end(msg, nest) < 0)
		return -1;
	if (l->elem == ps->nelems) {
		l->set++;
		l->elem = 0;
		l->declared = false;
	}
	return 0;
}

/* The sets that fit, each declared before its elements. */
static int ssf_add_sets(struct nl_msg *msg, struct ssfctl_load *l)
{
	struct nlattr *nest;

	if (l->set == l->pf->nsets || !ssf_msg_room(msg))
		return 0;
	nest = nla_nest_start(msg, SSF_A_SETS | NLA_F_NESTED);
	if (!nest)
		return -1;
	while (l->set < l->pf->nsets && ssf_msg_room(msg))
		if (ssf_add_set(msg, l))
			return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int ssf_add_rules(struct nl_msg *msg, struct ssfctl_load *l)
{
	const struct ssfctl_polfile *pf = l->pf;
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
 * One POLICY_ADD: the defaults (first message), the validate lines, the
 * sets, then rules, as many as fit below SSF_ADD_MAX_BYTES.
 */
static int ssf_add_batch(struct ssfctl_nl *nl, struct ssfctl_load *l)
{
	struct ssfctl_load next = *l;
	struct nl_msg *msg;
	int ret = -1;

	msg = ssf_nl_msg(nl, SSF_CMD_POLICY_ADD, false, SSF_ADD_MSG_SIZE);
	if (!msg) {
		ssf_err("%s: out of memory", l->what);
		return -1;
	}
	next.nchecks = 0;
	next.nrules = 0;
	next.nsets = 0;
	next.exthdr = false;
	if (!next.defaults_sent && ssf_defaults_put(msg, l->pf->defaults) < 0)
		goto full;
	if (!next.defaults_sent && l->pf->has_mode &&
	    nla_put_u8(msg, SSF_A_MODE, l->pf->mode) < 0)
		goto full;
	next.defaults_sent = true;
	if (ssf_add_checks(msg, &next))
		goto full;
	if (next.check == l->pf->nchecks && ssf_add_sets(msg, &next))
		goto full;
	if (next.set == l->pf->nsets && ssf_add_rules(msg, &next))
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
	ssf_err("%s: a message overflowed", l->what);
out:
	nlmsg_free(msg);
	return ret;
}

/* What a transaction ends with: a commit, a commit-confirm, or a check. */
struct ssfctl_commit_req {
	u64 generation;			/* the policy it was based on */
	u32 flags;			/* enum ssf_commit_flags */
	u32 confirm;			/* seconds, 0: none */
};

static int ssf_commit(struct ssfctl_nl *nl, const char *what,
		      const struct ssfctl_commit_req *c, u64 *new_gen)
{
	struct ssfctl_nl_val gen = { .attr = SSF_A_GENERATION };
	char hint[128];
	struct nl_msg *msg;
	int ret;

	msg = ssf_nl_msg(nl, SSF_CMD_POLICY_COMMIT, false, 0);
	if (!msg ||
	    nla_put_u64(msg, SSF_A_GENERATION, c->generation) < 0 ||
	    (c->flags && nla_put_u32(msg, SSF_A_COMMIT_FLAGS, c->flags) < 0) ||
	    (c->confirm &&
	     nla_put_u32(msg, SSF_A_CONFIRM_TIMEOUT, c->confirm) < 0)) {
		ssf_err("%s: out of memory", what);
		nlmsg_free(msg);
		return -1;
	}
	ret = ssf_nl_do(nl, msg, &gen);
	nlmsg_free(msg);
	if (!ret) {
		*new_gen = gen.got ? gen.v : c->generation +
			   !(c->flags & SSF_COMMIT_F_CHECK);
		return 0;
	}
	snprintf(hint, sizeof(hint), "%s: commit: policy changed since you read it",
		 what);
	ssf_nl_perror_hint(nl, EBUSY, hint, "%s: commit", what);
	return -1;
}

/* Read and parse the policy file @path ("-": stdin); prints errors. */
static int ssf_policy_parse(const struct ssfctl_ctx *ctx, const char *path,
			    const char *name, struct ssfctl_polfile *pf)
{
	struct ssfctl_polerr perr;
	size_t len = 0;
	char *buf = NULL;
	int ret;

	ret = ssf_read_input(path, &buf, &len);
	if (ret) {
		if (ret == EFBIG)
			ssf_err("%s: read %s: larger than %u MiB", ctx->what,
				name, SSF_POLICY_MAX_BYTES >> 20);
		else
			ssf_err("%s: read %s: %s", ctx->what, name, strerror(ret));
		return -1;
	}
	ret = ssf_polparse_res(buf, len, &ssf_sys_resolver, pf, &perr);
	free(buf);
	if (ret) {
		if (perr.line)
			ssf_err("%s:%u: %s", name, perr.line, perr.msg);
		else
			ssf_err("%s: %s", name, perr.msg);
		return -1;
	}
	return 0;
}

/*
 * The whole transaction for the file in argv[0]: parse, begin, add, then
 * the commit @c asks for (its generation filled in here). Returns the exit
 * status; prints errors.
 */
static int ssf_policy_txn(struct ssfctl_ctx *ctx, int argc, char **argv,
			  struct ssfctl_commit_req *c, size_t *nrules, u64 *gen)
{
	struct ssfctl_polfile pf;
	struct ssfctl_status st;
	struct ssfctl_load l;
	struct ssfctl_nl nl;
	const char *name;
	int ret = -1;

	if (argc != 1)
		return ssf_usage_err(ctx, "expected one file name (- for stdin)");
	name = strcmp(argv[0], "-") ? argv[0] : "<stdin>";
	if (ssf_policy_parse(ctx, argv[0], name, &pf))
		return 1;
	if (ssf_nl_open(&nl, ctx->netns))
		goto out;
	if (ssf_status_fetch(&nl, &st))
		goto out_nl;
	if (ssf_nl_simple(&nl, SSF_CMD_POLICY_BEGIN,
			  "policy: begin transaction", false, NULL))
		goto out_nl;
	memset(&l, 0, sizeof(l));
	l.pf = &pf;
	l.name = name;
	l.what = ctx->what;
	do {
		if (ssf_add_batch(&nl, &l))
			goto abort;
	} while (!ssf_load_done(&l));
	c->generation = pf.has_generation ? pf.generation : st.generation;
	if (ssf_commit(&nl, ctx->what, c, gen))
		goto abort;
	*nrules = pf.nrules;
	ret = 0;
	goto out_nl;
abort:
	/* The kernel may have dropped the transaction already; quietly. */
	ssf_nl_simple(&nl, SSF_CMD_POLICY_ABORT, "policy: abort", true, NULL);
out_nl:
	ssf_nl_close(&nl);
out:
	ssf_polfile_free(&pf);
	return ret ? 1 : 0;
}

static int ssf_policy_load(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_commit_req c = { .flags = 0 };
	struct ssfctl_out o;
	size_t nrules = 0;
	u64 gen = 0;
	int ret;

	if (ctx->opt[0]) {
		ret = ssf_arg_uint(ctx, "--confirm timeout", ctx->opt[0],
				   SSF_CONFIRM_TIMEOUT_MAX, &c.confirm);
		if (ret)
			return ret;
		if (!c.confirm)
			return ssf_usage_err(ctx, "--confirm needs at least 1 second");
	}
	ret = ssf_policy_txn(ctx, argc, argv, &c, &nrules, &gen);
	if (ret)
		return ret;
	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_print_u64(&o, SSF_PRINT_ANY, "rules", "policy loaded: %" PRIu64 " rules",
		      nrules);
	ssf_print_u64(&o, SSF_PRINT_ANY, "generation",
		      ", generation %" PRIu64 "\n", gen);
	if (c.confirm)
		ssf_print_u64(&o, SSF_PRINT_ANY, "confirm",
			      "confirm within %" PRIu64 " seconds (ssfctl policy confirm), or the previous policy comes back\n",
			      c.confirm);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
	return 0;
}

static int ssf_policy_check(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_commit_req c = { .flags = SSF_COMMIT_F_CHECK };
	struct ssfctl_out o;
	size_t nrules = 0;
	u64 gen = 0;
	int ret;

	ret = ssf_policy_txn(ctx, argc, argv, &c, &nrules, &gen);
	if (ret)
		return ret;
	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_print_bool(&o, SSF_PRINT_JSON, "ok", NULL, true);
	ssf_print_u64(&o, SSF_PRINT_ANY, "rules",
		      "policy ok: %" PRIu64 " rules (nothing changed)\n", nrules);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
	return 0;
}

static int ssf_policy_confirm(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_nl_val gen = { .attr = SSF_A_GENERATION };
	char hint[96];
	struct ssfctl_nl nl;
	int ret;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	ret = ssf_nl_simple(&nl, SSF_CMD_POLICY_CONFIRM, ctx->what, true, &gen);
	if (ret) {
		snprintf(hint, sizeof(hint), "%s: no commit is waiting for a confirm",
			 ctx->what);
		ssf_nl_perror_hint(&nl, ENOENT, hint, "%s", ctx->what);
	}
	ssf_nl_close(&nl);
	if (ret)
		return 1;
	ssf_print_result(ctx, "generation",
			 "policy confirmed, generation %" PRIu64 "\n", gen.v);
	return 0;
}

/* What policy show prints, all of one generation. */
struct ssfctl_policy {
	struct ssfctl_status st;
	struct ssfctl_checks c;
	struct ssfctl_setlist sl;
	struct ssfctl_rulelist rl;
};

/* The sets with their elements. */
static int ssf_policy_read_sets(struct ssfctl_nl *nl, struct ssfctl_setlist *sl)
{
	size_t i;

	if (ssf_sets_fetch(nl, sl))
		return -1;
	for (i = 0; i < sl->n; i++)
		if (ssf_set_fetch(nl, "policy show", sl->v[i].name, true,
				  &sl->v[i]))
			return -1;
	return 0;
}

/*
 * Defaults, checks, sets and rules of one generation: retried if a change
 * raced in. VALIDATE_GET carries no generation, nor does a set's element
 * dump; a change after the first STATUS_GET (a set change included) moves
 * the generation the second one sees.
 */
static int ssf_policy_read(struct ssfctl_nl *nl, void *obj)
{
	struct ssfctl_policy *p = obj;
	struct ssfctl_status st2;
	int try;

	for (try = 0; try < SSF_DUMP_TRIES; try++) {
		if (ssf_status_fetch(nl, &p->st) || ssf_checks_fetch(nl, &p->c) ||
		    ssf_policy_read_sets(nl, &p->sl) ||
		    ssf_rules_fetch(nl, &p->rl) || ssf_status_fetch(nl, &st2))
			return -1;
		if (st2.generation == p->st.generation)
			return 0;
	}
	ssf_err("policy show: the policy kept changing (%d tries)",
		SSF_DUMP_TRIES);
	return -1;
}

void ssf_policy_print(struct ssfctl_out *o, const struct ssfctl_status *st,
		      const struct ssfctl_checks *c,
		      const struct ssfctl_setlist *sl,
		      const struct ssfctl_rulelist *rl,
		      const struct ssfctl_namer *nm)
{
	static const char *const defaults[SSF_DIR_MAX + 1] = {
		[SSF_DIR_IN] = "default in %s\n",
		[SSF_DIR_OUT] = "default out %s\n",
		[SSF_DIR_FWD] = "default fwd %s\n",
	};

	ssf_print_obj_open(o, NULL);
	ssf_print_u64(o, SSF_PRINT_ANY, "generation",
		      "generation %" PRIu64 "\n", st->generation);
	ssf_defaults_print(o, st->defaults, defaults);
	ssf_mode_print(o, st->mode);
	ssf_checks_print(o, "validate", c, SSFCTL_CHECKS_STMTS);
	ssf_sets_print(o, "sets", sl);
	ssf_rules_print(o, "rules", rl, SSFCTL_RULES_STMTS, nm);
	ssf_print_obj_close(o);
}

static void ssf_policy_show_print(struct ssfctl_out *o, const void *obj)
{
	const struct ssfctl_policy *p = obj;

	ssf_policy_print(o, &p->st, &p->c, &p->sl, &p->rl, &ssf_sys_namer);
}

static void ssf_policy_done(void *obj)
{
	struct ssfctl_policy *p = obj;

	ssf_setlist_free(&p->sl);
	ssf_rulelist_free(&p->rl);
}

static int ssf_policy_show(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_policy), ssf_policy_read,
		ssf_policy_show_print, ssf_policy_done,
	};

	return ssf_show(ctx, argc, argv, &show);
}

static int ssf_policy_flush(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_nl nl;
	int ret;

	if (argc)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[0]);
	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	ret = ssf_nl_simple(&nl, SSF_CMD_POLICY_FLUSH, ctx->what, false, NULL);
	ssf_nl_close(&nl);
	return ret ? 1 : 0;
}

static const struct ssfctl_option ssf_load_opts[] = {
	{ "confirm", "<seconds>",
	  "revert unless \"policy confirm\" comes within <seconds>", 0 },
	{ NULL, NULL, NULL, 0 },
};

const struct ssfctl_command ssf_policy_cmds[] = {
	{ "load", ssf_policy_load, NULL, "[--confirm <seconds>] <file|->",
	  "replace the whole policy with a file's, atomically",
	  SSF_POLPARSE_FILE_HELP "\n" SSF_POLPARSE_GRAMMAR
	  "\nThe whole file is checked before anything is sent; errors name\n"
	  "the file and line. With --confirm (1-3600 seconds) the kernel puts\n"
	  "the previous policy back by itself unless \"ssfctl policy confirm\"\n"
	  "arrives in time.\n", ssf_load_opts },
	{ "check", ssf_policy_check, NULL, "<file|->",
	  "have the kernel validate a policy file as a load would; change nothing",
	  "The first rule the kernel refuses is named by file and line.\n",
	  NULL },
	{ "confirm", ssf_policy_confirm, NULL, "",
	  "keep the policy of the last \"policy load --confirm\"", NULL, NULL },
	{ "show", ssf_policy_show, NULL, "[--json]",
	  "print the policy as a file that policy load accepts",
	  "Prints the generation, the defaults, the mode unless it is enforce,\n"
	  "a validate line for each check whose action is not its default, the\n"
	  "sets (a declaration, then many elements a line; the time elements\n"
	  "have left is not printed: loaded back, they get the set's timeout\n"
	  "afresh), and the rules in order, with user, group and cgroup names\n"
	  "where they resolve. Loaded back, the generation line makes the load\n"
	  "fail if anything changed since (a set add included): show, edit,\n"
	  "load cannot silently drop a change made in between.\n",
	  NULL },
	{ "flush", ssf_policy_flush, NULL, "",
	  "remove every rule; defaults to accept, checks to their defaults",
	  NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
