/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssfctl: the command table, the helpers every subcommand uses (messages,
 * usage, the read-and-print of a show command), and the printers of
 * objects that several subcommands print.
 */
#ifndef _SSFCTL_H
#define _SSFCTL_H

#include <stdbool.h>
#include <stdio.h>

#include "ssf_rule.h"

struct ssfctl_command;

/* Options of one leaf command beyond --json and --help. */
#define SSF_MAX_OPTS	4

struct ssfctl_option {
	const char *name;		/* "confirm" for --confirm */
	const char *arg;		/* "<seconds>", or NULL: a flag */
	const char *help;
	char letter;			/* 'n' for -n as well; 0: none */
};

struct ssfctl_ctx {
	bool json;			/* --json, -j */
	const char *netns;		/* -n, --netns: a name in /run/netns */
	/* per entry of cmd->opts: its value ("" for a flag), NULL if not given */
	const char *opt[SSF_MAX_OPTS];
	const char *path;		/* "ssfctl rule add", for usage lines */
	const char *what;		/* "rule add", for messages */
	const struct ssfctl_command *cmd;	/* the leaf being run */
};

/*
 * A command: a leaf has @fn, a group has @sub (terminated by an entry with a
 * NULL name). @fn gets the positional arguments (options removed) and
 * returns the exit status: 0, 1 (failed) or 2 (usage).
 */
struct ssfctl_command {
	const char *name;
	int (*fn)(struct ssfctl_ctx *ctx, int argc, char **argv);
	const struct ssfctl_command *sub;
	const char *args;		/* usage after the command words */
	const char *help;		/* one line */
	const char *details;		/* more for --help, or NULL */
	const struct ssfctl_option *opts;	/* a leaf's own options, ending with
					 * a NULL name; or NULL
					 */
};

extern const struct ssfctl_command ssf_rule_cmds[];
extern const struct ssfctl_command ssf_policy_cmds[];
extern const struct ssfctl_command ssf_validate_cmds[];
extern const struct ssfctl_command ssf_set_cmds[];

int ssf_cmd_status(struct ssfctl_ctx *ctx, int argc, char **argv);
int ssf_cmd_stats(struct ssfctl_ctx *ctx, int argc, char **argv);
int ssf_cmd_mode(struct ssfctl_ctx *ctx, int argc, char **argv);
int ssf_cmd_monitor(struct ssfctl_ctx *ctx, int argc, char **argv);

/*
 * A number 0..@max for option or argument @what; prints a usage error and
 * returns 2 if it is not one, 0 otherwise.
 */
int ssf_arg_uint(const struct ssfctl_ctx *ctx, const char *what, const char *s,
		 u32 max, u32 *out);

/* "usage: <path> <args>", and with @full the help texts. */
void ssf_print_usage(FILE *f, const char *path, const struct ssfctl_command *c,
		     bool full);

/* "ssfctl: <message>" on stderr. */
__attribute__((format(printf, 1, 2)))
void ssf_err(const char *fmt, ...);

/* "ssfctl: <path>: <message>" and the command's usage on stderr; returns 2. */
__attribute__((format(printf, 2, 3)))
int ssf_usage_err(const struct ssfctl_ctx *ctx, const char *fmt, ...);

/*
 * What a command did, as the JSON document {"@key":@v}, in text @fmt with
 * @v (NULL: nothing).
 */
void ssf_print_result(const struct ssfctl_ctx *ctx, const char *key,
		      const char *fmt, u64 v);

struct ssfctl_out;
struct ssfctl_nl;
struct ssfctl_rulelist;
struct ssfctl_status;
struct ssfctl_namer;
struct ssfctl_setlist;
struct ssfctl_checks;

/*
 * A command that reads the kernel's objects and prints them: an object of
 * @size bytes, zeroed, that @read fills over a socket of its own and
 * @print prints; @done (may be NULL) frees what the object holds.
 */
struct ssfctl_show {
	size_t size;
	int (*read)(struct ssfctl_nl *nl, void *obj);
	void (*print)(struct ssfctl_out *o, const void *obj);
	void (*done)(void *obj);
};

/* Run @show for @ctx's command, which takes no arguments. */
int ssf_show(const struct ssfctl_ctx *ctx, int argc, char **argv,
	     const struct ssfctl_show *show);

/* How rules print. */
enum ssfctl_rules_text {
	SSFCTL_RULES_TABLE,		/* rule list: ID, PACKETS, BYTES, RULE */
	SSFCTL_RULES_STMTS,		/* policy show: "rule <words>" */
	SSFCTL_RULES_COUNTERS,		/* stats: rule, packets, bytes; in
					 * JSON too, only the counters
					 */
};

/*
 * The rules of @rl as a JSON array (the value of @key; NULL: the
 * document) of ssf_rule_print()'s objects with the counters, names from
 * @nm; in text as @how says.
 */
void ssf_rules_print(struct ssfctl_out *o, const char *key,
		     const struct ssfctl_rulelist *rl, enum ssfctl_rules_text how,
		     const struct ssfctl_namer *nm);

/*
 * "policy show": @st's generation, defaults and mode, @c's settings, @sl's
 * sets and @rl's rules as a file that "policy load" turns back into the
 * same policy, or as a JSON object (with every check and the counters).
 */
void ssf_policy_print(struct ssfctl_out *o, const struct ssfctl_status *st,
		      const struct ssfctl_checks *c,
		      const struct ssfctl_setlist *sl,
		      const struct ssfctl_rulelist *rl,
		      const struct ssfctl_namer *nm);

#endif /* _SSFCTL_H */
