/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rules as text (the policy language, canonical word order) and as JSON.
 * The text of a rule parses back (ssf_polparse_rule()) to the same rule.
 */
#ifndef _SSFCTL_PRINT_H
#define _SSFCTL_PRINT_H

#include <stdio.h>

#include "ssf_rule.h"
#include "json.h"

/*
 * Longest rule text, NUL included: every word with its longest value, a
 * cgroup path, and quoted strings whose bytes may all need escaping.
 */
#define SSF_RULE_STRLEN		(1024 + 4096)
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
size_t ssf_rule_fmt_nm(char *buf, size_t size, const struct ssf_rule *r,
		       const struct ssfctl_namer *nm);
/* The same with numbers only. */
size_t ssf_rule_fmt(char *buf, size_t size, const struct ssf_rule *r);

/*
 * A value as a policy word: bare when it is one word the parser reads
 * back as itself, else double-quoted with \" and \\ escaped (a newline,
 * which no policy word can hold, becomes a space). With @force, always
 * quoted. Returns what the text needs, as snprintf().
 */
size_t ssf_word_fmt(char *buf, size_t size, const char *s, bool force);

/* Policy statements: "default <dir> <action>" for each direction, "rule ...". */
void ssf_print_defaults(FILE *f, const u8 defaults[SSF_DIR_MAX + 1]);
/* "mode <mode>" unless it is enforce (what a file without one means). */
void ssf_print_mode(FILE *f, u8 mode);
void ssf_print_rule_stmt(FILE *f, const struct ssf_rule *r,
			 const struct ssfctl_namer *nm);

/*
 * The members of @r into the JSON object being written: "id", "dir",
 * "action", then "family", "proto", "icmp_type", "src", "dst", "sport",
 * "dport", "iif", "oif", "uid", "user", "gid", "group", "cgroup",
 * "cgroup_path", "log", "log_prefix", "audit", "comment" when set, and
 * "text" (the rule words, names from @nm).
 */
void ssf_rule_json(struct ssf_json *j, const struct ssf_rule *r,
		   const struct ssfctl_namer *nm);

#endif /* _SSFCTL_PRINT_H */
