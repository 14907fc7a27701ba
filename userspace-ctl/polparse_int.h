/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the policy parser (polparse*.c only; users include polparse.h):
 * words and their messages (polparse_tok.c), the rule words
 * (polparse_words.c), a rule from words (polparse_rule.c), the file
 * statements (polparse_stmt.c) and the set statements and elements
 * (polparse_set.c).
 */
#ifndef _SSFCTL_POLPARSE_INT_H
#define _SSFCTL_POLPARSE_INT_H

#include "polparse.h"

/*
 * A word: its value (quotes removed, escapes resolved) and, for messages,
 * the text as written. A quoted word is always a value, never a keyword.
 */
struct ssfctl_tok {
	const char *s;
	size_t len;
	const char *raw;
	size_t rawlen;
	bool quoted;
};

/* polparse_tok.c */

/* Write the message into @err; returns -EINVAL. */
__attribute__((format(printf, 2, 3)))
int ssf_fail(struct ssfctl_polerr *err, const char *fmt, ...);

/* Bytes quoted for a message: escaped, and cut if long. */
struct ssfctl_qword {
	char s[72];
};

const char *ssf_qbytes(struct ssfctl_qword *q, const char *s, size_t len);
/* A word's value, quoted for a message. */
const char *ssf_q(struct ssfctl_qword *q, const struct ssfctl_tok *t);
/* A word as written (quotes included), quoted for a message. */
const char *ssf_qraw(struct ssfctl_qword *q, const struct ssfctl_tok *t);

/*
 * Cut @len bytes at @s into at most @max words; '#' outside quotes ends
 * the line. A double-quoted word may hold spaces and '#'; inside it \"
 * and \\ stand for " and \, \xHH for the byte HH (hex). Unescaped
 * values are written to @scratch (room for @len bytes). Returns the
 * number of words, or -1 with @err set.
 */
int ssf_pol_words(const char *s, size_t len, struct ssfctl_tok *w, size_t max,
		  char *scratch, struct ssfctl_polerr *err);

/* An unquoted word that is @s: keywords never match quoted words. */
bool ssf_tok_is(const struct ssfctl_tok *t, const char *s);
/* Decimal digits only (no sign, no spaces), value <= @max. */
bool ssf_pol_u64(const char *s, size_t len, u64 max, u64 *out);
bool ssf_pol_uint(const char *s, size_t len, u32 max, u32 *out);
/*
 * "n" or "n-m" of unsigned numbers <= @max into *@lo, *@hi. False if the
 * text is not of that form or a number is too large.
 */
bool ssf_tok_range(const struct ssfctl_tok *t, u32 max, u32 *lo, u32 *hi);
/* Digits and dashes only: meant as a number or a range, not a name. */
bool ssf_tok_numeric(const struct ssfctl_tok *t);
/* The word as a C string in @buf, or false if it cannot be one. */
bool ssf_tok_cstr(const struct ssfctl_tok *t, char *buf, size_t size);

/* polparse_words.c: the rule words */

/* What a rule word fills; a slot can be filled once. */
enum ssfctl_slot {
	SSF_SLOT_DIR,
	SSF_SLOT_ACTION,
	SSF_SLOT_FAMILY,
	SSF_SLOT_PROTO,
	SSF_SLOT_SRC,
	SSF_SLOT_DST,
	SSF_SLOT_SPORT,
	SSF_SLOT_DPORT,
	SSF_SLOT_IIF,
	SSF_SLOT_OIF,
	SSF_SLOT_UID,
	SSF_SLOT_GID,
	SSF_SLOT_CGROUP,
	SSF_SLOT_ICMP,
	SSF_SLOT_CT,
	SSF_SLOT_LIMIT,
	SSF_SLOT_BURST,
	SSF_SLOT_LOG,
	SSF_SLOT_AUDIT,
	SSF_SLOT_COMMENT,

	__SSF_SLOT_N
};

/* One rule being parsed. */
struct ssfctl_rctx {
	struct ssf_rule r;
	struct ssf_rule_text t;
	char set[SSF_RSET_NUM][SSF_SET_NAME_MAX];	/* set words' names */
	struct ssfctl_polerr *err;
	const struct ssfctl_resolver *res;
	/* the file's sets so far (a set word names one); NULL: the kernel's */
	const struct ssfctl_polfile *pf;
	const struct ssfctl_tok *word[__SSF_SLOT_N];	/* the word per slot */
	const struct ssfctl_tok *value[__SSF_SLOT_N];	/* and its value */
	u8 family;		/* from "family"; SSF_FAMILY_ANY if not given */
	u8 src_family;		/* from the src address, if any */
	u8 dst_family;
	u8 icmp_family;		/* from icmp-type (ipv4), icmp6-type (ipv6) */
};

enum ssfctl_arg {
	SSF_ARG_NONE,
	SSF_ARG_ONE,		/* takes the next word */
	SSF_ARG_OPT,		/* takes the next word if it is quoted or is
				 * not a rule word ("log")
				 */
	SSF_ARG_TWO,		/* takes the next two words ("ct state X");
				 * the setter gets the first, the second
				 * right after it
				 */
};

struct ssfctl_rule_word {
	const char *word;
	u8 slot;		/* enum ssfctl_slot */
	u8 val;			/* for the setter: a value, or which end */
	u8 takes;		/* enum ssfctl_arg */
	const char *arg;	/* what the value is, for messages */
	int (*set)(struct ssfctl_rctx *c, const struct ssfctl_rule_word *w,
		   const struct ssfctl_tok *arg);
};

/* The rule word @t is, or NULL. */
const struct ssfctl_rule_word *ssf_pol_word_find(const struct ssfctl_tok *t);

/* polparse_rule.c */

/*
 * The @n words of one rule (no "rule" in front) into @r; 0 or -EINVAL. Set
 * words must name a set of @pf of their type, unless @pf is NULL.
 */
int ssf_pol_rule(const struct ssfctl_tok *w, size_t n,
		 const struct ssfctl_resolver *res,
		 const struct ssfctl_polfile *pf, struct ssfctl_rule *r,
		 struct ssfctl_polerr *err);

/* polparse_stmt.c: the statements of a file */

struct ssfctl_pstate {
	struct ssfctl_polfile *pf;
	struct ssfctl_polerr *err;
	const struct ssfctl_resolver *res;
	unsigned int line;
};

/* The statement of line @st->line, @n words, into @st->pf; 0 or -errno. */
int ssf_pol_stmt(struct ssfctl_pstate *st, const struct ssfctl_tok *w, size_t n);

/* polparse_set.c: the set and generation statements */
int ssf_stmt_set(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
		 size_t n);
int ssf_stmt_generation(struct ssfctl_pstate *st, const struct ssfctl_tok *w,
			size_t n);
void ssf_polsets_free(struct ssfctl_polfile *pf);

#endif /* _SSFCTL_POLPARSE_INT_H */
