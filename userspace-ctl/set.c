// SPDX-License-Identifier: GPL-2.0
/*
 * ssfctl set list|show|add|del|flush|load|test.
 *
 * list and show read SSF_CMD_SET_GET dumps. add, del, flush and load are
 * each one transaction: POLICY_BEGIN, SSF_CMD_SET_CHANGE messages of up to
 * SSF_SETCHG_MAX_BYTES (consecutive ones of the same set and operation
 * are one change to the kernel), POLICY_COMMIT; any failure aborts it, so
 * the set changes whole or not at all. load (SSF_SET_OP_REPLACE) streams:
 * it parses its input a line at a time and sends elements as messages
 * fill, so a million elements take neither a million-element buffer nor
 * quadratic work; a bad line aborts the transaction before the commit.
 * Elements are parsed for the set's type (read first) and checked by
 * ssf_elem_verify(), the kernel's checker. test asks SSF_CMD_SET_TEST.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ssfctl.h"
#include "netlink.h"
#include "attrs.h"
#include "array.h"
#include "names.h"
#include "polparse.h"

/*
 * A SET_CHANGE message is closed at this size: its SSF_A_SET nest stays
 * below the 64 KiB an attribute length can say.
 */
#define SSF_SETCHG_MAX_BYTES	(60u << 10)
#define SSF_SETCHG_MSG_SIZE	(64u << 10)
/* A line of "set load" input longer than this is refused. */
#define SSF_SET_LINE_MAX	1024

/* Exit codes of "set test". */
enum { SSF_TEST_MATCH, SSF_TEST_NO_MATCH, SSF_TEST_USAGE, SSF_TEST_ERROR };

/* One change of one set: its elements, sent as messages fill. */
struct ssfctl_setchg {
	struct ssfctl_nl *nl;
	const char *what;		/* "set add", for messages */
	const char *name;		/* the set */
	u8 op;				/* enum ssf_set_op */
	u32 timeout;			/* of the elements added; 0: the set's */
	const char *src;		/* the input's name; NULL: arguments */
	char **args;			/* the arguments, when !src */
	struct nl_msg *msg;		/* being filled */
	struct nlattr *set, *elems;
	unsigned int *where;		/* per element of @msg: line or arg */
	size_t n, cap;
	size_t total;			/* elements sent */
	bool sent;			/* a message went out */
};

static void ssf_setchg_perror(const struct ssfctl_setchg *c)
{
	const struct ssfctl_apath *p = &c->nl->ack.off_path;
	size_t j;

	if (c->nl->ack.has_off && p->depth >= 3 && p->e[0].type == SSF_A_SET &&
	    p->e[1].type == SSF_SET_A_ELEMS && p->e[2].index < c->n) {
		j = p->e[2].index;
		if (c->src)
			ssf_nl_perror(c->nl, "%s:%u: kernel rejected this element",
				      c->src, c->where[j]);
		else
			ssf_nl_perror(c->nl, "%s: kernel rejected element \"%s\"",
				      c->what, c->args[c->where[j]]);
		return;
	}
	ssf_nl_perror(c->nl, "%s %s", c->what, c->name);
}

/* A new SET_CHANGE message, its element nest open. */
static int ssf_setchg_open(struct ssfctl_setchg *c)
{
	c->msg = ssf_nl_msg(c->nl, SSF_CMD_SET_CHANGE, false,
			    SSF_SETCHG_MSG_SIZE);
	c->set = c->msg ? nla_nest_start(c->msg, SSF_A_SET | NLA_F_NESTED) :
			  NULL;
	if (!c->set || nla_put_string(c->msg, SSF_SET_A_NAME, c->name) < 0 ||
	    nla_put_u8(c->msg, SSF_SET_A_OP, c->op) < 0 ||
	    (c->timeout &&
	     nla_put_u32(c->msg, SSF_SET_A_TIMEOUT, c->timeout) < 0))
		goto nomem;
	c->elems = nla_nest_start(c->msg, SSF_SET_A_ELEMS | NLA_F_NESTED);
	if (!c->elems)
		goto nomem;
	c->n = 0;
	return 0;
nomem:
	ssf_err("%s: out of memory", c->what);
	return -1;
}

