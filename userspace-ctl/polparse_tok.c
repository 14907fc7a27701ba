// SPDX-License-Identifier: GPL-2.0
/*
 * Policy words: a line cut into words (double quotes with \" and \\
 * inside, '#' comments), a word or bytes quoted back for a message, and
 * the numbers and ranges words hold.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "polparse_int.h"

__attribute__((format(printf, 2, 3)))
int ssf_fail(struct ssfctl_polerr *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

const char *ssf_qbytes(struct ssfctl_qword *q, const char *s, size_t len)
{
	size_t i, o = 0;

	q->s[o++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		/* room for the longest escape plus `..."` and the NUL */
		if (o + 4 + 5 > sizeof(q->s)) {
			memcpy(q->s + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\') {
			q->s[o++] = '\\';
			q->s[o++] = c;
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(q->s + o, 5, "\\x%02x", c);
			o += 4;
		} else {
			q->s[o++] = c;
		}
	}
	q->s[o++] = '"';
	q->s[o] = '\0';
	return q->s;
}

/* A word's value, quoted for a message. */
const char *ssf_q(struct ssfctl_qword *q, const struct ssfctl_tok *t)
{
	return ssf_qbytes(q, t->s, t->len);
}

/* A word as written (quotes included), quoted for a message. */
const char *ssf_qraw(struct ssfctl_qword *q, const struct ssfctl_tok *t)
{
	return ssf_qbytes(q, t->raw, t->rawlen);
}

/* An unquoted word that is @s: keywords never match quoted words. */
bool ssf_tok_is(const struct ssfctl_tok *t, const char *s)
{
	return !t->quoted && strlen(s) == t->len && !memcmp(t->s, s, t->len);
}

static bool ssf_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int ssf_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "xHH" at @s (@len bytes) into *@b: what printers write for any byte. */
static bool ssf_hex_byte(const char *s, size_t len, unsigned char *b)
{
	int hi, lo;

	if (len < 3 || s[0] != 'x')
		return false;
	hi = ssf_hex_digit(s[1]);
	lo = ssf_hex_digit(s[2]);
	if (hi < 0 || lo < 0)
		return false;
	*b = (unsigned char)(hi << 4 | lo);
	return true;
}

int ssf_pol_words(const char *s, size_t len, struct ssfctl_tok *w, size_t max,
		  char *scratch, struct ssfctl_polerr *err)
{
	size_t i = 0, n = 0, start, o = 0;
	struct ssfctl_qword q;
	unsigned char b;

	while (i < len && s[i] != '#') {
		if (ssf_is_space(s[i])) {
			i++;
			continue;
		}
		if (n == max)
			return ssf_fail(err, "too many words (more than %d)",
					SSF_POL_MAX_WORDS), -1;
		start = i;
		if (s[i] != '"') {
			while (i < len && !ssf_is_space(s[i]) && s[i] != '#' &&
			       s[i] != '"')
				i++;
			if (i < len && s[i] == '"')
				return ssf_fail(err, "a quote inside the word %s (quote the whole word)",
						ssf_qbytes(&q, s + start, i + 1 - start)), -1;
			w[n] = (struct ssfctl_tok){ .s = s + start, .len = i - start,
				.raw = s + start, .rawlen = i - start };
			n++;
			continue;
		}
		w[n] = (struct ssfctl_tok){ .s = scratch + o, .quoted = true,
					 .raw = s + start };
		for (i++; i < len && s[i] != '"'; i++) {
			if (s[i] == '\\') {
				if (i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\')) {
					scratch[o++] = s[++i];
					continue;
				}
				if (ssf_hex_byte(s + i + 1, len - i - 1, &b)) {
					scratch[o++] = (char)b;
					i += 3;
					continue;
				}
				return ssf_fail(err, "unknown escape %s in a quoted string (only \\\", \\\\ and \\xHH)",
						ssf_qbytes(&q, s + i, i + 1 < len ? 2 : 1)), -1;
			}
			scratch[o++] = s[i];
		}
		if (i == len)
			return ssf_fail(err, "unterminated quoted string %s",
					ssf_qbytes(&q, s + start, len - start)), -1;
		i++;
		if (i < len && !ssf_is_space(s[i]) && s[i] != '#')
			return ssf_fail(err, "no space after the quoted string %s",
					ssf_qbytes(&q, s + start, i - start)), -1;
		w[n].len = (size_t)(scratch + o - w[n].s);
		w[n].rawlen = i - start;
		n++;
	}
	return (int)n;
}

/* Decimal digits only (no sign, no spaces), value <= @max. */
bool ssf_pol_u64(const char *s, size_t len, u64 max, u64 *out)
{
	u64 v = 0;
	size_t i;

	if (!len || len > 20)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v > (UINT64_MAX - (u64)(s[i] - '0')) / 10)
			return false;
		v = v * 10 + (u64)(s[i] - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

bool ssf_pol_uint(const char *s, size_t len, u32 max, u32 *out)
{
	u64 v;

	if (!ssf_pol_u64(s, len, max, &v))
		return false;
	*out = (u32)v;
	return true;
}

/*
 * "n" or "n-m" of unsigned numbers <= @max into *@lo, *@hi. False if the
 * text is not of that form or a number is too large.
 */
bool ssf_tok_range(const struct ssfctl_tok *t, u32 max, u32 *lo, u32 *hi)
{
	const char *dash = memchr(t->s, '-', t->len);
	size_t n = dash ? (size_t)(dash - t->s) : t->len;

	if (!ssf_pol_uint(t->s, n, max, lo))
		return false;
	*hi = *lo;
	return !dash || ssf_pol_uint(dash + 1, t->len - n - 1, max, hi);
}

/* Digits and dashes only: meant as a number or a range, not a name. */
bool ssf_tok_numeric(const struct ssfctl_tok *t)
{
	size_t i;

	if (t->quoted || !t->len)
		return false;
	for (i = 0; i < t->len; i++)
		if ((t->s[i] < '0' || t->s[i] > '9') && t->s[i] != '-')
			return false;
	return true;
}

/* The word as a C string in @buf, or false if it cannot be one. */
bool ssf_tok_cstr(const struct ssfctl_tok *t, char *buf, size_t size)
{
	if (t->len >= size || memchr(t->s, '\0', t->len))
		return false;
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return true;
}
