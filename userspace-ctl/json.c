// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer and the print calls (json.h). JSON strings are escaped
 * per RFC 8259: '"', '\\' and control characters are escaped, valid UTF-8
 * passes through, and each byte of an invalid UTF-8 sequence becomes
 * U+FFFD, so the output is always valid JSON whatever bytes a string holds.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void ssf_json_init(struct ssfctl_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

void ssf_json_end(struct ssfctl_json *j)
{
	fputc('\n', j->f);
}

/* Before any value or key: the comma that separates it from the previous. */
static void ssf_json_sep(struct ssfctl_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
}

static void ssf_json_open(struct ssfctl_json *j, char c)
{
	ssf_json_sep(j);
	fputc(c, j->f);
	/* Deeper than the bound only loses comma tracking, never memory. */
	if (j->depth < SSF_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void ssf_json_close(struct ssfctl_json *j, char c)
{
	fputc(c, j->f);
	if (j->depth)
		j->depth--;
}

void ssf_json_obj_open(struct ssfctl_json *j)
{
	ssf_json_open(j, '{');
}

void ssf_json_obj_close(struct ssfctl_json *j)
{
	ssf_json_close(j, '}');
}

void ssf_json_arr_open(struct ssfctl_json *j)
{
	ssf_json_open(j, '[');
}

void ssf_json_arr_close(struct ssfctl_json *j)
{
	ssf_json_close(j, ']');
}

/*
 * Length of the valid UTF-8 sequence at @s (at most @len bytes), 0 if
 * none; its code point into *@cpp.
 */
static size_t ssf_utf8_len(const unsigned char *s, size_t len, uint32_t *cpp)
{
	uint32_t cp;
	size_t n, i;

	*cpp = s[0];
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*cpp = cp;
	return n;
}

/* The two-character escape of @c, or NULL. */
static const char *ssf_json_esc(unsigned char c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		return NULL;
	}
}

static void ssf_json_write_str(FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	const char *esc;
	size_t i = 0, n;
	uint32_t cp;

	fputc('"', f);
	while (i < len) {
		esc = ssf_json_esc(s[i]);
		if (esc) {
			fputs(esc, f);
			i++;
		} else if (s[i] < 0x20 || s[i] == 0x7f) {
			fprintf(f, "\\u%04x", s[i]);
			i++;
		} else {
			n = ssf_utf8_len(s + i, len - i, &cp);
			if (n) {
				fwrite(s + i, 1, n, f);
				i += n;
			} else {
				fputs("\\ufffd", f);
				i++;
			}
		}
	}
	fputc('"', f);
}

void ssf_json_key(struct ssfctl_json *j, const char *key)
{
	ssf_json_sep(j);
	ssf_json_write_str(j->f, key, strlen(key));
	fputc(':', j->f);
	j->after_key = true;
}

void ssf_json_strn(struct ssfctl_json *j, const char *s, size_t len)
{
	ssf_json_sep(j);
	ssf_json_write_str(j->f, s, len);
}

void ssf_json_str(struct ssfctl_json *j, const char *s)
{
	ssf_json_strn(j, s, strlen(s));
}

void ssf_json_u64(struct ssfctl_json *j, uint64_t v)
{
	ssf_json_sep(j);
	fprintf(j->f, "%" PRIu64, v);
}

void ssf_json_bool(struct ssfctl_json *j, bool v)
{
	ssf_json_sep(j);
	fputs(v ? "true" : "false", j->f);
}

void ssf_json_null(struct ssfctl_json *j)
{
	ssf_json_sep(j);
	fputs("null", j->f);
}

size_t ssf_text_span(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	size_t n;

	if (s[0] < 0x20 || s[0] == 0x7f)
		return 0;
	n = ssf_utf8_len(s, len, &cp);
	return cp >= 0x80 && cp < 0xa0 ? 0 : n;
}

void ssf_sb_add(struct ssfctl_sb *b, const char *fmt, ...)
{
	size_t room = b->len < b->size ? b->size - b->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n;
}

void ssf_sb_esc(struct ssfctl_sb *b, const char *s, bool quoted)
{
	size_t i = 0, len = strlen(s), n;

	while (i < len) {
		if (quoted && (s[i] == '"' || s[i] == '\\')) {
			ssf_sb_add(b, "\\%c", s[i++]);
			continue;
		}
		n = ssf_text_span(s + i, len - i);
		if (!n) {
			ssf_sb_add(b, "\\x%02x", (unsigned char)s[i++]);
			continue;
		}
		ssf_sb_add(b, "%.*s", (int)n, s + i);
		i += n;
	}
}

void ssf_out_init(struct ssfctl_out *o, FILE *f, bool json)
{
	o->f = f;
	o->j = NULL;
	if (json) {
		ssf_json_init(&o->jw, f);
		o->j = &o->jw;
	}
}

void ssf_out_json(struct ssfctl_out *o, struct ssfctl_json *j)
{
	o->f = j->f;
	o->j = j;
}

void ssf_out_end(struct ssfctl_out *o)
{
	if (o->j)
		ssf_json_end(o->j);
}

static bool ssf_out_key(struct ssfctl_out *o, enum ssf_print_mode mode,
			const char *key)
{
	if (!o->j || !(mode & SSF_PRINT_JSON))
		return false;
	if (key)
		ssf_json_key(o->j, key);
	return true;
}

static bool ssf_out_text(const struct ssfctl_out *o, enum ssf_print_mode mode,
			 const char *fmt)
{
	return !o->j && (mode & SSF_PRINT_FP) && fmt;
}

void ssf_print_fp(struct ssfctl_out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->j)
		return;
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
}

void ssf_print_obj_open(struct ssfctl_out *o, const char *key)
{
	if (ssf_out_key(o, SSF_PRINT_JSON, key))
		ssf_json_obj_open(o->j);
}

void ssf_print_obj_close(struct ssfctl_out *o)
{
	if (o->j)
		ssf_json_obj_close(o->j);
}

void ssf_print_arr_open(struct ssfctl_out *o, const char *key)
{
	if (ssf_out_key(o, SSF_PRINT_JSON, key))
		ssf_json_arr_open(o->j);
}

void ssf_print_arr_close(struct ssfctl_out *o)
{
	if (o->j)
		ssf_json_arr_close(o->j);
}

/* @fmt with @s escaped for a terminal. */
static void ssf_text_print(FILE *f, const char *fmt, const char *s)
{
	struct ssfctl_sb b = { .buf = NULL };

	ssf_sb_esc(&b, s, false);
	if (b.len == strlen(s)) {
		fprintf(f, fmt, s);
		return;
	}
	b.size = b.len + 1;
	b.len = 0;
	b.buf = malloc(b.size);
	if (b.buf)
		ssf_sb_esc(&b, s, false);
	fprintf(f, fmt, b.buf ? b.buf : "?");
	free(b.buf);
}

void ssf_print_str(struct ssfctl_out *o, enum ssf_print_mode mode,
		   const char *key, const char *fmt, const char *s)
{
	if (ssf_out_key(o, mode, key))
		ssf_json_str(o->j, s);
	else if (ssf_out_text(o, mode, fmt))
		ssf_text_print(o->f, fmt, s);
}

void ssf_print_u64(struct ssfctl_out *o, enum ssf_print_mode mode,
		   const char *key, const char *fmt, uint64_t v)
{
	if (ssf_out_key(o, mode, key))
		ssf_json_u64(o->j, v);
	else if (ssf_out_text(o, mode, fmt))
		fprintf(o->f, fmt, v);
}

void ssf_print_bool(struct ssfctl_out *o, enum ssf_print_mode mode,
		    const char *key, const char *fmt, bool v)
{
	if (ssf_out_key(o, mode, key))
		ssf_json_bool(o->j, v);
	else if (ssf_out_text(o, mode, fmt))
		fprintf(o->f, fmt, v ? "yes" : "no");
}

void ssf_print_name(struct ssfctl_out *o, enum ssf_print_mode mode,
		    const char *key, const char *fmt, const char *name,
		    uint64_t v, const char *alt)
{
	char num[24];

	if (ssf_out_key(o, mode, key)) {
		if (name)
			ssf_json_str(o->j, name);
		else
			ssf_json_u64(o->j, v);
	} else if (ssf_out_text(o, mode, fmt)) {
		snprintf(num, sizeof(num), "%" PRIu64, v);
		ssf_text_print(o->f, fmt, name ? name : alt ? alt : num);
	}
}