/* Send the message being filled. */
static int ssf_setchg_send(struct ssfctl_setchg *c)
{
	int ret;

	if (!c->msg && ssf_setchg_open(c))
		return -1;
	if (nla_nest_end(c->msg, c->elems) < 0 ||
	    nla_nest_end(c->msg, c->set) < 0) {
		ssf_err("%s: a message overflowed", c->what);
		return -1;
	}
	ret = ssf_nl_do(c->nl, c->msg, NULL);
	if (ret)
		ssf_setchg_perror(c);
	nlmsg_free(c->msg);
	c->msg = NULL;
	c->total += c->n;
	c->sent = true;
	return ret;
}

/* Add @e (from line or argument @where) to the change. */
static int ssf_setchg_add(struct ssfctl_setchg *c, const struct ssf_elem *e,
			  unsigned int where)
{
	unsigned int *v;

	if (c->msg && nlmsg_hdr(c->msg)->nlmsg_len >= SSF_SETCHG_MAX_BYTES &&
	    ssf_setchg_send(c))
		return -1;
	if (!c->msg && ssf_setchg_open(c))
		return -1;
	v = ssf_array_room(c->where, &c->cap, c->n, sizeof(*v));
	if (!v || ssf_elem_put(c->msg, e, 0) < 0) {
		ssf_err("%s: out of memory", c->what);
		return -1;
	}
	c->where = v;
	c->where[c->n++] = where;
	return 0;
}

/* What is left, or an empty change when nothing was sent (flush). */
static int ssf_setchg_finish(struct ssfctl_setchg *c)
{
	if (c->msg || !c->sent)
		return ssf_setchg_send(c);
	return 0;
}

static void ssf_setchg_free(struct ssfctl_setchg *c)
{
	nlmsg_free(c->msg);
	c->msg = NULL;
	free(c->where);
	c->where = NULL;
}

/* The set's type, and a transaction opened on @nl. */
static int ssf_set_begin(struct ssfctl_nl *nl, const struct ssfctl_ctx *ctx,
			 const char *name, u8 *type)
{
	struct ssfctl_setinfo s = { .elems = NULL };

	if (ssf_set_fetch(nl, ctx->what, name, false, &s))
		return -1;
	*type = s.type;
	free(s.elems);
	return ssf_nl_simple(nl, SSF_CMD_POLICY_BEGIN, "set: begin transaction",
			     false, NULL);
}

/* Commit the change; the new generation into *@gen. */
static int ssf_set_commit(struct ssfctl_nl *nl, const struct ssfctl_ctx *ctx,
			  u64 *gen)
{
	struct ssfctl_nl_val val = { .attr = SSF_A_GENERATION };

	if (ssf_nl_simple(nl, SSF_CMD_POLICY_COMMIT, ctx->what, true, &val)) {
		ssf_nl_perror(nl, "%s: commit", ctx->what);
		return -1;
	}
	*gen = val.v;
	return 0;
}

/* "set <name>: <n> elements <done>" (flushed when @done is NULL). */
static void ssf_set_result(const struct ssfctl_ctx *ctx, const char *name,
			   const char *done, size_t n, u64 gen)
{
	struct ssfctl_out o;

	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_print_str(&o, SSF_PRINT_ANY, "set", "set %s: ", name);
	if (done) {
		ssf_print_u64(&o, SSF_PRINT_ANY, "elements", "%" PRIu64, n);
		ssf_print_fp(&o, " %s %s", n == 1 ? "element" : "elements",
			     done);
	} else {
		ssf_print_fp(&o, "flushed");
	}
	ssf_print_u64(&o, SSF_PRINT_ANY, "generation",
		      ", generation %" PRIu64 "\n", gen);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
}

/*
 * set add|del|flush: @op with the elements in argv[1..] (a trailing
 * "timeout <t>" for add).
 */
