/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rules and the policy statements around them as text (the policy
 * language, canonical word order) and as JSON, through json.h's print
 * calls. The text of a rule parses back (ssf_polparse_rule()) to the same
 * rule.
 */
#ifndef _SSFCTL_PRINT_H
#define _SSFCTL_PRINT_H

#include <stdio.h>

#include "ctlrule.h"
#include "json.h"

/*
 * Longest rule text, NUL included: every word with its longest value (set
 * names escaped), a cgroup path, and quoted strings whose bytes may all
 * need escaping.
 */
#define SSF_RULE_STRLEN		(2048 + 4 * 4096)
/* "addr/len" */
#define SSF_PREFIX_STRLEN	(46 + 4)
/* "p-q" */
#define SSF_PORTS_STRLEN	12

/*
 * @family's address @a with "/@plen"; when @host_short, a host prefix (/32,
 * /128) is written without it. Returns @buf.
 */
char *ssf_prefix_fmt(char *buf, size_t size, u8 family, const union ssf_addr *a,
		     u8 plen, bool host_short);
/* "p" when @min == @max, else "p-q". Returns @buf. */
char *ssf_ports_fmt(char *buf, size_t size, u16 min, u16 max);

/*
 * Names for ids, for printing: each returns @buf holding the name, or NULL
 * when it has none (the number is printed). resolve.c has ssfctl's; a NULL
 * namer or member prints numbers.
 */
struct ssfctl_namer {
	const char *(*user)(u32 uid, char *buf, size_t size);
	const char *(*group)(u32 gid, char *buf, size_t size);
	/* the cgroup's path below the cgroup2 root, "/" for the root */
	const char *(*cgroup)(u64 id, char *buf, size_t size);
};

/*
 * The words of @r (what follows "rule" in a policy file), canonical order,
 * words that match everything left out; ids as names where @nm has them.
 * snprintf() semantics: returns the length the text needs; @buf always
 * NUL-terminated when @size > 0.
 */
size_t ssf_rule_fmt_nm(char *buf, size_t size, const struct ssfctl_rule *r,
		       const struct ssfctl_namer *nm);
/* The same with numbers only. */
size_t ssf_rule_fmt(char *buf, size_t size, const struct ssfctl_rule *r);

/*
 * A value as a policy word: bare when it is one word the parser reads
 * back as itself, else double-quoted with \", \\ and \xHH (bytes text
 * does not show, json.h) escaped. With @force, always quoted. Returns
 * what the text needs, as snprintf().
 */
size_t ssf_word_fmt(char *buf, size_t size, const char *s, bool force);

/*
 * How a rule prints as text: a format per column (NULL: not in the text);
 * each takes a uint64_t but @text, which takes the rule words.
 */
struct ssfctl_rule_cols {
	const char *id;
	const char *packets;
	const char *bytes;
	const char *text;
	bool words;		/* JSON: the members and "text" as well */
};

/*
 * One rule into the JSON object being written: "id"; with @cols->words
 * "dir", "action", then "family", "proto", "icmp_type", "src", "dst",
 * "sport", "dport", "iif", "oif", "uid", "user", "gid", "group",
 * "src_set", "dst_set", "sport_set", "dport_set" (set names), "cgroup",
 * "cgroup_path", "ct_state" (an array of state names), "limit" ({"rate",
 * "unit", "burst"}), "log", "log_prefix", "audit", "comment" when set; "packets" and "bytes" from @ctr (NULL: none); with @cols->words
 * "text" (the rule words). In text, the columns of @cols. Names from @nm.
 */
void ssf_rule_print(struct ssfctl_out *o, const struct ssfctl_rule *r,
		    const u64 *ctr, const struct ssfctl_namer *nm,
		    const struct ssfctl_rule_cols *cols);
/* ssf_rule_print() with the words and no counters, into @j. */
void ssf_rule_json(struct ssfctl_json *j, const struct ssfctl_rule *r,
		   const struct ssfctl_namer *nm);

/*
 * The "defaults" object: each direction's action; in text @fmt[dir] with
 * the action (enum ssf_action) of each.
 */
void ssf_defaults_print(struct ssfctl_out *o,
			const u8 defaults[SSF_DIR_MAX + 1],
			const char *const fmt[SSF_DIR_MAX + 1]);

/*
 * "mode": @mode; in text the statement "mode <mode>", unless it is
 * enforce (what a policy file without one means).
 */
void ssf_mode_print(struct ssfctl_out *o, u8 mode);
/* ssf_mode_print() as text on @f. */
void ssf_print_mode(FILE *f, u8 mode);

#endif /* _SSFCTL_PRINT_H */
