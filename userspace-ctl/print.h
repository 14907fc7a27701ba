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

/* Longest rule text, NUL included, with room for the words to come. */
#define SSF_RULE_STRLEN		512
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
 * The words of @r (what follows "rule" in a policy file), canonical order,
 * words that match everything left out. snprintf() semantics: returns the
 * length the text needs; @buf always NUL-terminated when @size > 0.
 */
size_t ssf_rule_fmt(char *buf, size_t size, const struct ssf_rule *r);

/* Policy statements: "default <dir> <action>" for each direction, "rule ...". */
void ssf_print_defaults(FILE *f, const u8 defaults[SSF_DIR_MAX + 1]);
void ssf_print_rule_stmt(FILE *f, const struct ssf_rule *r);

/*
 * The members of @r into the JSON object being written: "id", "dir",
 * "action", then "family", "proto", "src", "dst", "sport", "dport" when they
 * restrict the match, and "text" (the rule words).
 */
void ssf_rule_json(struct ssf_json *j, const struct ssf_rule *r);

#endif /* _SSFCTL_PRINT_H */