static int ssf_set_args(struct ssfctl_ctx *ctx, int argc, char **argv, u8 op,
			const char *done)
{
	struct ssfctl_setchg c = { .op = op, .what = ctx->what };
	struct ssfctl_polerr perr;
	struct ssfctl_nl nl;
	struct ssf_elem e;
	int i, n = argc, ret = 1;
	u64 gen = 0;
	u8 type;

	if (argc < 1)
		return ssf_usage_err(ctx, "missing set name");
	if (op == SSF_SET_OP_FLUSH && argc > 1)
		return ssf_usage_err(ctx, "unexpected argument \"%s\"", argv[1]);
	if (op != SSF_SET_OP_FLUSH && argc < 2)
		return ssf_usage_err(ctx, "missing elements");
	if (op == SSF_SET_OP_ADD && argc >= 3 &&
	    !strcmp(argv[argc - 2], "timeout")) {
		if (!ssf_timeout_parse(argv[argc - 1], strlen(argv[argc - 1]),
				       &c.timeout))
			return ssf_usage_err(ctx, "bad timeout \"%s\" (<n>[s|m|h], 1 second to 365 days)",
					     argv[argc - 1]);
		n = argc - 2;
		if (n < 2)
			return ssf_usage_err(ctx, "missing elements");
	}
	c.name = argv[0];
	c.args = argv;
	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	c.nl = &nl;
	if (ssf_set_begin(&nl, ctx, c.name, &type))
		goto out;
	for (i = 1; i < n; i++) {
		if (ssf_elem_parse(type, argv[i], strlen(argv[i]), &e, &perr)) {
			ssf_err("%s: %s", ctx->what, perr.msg);
			goto abort;
		}
		if (ssf_setchg_add(&c, &e, (unsigned int)i))
			goto abort;
	}
	if (ssf_setchg_finish(&c) || ssf_set_commit(&nl, ctx, &gen))
		goto abort;
	ssf_set_result(ctx, c.name, done, c.total, gen);
	ret = 0;
	goto out;
abort:
	ssf_nl_simple(&nl, SSF_CMD_POLICY_ABORT, "set: abort", true, NULL);
out:
	ssf_setchg_free(&c);
	ssf_nl_close(&nl);
	return ret;
}

static int ssf_set_add(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	return ssf_set_args(ctx, argc, argv, SSF_SET_OP_ADD, "added");
}

static int ssf_set_del(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	return ssf_set_args(ctx, argc, argv, SSF_SET_OP_DEL, "deleted");
}

static int ssf_set_flush(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	return ssf_set_args(ctx, argc, argv, SSF_SET_OP_FLUSH, NULL);
}

/*
 * One line of "set load" input: its element into @e; 1 for a blank or
 * comment line; -1 with the message in @err.
 */
static int ssf_set_line(u8 type, char *line, size_t len, struct ssf_elem *e,
			struct ssfctl_polerr *err)
{
	char *hash = memchr(line, '#', len);
	size_t i = 0, end;

	if (hash)
		len = (size_t)(hash - line);
	while (i < len && strchr(" \t\r\n", line[i]))
		i++;
	end = i;
	while (end < len && !strchr(" \t\r\n", line[end]))
		end++;
	if (i == end)
		return 1;
	while (len > end && strchr(" \t\r\n", line[len - 1]))
		len--;
	if (len != end) {
		snprintf(err->msg, sizeof(err->msg), "one element a line");
		return -1;
	}
	return ssf_elem_parse(type, line + i, end - i, e, err) ? -1 : 0;
}

