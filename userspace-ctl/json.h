/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ssfctl's output: a small streaming JSON writer, and over it the print
 * calls every command prints with. One call per field writes it as JSON
 * (a key and a value) or as human text (a printf format with the value),
 * whichever the output is, so the two forms of an object come from the
 * same code and cannot drift apart; the way iproute2's print_string(),
 * print_uint(), ... (include/json_print.h) do it.
 *
 * Text never carries a byte a terminal would act on: control bytes (below
 * 0x20, 0x7f), C1 controls and bytes that are not UTF-8 are written as
 * \xHH, so a string from the kernel (an interface name, a comment, a
 * cgroup path) cannot put escape sequences on the screen. JSON escapes
 * them its own way (\u00XX, U+FFFD for what is not UTF-8).
 */
#ifndef _SSFCTL_JSON_H
#define _SSFCTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SSF_JSON_MAX_DEPTH	16

struct ssfctl_json {
	FILE *f;
	unsigned int depth;
	bool first[SSF_JSON_MAX_DEPTH + 1];	/* nothing written yet at depth */
	bool after_key;				/* a key was written, value next */
};

void ssf_json_init(struct ssfctl_json *j, FILE *f);
/* Ends the document with a newline. */
void ssf_json_end(struct ssfctl_json *j);

void ssf_json_obj_open(struct ssfctl_json *j);
void ssf_json_obj_close(struct ssfctl_json *j);
void ssf_json_arr_open(struct ssfctl_json *j);
void ssf_json_arr_close(struct ssfctl_json *j);

void ssf_json_key(struct ssfctl_json *j, const char *key);
void ssf_json_str(struct ssfctl_json *j, const char *s);
void ssf_json_strn(struct ssfctl_json *j, const char *s, size_t len);
void ssf_json_u64(struct ssfctl_json *j, uint64_t v);
void ssf_json_bool(struct ssfctl_json *j, bool v);
void ssf_json_null(struct ssfctl_json *j);

/*
 * How many bytes at @s (@len of them) text may show as they are: a
 * printable ASCII byte or a whole UTF-8 sequence that is not a C1
 * control; 0 when the byte at @s must be escaped.
 */
size_t ssf_text_span(const char *s, size_t len);

/*
 * Text built in a buffer with snprintf() semantics: @len is the length the
 * text needs, which may exceed @size; @buf is NUL-terminated if @size.
 */
struct ssfctl_sb {
	char *buf;
	size_t size;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
void ssf_sb_add(struct ssfctl_sb *b, const char *fmt, ...);
/*
 * @s as text: what ssf_text_span() refuses as \xHH; with @quoted, also
 * '"' and '\\' escaped with a backslash (the inside of a quoted policy
 * word, which the parser reads back to @s).
 */
void ssf_sb_esc(struct ssfctl_sb *b, const char *s, bool quoted);

/* Which form a print call writes in: text, JSON, or either. */
enum ssf_print_mode {
	SSF_PRINT_FP = 1,
	SSF_PRINT_JSON = 2,
	SSF_PRINT_ANY = SSF_PRINT_FP | SSF_PRINT_JSON,
};

struct ssfctl_out {
	FILE *f;
	struct ssfctl_json *j;		/* NULL: the output is text */
	struct ssfctl_json jw;		/* j's storage, from ssf_out_init() */
};

/* Output on @f, as JSON if @json. */
void ssf_out_init(struct ssfctl_out *o, FILE *f, bool json);
/* JSON output into the writer @j, where it stands. */
void ssf_out_json(struct ssfctl_out *o, struct ssfctl_json *j);
static inline bool ssf_out_is_json(const struct ssfctl_out *o)
{
	return o->j != NULL;
}
/* End a JSON document (a newline); nothing for text. */
void ssf_out_end(struct ssfctl_out *o);
/*
 * Text of our own (headings, words around fields) in text; nothing in
 * JSON. Nothing is escaped: a string from elsewhere is a field.
 */
__attribute__((format(printf, 2, 3)))
void ssf_print_fp(struct ssfctl_out *o, const char *fmt, ...);

/*
 * JSON objects and arrays, as the value of @key (NULL: in an array, or the
 * document); nothing in text.
 */
void ssf_print_obj_open(struct ssfctl_out *o, const char *key);
void ssf_print_obj_close(struct ssfctl_out *o);
void ssf_print_arr_open(struct ssfctl_out *o, const char *key);
void ssf_print_arr_close(struct ssfctl_out *o);

/*
 * One field: in JSON (if @mode has SSF_PRINT_JSON) "@key": value, or the
 * value alone when @key is NULL; in text (if @mode has SSF_PRINT_FP)
 * @fmt with the value, nothing when @fmt is NULL. @fmt takes a string
 * (%s) for ssf_print_str(), ssf_print_bool() (yes or no) and
 * ssf_print_name(), a uint64_t (PRIu64) for ssf_print_u64().
 */
void ssf_print_str(struct ssfctl_out *o, enum ssf_print_mode mode,
		   const char *key, const char *fmt, const char *s);
void ssf_print_u64(struct ssfctl_out *o, enum ssf_print_mode mode,
		   const char *key, const char *fmt, uint64_t v);
void ssf_print_bool(struct ssfctl_out *o, enum ssf_print_mode mode,
		    const char *key, const char *fmt, bool v);
/*
 * A value with a name: @name if it has one, else the number @v in JSON
 * and @alt in text (the number when @alt is NULL).
 */
void ssf_print_name(struct ssfctl_out *o, enum ssf_print_mode mode,
		    const char *key, const char *fmt, const char *name,
		    uint64_t v, const char *alt);

#endif /* _SSFCTL_JSON_H */
