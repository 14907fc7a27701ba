/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssfctl: the command table, shared helpers and the fetch functions that
 * several subcommands use.
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
};

struct ssfctl_ctx {
	bool json;			/* --json */
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

/* Shared fetches; each prints its own error and returns -1 on failure. */
struct ssfctl_nl;
struct ssfctl_status;
struct ssfctl_rulelist;
struct ssf_checks;

int ssf_status_get(struct ssfctl_nl *nl, struct ssfctl_status *st);
/* VALIDATE_GET: every check's action and counter, and the limits. */
int ssf_checks_fetch(struct ssfctl_nl *nl, struct ssf_checks *c);
/* A rule dump, retried while the kernel flags it inconsistent. */
int ssf_rules_dump(struct ssfctl_nl *nl, struct ssfctl_rulelist *rl);

struct ssf_json;
/* The rules as a JSON array of objects (rule list, policy show). */
void ssf_rules_json(struct ssf_json *j, const struct ssfctl_rulelist *rl);

/* How often a dump that raced with a policy change is retried. */
#define SSF_DUMP_TRIES	5

#endif /* _SSFCTL_H */