static int ssf_set_load(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_setchg c = { .op = SSF_SET_OP_REPLACE, .what = ctx->what };
	char *line = NULL;
	struct ssfctl_polerr perr;
	struct ssfctl_nl nl;
	struct ssf_elem e;
	unsigned int lineno = 0;
	size_t cap = 0;
	ssize_t len;
	FILE *f;
	int ret = 1, r;
	u64 gen = 0;
	u8 type;

	if (argc != 2)
		return ssf_usage_err(ctx, "expected a set name and a file (- for stdin)");
	c.name = argv[0];
	c.src = strcmp(argv[1], "-") ? argv[1] : "<stdin>";
	f = strcmp(argv[1], "-") ? fopen(argv[1], "r") : stdin;
	if (!f) {
		ssf_err("%s: read %s: %s", ctx->what, argv[1], strerror(errno));
		return 1;
	}
	if (ssf_nl_open(&nl, ctx->netns))
		goto out_file;
	c.nl = &nl;
	if (ssf_set_begin(&nl, ctx, c.name, &type))
		goto out;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > SSF_SET_LINE_MAX) {
			ssf_err("%s:%u: line longer than %d bytes", c.src,
				lineno, SSF_SET_LINE_MAX);
			goto abort;
		}
		r = ssf_set_line(type, line, (size_t)len, &e, &perr);
		if (r < 0) {
			ssf_err("%s:%u: %s", c.src, lineno, perr.msg);
			goto abort;
		}
		if (!r && ssf_setchg_add(&c, &e, lineno))
			goto abort;
	}
	if (ferror(f)) {
		ssf_err("%s: read %s: %s", ctx->what, c.src, strerror(errno));
		goto abort;
	}
	if (ssf_setchg_finish(&c) || ssf_set_commit(&nl, ctx, &gen))
		goto abort;
	ssf_set_result(ctx, c.name, "loaded", c.total, gen);
	ret = 0;
	goto out;
abort:
	ssf_nl_simple(&nl, SSF_CMD_POLICY_ABORT, "set: abort", true, NULL);
out:
	ssf_setchg_free(&c);
	ssf_nl_close(&nl);
out_file:
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}

static const char *ssf_set_match_reply(struct nlattr **tb, void *arg)
{
	if (!tb[SSF_A_SET_MATCH])
		return "the reply lacks what the request is for";
	*(bool *)arg = nla_get_u8(tb[SSF_A_SET_MATCH]);
	return NULL;
}

static int ssf_set_test(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_setinfo s = { .elems = NULL };
	struct nlattr *set, *elems;
	struct ssfctl_polerr perr;
	struct nl_msg *msg = NULL;
	struct ssfctl_out o;
	struct ssfctl_nl nl;
	struct ssf_elem e;
	bool match = false;
	int ret = SSF_TEST_ERROR;

	if (argc != 2)
		return ssf_usage_err(ctx, "expected a set name and an address or port");
	if (ssf_nl_open(&nl, ctx->netns))
		return SSF_TEST_ERROR;
	if (ssf_set_fetch(&nl, ctx->what, argv[0], false, &s))
		goto out;
	if (ssf_elem_parse(s.type, argv[1], strlen(argv[1]), &e, &perr) ||
	    (e.kind != SSF_ELEM_ADDR && e.kind != SSF_ELEM_PORT)) {
		ret = ssf_usage_err(ctx, "\"%s\" is not one %s", argv[1],
				    s.type == SSF_SET_PORT ? "port" : "address");
		goto out;
	}
	msg = ssf_nl_msg(&nl, SSF_CMD_SET_TEST, false, 0);
	set = msg ? nla_nest_start(msg, SSF_A_SET | NLA_F_NESTED) : NULL;
	if (!set || nla_put_string(msg, SSF_SET_A_NAME, argv[0]) < 0 ||
	    !(elems = nla_nest_start(msg, SSF_SET_A_ELEMS | NLA_F_NESTED)) ||
	    ssf_elem_put(msg, &e, 0) < 0 || nla_nest_end(msg, elems) < 0 ||
	    nla_nest_end(msg, set) < 0) {
		ssf_err("%s: out of memory", ctx->what);
		goto out;
	}
	if (ssf_nl_call(&nl, msg, ssf_set_match_reply, &match, NULL) ||
	    !nl.replies) {
		if (!nl.replies && !nl.ack.error && !nl.why)
			nl.why = "the kernel sent no reply";
		ssf_nl_perror(&nl, "%s %s", ctx->what, argv[0]);
		goto out;
	}
	ssf_out_init(&o, stdout, ctx->json);
	ssf_print_obj_open(&o, NULL);
	ssf_print_bool(&o, SSF_PRINT_JSON, "match", NULL, match);
	ssf_print_str(&o, SSF_PRINT_FP, NULL, "%s", argv[1]);
	ssf_print_str(&o, SSF_PRINT_FP, NULL,
		      match ? " is in %s\n" : " is not in %s\n", argv[0]);
	ssf_print_obj_close(&o);
	ssf_out_end(&o);
	ret = match ? SSF_TEST_MATCH : SSF_TEST_NO_MATCH;
out:
	nlmsg_free(msg);
	free(s.elems);
	ssf_nl_close(&nl);
	return ret;
}

