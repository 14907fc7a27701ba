// SPDX-License-Identifier: GPL-2.0
/*
 * JSON writer. Strings are escaped per RFC 8259: '"', '\\' and control
 * characters are escaped, valid UTF-8 passes through, and each byte of an
 * invalid UTF-8 sequence becomes U+FFFD, so the output is always valid JSON
 * whatever bytes a string holds.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void ssf_json_init(struct ssf_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

void ssf_json_end(struct ssf_json *j)
{
	fputc('\n', j->f);
}

/* Before any value or key: the comma that separates it from the previous. */
static void ssf_json_sep(struct ssf_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
}

static void ssf_json_open(struct ssf_json *j, char c)
{
	ssf_json_sep(j);
	fputc(c, j->f);
	/* Deeper than the bound only loses comma tracking, never memory. */
	if (j->depth < SSF_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void ssf_json_close(struct ssf_json *j, char c)
{
	fputc(c, j->f);
	if (j->depth)
		j->depth--;
}

void ssf_json_obj_open(struct ssf_json *j)
{
	ssf_json_open(j, '{');
}

void ssf_json_obj_close(struct ssf_json *j)
{
	ssf_json_close(j, '}');
}

void ssf_json_arr_open(struct ssf_json *j)
{
	ssf_json_open(j, '[');
}

void ssf_json_arr_close(struct ssf_json *j)
{
	ssf_json_close(j, ']');
}

/* Length of the valid UTF-8 sequence at @s (at most @len bytes), 0 if none. */
static size_t ssf_utf8_len(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n, i;

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
			n = ssf_utf8_len(s + i, len - i);
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

void ssf_json_key(struct ssf_json *j, const char *key)
{
	ssf_json_sep(j);
	ssf_json_write_str(j->f, key, strlen(key));
	fputc(':', j->f);
	j->after_key = true;
}

void ssf_json_strn(struct ssf_json *j, const char *s, size_t len)
{
	ssf_json_sep(j);
	ssf_json_write_str(j->f, s, len);
}

void ssf_json_str(struct ssf_json *j, const char *s)
{
	ssf_json_strn(j, s, strlen(s));
}

void ssf_json_u64(struct ssf_json *j, uint64_t v)
{
	ssf_json_sep(j);
	fprintf(j->f, "%" PRIu64, v);
}

void ssf_json_bool(struct ssf_json *j, bool v)
{
	ssf_json_sep(j);
	fputs(v ? "true" : "false", j->f);
}

void ssf_json_null(struct ssf_json *j)
{
	ssf_json_sep(j);
	fputs("null", j->f);
}

void ssf_json_kv_str(struct ssf_json *j, const char *key, const char *s)
{
	ssf_json_key(j, key);
	ssf_json_str(j, s);
}

void ssf_json_kv_u64(struct ssf_json *j, const char *key, uint64_t v)
{
	ssf_json_key(j, key);
	ssf_json_u64(j, v);
}

void ssf_json_kv_bool(struct ssf_json *j, const char *key, bool v)
{
	ssf_json_key(j, key);
	ssf_json_bool(j, v);
}
