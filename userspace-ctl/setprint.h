/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named sets as the kernel reports them (SSF_CMD_SET_GET) and their
 * printers: the "set list" table, "set show", and the set statements of
 * "policy show" (a declaration line, then the elements, many a line), in
 * text and JSON from the same calls. Elements print as the policy language
 * writes them (ssf_elem_parse() reads them back). No libnl here: the
 * policy parser's tests and fuzz target link this.
 */
#ifndef _SSFCTL_SETPRINT_H
#define _SSFCTL_SETPRINT_H

#include "ssf_set.h"
#include "json.h"

/* "ffff:...:ffff-ffff:...:ffff", the longest element */
#define SSF_ELEM_STRLEN		(2 * 46 + 8)
/* "365d" at most: "31536000" */
#define SSF_TIMEOUT_STRLEN	16
/* Elements on one "set <name> ..." line of policy show. */
#define SSF_SET_LINE_ELEMS	16

/* One set: its summary, and its elements when they were asked for. */
struct ssfctl_setinfo {
	char name[SSF_SET_NAME_MAX];
	u8 type;			/* enum ssf_set_type */
	u32 timeout;			/* seconds; 0: none */
	u32 count;			/* elements */
	u64 memory;			/* bytes */
	/* e.expires: seconds left (0: never), as the kernel says */
	struct ssf_elem *elems;
	size_t nelems;
	size_t cap;
};

struct ssfctl_setlist {
	struct ssfctl_setinfo *v;
	size_t n;
	size_t cap;
};

/* Append an element to @s; -ENOMEM or 0. */
int ssf_setinfo_add_elem(struct ssfctl_setinfo *s, const struct ssf_elem *e);
/* Append a copy of @s (its elements move along); -ENOMEM or 0. */
int ssf_setlist_add(struct ssfctl_setlist *sl, const struct ssfctl_setinfo *s);
void ssf_setlist_free(struct ssfctl_setlist *sl);

/*
 * @e as the policy language writes it: "10.0.0.1", "10.0.0.0/8",
 * "10.0.0.1-10.0.0.9", "80", "1024-2047". Returns @buf.
 */
char *ssf_elem_fmt(char *buf, size_t size, const struct ssf_elem *e);
/* Seconds as a timeout word: "1h", "5m", or "90" (seconds). Returns @buf. */
char *ssf_timeout_fmt(char *buf, size_t size, u32 secs);

/*
 * "set list": a table (NAME TYPE ELEMENTS TIMEOUT MEMORY), or in JSON an
 * array of {"name", "type", "elements", "timeout", "memory"} (timeout in
 * seconds, 0: none).
 */
void ssf_setlist_print(struct ssfctl_out *o, const struct ssfctl_setlist *sl);
/*
 * "set show": the summary and every element with the seconds it has left;
 * in JSON {"name", "type", "timeout", "elements": [{"element",
 * "timeout"?}, ...]}.
 */
void ssf_set_show_print(struct ssfctl_out *o, const struct ssfctl_setinfo *s);
/*
 * The sets of a policy as statements ("set <name> <type> [timeout <t>]",
 * then SSF_SET_LINE_ELEMS elements a line; remaining timeouts left out),
 * or as the JSON array @key of set show's objects.
 */
void ssf_sets_print(struct ssfctl_out *o, const char *key,
		    const struct ssfctl_setlist *sl);

#endif /* _SSFCTL_SETPRINT_H */