static int ssf_set_list_read(struct ssfctl_nl *nl, void *obj)
{
	return ssf_sets_fetch(nl, obj);
}

static void ssf_set_list_print(struct ssfctl_out *o, const void *obj)
{
	ssf_setlist_print(o, obj);
}

static void ssf_set_list_done(void *obj)
{
	ssf_setlist_free(obj);
}

static int ssf_set_list(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	static const struct ssfctl_show show = {
		sizeof(struct ssfctl_setlist), ssf_set_list_read,
		ssf_set_list_print, ssf_set_list_done,
	};

	return ssf_show(ctx, argc, argv, &show);
}

static int ssf_set_show(struct ssfctl_ctx *ctx, int argc, char **argv)
{
	struct ssfctl_setinfo s = { .elems = NULL };
	struct ssfctl_out o;
	struct ssfctl_nl nl;
	int ret = 1;

	if (argc != 1)
		return ssf_usage_err(ctx, "expected one set name");
	if (ssf_nl_open(&nl, ctx->netns))
		return 1;
	if (!ssf_set_fetch(&nl, ctx->what, argv[0], true, &s)) {
		ssf_out_init(&o, stdout, ctx->json);
		ssf_set_show_print(&o, &s);
		ssf_out_end(&o);
		ret = 0;
	}
	free(s.elems);
	ssf_nl_close(&nl);
	return ret;
}

#define SSF_ELEM_HELP							\
	"Elements: of an addr set, IPv4 and IPv6 addresses, prefixes a/n\n" \
	"and ranges a-b; of a port set, ports and ranges p-q.\n"

const struct ssfctl_command ssf_set_cmds[] = {
	{ "list", ssf_set_list, NULL, "[--json]",
	  "list the sets: name, type, element count, timeout, bytes used",
	  "Sets are declared in the policy (set <name> addr|port ...; see\n"
	  "\"ssfctl policy load --help\"). JSON: [{\"name\", \"type\",\n"
	  "\"elements\", \"timeout\" (seconds, 0: none), \"memory\"}].\n",
	  NULL },
	{ "show", ssf_set_show, NULL, "<name> [--json]",
	  "print a set's elements, with the time each has left",
	  NULL, NULL },
	{ "add", ssf_set_add, NULL, "<name> <element>... [timeout <n>[s|m|h]]",
	  "add elements to a set, atomically",
	  SSF_ELEM_HELP
	  "An element already there stays (its timeout starts again). With\n"
	  "timeout (seconds without a unit) the elements expire after it;\n"
	  "without, after the set's timeout, if it has one.\n", NULL },
	{ "del", ssf_set_del, NULL, "<name> <element>...",
	  "delete elements from a set, atomically",
	  SSF_ELEM_HELP
	  "An element is deleted as it was added (10.0.0.0/8, not a part of\n"
	  "it); deleting one that is not there does nothing.\n", NULL },
	{ "flush", ssf_set_flush, NULL, "<name>",
	  "delete every element of a set", NULL, NULL },
	{ "load", ssf_set_load, NULL, "<name> <file|->",
	  "replace every element of a set with a file's, atomically",
	  SSF_ELEM_HELP
	  "One element a line; '#' starts a comment. Read and sent as it\n"
	  "goes; a bad line is reported with its line number and nothing\n"
	  "changes.\n", NULL },
	{ "test", ssf_set_test, NULL, "<name> <address|port>",
	  "is an address or port in a set, as a packet's would be?",
	  "An address inside a prefix or range of the set is in it.\n"
	  "Exit status: 0 in the set, 1 not in it, 2 usage error, 3 other\n"
	  "error (no such set, no kernel module, ...).\n", NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL },
};
